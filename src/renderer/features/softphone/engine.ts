// The one owner of the SIP user agent (sip.js UserAgent / Registerer / Inviter /
// Invitation): start with server-issued credentials, register, re-register after a
// transport loss with back-off, calls and their media, clean shutdown. Components call the
// exported actions; state goes to the softphone store.
import {
  Inviter, Registerer, RegistererState, SessionState, UserAgent, type Invitation, type Session, type Web,
} from 'sip.js';
import { type SipCredentials } from '../../../shared/softphone.js';
import { toE164 } from '../../../shared/phone.js';
import { sapa } from '../../platform/sapa.js';
import { deviceIdFor, routeAudio, useDevicesStore, watchDevices } from './devices.js';
import { peekInvite } from './invite-peek.js';
import { startRecording, type CallRecorder } from './recorder.js';
import { closeRinger, prepareRinger, startRinging, stopRinging } from './ringtone.js';
import { afterPopShown, callerNumber, lookupCaller, type PopResult } from './screen-pop.js';
import { findCall, useSoftphoneStore, type CallView } from './store.js';

/** Delays between reconnect attempts; the last one repeats (a returning proxy is found within 5 s). */
const BACKOFF_MS = [500, 1000, 2000, 4000, 5000];
const REGISTER_EXPIRES_S = 300;
/**
 * A ringing call's card waits this long for its screen pop, so that a pop from the cache
 * paints together with the card in one render; past it the card shows "looking up" (a
 * server lookup, an unknown number). Rendering the card (and starting the ringtone) while
 * the lookup's answer was already waiting held the pop back by tens of ms.
 */
export const POP_REVEAL_MS = 100;
/** An early lookup whose INVITE never reached onInvite is forgotten after this. */
const EARLY_POP_TTL_MS = 10_000;

interface Live {
  session: Session;
  audio: HTMLAudioElement;
  recorder: CallRecorder | null;
  heldSince: number | null;
  /** performance.now() when the INVITE reached the renderer (screen-pop and set-up timing). */
  inviteAt: number;
}

let ua: UserAgent | null = null;
let registerer: Registerer | null = null;
let creds: SipCredentials | null = null;
let attempt = 0;
let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
let running = false;
let unwatchDevices: (() => void) | null = null;
const live = new Map<string, Live>();
/** Lookups started from the raw INVITE, by Call-ID, until sip.js hands over the Invitation. */
const earlyPops = new Map<string, { number: string; arrivalAt: number; popping: Promise<PopResult> }>();
const store = useSoftphoneStore;

function setRegistration(registration: 'off' | 'connecting' | 'registered' | 'failed', reason: string | null): void {
  store.setState({ registration, reason });
  if (registration === 'registered' && !store.getState().calls.some((c) => c.state !== 'ended')) void reportStatus('available');
}

export async function reportStatus(status: 'available' | 'on_call' | 'after_call_work' | 'break' | 'offline'): Promise<void> {
  try { await sapa().call('agent.setStatus', { status }); } catch { /* signed out: nothing to report */ }
}

