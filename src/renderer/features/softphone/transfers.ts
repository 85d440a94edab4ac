// Transfers. Blind: REFER the caller to another agent and leave. Attended: the caller
// waits on hold while the agent consults the other agent on a second call, then REFER
// with Replaces joins the caller to them. On the receiving side, an INVITE with Replaces
// takes over a call this agent already has.
import { type Invitation } from 'sip.js';
import { recordCallEvent } from './call-events.js';
import { dial, setHold, targetUri } from './call-control.js';
import { attach, newCall } from './call-session.js';
import { callerVerified, TRUST_HEADER } from './caller-trust.js';
import { mediaOptions } from './device-routing.js';
import { type SoftphoneEngine } from './engine-state.js';
import { type LiveCall } from './live-calls.js';
import { showPop } from './pop.js';
import { type PopResult } from './screen-pop.js';
import { findCall, useSoftphoneStore, type CallView } from './store.js';

const store = useSoftphoneStore;
/** After an attended transfer's REFER is accepted, our two legs are closed this much later. */
const CONSULT_HANGUP_DELAY_MS = 2000;

const setTransferState = (id: string, transferState: CallView['transferState']) => store.getState().patchCall(id, { transferState });

export async function blindTransfer(engine: SoftphoneEngine, id: string, extension: string): Promise<boolean> {
  const l = engine.live.get(id);
  const target = targetUri(engine, extension);
  if (!l || !target) return false;
  setTransferState(id, 'transferring');
  return new Promise<boolean>((resolve) => {
    l.session.refer(target, {
      requestDelegate: {
        onAccept: () => {
          setTransferState(id, 'done');
          recordCallEvent(id, 'transferred', extension);
          void l.session.bye().catch(() => undefined);
          resolve(true);
        },
        onReject: () => { setTransferState(id, 'failed'); resolve(false); },
      },
    }).catch(() => { setTransferState(id, 'failed'); resolve(false); });
  });
}

/** Attended transfer, step 1: the customer waits on hold while the agent consults. */
export async function startConsult(engine: SoftphoneEngine, id: string, extension: string): Promise<string | null> {
  if (!engine.live.has(id)) return null;
  await setHold(engine, id, true);
  return dial(engine, extension, id);
}

/** Attended transfer, step 2: REFER with Replaces joins the customer to the consulted agent. */
export async function completeTransfer(engine: SoftphoneEngine, consultId: string): Promise<boolean> {
  const originalId = findCall(consultId)?.consultFor ?? null;
  const original = originalId ? engine.live.get(originalId) : undefined;
  const consult = engine.live.get(consultId);
  if (!originalId || !original || !consult) return false;
  setTransferState(originalId, 'transferring');
  return new Promise<boolean>((resolve) => {
    original.session.refer(consult.session, {
      requestDelegate: {
        onAccept: () => {
          setTransferState(originalId, 'done');
          recordCallEvent(originalId, 'transferred', findCall(consultId)?.number ?? null);
          // The customer leaves us; our consult leg is replaced at the other agent.
          setTimeout(() => {
            void original.session.bye().catch(() => undefined);
            void consult.session.bye().catch(() => undefined);
          }, CONSULT_HANGUP_DELAY_MS);
          resolve(true);
        },
        onReject: () => { setTransferState(originalId, 'failed'); resolve(false); },
      },
    }).catch(() => { setTransferState(originalId, 'failed'); resolve(false); });
  });
}

/** The call an INVITE with a Replaces header takes over, if it names one of ours. */
export function replacedBy(engine: SoftphoneEngine, invitation: Invitation): LiveCall | undefined {
  const replaces = invitation.request.getHeader('Replaces');
  if (!replaces) return undefined;
  const callId = decodeURIComponent(replaces).split(';')[0]?.trim();
  return callId ? engine.live.bySipCallId(callId)?.[1] : undefined;
}

/**
 * The receiving end of an attended transfer: the new call is answered at once (the agent
 * agreed to it while consulting) and the call it replaces is closed.
 */
export function takeOver(
  engine: SoftphoneEngine, invitation: Invitation, old: LiveCall, number: string, popping: Promise<PopResult>, inviteAt: number,
): void {
  const id = invitation.id;
  attach(engine, id, invitation, inviteAt);
  const view: CallView = { ...newCall(id, 'inbound', number, 'ringing', callerVerified(invitation.request.getHeader(TRUST_HEADER))), revealed: true };
  store.setState((s) => ({ calls: [...s.calls, view], focusedCallId: s.focusedCallId ?? id }));
  showPop(id, popping, inviteAt);
  void invitation.accept({ sessionDescriptionHandlerOptions: mediaOptions() }).then(() => {
    void old.session.bye().catch(() => undefined);
    store.setState({ focusedCallId: id });
  });
}
