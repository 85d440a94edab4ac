// What the renderer tells core about the agent's activity, so core knows when a restart
// would cut something off: the softphone's call phase, recent keystrokes in a text field,
// an unsent draft in the composer and a CSV import. callPhaseOf is the policy, pure.
import { type UpdateActivity, type UpdateCallPhase } from '../../../shared/updates-api.js';

export interface CallLike {
  state: 'ringing' | 'dialing' | 'active' | 'ended';
  held: boolean;
}

/** The "busiest" phase of any call on the phone; an open wrap-up counts as part of the call. */
export function callPhaseOf(calls: readonly CallLike[], wrapUps: readonly unknown[]): UpdateCallPhase {
  if (calls.some((c) => c.state === 'active' && !c.held)) return 'talking';
  if (calls.some((c) => c.state === 'active')) return 'hold';
  if (calls.some((c) => c.state === 'ringing' || c.state === 'dialing')) return 'ringing';
  if (wrapUps.length > 0) return 'wrap-up';
  return 'none';
}

/** A keystroke in one of these is typing; shortcuts pressed elsewhere are not. */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const element = target as HTMLElement;
  return element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.isContentEditable === true;
}

/** Whether two reports differ in what core acts on at once (keystrokes are sent at most every few seconds). */
export function differs(a: UpdateActivity | null, b: UpdateActivity): boolean {
  return !a || a.call !== b.call || a.unsavedDraft !== b.unsavedDraft || a.importing !== b.importing;
}
