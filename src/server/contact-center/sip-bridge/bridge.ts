// The SIP bridge: turns what one site's Kamailio reports about trunk calls to a hotline
// (evapi events) into the router's calls (CallRouterPort), and the router's answers and
// offers into commands for that Kamailio: play the queue's prompts, ring the reserved
// agent, turn the caller away, or send the call to the other site.
//
// What a call is waiting for lives in PostgreSQL (the router) and in Kamailio (the
// suspended INVITE, by Call-ID), so any server instance can ring any waiting call and
// report any outcome. Only the announcements' timers are here, in the instance Kamailio
// told of the arrival; if it stops, the caller hears the music on (repeated) until an
// agent is offered, without position announcements.
import type { FastifyBaseLogger } from 'fastify';
import type { BridgeCommand, HeldCallEvent, KamailioEvent } from '../../../shared/sip-bridge.js';
import type { CallOffer, CallRouterPort, QueueStanding } from '../call-router-port.js';
import type { Prompt, QueuePrompts } from './prompts.js';
import { closeHoldMedia, openHoldMedia, playToCaller, type RtpengineNg } from './rtpengine-ng.js';

export interface SipBridgeOptions {
  router: CallRouterPort;
  siteCode: string;
  send(command: BridgeCommand): boolean;
  /** The site's rtpengine (the same one its Kamailio uses). */
  rtpengine: RtpengineNg;
  prompts: QueuePrompts;
  /** Other sites' Kamailio SIP addresses (host:port) for overflow, by site code. */
  peerSites: Record<string, string>;
  /**
   * Music between a waiting caller's announcements (ms): the next one starts this long after
   * the last one's prompts have ended, so a prompt is never cut and the music always plays.
   */
  announceEveryMs: number;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  now?: () => number;
}

export interface SipBridge {
  handle(event: KamailioEvent): Promise<void>;
  close(): void;
}

/** Times the music repeats after an announcement (rtpengine stops at the next play). */
const MUSIC_REPEAT = 999;
const MAX_RING_SEC = 120;
/**
 * How often a waiting caller's limits (the queue's longest wait, the overflow wait) are looked
 * at between announcements: an announcement may be 30 s and more away, and a caller must not
 * wait that much past the limit for their call-back offer or the other site.
 */
export const LIMIT_CHECK_MS = 3_000;

type OverLimit = NonNullable<QueueStanding['overLimit']>;

interface Waiting {
  callId: string; fromTag: string; timers: Set<NodeJS.Timeout>;
  /** Past a limit: the call-back promise or the overflow prompt plays; nothing else may start. */
  leaving?: boolean;
}

export function ringFailureReason(code: number): 'busy' | 'no_answer' | 'declined' | 'unreachable' {
  if (code === 486 || code === 600) return 'busy';
  if (code === 408) return 'no_answer';
  if (code === 603) return 'declined';
  return 'unreachable';
}

function splitReservation(reservation: string): { taskId: string; reservationId: string } | null {
  const [taskId, reservationId] = reservation.split(' ');
  return taskId && reservationId ? { taskId, reservationId } : null;
}