function targetUri(number: string): ReturnType<typeof UserAgent.makeURI> {
  if (!creds) return undefined;
  const trimmed = number.trim();
  const user = /^[1-8]\d{3}$/.test(trimmed) ? trimmed : (toE164(trimmed) ?? trimmed).replace(/^\+/, '');
  if (!/^[0-9*#+]{2,20}$/.test(user)) return undefined;
  return UserAgent.makeURI(`sip:${user}@${creds.domain}`);
}

function mediaOptions(): Web.SessionDescriptionHandlerOptions {
  const mic = deviceIdFor('microphone');
  return { constraints: { audio: mic ? { deviceId: mic } : true, video: false } };
}

// ---- lifecycle ------------------------------------------------------------------------

export async function startSoftphone(): Promise<void> {
  if (running) return;
  running = true;
  setRegistration('connecting', null);
  void useDevicesStore.getState().refresh();
  unwatchDevices = watchDevices(() => void rerouteAudio());
  try {
    creds = await sapa().call('softphone.credentials', {});
  } catch (error) {
    running = false;
    setRegistration('failed', error instanceof Error ? error.message : String(error));
    return;
  }
  store.setState({ extension: creds.extension });
  const c = creds;
  ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${c.extension}@${c.domain}`),
    authorizationUsername: c.authUsername,
    authorizationPassword: c.password,
    displayName: c.displayName,
    transportOptions: { server: c.wsUrls[0], connectionTimeout: 5, keepAliveInterval: 15 },
    // No STUN: every media path of a call center is inside its own network.
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 500 },
    logBuiltinEnabled: false,
    reconnectionAttempts: 0, // reconnection is ours (back-off + re-register)
    // The 180 Ringing is sent by onInvite once the screen-pop lookup is on its way (sip.js
    // would send one before calling onInvite, and we sent a second).
    sendInitialProvisionalResponse: false,
    delegate: {
      onInvite: (invitation) => onInvite(invitation),
      onDisconnect: (error) => {
        if (!running) return;
        setRegistration('connecting', error ? `Lost the SIP proxy: ${error.message}` : 'Lost the SIP proxy');
        scheduleReconnect();
      },
    },
  });
  peekIncomingInvites(ua);
  prepareRinger();
  registerer = new Registerer(ua, { expires: REGISTER_EXPIRES_S });
  registerer.stateChange.addListener((state) => {
    if (state === RegistererState.Registered) { attempt = 0; setRegistration('registered', null); }
  });
  try {
    await ua.start();
    await register();
  } catch (error) {
    setRegistration('connecting', `Cannot reach the SIP proxy: ${error instanceof Error ? error.message : String(error)}`);
    scheduleReconnect();
  }
}

async function register(): Promise<void> {
  if (!registerer) return;
  await registerer.register({
    requestDelegate: {
      // After a reconnect the Registerer may still think it is registered (no state
      // change to listen for), so the 200 OK itself says we are back.
      onAccept: () => { attempt = 0; setRegistration('registered', null); },
      onReject: (response) => {
        const { statusCode, reasonPhrase } = response.message;
        setRegistration('failed', `${statusCode} ${reasonPhrase}`);
      },
    },
  });
}

function scheduleReconnect(): void {
  if (reconnectTimer || !running) return;
  const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 5000;
  attempt++;
  reconnectTimer = setTimeout(() => {
    reconnectTimer = null;
    if (!ua || !running) return;
    ua.reconnect().then(register).catch((error: unknown) => {
      setRegistration('connecting', `Reconnecting to the SIP proxy (attempt ${attempt}): ${error instanceof Error ? error.message : String(error)}`);
      scheduleReconnect();
    });
  }, delay);
}

export async function stopSoftphone(): Promise<void> {
  running = false;
  if (reconnectTimer) clearTimeout(reconnectTimer);
  reconnectTimer = null;
  unwatchDevices?.();
  closeRinger();
  earlyPops.clear();
  for (const id of [...live.keys()]) await hangup(id).catch(() => undefined);
  try { await registerer?.unregister(); } catch { /* transport already gone */ }
  try { await ua?.stop(); } catch { /* already stopped */ }
  ua = null;
  registerer = null;
  creds = null;
  store.setState({ registration: 'off', reason: null, extension: null, calls: [], focusedCallId: null });
}

// ---- calls ------------------------------------------------------------------------------

function newCall(id: string, direction: CallView['direction'], number: string, state: CallView['state']): CallView {
  return {
    id, direction, number, e164: toE164(number), state, pop: { status: 'looking' }, revealed: direction === 'outbound', startedAt: Date.now(),
    answeredAt: null, endedAt: null, held: false, holdPending: false, holdError: null, holdMs: 0, muted: false,
    dtmfSent: '', endReason: null, recording: 'off', recordingId: null, consultFor: null, transferState: 'none',
  };
}

/**
 * The screen pop starts on the INVITE's arrival: the caller's number is read off the raw
 * message and the lookup leaves before sip.js parses it and builds the Invitation.
 */
function peekIncomingInvites(agent: UserAgent): void {
  const transport = agent.transport;
  const deliver = transport.onMessage;
  transport.onMessage = (message: string) => {
    if (message.startsWith('INVITE ')) {
      const arrivalAt = performance.now();
      const peeked = peekInvite(message);
      if (peeked && !earlyPops.has(peeked.callId)) {
        const number = callerNumber(peeked.user, peeked.displayName);
        earlyPops.set(peeked.callId, { number, arrivalAt, popping: lookupCaller(number, arrivalAt) });
        setTimeout(() => earlyPops.delete(peeked.callId), EARLY_POP_TTL_MS);
      }
    }
    deliver?.(message);
  };
}

/** Puts a call's screen pop on its card when the lookup answers. */
function showPop(id: string, popping: Promise<PopResult>, inviteAt: number): void {
  void popping.then((result) => {
    store.getState().patchCall(id, { pop: result.pop });
    afterPopShown(result, inviteAt);
  });
}

function onInvite(invitation: Invitation): void {
  const callId = invitation.request.callId;
  const early = earlyPops.get(callId);
  earlyPops.delete(callId);
  const inviteAt = early?.arrivalAt ?? performance.now();
  const id = invitation.id;
  // Attended transfer arriving here: the new INVITE replaces a call we already have.
  const replaces = invitation.request.getHeader('Replaces');
  const replacedCallId = replaces ? decodeURIComponent(replaces).split(';')[0]?.trim() : undefined;
  const replaced = replacedCallId
    ? [...live.entries()].find(([, l]) => (l.session.dialog?.callId ?? (l.session as Invitation).request?.callId) === replacedCallId)
    : undefined;
  if (replaces) console.info('softphone: INVITE with Replaces', replaces, replaced ? 'matched' : 'no match');
  const number = callerNumber(invitation.remoteIdentity.uri.user, invitation.remoteIdentity.displayName);
  // Normally the lookup left on the INVITE's arrival; the card's render, the 180 and the
  // ringtone come after it and must not delay the pop.
  const popping = early && early.number === number ? early.popping : lookupCaller(number, inviteAt);
  const view = newCall(id, 'inbound', number, 'ringing');
  attach(id, invitation, inviteAt);
  if (replaced) {
    const [, old] = replaced;
    store.setState((s) => ({ calls: [...s.calls, { ...view, revealed: true }], focusedCallId: s.focusedCallId ?? id }));
    showPop(id, popping, inviteAt);
    void invitation.accept({ sessionDescriptionHandlerOptions: mediaOptions() }).then(() => {
      void old.session.bye().catch(() => undefined);
      store.setState({ focusedCallId: id });
    });
    return;
  }
  // In the store at once (answer, hotkeys and hang-up find it); on screen with its pop,
  // or after POP_REVEAL_MS with "looking up".
  store.setState((s) => ({ calls: [...s.calls, view], focusedCallId: s.focusedCallId ?? id }));
  void invitation.progress().catch(() => undefined); // 180 Ringing to the caller
  let revealed = false;
  const reveal = (patch: Partial<CallView>) => {
    const call = findCall(id);
    if (!call) return;
    store.getState().patchCall(id, { ...patch, revealed: true });
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
    afterPopShown(result, inviteAt);
  });
}

function attach(id: string, session: Session, inviteAt: number): void {
  const audio = new Audio();
  audio.autoplay = true;
  live.set(id, { session, audio, recorder: null, heldSince: null, inviteAt });
  session.stateChange.addListener((state) => {
    if (state === SessionState.Established) void onEstablished(id);
    if (state === SessionState.Terminated) void onTerminated(id);
  });
  session.delegate = {
    onBye: () => store.getState().patchCall(id, { endReason: 'remote_hangup' }),
  };
}

async function onEstablished(id: string): Promise<void> {
  const l = live.get(id);
  if (!l) return;
  if (!store.getState().calls.some((c) => c.state === 'ringing' && c.id !== id)) stopRinging();
  const sdh = l.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  const setupMs = performance.now() - l.inviteAt;
  (window.__sapaCallSetupTimings ??= []).push(setupMs);
  store.getState().patchCall(id, { state: 'active', answeredAt: Date.now() });
  void reportStatus('on_call');
  if (sdh) {
    l.audio.srcObject = sdh.remoteMediaStream;
    void routeAudio(l.audio, 'speaker').then(() => l.audio.play()).catch(() => undefined);
    const call = findCall(id);
    if (creds?.recordCalls && call && !call.consultFor) {
      try {
        l.recorder = await startRecording(sdh.localMediaStream, sdh.remoteMediaStream);
        store.getState().patchCall(id, { recording: 'on', recordingId: l.recorder.recordingId });
      } catch (error) {
        console.warn('recording did not start', error);
      }
    }
  }
}

async function onTerminated(id: string): Promise<void> {
  const endedAt = Date.now(); // before the recorder's flush, which takes a moment
  const l = live.get(id);
  live.delete(id);
  const call = findCall(id);
  if (!call) return;
  if (l) {
    l.audio.srcObject = null;
    if (l.recorder) await l.recorder.stop().catch((e: unknown) => console.warn('recording stop failed', e));
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
  if (store.getState().calls.length === 0) void reportStatus(store.getState().wrapUps.length > 0 ? 'after_call_work' : 'available');
}

export async function answer(id: string): Promise<void> {
  const l = live.get(id);
  const call = findCall(id);
  if (!l || !call || call.state !== 'ringing' || call.direction !== 'inbound') return;
  // Call waiting: the call in progress goes on hold first.
  for (const other of store.getState().calls) {
    if (other.id !== id && other.state === 'active' && !other.held) await setHold(other.id, true);
  }
  stopRinging();
  store.setState({ focusedCallId: id });
  // Set-up time of an inbound call runs from the agent's answer to media established.
  l.inviteAt = performance.now();
  await (l.session as Invitation).accept({ sessionDescriptionHandlerOptions: mediaOptions() });
}

export async function decline(id: string): Promise<void> {
  const l = live.get(id);
  if (!l || findCall(id)?.state !== 'ringing') return;
  store.getState().patchCall(id, { endReason: 'declined' });
  await (l.session as Invitation).reject({ statusCode: 486, reasonPhrase: 'Busy Here' });
}

export async function hangup(id: string): Promise<void> {
  const l = live.get(id);
  if (!l) return;
  const s = l.session;
  if (s.state === SessionState.Established) await s.bye();
  else if (s instanceof Inviter) await s.cancel();
  else if (s.state === SessionState.Initial || s.state === SessionState.Establishing) await (s as Invitation).reject();
}

/** Calls a number (any Indonesian form) or an agent extension. */
export async function dial(number: string, consultFor: string | null = null): Promise<string | null> {
  if (!ua || store.getState().registration !== 'registered') return null;
  const target = targetUri(number);
  if (!target) return null;
  for (const other of store.getState().calls) {
    if (other.state === 'active' && !other.held) await setHold(other.id, true);
  }
  const inviteAt = performance.now();
  const inviter = new Inviter(ua, target, { sessionDescriptionHandlerOptions: mediaOptions() });
  const id = inviter.id;
  const view = { ...newCall(id, 'outbound', number, 'dialing'), consultFor };
  attach(id, inviter, inviteAt);
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

function setTracks(session: Session, { send, receive }: { send: boolean; receive: boolean }): void {
  const pc = (session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection;
  pc?.getSenders().forEach((s) => { if (s.track) s.track.enabled = send; });
  pc?.getReceivers().forEach((r) => { r.track.enabled = receive; });
}

/** Hold / resume by re-INVITE. The UI shows "held" only once the far end accepted it. */
export async function setHold(id: string, hold: boolean): Promise<void> {
  const l = live.get(id);
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

export function setMute(id: string, muted: boolean): void {
  const l = live.get(id);
  const call = findCall(id);
  if (!l || !call) return;
  setTracks(l.session, { send: !muted && !call.held, receive: !call.held });
  store.getState().patchCall(id, { muted });
}

const DTMF = /^[0-9*#A-D]$/;
export async function sendDtmf(id: string, digit: string): Promise<void> {
  const l = live.get(id);
  if (!l || !DTMF.test(digit) || l.session.state !== SessionState.Established) return;
  // SIP INFO (application/dtmf-relay): carried by every proxy, PBX and trunk we meet.
  await l.session.info({
    requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=160` } },
  });
  store.getState().patchCall(id, { dtmfSent: (findCall(id)?.dtmfSent ?? '') + digit });
}

