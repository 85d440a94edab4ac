// A new INVITE from sip.js: either an attended transfer taking over one of our calls, or a
// new ringing call — in the store at once (answer, hotkeys and hang-up find it), 180
// Ringing to the caller, on screen with its pop.
import { type Invitation } from 'sip.js';
import { logger } from '../../platform/logger.js';
import { attach, newCall } from './call-session.js';
import { callerVerified, TRUST_HEADER } from './caller-trust.js';
import { type SoftphoneEngine } from './engine-state.js';
import { answerMonitorInvite, isMonitorInvite } from './monitor.js';
import { revealWithPop } from './pop.js';
import { callerNumber } from './screen-pop.js';
import { useSoftphoneStore } from './store.js';
import { replacedBy, takeOver } from './transfers.js';

export function onInvite(engine: SoftphoneEngine, invitation: Invitation): void {
  // A lead's listen/whisper/barge call: never rings, answered only for its session (monitor.ts).
  if (isMonitorInvite(invitation)) { void answerMonitorInvite(engine, invitation); return; }
  const callId = invitation.request.callId;
  const inviteAt = engine.pops.arrivalOf(callId);
  const number = callerNumber(invitation.remoteIdentity.uri.user, invitation.remoteIdentity.displayName);
  // Normally the lookup left on the INVITE's arrival; the card's render, the 180 and the
  // ringtone come after it and must not delay the pop.
  const popping = engine.pops.take(callId, number, inviteAt);
  const replaced = replacedBy(engine, invitation);
  if (invitation.request.hasHeader('Replaces')) logger.info('INVITE with Replaces', { matched: Boolean(replaced) });
  if (replaced) {
    takeOver(engine, invitation, replaced, number, popping, inviteAt);
    return;
  }
  const id = invitation.id;
  attach(engine, id, invitation, inviteAt);
  useSoftphoneStore.setState((s) => ({ calls: [...s.calls, newCall(id, 'inbound', number, 'ringing', callerVerified(invitation.request.getHeader(TRUST_HEADER)))], focusedCallId: s.focusedCallId ?? id }));
  void invitation.progress().catch(() => undefined); // 180 Ringing to the caller
  revealWithPop(id, popping, inviteAt);
}
