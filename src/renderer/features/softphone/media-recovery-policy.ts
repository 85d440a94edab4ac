// When a call with broken media is re-INVITEd with an ICE restart (pure; media-recovery.ts
// does it). The media counts as broken when ICE says so (disconnected, failed) or when no
// audio has arrived for STALL_MS on a call that is not on hold: Chromium reports
// "disconnected" only after about 5 s without packets, and a path that changed under the
// call (a Wi-Fi roam, a VPN re-dial) never heals without a restart. The restart leaves only
// once the SIP transport is up to carry it.
export type IceState = RTCIceConnectionState;

/** How often an active call's media is looked at (one getStats per look). */
export const RECOVERY_TICK_MS = 500;
/** No inbound audio for this long on a call not on hold: the path is broken. */
export const STALL_MS = 2000;
/** A restart re-INVITE without an answer by then counts as failed (and is tried again). */
export const RESTART_TIMEOUT_MS = 10_000;
/** After an accepted restart, the new checks get this long before another attempt. */
export const RESTART_SETTLE_MS = 3000;

export interface MediaHealth {
  ice: IceState;
  /** ms since the inbound RTP byte counter last grew. */
  stalledMs: number;
  /** On hold: the far end may rightly send nothing. */
  held: boolean;
}

export function mediaBroken(h: MediaHealth): boolean {
  return h.ice === 'disconnected' || h.ice === 'failed' || (!h.held && h.stalledMs >= STALL_MS);
}

export interface RecoveryInput extends MediaHealth {
  now: number;
  /** A restart re-INVITE is on its way. */
  inFlight: boolean;
  /** No new attempt before this (after an attempt). */
  notBefore: number;
  /** The SIP WebSocket is connected (a re-INVITE can leave). */
  transportUp: boolean;
}

/** 'healthy': nothing to do (or recovered); 'restart': send one now; 'wait': broken, not yet. */
export type RecoveryStep = 'healthy' | 'restart' | 'wait';

export function recoveryStep(input: RecoveryInput): RecoveryStep {
  if (!mediaBroken(input)) return 'healthy';
  if (input.inFlight || !input.transportUp || input.now < input.notBefore) return 'wait';
  return 'restart';
}