export async function blindTransfer(id: string, extension: string): Promise<boolean> {
  const l = live.get(id);
  const target = targetUri(extension);
  if (!l || !target) return false;
  store.getState().patchCall(id, { transferState: 'transferring' });
  return new Promise<boolean>((resolve) => {
    l.session.refer(target, {
      requestDelegate: {
        onAccept: () => { store.getState().patchCall(id, { transferState: 'done' }); void l.session.bye().catch(() => undefined); resolve(true); },
        onReject: () => { store.getState().patchCall(id, { transferState: 'failed' }); resolve(false); },
      },
    }).catch(() => { store.getState().patchCall(id, { transferState: 'failed' }); resolve(false); });
  });
}

/** Attended transfer, step 1: the customer waits on hold while the agent consults. */
export async function startConsult(id: string, extension: string): Promise<string | null> {
  if (!live.has(id)) return null;
  await setHold(id, true);
  return dial(extension, id);
}

/** Attended transfer, step 2: REFER with Replaces joins the customer to the consulted agent. */
export async function completeTransfer(consultId: string): Promise<boolean> {
  const consult = findCall(consultId);
  const originalId = consult?.consultFor ?? null;
  const original = originalId ? live.get(originalId) : undefined;
  const consultLive = live.get(consultId);
  if (!originalId || !original || !consultLive) return false;
  store.getState().patchCall(originalId, { transferState: 'transferring' });
  return new Promise<boolean>((resolve) => {
    original.session.refer(consultLive.session, {
      requestDelegate: {
        onAccept: () => {
          store.getState().patchCall(originalId, { transferState: 'done' });
          // The customer leaves us; our consult leg is replaced at the other agent.
          setTimeout(() => {
            void original.session.bye().catch(() => undefined);
            void consultLive.session.bye().catch(() => undefined);
          }, 2000);
          resolve(true);
        },
        onReject: () => { store.getState().patchCall(originalId, { transferState: 'failed' }); resolve(false); },
      },
    }).catch(() => { store.getState().patchCall(originalId, { transferState: 'failed' }); resolve(false); });
  });
}

