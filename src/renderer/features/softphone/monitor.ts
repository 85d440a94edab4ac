// Listen, whisper and barge (decision 0024): the SIP legs at both ends. The lead's desktop
// calls the agent's extension with X-Sapa-Monitor: <session id> once the server has
// authorized the session; the agent's desktop answers such a call without ringing only when
// the server confirms that session is open, is for this agent and comes from that lead's
// extension — and answers it with its fork of the call in progress (monitor-mix.ts). In
// listen the lead's microphone is never on its sender (replaceTrack(null) before the offer
// leaves), so not one packet of it is sent; whisper and barge put it back. Mode changes come
// from the server (the lead's own answer, the agent's push); the monitor call is not in the
// softphone's call list, so presence, wrap-ups and recordings do not see it.
import { Inviter, SessionState, UserAgent, type Invitation, type Session, type Web } from 'sip.js';
import { MONITOR_HEADER, type MonitorMode, type MonitorSession } from '../../../shared/monitor.js';
import { logger } from '../../platform/logger.js';
import { sapa } from '../../platform/sapa.js';
import { mediaOptions } from './device-routing.js';
import { dialTarget } from './dial-target.js';
import { routeAudio } from './devices.js';
import { type SoftphoneEngine } from './engine-state.js';
import { peerConnectionOf } from './live-calls.js';
import { createAgentMix, type AgentMix } from './monitor-mix.js';
import { useMonitorStore } from './monitor-store.js';
import { useSoftphoneStore } from './store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const store = useMonitorStore;

interface Leg {
  sessionId: string;
  role: 'lead' | 'agent';
  session: Session;
  audio: HTMLAudioElement;
  mode: MonitorMode;
  /** Lead: the microphone sip.js opened (on the sender only in whisper and barge). */
  mic: MediaStreamTrack | null;
  /** Agent: the fork of the customer call, and that call's id. */
  mix: AgentMix | null;
  callId: string | null;
}

/** The one monitor leg of this desktop (a lead watches one agent; an agent is watched by one lead). */
let leg: Leg | null = null;

function audioSender(session: Session): RTCRtpSender | undefined {
  return peerConnectionOf(session)?.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.sender;
}

/** The lead's microphone goes on its sender in whisper and barge, and off it in listen. */
async function applyLeadMode(l: Leg, mode: MonitorMode): Promise<void> {
  l.mode = mode;
  const sender = audioSender(l.session);
  if (!sender) return;
  const want = mode === 'listen' ? null : l.mic;
  if (sender.track !== want) await sender.replaceTrack(want);
}

function endLeg(l: Leg): void {
  if (leg === l) leg = null;
  l.audio.srcObject = null;
  if (l.mix) void l.mix.close();
  l.mic?.stop();
  store.getState().patch(l.sessionId, { media: 'ended' });
  if (l.role === 'agent') store.setState((s) => (s.session?.sessionId === l.sessionId ? { session: null } : s));
}

async function hangupLeg(l: Leg): Promise<void> {
  const s = l.session;
  if (s.state === SessionState.Established) await s.bye().catch(() => undefined);
  else if (s instanceof Inviter && s.state === SessionState.Establishing) await s.cancel().catch(() => undefined);
  endLeg(l);
}

