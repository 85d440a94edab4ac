// A call's sip.js session → the call in the store: established (media on the speaker, the
// recording starts), terminated (the call leaves, a wrap-up is queued if the agent talked
// or dialled). Every call, incoming or outgoing, is attached here once.
import { v7 as uuidv7 } from 'uuid';
import { SessionState, type Session, type Web } from 'sip.js';
import { toE164 } from '../../../shared/phone.js';
import { logger } from '../../platform/logger.js';
import { routeAudio } from './devices.js';
import { type SoftphoneEngine } from './engine-state.js';
import { watchMedia } from './media-recovery.js';
import { startRecording } from './recorder.js';
import { stopRinging } from './ringtone.js';
import { findCall, useSoftphoneStore, type CallView } from './store.js';

const store = useSoftphoneStore;

/** A new call as the store shows it, before anything happened on it. */
export function newCall(
  id: string, direction: CallView['direction'], number: string, state: CallView['state'], callerVerified = direction === 'outbound',
): CallView {
  return {
    id, direction, number, e164: toE164(number), callerVerified, state, pop: { status: 'looking' }, revealed: direction === 'outbound', startedAt: Date.now(),
    answeredAt: null, endedAt: null, held: false, holdPending: false, holdError: null, holdMs: 0, muted: false,
    dtmfSent: '', endReason: null, recording: 'off', recordingId: null, consultFor: null, transferState: 'none', mediaRecovering: false,
    interactionId: uuidv7(),
  };
}

export function attach(engine: SoftphoneEngine, id: string, session: Session, inviteAt: number): void {
  engine.live.add(id, session, inviteAt);
  session.stateChange.addListener((state) => {
    if (state === SessionState.Established) void onEstablished(engine, id);
    if (state === SessionState.Terminated) void onTerminated(engine, id);
  });
  session.delegate = {
    // With a delegate sip.js leaves the answer to us: without the 200 OK the far end (a
    // carrier's gateway) retransmits the BYE and counts the call as not cleared.
    onBye: (bye) => {
      void bye.accept();
      store.getState().patchCall(id, { endReason: 'remote_hangup' });
    },
  };
}

async function onEstablished(engine: SoftphoneEngine, id: string): Promise<void> {
  const l = engine.live.get(id);
  if (!l) return;
  if (!store.getState().calls.some((c) => c.state === 'ringing' && c.id !== id)) stopRinging();
  const sdh = l.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  const setupMs = performance.now() - l.inviteAt;
  (window.__sapaCallSetupTimings ??= []).push(setupMs);
  store.getState().patchCall(id, { state: 'active', answeredAt: Date.now() });
  if (!sdh) return;
  watchMedia(engine, id);
  l.audio.srcObject = sdh.remoteMediaStream;
  void routeAudio(l.audio, 'speaker').then(() => l.audio.play()).catch(() => undefined);
  const call = findCall(id);
  // A consult leg is between two agents: not recorded.
  if (!engine.agent.credentials?.recordCalls || !call || call.consultFor) return;
  try {
    l.recorder = await startRecording(sdh.localMediaStream, sdh.remoteMediaStream);
    store.getState().patchCall(id, { recording: 'on', recordingId: l.recorder.recordingId });
  } catch (error) {
    logger.warn('recording did not start', error);
  }
}

async function onTerminated(engine: SoftphoneEngine, id: string): Promise<void> {
  const endedAt = Date.now(); // before the recorder's flush, which takes a moment
  const l = engine.live.remove(id);
  const call = findCall(id);
  if (!call) return;
  if (l) {
    l.audio.srcObject = null;
    if (l.recorder) await l.recorder.stop().catch((e: unknown) => logger.warn('recording stop failed', e));
  }
  const holdMs = call.holdMs + (l?.heldSince ? endedAt - l.heldSince : 0);
  const ended: CallView = { ...call, state: 'ended', endedAt, holdMs, endReason: call.endReason ?? (call.answeredAt ? 'hangup' : 'missed') };
  store.setState((s) => {
    const calls = s.calls.filter((c) => c.id !== id);
    // Every answered call and every call the agent placed gets a wrap-up (a transferred
    // one too: we talked); consult legs and unanswered incoming calls do not.
    const needsWrapUp = !call.consultFor && (call.answeredAt !== null || call.direction === 'outbound');
    return {
      calls,
      focusedCallId: s.focusedCallId === id ? (calls.find((c) => c.state !== 'ended')?.id ?? null) : s.focusedCallId,
      wrapUps: needsWrapUp ? [...s.wrapUps, ended] : s.wrapUps,
    };
  });
  if (!store.getState().calls.some((c) => c.state === 'ringing')) stopRinging();
}

declare global {
  interface Window {
    /** Call set-up times (ms, INVITE or answer → media), for the bench. */
    __sapaCallSetupTimings?: number[];
  }
}
