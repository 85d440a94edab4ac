// What happens on a call, for the lead's review timeline: the screen pop shown, holds and
// resumes, transfers, reply paragraphs inserted while it is on. Each goes to core at once
// (softphone.recordCallEvent → the outbox: kept offline and across a crash) under the id
// the call's wrap-up will give its interaction (CallView.interactionId). Consult legs are
// between two agents and never become an interaction: nothing is recorded for them.
import { type CallEventKind } from '../../../shared/softphone.js';
import { logger } from '../../platform/logger.js';
import { sapa } from '../../platform/sapa.js';
import { useSoftphoneStore, type CallView } from './store.js';

const MAX_DETAIL = 200;

function callById(id: string): CallView | undefined {
  const s = useSoftphoneStore.getState();
  return s.calls.find((c) => c.id === id) ?? s.wrapUps.find((c) => c.id === id);
}

/** Records one moment of a call; a failure is logged, never in the agent's way. */
export function recordCallEvent(callId: string, kind: CallEventKind, detail: string | null = null): void {
  const call = callById(callId);
  if (!call || call.consultFor) return;
  const report = { interactionId: call.interactionId, kind, at: new Date().toISOString(), detail: detail === null ? null : detail.slice(0, MAX_DETAIL) };
  try {
    void sapa().call('softphone.recordCallEvent', report).catch((error: unknown) => logger.warn('call event not recorded', error));
  } catch (error) {
    logger.warn('call event not recorded', error);
  }
}

/** The call the agent is talking on now: the focused one if it is up, else any call up. */
export function currentCallId(): string | null {
  const s = useSoftphoneStore.getState();
  const up = (c: CallView) => c.state === 'active' && !c.consultFor;
  const focused = s.calls.find((c) => c.id === s.focusedCallId && up(c));
  return (focused ?? s.calls.find(up))?.id ?? null;
}

/** A moment that belongs to whichever call is on (a paragraph inserted while talking); none: nothing. */
export function recordOnCurrentCall(kind: CallEventKind, detail: string | null = null): void {
  const id = currentCallId();
  if (id) recordCallEvent(id, kind, detail);
}

/** What the review shows for a screen pop: who it found (number and name), or nothing. */
export function popDetail(pop: CallView['pop']): string | null {
  if (pop.status === 'found') {
    const [first, ...more] = pop.customers;
    if (!first) return null;
    return `${first.customerNo} ${first.fullName}${more.length > 0 ? ` +${more.length}` : ''}`;
  }
  return pop.status === 'unknown' ? pop.e164 : null;
}
