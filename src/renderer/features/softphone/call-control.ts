// What the agent does to calls: answer, decline, hang up, dial, hold, mute, DTMF, pause the
// recording. Each action checks the call can take it now (a stale click is a no-op) and
// leaves its outcome in the store.
import { Inviter, SessionState, UserAgent, type Invitation, type Web } from 'sip.js';
import { recordCallEvent } from './call-events.js';
import { attach, newCall } from './call-session.js';
import { mediaOptions } from './device-routing.js';
import { dialTarget } from './dial-target.js';
import { type SoftphoneEngine } from './engine-state.js';
import { peerConnectionOf, setTracks } from './live-calls.js';
import { showPop } from './pop.js';
import { stopRinging } from './ringtone.js';
import { lookupCaller } from './screen-pop.js';
import { findCall, useSoftphoneStore } from './store.js';

const store = useSoftphoneStore;

/** The URI a number or extension calls on this agent's SIP domain, if it is callable. */
export function targetUri(engine: SoftphoneEngine, number: string): ReturnType<typeof UserAgent.makeURI> {
  const domain = engine.agent.credentials?.domain;
  const target = domain ? dialTarget(number, domain) : null;
  return target ? UserAgent.makeURI(target) : undefined;
}

/** Puts every other call in progress on hold (call waiting, a new outgoing call). */
async function holdOthers(engine: SoftphoneEngine, exceptId: string | null): Promise<void> {
  for (const other of store.getState().calls) {
    if (other.id !== exceptId && other.state === 'active' && !other.held) await setHold(engine, other.id, true);
  }
}

export async function answer(engine: SoftphoneEngine, id: string): Promise<void> {
  const l = engine.live.get(id);
  const call = findCall(id);
  if (!l || !call || call.state !== 'ringing' || call.direction !== 'inbound') return;
  // Call waiting: the call in progress goes on hold first.
  await holdOthers(engine, id);
  stopRinging();
  store.setState({ focusedCallId: id });
  // Set-up time of an inbound call runs from the agent's answer to media established.
  l.inviteAt = performance.now();
  await (l.session as Invitation).accept({ sessionDescriptionHandlerOptions: mediaOptions() });
}

export async function decline(engine: SoftphoneEngine, id: string): Promise<void> {
  const l = engine.live.get(id);
  if (!l || findCall(id)?.state !== 'ringing') return;
  store.getState().patchCall(id, { endReason: 'declined' });
  await (l.session as Invitation).reject({ statusCode: 486, reasonPhrase: 'Busy Here' });
}

export async function hangup(engine: SoftphoneEngine, id: string): Promise<void> {
  const s = engine.live.get(id)?.session;
  if (!s) return;
  if (s.state === SessionState.Established) await s.bye();
  else if (s instanceof Inviter) await s.cancel();
  else if (s.state === SessionState.Initial || s.state === SessionState.Establishing) await (s as Invitation).reject();
}

/**
 * Calls a number (any Indonesian form) or an agent extension; answers the new call's id,
 * or null when not registered or the number is not callable. A consult call (attended
 * transfer) names the call it is for and has no screen pop.
 */
export async function dial(engine: SoftphoneEngine, number: string, consultFor: string | null = null): Promise<string | null> {
  const ua = engine.agent.userAgent;
  if (!ua || store.getState().registration !== 'registered') return null;
  const target = targetUri(engine, number);
  if (!target) return null;
  await holdOthers(engine, null);
  const inviteAt = performance.now();
  const inviter = new Inviter(ua, target, { sessionDescriptionHandlerOptions: mediaOptions() });
  const id = inviter.id;
  const view = { ...newCall(id, 'outbound', number, 'dialing'), consultFor };
  attach(engine, id, inviter, inviteAt);
  store.setState((s) => ({ calls: [...s.calls, view], focusedCallId: id }));
  if (!consultFor) showPop(id, lookupCaller(number, inviteAt), inviteAt);
  else store.getState().patchCall(id, { pop: { status: 'unknown', e164: null } });
  await inviter.invite({
    requestDelegate: {
      onReject: (response) => store.getState().patchCall(id, { endReason: `${response.message.statusCode} ${response.message.reasonPhrase}` }),
    },
  });
  return id;
}

