// Sampling: policies that put interactions into a lead's review queue, and the pure rules
// the server's sampling job applies (docs/quality.md, "Sampling"). Everything here is
// deterministic: the "random" picks are a hash of the policy's seed and the interaction id,
// so a run gives the same queue for the same interactions whatever the order it sees them in.
//
//  - per_agent:      N per agent per week, spread over the week: through day d (0 = Monday,
//                    UTC) at most ceil(N × (d + 1) / 7) are picked, so a busy Monday cannot
//                    take the whole week's quota; which calls of a day are picked is by hash.
//  - disposition:    percent of the interactions ending with one of the dispositions.
//  - vvip_complaint: every interaction of a VVIP customer ending with a complaint disposition.
//  - random:         percent of the interactions of a queue and/or tier (absent: any).
import { z } from 'zod';
import { lineText } from './text.js';

const Code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);
const Percent = z.number().int().min(1).max(100);

export const SamplingRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per_agent'), perWeek: z.number().int().min(1).max(50) }).strict(),
  z.object({ kind: z.literal('disposition'), dispositions: z.array(Code).min(1).max(20), percent: Percent }).strict(),
  z.object({ kind: z.literal('vvip_complaint'), dispositions: z.array(Code).min(1).max(20).default(['complaint_logged']) }).strict(),
  z.object({
    kind: z.literal('random'), queue: Code.nullable().default(null), tier: z.enum(['platinum', 'gold', 'silver', 'regular']).nullable().default(null),
    percent: Percent,
  }).strict(),
]);
export type SamplingRule = z.infer<typeof SamplingRule>;
export type SamplingKind = SamplingRule['kind'];

export const SamplingPolicyInput = z.object({
  name: lineText(120),
  rule: SamplingRule,
  /** The team it samples; null (admins only): every team. */
  teamId: z.uuid().nullable(),
  /** At most this many items assigned to one evaluator per week (counting every policy's items); the rest stay unassigned. */
  capPerEvaluatorPerWeek: z.number().int().min(1).max(500).default(20),
  /** An item is due this many days after the interaction it samples. */
  dueDays: z.number().int().min(1).max(30).default(3),
  active: z.boolean().default(true),
  /** The seed of its picks (tests set it; absent: a random one). */
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
}).strict();
export type SamplingPolicyInput = z.infer<typeof SamplingPolicyInput>;

export const SamplingPolicy = z.object({
  id: z.uuid(), name: z.string(), rule: SamplingRule, teamId: z.uuid().nullable(), teamName: z.string().nullable(),
  capPerEvaluatorPerWeek: z.number().int(), dueDays: z.number().int(), active: z.boolean(), seed: z.number().int(),
  createdAt: z.string(), createdBy: z.uuid().nullable(),
});
export type SamplingPolicy = z.infer<typeof SamplingPolicy>;

export const SamplingRunResult = z.object({
  /** Queue items added by this run, how many of them got an evaluator, how many stayed unassigned (over a cap, or no lead). */
  added: z.number().int(), assigned: z.number().int(), unassigned: z.number().int(),
});
export type SamplingRunResult = z.infer<typeof SamplingRunResult>;

export const ReviewQueueItem = z.object({
  id: z.uuid(), interactionId: z.uuid(), policyId: z.uuid().nullable(), policyName: z.string().nullable(), kind: z.string(),
  agentId: z.uuid(), agentName: z.string(), teamId: z.uuid().nullable(), teamName: z.string().nullable(),
  assigneeId: z.uuid().nullable(), assigneeName: z.string().nullable(),
  channel: z.string(), subject: z.string().nullable(), startedAt: z.string(), disposition: z.string().nullable(), customerName: z.string().nullable(),
  tier: z.string().nullable(), vvip: z.boolean(),
  sampledAt: z.string(), dueAt: z.string(), overdue: z.boolean(),
  doneAt: z.string().nullable(), evaluationId: z.uuid().nullable(),
});
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const ReviewQueueQuery = z.object({ status: z.enum(['open', 'done']).default('open') }).strict();
export const ReviewQueue = z.object({ items: z.array(ReviewQueueItem) });