/** Lead: calls the agent for an authorized session. `clickedAt` (performance.now()) times the first audio. */
export async function startLeadLeg(engine: SoftphoneEngine, session: MonitorSession, clickedAt = performance.now()): Promise<void> {
  if (leg) await hangupLeg(leg);
  const ua = engine.agent.userAgent;
  const domain = engine.agent.credentials?.domain;
  const uri = domain ? dialTarget(session.agentExtension, domain) : null;
  const target = uri ? UserAgent.makeURI(uri) : undefined;
  store.setState({ session: { sessionId: session.id, role: 'lead', mode: session.mode, agentId: session.agentId, agentName: session.agentName, leadName: session.leadName, media: 'connecting', error: null, endReason: null } });
  if (!ua || !target || useSoftphoneStore.getState().registration !== 'registered') {
    store.getState().patch(session.id, { media: 'ended', error: 'not_registered' });
    throw new Error('not_registered');
  }
  const audio = new Audio();
  audio.autoplay = true;
  let l: Leg | null = null;
  const inviter = new Inviter(ua, target, {
    extraHeaders: [`${MONITOR_HEADER}: ${session.id}`],
    sessionDescriptionHandlerOptions: mediaOptions(),
    // Runs after sip.js put the microphone on the sender and before the offer is set and
    // sent: in listen it comes off again here, so no packet of it can ever leave.
    sessionDescriptionHandlerModifiers: [async (description) => {
      const sdh = inviter.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
      if (l && sdh) {
        l.mic = sdh.localMediaStream.getAudioTracks()[0] ?? null;
        await applyLeadMode(l, l.mode);
      }
      return description;
    }],
  });
  l = { sessionId: session.id, role: 'lead', session: inviter, audio, mode: session.mode, mic: null, mix: null, callId: null };
  leg = l;
  const current = l;
  inviter.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      const sdh = inviter.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
      if (sdh) {
        audio.srcObject = sdh.remoteMediaStream;
        void routeAudio(audio, 'speaker').then(() => audio.play()).catch(() => undefined);
      }
      void firstAudio(inviter, clickedAt).then((ms) => {
        if (ms !== null) (window.__sapaMonitorTimings ??= []).push(ms);
        store.getState().patch(session.id, { media: 'connected' });
      });
    }
    if (state === SessionState.Terminated) endLeg(current);
  });
  inviter.delegate = { onBye: (bye) => { void bye.accept(); } };
  await inviter.invite({
    requestDelegate: {
      onReject: (response) => store.getState().patch(session.id, { error: `${response.message.statusCode} ${response.message.reasonPhrase}` }),
    },
  });
}

