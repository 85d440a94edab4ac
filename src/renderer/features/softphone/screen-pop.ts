// Screen pop: the caller's number → the customer (cache first, then the server with a
// short timeout, both inside core's customers.lookupByPhone) → their profile on screen
// while it still rings. Timings are kept for the bench (window.__sapaScreenPopTimings).
import { toE164 } from '../../../shared/phone.js';
import { sapa } from '../../platform/sapa.js';
import { useCustomerStore } from '../customer/store.js';
import { useHistoryStore } from '../history/store.js';
import { type ScreenPop } from './store.js';

/**
 * ms: INVITE → pop rendered (next frame); lookupMs: INVITE → core's answer; sentMs: INVITE
 * → the request left the renderer (what runs before the lookup on onInvite).
 */
export interface PopTiming { source: string; ms: number; lookupMs: number; sentMs: number }
declare global {
  interface Window { __sapaScreenPopTimings?: PopTiming[] }
}

/** The caller number from a SIP URI user part / display name, as an agent would read it. */
export function callerNumber(user: string | undefined, displayName: string | undefined): string {
  const candidate = (user ?? '').trim() || (displayName ?? '').trim();
  return candidate.slice(0, 64) || 'anonymous';
}

export async function lookupCaller(number: string, inviteAt: number): Promise<ScreenPop> {
  const e164 = toE164(number);
  if (!e164) return { status: 'unknown', e164: null };
  try {
    const request = sapa().call('customers.lookupByPhone', { phone: e164 });
    const sentMs = performance.now() - inviteAt;
    const answer = await request;
    const lookupMs = performance.now() - inviteAt;
    if (answer.customers.length === 0 || answer.source === 'none') return { status: 'unknown', e164 };
    const first = answer.customers[0];
    const pop: ScreenPop = { status: 'found', customers: answer.customers, source: answer.source };
    requestAnimationFrame(() => {
      (window.__sapaScreenPopTimings ??= []).push({ source: answer.source, ms: performance.now() - inviteAt, lookupMs, sentMs });
      // One match: the full profile and history open right after the pop is on screen.
      // Loading them before it made the (much larger) profile render compete with the
      // name and tier the agent needs first.
      if (first && answer.customers.length === 1) {
        setTimeout(() => {
          void useCustomerStore.getState().open(first.id);
          void useHistoryStore.getState().load(first.id);
        }, 0);
      }
    });
    return pop;
  } catch {
    return { status: 'unknown', e164 };
  }
}
