// How a queue routes (the contact-center router, src/server/contact-center/): which hotline
// numbers and mail addresses feed it, the skills it needs and how soon that widens, what a
// customer is worth (priority weights), how long an offer stands, and what happens to a
// caller who waited too long. Stored as columns of `queues` (migration 017); edited on the
// admin's Organisation → Queues form.
import { z } from 'zod';

const points = z.number().min(-10_000).max(10_000);

/**
 * Priority points per fact about the customer; the waited part is `perSecondWaited` × seconds
 * in the queue. With the defaults a VVIP outranks a regular caller who has waited up to
 * 1000 s longer, and a platinum customer one who waited 5 minutes longer.
 */
export const PriorityWeights = z.object({
  vvip: points,
  tier: z.object({ platinum: points, gold: points, silver: points, regular: points }).strict(),
  /** Per complaint case opened in the last 90 days, counted up to maxComplaints. */
  perComplaint: points,
  maxComplaints: z.number().int().min(0).max(50),
  /** Per full year as a customer, counted up to maxTenureYears. */
  perTenureYear: points,
  maxTenureYears: z.number().int().min(0).max(100),
  postpaid: points,
  prepaid: points,
  perSecondWaited: z.number().min(0).max(100),
}).strict();
export type PriorityWeights = z.infer<typeof PriorityWeights>;

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  vvip: 1000,
  tier: { platinum: 300, gold: 200, silver: 100, regular: 0 },
  perComplaint: 40,
  maxComplaints: 5,
  perTenureYear: 10,
  maxTenureYears: 10,
  postpaid: 50,
  prepaid: 0,
  perSecondWaited: 1,
};

/** A number the trunk dials (digits, an optional leading +). */
export const HotlineNumber = z.string().regex(/^\+?[0-9]{3,20}$/, 'a hotline number is 3–20 digits, optionally after +');
const seconds = (max: number) => z.number().int().min(0).max(max);
const unique = <T>(items: T[]) => new Set(items).size === items.length;

/** The fields without their cross-checks (the Queue row of org.ts spreads them). */
export const QueueRoutingFields = z.object({
  hotlineNumbers: z.array(HotlineNumber).max(20).refine(unique, 'a number is listed twice'),
  mailAddresses: z.array(z.email().max(254).transform((a) => a.toLowerCase())).max(20).refine(unique, 'an address is listed twice'),
  requiredSkills: z.array(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/)).max(10).refine(unique, 'a skill is listed twice'),
  weights: PriorityWeights,
  /** Until this wait only senior agents (skill level 4 or 5) are offered the task … */
  widenSkilledAfterSec: seconds(3600),
  /** … then any agent with the skills; after this wait anyone who works the queue. */
  widenAnyoneAfterSec: seconds(3600),
  /** How long an offer stands (a call rings this long) before it lapses. */
  reservationSec: z.number().int().min(3).max(120),
  /** Lapsed offers in a row that set the agent "not ready" (missed_offers). */
  missesBeforeNotReady: z.number().int().min(1).max(20),
  /** A caller who waited this long is offered the max-wait action. */
  maxWaitSec: z.number().int().min(1).max(7200),
  maxWaitAction: z.enum(['callback', 'overflow']),
  /** The other site callers overflow to (null: none). */
  overflowSiteCode: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/).nullable(),
  /** With every agent of the home site busy this long, a queued call overflows. */
  overflowWaitSec: seconds(3600),
  /** After-call work before the next offer; null: until the agent ends it. */
  wrapUpLimitSec: seconds(3600).nullable(),
}).strict();

/**
 * A cross-check runs as soon as the fields it reads are valid, even while another field is
 * wrong (zod skips object refinements by default then): the admin's form lists every
 * mistake at once instead of revealing "overflow needs a site" only after the number is fixed.
 */
// The part is loose: the payload is the whole row, whose other fields it does not judge.
const whenValid = (part: z.ZodType) => (payload: { value: unknown }) => part.safeParse(payload.value).success;

type Checked = Partial<Pick<z.infer<typeof QueueRoutingFields>, 'widenAnyoneAfterSec' | 'widenSkilledAfterSec' | 'maxWaitAction' | 'overflowSiteCode'>>;

/**
 * The checks across fields, on the whole routing (the server) or on a queue row that carries
 * some of it (the admin's form); a field not given is not checked here. `params.reason` names
 * the check for the form's translated message (adminOrg.issue.<reason>).
 */
export function withRoutingChecks<T extends z.ZodType<Checked>>(schema: T) {
  return schema.refine((r) => r.widenAnyoneAfterSec === undefined || r.widenSkilledAfterSec === undefined || r.widenAnyoneAfterSec >= r.widenSkilledAfterSec, {
    message: 'anyone may take the task only after skilled agents may', path: ['widenAnyoneAfterSec'], params: { reason: 'widenOrder' },
    when: whenValid(QueueRoutingFields.pick({ widenAnyoneAfterSec: true, widenSkilledAfterSec: true }).partial().loose()),
  }).refine((r) => r.maxWaitAction !== 'overflow' || r.overflowSiteCode !== null, {
    message: 'overflow needs a site to overflow to', path: ['overflowSiteCode'], params: { reason: 'overflowNeedsSite' },
    when: whenValid(QueueRoutingFields.pick({ maxWaitAction: true, overflowSiteCode: true }).partial().loose()),
  });
}

export const QueueRouting = withRoutingChecks(QueueRoutingFields);
export type QueueRouting = z.infer<typeof QueueRouting>;
export const QUEUE_ROUTING_KEYS = Object.keys(QueueRoutingFields.shape) as (keyof QueueRouting)[];

export const DEFAULT_QUEUE_ROUTING: QueueRouting = {
  hotlineNumbers: [],
  mailAddresses: [],
  requiredSkills: [],
  weights: DEFAULT_PRIORITY_WEIGHTS,
  widenSkilledAfterSec: 30,
  widenAnyoneAfterSec: 90,
  reservationSec: 15,
  missesBeforeNotReady: 2,
  maxWaitSec: 300,
  maxWaitAction: 'callback',
  overflowSiteCode: null,
  overflowWaitSec: 60,
  wrapUpLimitSec: 60,
};

/** The digits a hotline is matched on: "+62 1500-123" and "1500123" are not the same number, "1500123" and "+1500123" are. */
export function hotlineKey(number: string): string {
  return number.replace(/[^0-9]/g, '');
}
