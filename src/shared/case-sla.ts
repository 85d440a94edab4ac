// SLA targets of cases per category × tier, the warning before breach, assignment and the
// lead's case board: the policy both sides share, as plain functions and schemas. Targets
// are WORKING hours on the office calendar (replies/sla.ts). A category × tier pair without a
// target in the matrix falls back to the per-priority table (RESOLUTION_WORKING_HOURS and
// RESPONSE_WORKING_HOURS), which is what every install had before the matrix.
import { z } from 'zod';
import { CaseCategory, RESOLUTION_WORKING_HOURS } from './cases.js';
import { CaseStatus, Priority, Salutation, TIERS, Tier, Timestamp } from './domain.js';
import { addWorkingMinutes, type SlaSettings } from './replies/sla.js';

type PriorityT = z.infer<typeof Priority>;

/** Response targets in working hours per priority (the fallback of the matrix). */
export const RESPONSE_WORKING_HOURS: Record<PriorityT, number> = { urgent: 1, high: 2, normal: 8, low: 16 };

/** Hours of a target: a quarter hour up to 2000 h (a year of working days), two decimals. */
export const TargetHours = z.number().min(0.25, 'at least 0.25 working hours').max(2000, 'at most 2000 working hours')
  .refine((n) => Math.round(n * 100) === n * 100, 'at most two decimals');

export const CaseSlaTarget = z.object({
  category: CaseCategory,
  tier: Tier,
  responseHours: TargetHours,
  resolutionHours: TargetHours,
}).strict().refine((t) => t.responseHours <= t.resolutionHours, {
  message: 'the response target must not be longer than the resolution target', path: ['responseHours'],
});
export type CaseSlaTarget = z.infer<typeof CaseSlaTarget>;