/** Hold / resume by re-INVITE. The UI shows "held" only once the far end accepted it. */
export async function setHold(engine: SoftphoneEngine, id: string, hold: boolean): Promise<void> {
  const l = engine.live.get(id);
  const call = findCall(id);
  if (!l || !call || call.state !== 'active' || call.held === hold || call.holdPending) return;
  store.getState().patchCall(id, { holdPending: true, holdError: null });
  const options: Web.SessionDescriptionHandlerOptions = { ...(l.session.sessionDescriptionHandlerOptionsReInvite as Web.SessionDescriptionHandlerOptions), hold };
  l.session.sessionDescriptionHandlerOptionsReInvite = options;
  const done = (ok: boolean, error: string | null) => {
    const now = Date.now();
    const current = findCall(id);
    if (!current) return;
    if (ok) {
      let holdMs = current.holdMs;
      if (hold) l.heldSince = now;
      else if (l.heldSince) { holdMs += now - l.heldSince; l.heldSince = null; }
      setTracks(l.session, { send: !hold && !current.muted, receive: !hold });
      store.getState().patchCall(id, { held: hold, holdPending: false, holdError: null, holdMs });
      recordCallEvent(id, hold ? 'held' : 'resumed');
    } else {
      const reverted: Web.SessionDescriptionHandlerOptions = { ...options, hold: !hold };
      l.session.sessionDescriptionHandlerOptionsReInvite = reverted;
      store.getState().patchCall(id, { holdPending: false, holdError: error });
    }
  };
  await new Promise<void>((resolve) => {
    l.session.invite({
      requestDelegate: {
        onAccept: () => { done(true, null); resolve(); },
        onReject: (response) => { done(false, `${response.message.statusCode} ${response.message.reasonPhrase}`); resolve(); },
      },
    }).catch((error: unknown) => { done(false, error instanceof Error ? error.message : String(error)); resolve(); });
  });
}

export function setMute(engine: SoftphoneEngine, id: string, muted: boolean): void {
  const l = engine.live.get(id);
  const call = findCall(id);
  if (!l || !call) return;
  setTracks(l.session, { send: !muted && !call.held, receive: !call.held });
  store.getState().patchCall(id, { muted });
}

const DTMF = /^[0-9*#A-D]$/;
export async function sendDtmf(engine: SoftphoneEngine, id: string, digit: string): Promise<void> {
  const l = engine.live.get(id);
  if (!l || !DTMF.test(digit) || l.session.state !== SessionState.Established) return;
  // SIP INFO (application/dtmf-relay): carried by every proxy, PBX and trunk we meet.
  await l.session.info({
    requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=160` } },
  });
  store.getState().patchCall(id, { dtmfSent: (findCall(id)?.dtmfSent ?? '') + digit });
}

export function setRecordingPaused(engine: SoftphoneEngine, id: string, paused: boolean): void {
  const l = engine.live.get(id);
  if (!l?.recorder) return;
  if (paused) l.recorder.pause(); else l.recorder.resume();
  store.getState().patchCall(id, { recording: paused ? 'paused' : 'on' });
}

/** ICE restarts of a call the far end accepted (the media tests). */
export function iceRestarts(engine: SoftphoneEngine, id: string): number {
  return engine.live.get(id)?.iceRestarts ?? 0;
}

/** Inbound RTP bytes of a call (getStats), for the status line and the media tests. */
export async function inboundBytes(engine: SoftphoneEngine, id: string): Promise<number> {
  const l = engine.live.get(id);
  const pc = l ? peerConnectionOf(l.session) : undefined;
  if (!pc) return 0;
  let bytes = 0;
  (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived ?? 0;
  });
  return bytes;
}
