// Identity validation before account details: while the agent is on (or being rung by) an
// inbound call whose caller the system cannot vouch for — the number is not on file (the
// screen pop matched nobody) or the caller ID did not come through a trusted trunk
// (softphone/caller-trust.ts) — a customer's account details stay hidden until the agent
// has ticked the checklist for that call and that customer. Pure rule + a small store.
import { create } from 'zustand';
import { type CallView } from '../softphone/store.js';

export const IDENTITY_ITEMS = ['name', 'birthDateOrId', 'address'] as const;
export type IdentityItem = (typeof IDENTITY_ITEMS)[number];

/** The inbound call (ringing or in progress) whose caller must be validated first, if any. */
export function callNeedingValidation(calls: readonly CallView[]): CallView | undefined {
  return calls.find((c) => c.direction === 'inbound' && !c.consultFor && (c.state === 'ringing' || c.state === 'active')
    && (c.pop.status === 'unknown' || !c.callerVerified));
}

interface IdentityChecks {
  /** Ticked items by `${callId}:${customerId}` (a new call, or another customer, starts empty). */
  ticked: Record<string, IdentityItem[]>;
  toggle(callId: string, customerId: string, item: IdentityItem, on: boolean): void;
}

export const checkKey = (callId: string, customerId: string) => `${callId}:${customerId}`;

export const useIdentityChecks = create<IdentityChecks>()((set) => ({
  ticked: {},
  toggle(callId, customerId, item, on) {
    const key = checkKey(callId, customerId);
    set((s) => {
      const now = new Set(s.ticked[key] ?? []);
      if (on) now.add(item); else now.delete(item);
      return { ticked: { ...s.ticked, [key]: [...now] } };
    });
  },
}));

export function validated(ticked: readonly IdentityItem[] | undefined): boolean {
  return IDENTITY_ITEMS.every((item) => ticked?.includes(item));
}