export function setRecordingPaused(id: string, paused: boolean): void {
  const l = live.get(id);
  if (!l?.recorder) return;
  if (paused) l.recorder.pause(); else l.recorder.resume();
  store.getState().patchCall(id, { recording: paused ? 'paused' : 'on' });
}

async function rerouteAudio(): Promise<void> {
  for (const l of live.values()) await routeAudio(l.audio, 'speaker');
}

/** Switches the microphone of every call in progress (device chosen or unplugged). */
export async function switchMicrophone(): Promise<void> {
  for (const [id, l] of live) {
    const pc = (l.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection;
    const sender = pc?.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sender) continue;
    try {
      const mic = deviceIdFor('microphone');
      const stream = await navigator.mediaDevices.getUserMedia({ audio: mic ? { deviceId: mic } : true });
      const track = stream.getAudioTracks()[0];
      if (!track) continue;
      track.enabled = !findCall(id)?.muted && !findCall(id)?.held;
      await sender.replaceTrack(track);
    } catch (error) {
      console.warn('microphone switch failed; keeping the current one', error);
    }
  }
  await rerouteAudio();
}

/** Wrap-up saved (or dropped): the call leaves the queue. */
export function finishWrapUp(id: string): void {
  store.setState((s) => ({ wrapUps: s.wrapUps.filter((w) => w.id !== id) }));
  const s = store.getState();
  if (s.wrapUps.length === 0 && s.calls.length === 0) void reportStatus('available');
}

/** Inbound RTP bytes of a call (getStats), for the status line and the media tests. */
export async function inboundBytes(id: string): Promise<number> {
  const pc = (live.get(id)?.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection;
  if (!pc) return 0;
  let bytes = 0;
  (await pc.getStats()).forEach((r: { type: string; kind?: string; bytesReceived?: number }) => {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived ?? 0;
  });
  return bytes;
}

declare global {
  interface Window {
    __sapaCallSetupTimings?: number[];
    /** Read-only probes for tests and the bench (media counters, not controls). */
    __sapaSoftphone?: { inboundBytes: (id: string) => Promise<number>; focused: () => string | null };
  }
}
window.__sapaSoftphone = { inboundBytes, focused: () => store.getState().focusedCallId };