// ---- the pure rules ------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week `at` is in. */
export function weekStartOf(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const dow = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(day.getTime() - dow * DAY_MS);
}

/** 0 = Monday … 6 = Sunday (UTC). */
export function dayOfWeek(at: Date): number {
  return (at.getUTCDay() + 6) % 7;
}

/** How many of a week's N may be picked through day `day` (0..6): ceil(N × (day + 1) / 7). */
export function spreadAllowance(perWeek: number, day: number): number {
  return Math.ceil((perWeek * (Math.min(Math.max(day, 0), 6) + 1)) / 7);
}

/** A number in [0, 1) from the seed and an id (FNV-1a 32 bits, then a final mix). */
export function hashUnit(seed: number, id: string): number {
  let h = 0x811c9dc5;
  const s = `${seed}:${id}`;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** A percentage pick: the same seed and id always give the same answer. */
export function picksPercent(seed: number, id: string, percent: number): boolean {
  return hashUnit(seed, id) < percent / 100;
}

export interface Candidate {
  id: string;
  agentId: string;
  startedAt: Date;
  disposition: string | null;
  queue: string | null;
  tier: string | null;
  vvip: boolean;
}

/**
 * Which candidates a rule picks. `already` counts, per agent and week start (ms), the
 * items this policy put in the queue before (per_agent only), with the day each was of.
 */
export function selectCandidates(
  rule: SamplingRule, seed: number, candidates: readonly Candidate[],
  already: ReadonlyMap<string, readonly number[]> = new Map(),
): Candidate[] {
  switch (rule.kind) {
    case 'disposition':
      return candidates.filter((c) => c.disposition !== null && rule.dispositions.includes(c.disposition) && picksPercent(seed, c.id, rule.percent));
    case 'vvip_complaint':
      return candidates.filter((c) => c.vvip && c.disposition !== null && rule.dispositions.includes(c.disposition));
    case 'random':
      return candidates.filter((c) => (rule.queue === null || c.queue === rule.queue) && (rule.tier === null || c.tier === rule.tier)
        && picksPercent(seed, c.id, rule.percent));
    case 'per_agent':
      return selectSpread(rule.perWeek, seed, candidates, already);
  }
}

/** The key of `already`: agent id and week start. */
export const weekKey = (agentId: string, at: Date) => `${agentId}|${weekStartOf(at).getTime()}`;

function selectSpread(perWeek: number, seed: number, candidates: readonly Candidate[], already: ReadonlyMap<string, readonly number[]>): Candidate[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = weekKey(c.agentId, c.startedAt);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const out: Candidate[] = [];
  for (const [key, group] of groups) {
    const pickedDays = [...(already.get(key) ?? [])];
    for (let day = 0; day < 7; day += 1) {
      const ofDay = group.filter((c) => dayOfWeek(c.startedAt) === day)
        .sort((a, b) => hashUnit(seed, a.id) - hashUnit(seed, b.id) || (a.id < b.id ? -1 : 1));
      const allowed = Math.min(perWeek, spreadAllowance(perWeek, day)) - pickedDays.filter((d) => d <= day).length;
      const take = ofDay.slice(0, Math.max(0, allowed));
      out.push(...take);
      pickedDays.push(...take.map(() => day));
    }
  }
  return out;
}

export interface Assignment { candidateId: string; assigneeId: string | null }

/**
 * Gives each picked item to its agent's evaluator (the team's lead) while that evaluator has
 * fewer than `cap` items in that week; the rest stay unassigned (null). `load` counts the
 * items each evaluator already has per week (key `evaluator|weekStart`), every policy's.
 */
export function assignWithinCap(
  picked: readonly { id: string; startedAt: Date; evaluatorId: string | null }[], cap: number, load: Map<string, number>,
): Assignment[] {
  return [...picked].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : 1)).map((p) => {
    if (!p.evaluatorId) return { candidateId: p.id, assigneeId: null };
    const key = weekKey(p.evaluatorId, p.startedAt);
    const n = load.get(key) ?? 0;
    if (n >= cap) return { candidateId: p.id, assigneeId: null };
    load.set(key, n + 1);
    return { candidateId: p.id, assigneeId: p.evaluatorId };
  });
}
