// A task's priority: points for who the customer is (VVIP, tier, complaints in the last 90
// days, tenure, prepaid/postpaid) with the queue's weights, plus points per second waited.
// Pure, so the rule is tested without a database; the router adds the waited part in SQL
// from enqueued_at with the same weight (router-step.ts), so both always agree.
import { type PriorityReason } from '../../shared/contact-center.js';
import { type Tier } from '../../shared/domain.js';
import { type PriorityWeights } from '../../shared/queue-routing.js';

export interface CustomerFacts {
  vvip: boolean;
  tier: Tier;
  /** Complaint cases opened in the last 90 days. */
  complaints90d: number;
  /** When they became a customer (null: unknown). */
  customerSince: Date | null;
  billing: 'prepaid' | 'postpaid';
}

export interface Priority {
  points: number;
  reasons: PriorityReason[];
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** The customer part; an unknown caller (no customer on file) has no points. */
export function customerPriority(facts: CustomerFacts | null, w: PriorityWeights, now: Date): Priority {
  if (!facts) return { points: 0, reasons: [] };
  const reasons: PriorityReason[] = [];
  const add = (factor: PriorityReason['factor'], value: number): void => {
    if (value !== 0) reasons.push({ factor, points: value });
  };
  if (facts.vvip) add('vvip', w.vvip);
  add('tier', w.tier[facts.tier]);
  add('complaints', w.perComplaint * Math.min(Math.max(0, facts.complaints90d), w.maxComplaints));
  if (facts.customerSince) {
    const years = Math.floor(Math.max(0, now.getTime() - facts.customerSince.getTime()) / YEAR_MS);
    add('tenure', w.perTenureYear * Math.min(years, w.maxTenureYears));
  }
  add('billing', facts.billing === 'postpaid' ? w.postpaid : w.prepaid);
  return { points: reasons.reduce((sum, r) => sum + r.points, 0), reasons };
}

/** The whole priority at `now`: the customer part plus the waited part. */
export function priorityAt(base: Priority, enqueuedAt: Date, w: Pick<PriorityWeights, 'perSecondWaited'>, now: Date): Priority {
  const waitedSec = Math.max(0, Math.floor((now.getTime() - enqueuedAt.getTime()) / 1000));
  const waited = waitedSec * w.perSecondWaited;
  const reasons = waited > 0 ? [...base.reasons, { factor: 'waited' as const, points: waited }] : base.reasons;
  return { points: base.points + waited, reasons };
}