/** Resolves with ms from `since` to the first inbound audio packet of the leg (null if it ended first). */
async function firstAudio(session: Session, since: number): Promise<number | null> {
  for (;;) {
    const pc = peerConnectionOf(session);
    if (!pc || session.state === SessionState.Terminated) return null;
    let packets = 0;
    (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number }) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') packets += r.packetsReceived ?? 0;
    });
    if (packets > 0) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Lead: the server accepted a mode change (or the agent's desktop heard one): apply it. */
export async function setLeadMode(session: MonitorSession): Promise<void> {
  const l = leg;
  store.getState().patch(session.id, { mode: session.mode });
  if (l?.role === 'lead' && l.sessionId === session.id) await applyLeadMode(l, session.mode);
}

/** Lead: stop (after the server ended the session) — hang up the monitor call. */
export async function stopLeadLeg(sessionId: string): Promise<void> {
  if (leg?.sessionId === sessionId) await hangupLeg(leg);
  store.setState((s) => (s.session?.sessionId === sessionId ? { session: null } : s));
}

/** True when the INVITE is a monitor call (incoming.ts hands it here instead of ringing). */
export function isMonitorInvite(invitation: Invitation): boolean {
  return invitation.request.hasHeader(MONITOR_HEADER);
}

/** Agent: a monitor call. Answered, silently, only for an open session of this agent from its lead. */
export async function answerMonitorInvite(engine: SoftphoneEngine, invitation: Invitation): Promise<void> {
  const refuse = (statusCode: number, why: string) => {
    logger.warn('monitor call refused', { why });
    return invitation.reject({ statusCode, reasonPhrase: statusCode === 403 ? 'Forbidden' : 'Temporarily Unavailable' }).catch(() => undefined);
  };
  const id = (invitation.request.getHeader(MONITOR_HEADER) ?? '').trim();
  if (!UUID.test(id)) return refuse(403, 'bad session id');
  let session: MonitorSession;
  try {
    session = await sapa().call('monitor.read', { id });
  } catch {
    return refuse(403, 'no such session');
  }
  const mine = engine.agent.credentials?.extension;
  if (session.endedAt || session.agentExtension !== mine || invitation.remoteIdentity.uri.user !== session.leadExtension) return refuse(403, 'not this session');
  // A session replaced by this one lets go of the call's senders first.
  if (leg) await hangupLeg(leg);
  // The call being listened to: the agent's active customer call.
  const calls = useSoftphoneStore.getState().calls.filter((c) => c.state === 'active' && !c.consultFor);
  const focused = useSoftphoneStore.getState().focusedCallId;
  const call = calls.find((c) => c.id === focused) ?? calls[0];
  const live = call ? engine.live.get(call.id) : undefined;
  const sdh = live?.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  const customerSender = live ? audioSender(live.session) : undefined;
  const mic = customerSender?.track ?? sdh?.localMediaStream.getAudioTracks()[0];
  if (!call || !sdh || !customerSender || !mic) return refuse(480, 'no call in progress');
  const audio = new Audio();
  audio.autoplay = true;
  void routeAudio(audio, 'speaker');
  const mix = createAgentMix({ mic, customer: sdh.remoteMediaStream, customerSender, leadAudio: audio });
  const l: Leg = { sessionId: id, role: 'agent', session: invitation, audio, mode: session.mode, mic: null, mix, callId: call.id };
  leg = l;
  store.setState({ session: { sessionId: id, role: 'agent', mode: session.mode, agentId: session.agentId, agentName: session.agentName, leadName: session.leadName, media: 'connecting', error: null, endReason: null } });
  invitation.stateChange.addListener((state) => {
    if (state === SessionState.Established) {
      const answer = invitation.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
      if (answer) mix.attachLead(answer.remoteMediaStream);
      void mix.apply(l.mode);
      store.getState().patch(id, { media: 'connected' });
    }
    if (state === SessionState.Terminated) endLeg(l);
  });
  invitation.delegate = { onBye: (bye) => { void bye.accept(); } };
  await invitation.accept({
    sessionDescriptionHandlerOptions: mediaOptions(),
    // sip.js opened a microphone for this answer; the fork goes on the sender instead.
    sessionDescriptionHandlerModifiers: [async (description) => {
      const sender = audioSender(invitation);
      const opened = sender?.track;
      if (sender && opened !== mix.toLead) {
        await sender.replaceTrack(mix.toLead);
        opened?.stop();
      }
      return description;
    }],
  }).catch((error: unknown) => {
    logger.warn('monitor answer failed', error);
    endLeg(l);
  });
}

/** A session of this user changed on the server (monitor.changed). */
export async function onMonitorPush(session: MonitorSession): Promise<void> {
  const l = leg;
  store.getState().patch(session.id, { mode: session.mode, endReason: session.endReason });
  if (!l || l.sessionId !== session.id) return;
  if (session.endedAt) { await hangupLeg(l); return; }
  if (l.role === 'agent' && l.mix) {
    l.mode = session.mode;
    store.getState().patch(session.id, { mode: session.mode });
    await l.mix.apply(session.mode);
  } else if (l.role === 'lead') {
    await setLeadMode(session);
  }
}

/** The agent's customer call ended: the lead's call on it ends too. */
export async function onCallEnded(callId: string): Promise<void> {
  if (leg?.role === 'agent' && leg.callId === callId) await hangupLeg(leg);
}

/** For the tests and the bench: the monitor leg's RTP (getStats) at this desktop. */
export async function monitorStats(): Promise<{ role: string; mode: string; packetsReceived: number; bytesReceived: number; audioLevel: number; packetsSent: number } | null> {
  const l = leg;
  const pc = l ? peerConnectionOf(l.session) : undefined;
  if (!l || !pc) return null;
  const out = { role: l.role, mode: l.mode, packetsReceived: 0, bytesReceived: 0, audioLevel: 0, packetsSent: 0 };
  (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsReceived?: number; bytesReceived?: number; audioLevel?: number; packetsSent?: number }) => {
    if (r.type === 'inbound-rtp' && r.kind === 'audio') {
      out.packetsReceived += r.packetsReceived ?? 0;
      out.bytesReceived += r.bytesReceived ?? 0;
      out.audioLevel = Math.max(out.audioLevel, r.audioLevel ?? 0);
    }
    if (r.type === 'outbound-rtp' && r.kind === 'audio') out.packetsSent += r.packetsSent ?? 0;
  });
  return out;
}

/** For the tests: what the monitor leg receives (the lead's page analyses the mix it hears). */
export function monitorRemoteStream(): MediaStream | null {
  const sdh = leg?.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  return sdh?.remoteMediaStream ?? null;
}

declare global {
  interface Window {
    /** Listen start times (ms, the lead's click → first audio packet), for the bench. */
    __sapaMonitorTimings?: number[];
  }
}

/** The softphone stops (sign-out): any monitor call of this desktop ends with it. */
export async function stopAnyLeg(): Promise<void> {
  if (leg) await hangupLeg(leg);
  store.setState({ session: null });
}
