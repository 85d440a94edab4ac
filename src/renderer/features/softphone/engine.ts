// The softphone's front door: the one engine (state in engine-state.ts) and the actions
// components call. Each action lives in the module of its concern (README.md lists them);
// this file wires them together and owns start and stop.
import { type AgentStatus } from '../../../shared/softphone.js';
import { sapa } from '../../platform/sapa.js';
import * as calls from './call-control.js';
import { rerouteAudio, switchMicrophone as switchCallsMicrophone } from './device-routing.js';
import { useDevicesStore, watchDevices } from './devices.js';
import { type SoftphoneEngine } from './engine-state.js';
import { onInvite } from './incoming.js';
import { LiveCalls } from './live-calls.js';
import * as monitor from './monitor.js';
import { MONITOR_HEADER, type MonitorSession } from '../../../shared/monitor.js';
import { EarlyPops } from './pop.js';
import { watchPresence } from './presence.js';
import { watchRingingAttention } from './ringing-attention.js';
import { closeRinger, isRinging, prepareRinger } from './ringtone.js';
import { useSoftphoneStore } from './store.js';
import * as transfers from './transfers.js';
import { SipAgent } from './ua.js';

const store = useSoftphoneStore;

const engine: SoftphoneEngine = {
  agent: new SipAgent({
    onInvite: (invitation) => onInvite(engine, invitation),
    // A monitor call is no customer: no screen-pop lookup for it.
    onRawMessage: (message) => { if (!message.includes(`\n${MONITOR_HEADER}:`)) engine.pops.peek(message); },
  }),
  live: new LiveCalls(),
  pops: new EarlyPops(),
  unsubscribe: [],
};

async function reportStatus(status: AgentStatus): Promise<boolean> {
  try {
    return (await sapa().call('agent.setStatus', { status })).reported;
  } catch {
    return false; // signed out: nothing to report
  }
}

export async function startSoftphone(): Promise<void> {
  if (engine.agent.isRunning) return;
  void useDevicesStore.getState().refresh();
  engine.unsubscribe.push(watchDevices(() => void rerouteAudio(engine.live)));
  const starting = engine.agent.start();
  // The agent's status follows the softphone's state from now on (presence.ts decides it).
  engine.unsubscribe.push(watchPresence(store, reportStatus).stop);
  engine.unsubscribe.push(watchRingingAttention(store));
  // Listen, whisper, barge: the server's word on a session of ours (monitor.ts).
  engine.unsubscribe.push(sapa().on('monitor.changed', ({ session }) => void monitor.onMonitorPush(session)));
  // The agent's call ended: a lead's monitor call on it ends with it.
  engine.unsubscribe.push(store.subscribe((s, prev) => {
    for (const c of prev.calls) if (!s.calls.some((n) => n.id === c.id)) void monitor.onCallEnded(c.id);
  }));
  prepareRinger();
  await starting;
}

export async function stopSoftphone(): Promise<void> {
  engine.agent.halt();
  // Nothing is reported while the calls are torn down: the agent is leaving.
  for (const undo of engine.unsubscribe.splice(0)) undo();
  closeRinger();
  engine.pops.clear();
  for (const id of engine.live.ids()) await calls.hangup(engine, id).catch(() => undefined);
  await monitor.stopAnyLeg();
  await engine.agent.close();
  store.setState({ registration: 'off', reason: null, extension: null, proxyUrl: null, calls: [], focusedCallId: null });
}

export const answer = (id: string) => calls.answer(engine, id);
export const decline = (id: string) => calls.decline(engine, id);
export const hangup = (id: string) => calls.hangup(engine, id);
/** Calls a number (any Indonesian form) or an agent extension; the new call's id, or null. */
export const dial = (number: string) => calls.dial(engine, number);
export const setHold = (id: string, hold: boolean) => calls.setHold(engine, id, hold);
export const setMute = (id: string, muted: boolean) => calls.setMute(engine, id, muted);
export const sendDtmf = (id: string, digit: string) => calls.sendDtmf(engine, id, digit);
export const setRecordingPaused = (id: string, paused: boolean) => calls.setRecordingPaused(engine, id, paused);
export const blindTransfer = (id: string, extension: string) => transfers.blindTransfer(engine, id, extension);
export const startConsult = (id: string, extension: string) => transfers.startConsult(engine, id, extension);
export const completeTransfer = (consultId: string) => transfers.completeTransfer(engine, consultId);
/** Switches the microphone of every call in progress (device chosen or unplugged). */
export const switchMicrophone = () => switchCallsMicrophone(engine.live);

export { useMonitorStore, type MonitorView } from './monitor-store.js';
/** Lead: calls the agent of a session the server authorized (listen, whisper or barge). */
export const startMonitor = (session: MonitorSession, clickedAt?: number) => monitor.startLeadLeg(engine, session, clickedAt);
export const setMonitorMode = (session: MonitorSession) => monitor.setLeadMode(session);
export const stopMonitor = (sessionId: string) => monitor.stopLeadLeg(sessionId);

/** Wrap-up saved (or dropped): the call leaves the queue (and presence moves on by itself). */
export function finishWrapUp(id: string): void {
  store.setState((s) => ({ wrapUps: s.wrapUps.filter((w) => w.id !== id) }));
}

declare global {
  interface Window {
    /** Read-only probes for tests and the bench (media counters, not controls). */
    __sapaSoftphone?: {
      inboundBytes: (id: string) => Promise<number>; iceRestarts: (id: string) => number; focused: () => string | null; ringing: () => boolean;
      monitorStats: typeof monitor.monitorStats; monitorStream: typeof monitor.monitorRemoteStream;
    };
  }
}
window.__sapaSoftphone = {
  inboundBytes: (id) => calls.inboundBytes(engine, id), iceRestarts: (id) => calls.iceRestarts(engine, id), ringing: isRinging, focused: () => store.getState().focusedCallId,
  monitorStats: monitor.monitorStats, monitorStream: monitor.monitorRemoteStream };
