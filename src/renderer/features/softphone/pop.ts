// When a call's screen pop starts and when its card shows. The lookup itself (cache, then
// server) is screen-pop.ts; here: the lookup leaves on the INVITE's arrival, read off the
// raw message before sip.js parses it, and a ringing card waits briefly for its pop so that
// card and pop paint together.
import { popDetail, recordCallEvent } from './call-events.js';
import { peekInvite } from './invite-peek.js';
import { startRinging } from './ringtone.js';
import { afterPopShown, callerNumber, lookupCaller, type PopResult } from './screen-pop.js';
import { findCall, useSoftphoneStore, type CallView } from './store.js';

/**
 * A ringing call's card waits this long for its screen pop, so that a pop from the cache
 * paints together with the card in one render; past it the card shows "looking up" (a
 * server lookup, an unknown number). Rendering the card (and starting the ringtone) while
 * the lookup's answer was already waiting held the pop back by tens of ms.
 */
export const POP_REVEAL_MS = 100;
/** An early lookup whose INVITE never reached onInvite is forgotten after this. */
const EARLY_POP_TTL_MS = 10_000;

interface EarlyPop { number: string; arrivalAt: number; popping: Promise<PopResult> }

/** Lookups started from the raw INVITE, by Call-ID, until sip.js hands over the Invitation. */
export class EarlyPops {
  private readonly byCallId = new Map<string, EarlyPop>();

  /** A raw message from the proxy: an initial INVITE starts its caller's lookup now. */
  peek(message: string): void {
    if (!message.startsWith('INVITE ')) return;
    const arrivalAt = performance.now();
    const peeked = peekInvite(message);
    if (!peeked || this.byCallId.has(peeked.callId)) return;
    const number = callerNumber(peeked.user, peeked.displayName);
    this.byCallId.set(peeked.callId, { number, arrivalAt, popping: lookupCaller(number, arrivalAt) });
    setTimeout(() => this.byCallId.delete(peeked.callId), EARLY_POP_TTL_MS);
  }

  /** When the INVITE with this Call-ID arrived (now, if it was not peeked). */
  arrivalOf(callId: string): number {
    return this.byCallId.get(callId)?.arrivalAt ?? performance.now();
  }

  /**
   * The lookup for the caller of this INVITE: the one that left on its arrival, or a new one
   * if the peek missed it or read another number. Either way the early entry is done.
   */
  take(callId: string, number: string, inviteAt: number): Promise<PopResult> {
    const early = this.byCallId.get(callId);
    this.byCallId.delete(callId);
    return early && early.number === number ? early.popping : lookupCaller(number, inviteAt);
  }

  clear(): void {
    this.byCallId.clear();
  }
}

/** Puts a call's screen pop on its card when the lookup answers (the card is already shown). */
export function showPop(id: string, popping: Promise<PopResult>, inviteAt: number): void {
  void popping.then((result) => {
    useSoftphoneStore.getState().patchCall(id, { pop: result.pop });
    recordCallEvent(id, 'pop_shown', popDetail(result.pop));
    afterPopShown(result, inviteAt);
  });
}

/**
 * A ringing call already in the store (answerable) goes on screen with its pop, or after
 * POP_REVEAL_MS with "looking up"; the ringtone starts once the card has rendered.
 */
export function revealWithPop(id: string, popping: Promise<PopResult>, inviteAt: number): void {
  let revealed = false;
  const reveal = (patch: Partial<CallView>) => {
    if (!findCall(id)) return;
    useSoftphoneStore.getState().patchCall(id, { ...patch, revealed: true });
    if (revealed) return;
    revealed = true;
    // The ringtone after the card's render, in a task of its own.
    setTimeout(() => { if (findCall(id)?.state === 'ringing') startRinging(); }, 0);
  };
  const timer = setTimeout(() => reveal({}), POP_REVEAL_MS);
  void popping.then((result) => {
    clearTimeout(timer);
    if (!findCall(id)) return; // over before its pop came back
    reveal({ pop: result.pop });
    recordCallEvent(id, 'pop_shown', popDetail(result.pop));
    afterPopShown(result, inviteAt);
  });
}
