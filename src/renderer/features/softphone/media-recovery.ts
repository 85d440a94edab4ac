// A call survives a bad link: when a call's media breaks (media-recovery-policy.ts: ICE
// disconnected or failed, or no audio for 2 s off hold) the call is re-INVITEd with an ICE
// restart as soon as the SIP transport is up again (ua.ts reconnects it, to another proxy if
// need be), instead of leaving the agent on a silent call. The card says the audio is being
// reconnected meanwhile.
import { SessionState, type Web } from 'sip.js';
import { logger } from '../../platform/logger.js';
import { type SoftphoneEngine } from './engine-state.js';
import { peerConnectionOf } from './live-calls.js';
import { RECOVERY_TICK_MS, RESTART_SETTLE_MS, RESTART_TIMEOUT_MS, recoveryStep, type IceState } from './media-recovery-policy.js';
import { findCall, useSoftphoneStore } from './store.js';

const store = useSoftphoneStore;

interface Recovery {
  bytes: number;
  grewAt: number;
  attempts: number;
  inFlight: boolean;
  notBefore: number;
}

async function inboundAudioBytes(pc: RTCPeerConnection): Promise<number> {
  let bytes = 0;
  (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived ?? 0;
  });
  return bytes;
}

/** Watches an established call's media until the call ends. */
export function watchMedia(engine: SoftphoneEngine, id: string): void {
  const l = engine.live.get(id);
  if (!l || !peerConnectionOf(l.session)) return;
  const r: Recovery = { bytes: 0, grewAt: Date.now(), attempts: 0, inFlight: false, notBefore: 0 };
  let looking = false;
  const timer = setInterval(() => {
    if (looking) return;
    looking = true;
    void look().finally(() => { looking = false; });
  }, RECOVERY_TICK_MS);

  const look = async () => {
    // The session's peer connection, read each time (an answer may replace nothing, but a
    // terminated session has none).
    const pc = peerConnectionOf(l.session);
    const call = findCall(id);
    if (!engine.live.has(id) || l.session.state !== SessionState.Established || !pc || !call) { clearInterval(timer); return; }
    const now = Date.now();
    const bytes = await inboundAudioBytes(pc).catch(() => r.bytes);
    if (bytes > r.bytes) { r.bytes = bytes; r.grewAt = now; }
    const step = recoveryStep({
      ice: pc.iceConnectionState as IceState, stalledMs: now - r.grewAt, held: call.held, now,
      inFlight: r.inFlight, notBefore: r.notBefore, transportUp: engine.agent.userAgent?.isConnected() ?? false,
    });
    if (step === 'healthy') {
      r.attempts = 0;
      if (call.mediaRecovering) store.getState().patchCall(id, { mediaRecovering: false });
      return;
    }
    if (!call.mediaRecovering) {
      logger.info('call media broken', { ice: pc.iceConnectionState, stalledMs: now - r.grewAt });
      store.getState().patchCall(id, { mediaRecovering: true });
    }
    if (step === 'restart') void restartIce(engine, id, r);
  };
}

/** One re-INVITE with an ICE restart; the options of later re-INVITEs (hold) stay as they were. */
async function restartIce(engine: SoftphoneEngine, id: string, r: Recovery): Promise<void> {
  const l = engine.live.get(id);
  if (!l) return;
  r.inFlight = true;
  r.attempts++;
  const before = l.session.sessionDescriptionHandlerOptionsReInvite as Web.SessionDescriptionHandlerOptions | undefined;
  const restart: Web.SessionDescriptionHandlerOptions = { ...before, offerOptions: { ...before?.offerOptions, iceRestart: true } };
  const outcome = await new Promise<{ ok: true } | { ok: false; code: number | null }>((resolve) => {
    // sip.js calls no delegate when a re-INVITE's transaction times out: without this the
    // recovery would wait for an answer forever.
    setTimeout(() => resolve({ ok: false, code: null }), RESTART_TIMEOUT_MS);
    l.session.invite({
      sessionDescriptionHandlerOptions: restart,
      requestDelegate: {
        onAccept: () => resolve({ ok: true }),
        onReject: (response) => resolve({ ok: false, code: response.message.statusCode ?? null }),
      },
    }).catch(() => resolve({ ok: false, code: null }));
  });
  l.session.sessionDescriptionHandlerOptionsReInvite = before ?? {};
  r.inFlight = false;
  logger.info('ICE restart re-INVITE', { attempt: r.attempts, ...outcome });
  if (outcome.ok) {
    l.iceRestarts++;
    r.notBefore = Date.now() + RESTART_SETTLE_MS;
    return;
  }
  // 481/408: the far end or the proxy no longer knows the dialog — nobody is listening, the
  // call is over (a hang-up that never reached us). Anything else: try again shortly (491:
  // both ends restarted at once; a random pause breaks the tie, RFC 3261 §14.1).
  if (outcome.code === 481 || outcome.code === 408) {
    logger.warn('the call is gone on the far side; ending it', { code: outcome.code });
    store.getState().patchCall(id, { endReason: 'media_lost' });
    await l.session.bye().catch(() => undefined);
    return;
  }
  r.notBefore = Date.now() + 500 + Math.random() * 1500;
}
