// Screen pop: the caller's number → the customer (cache first, then the server with a
// short timeout, both inside core's customers.lookupByPhone) → their profile on screen
// while it still rings; pop.ts decides when the lookup starts and when the card shows.
// Timings are kept for the bench (window.__sapaScreenPopTimings).
import { toE164 } from '../../../shared/phone.js';
import { sapa } from '../../platform/sapa.js';
import { useCustomerStore } from '../customer/store.js';
import { useHistoryStore } from '../history/store.js';
import { type ScreenPop } from './store.js';

/**
 * All from the INVITE's arrival on the proxy's WebSocket (pop.ts): sentMs → the lookup
 * request left the renderer; lookupMs → core's answer is back; commitMs → the pop is
 * committed to the DOM (React); ms → the next frame starts (the pop is painted in it).
 * inviteAt is that arrival in performance.now() time.
 */
export interface PopTiming { source: string; ms: number; lookupMs: number; sentMs: number; commitMs: number; inviteAt: number }
declare global {
  interface Window { __sapaScreenPopTimings?: PopTiming[] }
}

export interface PopResult {
  pop: ScreenPop;
  sentMs: number;
  lookupMs: number;
}

/** The caller number from a SIP URI user part / display name, as an agent would read it. */
export function callerNumber(user: string | undefined, displayName: string | undefined): string {
  const candidate = (user ?? '').trim() || (displayName ?? '').trim();
  return candidate.slice(0, 64) || 'anonymous';
}

export async function lookupCaller(number: string, inviteAt: number): Promise<PopResult> {
  const e164 = toE164(number);
  if (!e164) return { pop: { status: 'unknown', e164: null }, sentMs: 0, lookupMs: 0 };
  let sentMs = 0;
  try {
    const request = sapa().call('customers.lookupByPhone', { phone: e164 });
    sentMs = performance.now() - inviteAt;
    const answer = await request;
    const lookupMs = performance.now() - inviteAt;
    if (answer.customers.length === 0 || answer.source === 'none') return { pop: { status: 'unknown', e164 }, sentMs, lookupMs };
    return { pop: { status: 'found', customers: answer.customers, source: answer.source }, sentMs, lookupMs };
  } catch {
    return { pop: { status: 'unknown', e164 }, sentMs, lookupMs: performance.now() - inviteAt };
  }
}

/**
 * Call right after the pop went into the store: notes its timing once it is rendered, then
 * opens a single match's full profile and history. Loading them before the pop was painted
 * made the (much larger) profile render compete with the name and tier the agent needs first.
 */
export function afterPopShown({ pop, sentMs, lookupMs }: PopResult, inviteAt: number): void {
  if (pop.status !== 'found') return;
  let commitMs = 0;
  // The store update renders in a microtask queued before this one (React's sync lane).
  queueMicrotask(() => { commitMs = performance.now() - inviteAt; });
  requestAnimationFrame(() => {
    (window.__sapaScreenPopTimings ??= []).push({ source: pop.source, ms: performance.now() - inviteAt, lookupMs, sentMs, commitMs, inviteAt });
    const first = pop.customers[0];
    if (first && pop.customers.length === 1) {
      setTimeout(() => {
        void useCustomerStore.getState().open(first.id);
        void useHistoryStore.getState().load(first.id);
      }, 0);
    }
  });
}
