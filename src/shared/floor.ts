// The lead's live floor (issue 14, item 6): who is doing what by team, what waits in each
// queue, and today's service level and abandonment, computed from the contact center's
// event log (cc_events) with the formulas of docs/reports.md. Shared by server, core and
// renderer; the server (src/server/floor/) computes, the desktop only shows and ticks.
import { z } from 'zod';
import { DerivedAgentState, NotReadyReason, TaskKind } from './contact-center.js';
import { Tier, Timestamp } from './domain.js';

/** A call answered within this many seconds of entering the queue counts as in service level. */
export const SERVICE_LEVEL_SEC = 20;
/** A caller who hung up sooner than this after entering the queue is left out of SL and abandonment. */
export const SHORT_ABANDON_SEC = 5;
/** The company's time zone: "today" runs from local midnight here (schedule.ts uses the same). */
export const COMPANY_TIME_ZONE = 'Asia/Jakarta';

/** Alerts on the floor: an agent in a state for longer than this (seconds). Wrap-up uses the queue's limit when it has one (wrapUpUntil). */
export const FLOOR_ALERT_SEC: Partial<Record<DerivedAgentState, number>> = {
  not_ready: 15 * 60,
  wrap_up: 2 * 60,
  on_task: 20 * 60,
  reserved: 30,
};

export const FloorTask = z.object({
  kind: TaskKind,
  queueCode: z.string(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  tier: Tier.nullable(),
  vvip: z.boolean(),
  /** Caller number or sender address, when no customer matched. */
  from: z.string(),
});
export type FloorTask = z.infer<typeof FloorTask>;

export const FloorAgent = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  extension: z.string().nullable(),
  teamId: z.uuid().nullable(),
  state: DerivedAgentState,
  reason: NotReadyReason.nullable(),
  /** When the state began; null: the agent never signed in to the contact center. */
  since: Timestamp.nullable(),
  /** In wrap-up: when the queue's limit ends it (null: no limit, or not in wrap-up). */
  wrapUpUntil: Timestamp.nullable(),
  task: FloorTask.nullable(),
  /** The agent's phone reports a call in progress (any call, queued or direct): listen, whisper and barge are offered. */
  onCall: z.boolean(),
});
export type FloorAgent = z.infer<typeof FloorAgent>;

export const FloorTeam = z.object({ id: z.uuid().nullable(), name: z.string().nullable(), agents: z.array(FloorAgent) });
export type FloorTeam = z.infer<typeof FloorTeam>;

/** Today's figures of one queue (docs/reports.md, "Service level" and "Abandonment"). */
export const FloorQueue = z.object({
  queueCode: z.string(),
  labelId: z.string(),
  labelEn: z.string(),
  /** Tasks waiting or being offered now (all kinds), and the oldest one's wait. */
  waiting: z.number().int().nonnegative(),
  waitingCalls: z.number().int().nonnegative(),
  oldestWaitSec: z.number().int().nonnegative().nullable(),
  /** Calls today (company time zone): answered, answered within SERVICE_LEVEL_SEC, abandoned (≥ SHORT_ABANDON_SEC), short abandons. */
  answered: z.number().int().nonnegative(),
  answeredInTarget: z.number().int().nonnegative(),
  abandoned: z.number().int().nonnegative(),
  shortAbandoned: z.number().int().nonnegative(),
  /** Percent, one decimal; null when no call counted yet today. */
  serviceLevel: z.number().min(0).max(100).nullable(),
  abandonment: z.number().min(0).max(100).nullable(),
});
export type FloorQueue = z.infer<typeof FloorQueue>;

export const FloorSnapshot = z.object({
  /** The server's clock when read: the desktop ticks "time in state" from here. */
  at: Timestamp,
  /** Start of today in COMPANY_TIME_ZONE: the figures run from here to `at`. */
  dayStart: Timestamp,
  serviceLevelSec: z.number().int(),
  shortAbandonSec: z.number().int(),
  teams: z.array(FloorTeam),
  queues: z.array(FloorQueue),
});
export type FloorSnapshot = z.infer<typeof FloorSnapshot>;

/** The live socket's "the floor changed: read it again" (debounced on the server, floor-notifier.ts). */
export const FloorPush = z.object({ type: z.literal('floor_changed'), at: Timestamp });
export type FloorPush = z.infer<typeof FloorPush>;

/** HTTP route (spread into ROUTES in routes.ts). */
export const floorRoutes = {
  'floor.snapshot': { method: 'GET', path: '/floor/snapshot', access: 'floor.view', answer: FloorSnapshot },
} as const;

/** Desktop API (spread into `methods` and `events` in api.ts). */
export const floorMethods = {
  'floor.snapshot': { input: z.object({}).strict(), output: FloorSnapshot },
} as const;
export const floorEvents = {
  /** The server said the floor changed: re-read floor.snapshot. */
  'floor.changed': FloorPush,
} as const;

/** Seconds past the alert threshold for the agent's state (null: no alert). */
export function floorAlert(agent: Pick<FloorAgent, 'state' | 'since' | 'wrapUpUntil'>, nowMs: number): number | null {
  if (!agent.since) return null;
  const sinceMs = Date.parse(agent.since);
  const inState = Math.floor((nowMs - sinceMs) / 1000);
  const queueLimit = agent.state === 'wrap_up' && agent.wrapUpUntil ? Math.floor((Date.parse(agent.wrapUpUntil) - sinceMs) / 1000) : null;
  const limit = queueLimit ?? FLOOR_ALERT_SEC[agent.state];
  if (limit === undefined) return null;
  return inState > limit ? inState - limit : null;
}