export function createSipBridge(options: SipBridgeOptions): SipBridge {
  const { router, prompts, log } = options;
  const now = options.now ?? Date.now;
  const waiting = new Map<string, Waiting>();

  const send = (command: BridgeCommand): boolean => {
    const ok = options.send(command);
    if (!ok) log.warn({ cmd: command.cmd, callId: command.cmd === 'hello' ? undefined : command.callId }, 'SIP bridge: Kamailio is not connected; command not sent');
    return ok;
  };
  const play = (call: Waiting, file: string, repeat: number): void => {
    playToCaller(options.rtpengine, call.callId, call.fromTag, file, repeat)
      .catch((error: unknown) => log.warn({ err: error, callId: call.callId, file }, 'SIP bridge: rtpengine did not play a prompt'));
  };

  const later = (call: Waiting, ms: number, fn: () => void): void => {
    const timer = setTimeout(() => { call.timers.delete(timer); fn(); }, ms);
    call.timers.add(timer);
  };
  const forget = (callId: string): void => {
    const call = waiting.get(callId);
    if (!call) return;
    for (const timer of call.timers) clearTimeout(timer);
    waiting.delete(callId);
  };
  /**
   * The caller no longer waits (answered, turned away, forwarded, gone): their hold media
   * ends — on any instance, since Kamailio's event may reach another bridge than the one
   * that opened it. rtpengine answers an error for a call it no longer has; nothing to do.
   */
  const release = (callId: string): void => {
    forget(callId);
    closeHoldMedia(options.rtpengine, callId).catch(() => undefined);
  };

  /** Plays the prompts one after the other, then the music on repeat. */
  const playThenMusic = (call: Waiting, list: Prompt[]): void => {
    const [first, ...rest] = list;
    if (!first) { play(call, prompts.music.file, MUSIC_REPEAT); return; }
    play(call, first.file, 1);
    later(call, first.ms, () => playThenMusic(call, rest));
  };

  /**
   * The prompts, the music, and the next announcement once the music has played
   * announceEveryMs. (Counted from the announcement's start, a short interval made the next
   * announcement cut the welcome and two chains of prompts play over each other.)
   */
  const announceThenMusic = (call: Waiting, list: Prompt[]): void => {
    playThenMusic(call, list);
    const spoken = list.reduce((ms, p) => ms + p.ms, 0);
    later(call, spoken + options.announceEveryMs, () => void announce(call)
      .catch((error: unknown) => log.warn({ err: error, callId: call.callId }, 'SIP bridge: announcement failed')));
  };

  /** Plays one prompt, then does `then` (turning the caller away or overflowing). */
  const playThen = (call: Waiting, prompt: Prompt, then: () => void): void => {
    play(call, prompt.file, 1);
    later(call, prompt.ms, then);
  };

  const standingPrompts = (position: number, expectedWaitSec: number | null): Prompt[] =>
    expectedWaitSec === null ? [prompts.position(position)] : [prompts.position(position), prompts.wait(Math.max(1, Math.round(expectedWaitSec / 60)))];

  const overflowTo = (call: Waiting, siteCode: string): void => {
    const target = options.peerSites[siteCode];
    if (!target) {
      log.warn({ callId: call.callId, siteCode }, 'SIP bridge: overflow to a site without a configured Kamailio (SAPA_SIP_PEER_SITES); the caller is turned away');
      release(call.callId);
      send({ cmd: 'reject', callId: call.callId, code: '480' });
      return;
    }
    playThen(call, prompts.overflow, () => { release(call.callId); send({ cmd: 'forward', callId: call.callId, target }); });
  };

  /** Past a limit: whatever was to play next is dropped, then the call-back or the overflow. */
  const leave = async (call: Waiting, overLimit: OverLimit): Promise<void> => {
    if (call.leaving) return;
    call.leaving = true;
    for (const timer of call.timers) clearTimeout(timer);
    call.timers.clear();
    if (overLimit.action === 'overflow') { overflowTo(call, overLimit.toSiteCode); return; }
    await router.convertToCallback(call.callId);
    playThen(call, prompts.callback, () => { release(call.callId); send({ cmd: 'reject', callId: call.callId, code: '480' }); });
  };

  const announce = async (call: Waiting): Promise<void> => {
    if (!waiting.has(call.callId) || call.leaving) return;
    const standing = await router.standing(call.callId);
    if (!standing) { forget(call.callId); return; }
    if (standing.overLimit) { await leave(call, standing.overLimit); return; }
    announceThenMusic(call, standingPrompts(standing.position, standing.expectedWaitSec));
  };

  /** Looks at the caller's limits every LIMIT_CHECK_MS while they wait (announcements or not). */
  const watchLimits = (call: Waiting): void => {
    later(call, LIMIT_CHECK_MS, () => void (async () => {
      if (!waiting.has(call.callId) || call.leaving) return;
      const standing = await router.standing(call.callId);
      if (!standing) return;
      if (standing.overLimit) await leave(call, standing.overLimit);
      else watchLimits(call);
    })().catch((error: unknown) => log.warn({ err: error, callId: call.callId }, 'SIP bridge: limit check failed')));
  };

  const ring = (callId: string, extension: string, taskId: string, reservationId: string, expiresAt: Date): boolean => {
    const ringSec = Math.min(MAX_RING_SEC, Math.max(1, Math.round((expiresAt.getTime() - now()) / 1000)));
    return send({ cmd: 'ring', callId, extension, ringSec: String(ringSec), reservation: `${taskId} ${reservationId}` });
  };

  /** First the caller's early media (183), then the router's answer. */
  const arrive = async (event: HeldCallEvent): Promise<void> => {
    let sdp: string;
    try {
      sdp = await openHoldMedia(options.rtpengine, event.callId, event.fromTag, Buffer.from(event.sdp64, 'base64').toString('utf8'));
    } catch (error) {
      log.warn({ err: error, callId: event.callId }, 'SIP bridge: no early media for a waiting caller; turned away');
      send({ cmd: 'reject', callId: event.callId, code: '503' });
      return;
    }
    send({ cmd: 'early', callId: event.callId, sdp64: Buffer.from(sdp, 'utf8').toString('base64') });
  };

  /** The caller has the 183: ask the router, play what fits the answer. */
  const held = async (event: HeldCallEvent): Promise<void> => {
    const call: Waiting = { callId: event.callId, fromTag: event.fromTag, timers: new Set() };
    waiting.set(call.callId, call);
    const answer = await router.arrive({ sipCallId: event.callId, callerNumber: event.caller, dialledNumber: event.dialled, siteCode: event.site, trusted: event.trusted });
    switch (answer.outcome) {
      case 'ring':
        announceThenMusic(call, []);
        watchLimits(call);
        if (!ring(call.callId, answer.extension, answer.taskId, answer.reservationId, new Date(now() + 20_000))) {
          await router.ringFailed(answer.taskId, answer.reservationId, 'unreachable');
        }
        return;
      case 'queued':
        announceThenMusic(call, [prompts.welcome, ...standingPrompts(answer.position, answer.expectedWaitSec)]);
        watchLimits(call);
        return;
      case 'overflow':
        overflowTo(call, answer.toSiteCode);
        return;
      case 'rejected':
        if (answer.reason === 'closed') playThen(call, prompts.closed, () => { release(call.callId); send({ cmd: 'reject', callId: call.callId, code: '480' }); });
        else { release(call.callId); send({ cmd: 'reject', callId: call.callId, code: '404' }); }
        return;
    }
  };

  const unsubscribe = router.onCallOffer(options.siteCode, (offer: CallOffer) => {
    if (!ring(offer.sipCallId, offer.extension, offer.taskId, offer.reservationId, offer.expiresAt)) {
      void router.ringFailed(offer.taskId, offer.reservationId, 'unreachable')
        .catch((error: unknown) => log.warn({ err: error }, 'SIP bridge: could not report an unreachable offer'));
    }
  });

  return {
    async handle(event) {
      switch (event.event) {
        case 'arrive':
          await arrive(event);
          return;
        case 'held':
          await held(event);
          return;
        case 'ring_failed': {
          const reservation = splitReservation(event.reservation);
          if (reservation) await router.ringFailed(reservation.taskId, reservation.reservationId, ringFailureReason(event.code));
          return;
        }
        case 'answered': {
          release(event.callId);
          const reservation = splitReservation(event.reservation);
          if (reservation) await router.answered(reservation.taskId, reservation.reservationId);
          return;
        }
        case 'ended':
          release(event.callId);
          await router.ended(event.callId, event.reason);
          return;
      }
    },
    close() {
      unsubscribe();
      for (const callId of [...waiting.keys()]) forget(callId);
    },
  };
}