/** The matrix as an admin saves it: replaces every row (a pair left out falls back to the priority table). */
export const CaseSlaMatrix = z.object({
  targets: z.array(CaseSlaTarget).max(400),
}).strict().superRefine((m, ctx) => {
  const seen = new Set<string>();
  m.targets.forEach((t, i) => {
    const key = `${t.category}/${t.tier}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['targets', i], message: `${key} is listed twice` });
    seen.add(key);
  });
});
export type CaseSlaMatrix = z.infer<typeof CaseSlaMatrix>;

/** Server setting caseWarnPercent: the assignee is warned in the last N % of the resolution target. */
export const DEFAULT_CASE_WARN_PERCENT = 20;
export const CaseWarnPercent = z.number().int().min(1).max(90);

export const CaseSlaAnswer = z.object({
  targets: z.array(CaseSlaTarget),
  /** The categories of the active queues (the matrix's rows). */
  categories: z.array(CaseCategory),
  /** The fallback per priority, shown next to an empty cell. */
  fallback: z.object({ response: z.record(z.string(), z.number()), resolution: z.record(z.string(), z.number()) }),
  updatedAt: Timestamp.nullable(),
});
export type CaseSlaAnswer = z.infer<typeof CaseSlaAnswer>;

export interface Targets { responseHours: number; resolutionHours: number; source: 'matrix' | 'priority' }

/** The targets of a case: the matrix's category × tier cell, else the priority's. */
export function targetsFor(matrix: readonly CaseSlaTarget[], category: string, tier: Tier, priority: PriorityT): Targets {
  const cell = matrix.find((t) => t.category === category && t.tier === tier);
  if (cell) return { responseHours: cell.responseHours, resolutionHours: cell.resolutionHours, source: 'matrix' };
  return { responseHours: RESPONSE_WORKING_HOURS[priority] ?? 8, resolutionHours: RESOLUTION_WORKING_HOURS[priority] ?? 24, source: 'priority' };
}

export interface CaseClocks { responseDueAt: Date; dueAt: Date; warnAt: Date }

/** When a case opened at `openedAt` must be answered, resolved, and when its assignee is warned. */
export function caseClocks(openedAt: Date, targets: Targets, sla: SlaSettings, warnPercent = DEFAULT_CASE_WARN_PERCENT): CaseClocks {
  const minutes = Math.round(targets.resolutionHours * 60);
  return {
    responseDueAt: addWorkingMinutes(openedAt, Math.round(targets.responseHours * 60), sla),
    dueAt: addWorkingMinutes(openedAt, minutes, sla),
    warnAt: addWorkingMinutes(openedAt, Math.floor(minutes * (1 - warnPercent / 100)), sla),
  };
}

const ACTIVE: readonly string[] = ['open', 'in_progress', 'waiting_customer'];

/** "Due soon": being worked, past its warning time and not yet past its due time. */
export function isDueSoon(c: { status: string; slaDueAt: string; warnAt?: string | null | undefined }, now: number): boolean {
  if (!ACTIVE.includes(c.status) || !c.warnAt) return false;
  const warn = Date.parse(c.warnAt);
  const due = Date.parse(c.slaDueAt);
  return Number.isFinite(warn) && Number.isFinite(due) && now >= warn && now < due;
}

// --- Assignment -------------------------------------------------------------------------

/** (Re)assign a case: to an agent, or to a team's queue (exactly one of the two). */
export const CaseAssignBody = z.object({
  assigneeId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  note: z.string().trim().max(2_000).optional(),
}).strict().refine((b) => (b.assigneeId === undefined) !== (b.teamId === undefined), {
  message: 'name either assigneeId (an agent) or teamId (a team queue), not both', path: ['assigneeId'],
});
export type CaseAssignBody = z.infer<typeof CaseAssignBody>;

export const CaseAssignAnswer = z.object({
  id: z.uuid(), caseNo: z.string(), assigneeId: z.uuid().nullable(), teamId: z.uuid().nullable(), changed: z.boolean(),
});

// --- The lead's board -------------------------------------------------------------------

export const BOARD_STATUSES = ['active', 'open', 'in_progress', 'waiting_customer', 'resolved', 'closed'] as const;
const bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((s) => s === 'true')]);

export const CaseBoardQuery = z.object({
  /** `active` (default): open, in progress and waiting for the customer. */
  status: z.enum(BOARD_STATUSES).default('active'),
  teamId: z.uuid().optional(),
  category: CaseCategory.optional(),
  tier: Tier.optional(),
  escalated: bool.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
}).strict();
export type CaseBoardQuery = z.input<typeof CaseBoardQuery>;

export const CaseBoardRow = z.object({
  id: z.uuid(),
  caseNo: z.string(),
  subject: z.string(),
  category: z.string(),
  priority: Priority,
  status: CaseStatus,
  customerId: z.uuid(),
  customerName: z.string(),
  salutation: Salutation.nullable(),
  tier: z.enum(TIERS),
  openedAt: Timestamp,
  slaDueAt: Timestamp,
  responseDueAt: Timestamp.nullable(),
  respondedAt: Timestamp.nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  escalationLevel: z.number().int().min(0).max(2),
  escalatedToName: z.string().nullable(),
  escalatedAt: Timestamp.nullable(),
  /** Past its resolution due time on the server's clock (resolved/closed: never). */
  overdue: z.boolean(),
  /** Minutes left to the due time on the server's clock (negative: overdue). */
  minutesLeft: z.number().int(),
});
export type CaseBoardRow = z.infer<typeof CaseBoardRow>;

export const CaseBoardPage = z.object({
  items: z.array(CaseBoardRow),
  total: z.number().int().nonnegative(),
  /** Counts per status within the filters (team, category, tier, escalated). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** The server's clock when it answered (a test clock may run ahead). */
  now: Timestamp,
});
export type CaseBoardPage = z.infer<typeof CaseBoardPage>;

const Option = z.object({ id: z.string(), name: z.string() });
export const CaseBoardOptions = z.object({
  teams: z.array(Option),
  agents: z.array(Option.extend({ teamId: z.uuid().nullable() })),
  categories: z.array(CaseCategory),
});
export type CaseBoardOptions = z.infer<typeof CaseBoardOptions>;

/** Cases of the caller's team queue not yet taken by anyone (the agent's home). */
export const TeamQueueAnswer = z.object({ items: z.array(CaseBoardRow) });
export type TeamQueueAnswer = z.infer<typeof TeamQueueAnswer>;

/** Test servers only (SAPA_TEST_CLOCK=1): set how far the server's case clock runs ahead (0: back to the system clock), then sweep. */
export const TestClockBody = z.object({ offsetMs: z.number().int().min(0).max(366 * 86_400_000) }).strict();
export const TestClockAnswer = z.object({ now: Timestamp, escalated: z.number().int() });
