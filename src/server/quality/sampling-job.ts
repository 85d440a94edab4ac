// The sampling job: reads the interactions completed since each active policy last looked,
// picks with the policy's rule (the pure rules of src/shared/quality/sampling.ts, seeded per
// policy), gives each pick to the lead of the agent's team within the policy's weekly cap
// per evaluator, and writes the queue items — all in one transaction under an advisory lock,
// so two server instances running it at once do not pick twice (and the queue's unique
// interaction makes a second pick of one interaction a no-op anyway). It runs on a timer
// (QualityOptions.samplingIntervalMs, 5 minutes by default) and on demand (POST
// /quality/sampling/run).
import { randomUUID } from 'node:crypto';
import {
  assignWithinCap, type Candidate, dayOfWeek, SamplingRule, type SamplingRunResult, selectCandidates, weekKey, weekStartOf,
} from '../../shared/quality/sampling.js';
import { audit } from '../auth/audit.js';
import { type Db, type SqlParam } from '../db/db.js';
import { BROWSER_CHANNEL_SQL } from '../lead-interactions/filters-sql.js';

/** At most this many interactions read per policy per run; the next run goes on from there. */
export const SAMPLING_BATCH = 20_000;
const LOCK_KEY = 7_202_201;
const DAY_MS = 86_400_000;

interface PolicyRow { id: string; kind: string; rule: unknown; team_id: string | null; cap_per_week: number; due_days: number; seed: number; scanned_until: Date | null; created_at: Date }
interface CandidateRow {
  id: string; agent_id: string; started_at: Date; ended_at: Date; disposition: string | null; queue_code: string | null;
  tier: string | null; vvip: boolean | null; team_id: string | null; lead_id: string | null;
}

export async function runSampling(db: Db, now: Date, by: { actorId: string | null; ip?: string; trigger: 'schedule' | 'request' }): Promise<SamplingRunResult> {
  const result = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const policies = await tx.query<PolicyRow>(
      `SELECT id::text AS id, kind, rule, team_id::text AS team_id, cap_per_week, due_days, seed, scanned_until, created_at
         FROM quality_sampling_policies WHERE active ORDER BY created_at, id`);
    const totals = { added: 0, assigned: 0, unassigned: 0 };
    for (const policy of policies) {
      const rule = SamplingRule.safeParse(policy.rule);
      if (!rule.success) continue;
      const from = policy.scanned_until ?? weekStartOf(policy.created_at);
      const params: SqlParam[] = [from, now, SAMPLING_BATCH];
      if (policy.team_id) params.push(policy.team_id);
      const rows = await tx.query<CandidateRow>(
        `SELECT i.id::text AS id, i.agent_id::text AS agent_id, i.started_at, i.ended_at, i.disposition, i.queue_code, c.tier, c.vvip,
                u.team_id::text AS team_id, t.lead_user_id::text AS lead_id
           FROM interactions i JOIN users u ON u.id = i.agent_id LEFT JOIN teams t ON t.id = u.team_id
           LEFT JOIN customers c ON c.id = i.customer_id
          WHERE ${BROWSER_CHANNEL_SQL} AND i.ended_at IS NOT NULL AND i.ended_at > $1 AND i.ended_at <= $2
            ${policy.team_id ? 'AND u.team_id = $4::uuid' : ''}
            AND NOT EXISTS (SELECT 1 FROM quality_review_queue q WHERE q.interaction_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM quality_evaluations e WHERE e.interaction_id = i.id)
          ORDER BY i.ended_at, i.id LIMIT $3`, params);
      const scannedUntil = rows.length === SAMPLING_BATCH ? (rows.at(-1)?.ended_at ?? now) : now;
      const byId = new Map(rows.map((r) => [r.id, r]));
      const candidates: Candidate[] = rows.map((r) => ({
        id: r.id, agentId: r.agent_id, startedAt: new Date(r.started_at), disposition: r.disposition, queue: r.queue_code,
        tier: r.tier, vvip: r.vvip === true,
      }));
      const already = new Map<string, number[]>();
      if (rule.data.kind === 'per_agent' && candidates.length) {
        const earliest = new Date(Math.min(...candidates.map((c) => weekStartOf(c.startedAt).getTime())));
        const picked = await tx.query<{ agent_id: string; week_start: Date; day_of_week: number }>(
          `SELECT agent_id::text AS agent_id, week_start, day_of_week FROM quality_review_queue WHERE policy_id = $1 AND week_start >= $2`,
          [policy.id, earliest]);
        for (const p of picked) {
          const key = weekKey(p.agent_id, new Date(p.week_start));
          already.set(key, [...(already.get(key) ?? []), p.day_of_week]);
        }
      }
      const picks = selectCandidates(rule.data, policy.seed, candidates, already);
      if (picks.length) {
        const load = await evaluatorLoad(tx, picks.map((p) => weekStartOf(p.startedAt)));
        const assignments = assignWithinCap(picks.map((p) => {
          const lead = byId.get(p.id)?.lead_id ?? null;
          return { id: p.id, startedAt: p.startedAt, evaluatorId: lead === p.agentId ? null : lead };
        }), policy.cap_per_week, load);
        for (const a of assignments) {
          const row = byId.get(a.candidateId);
          if (!row) continue;
          const started = new Date(row.started_at);
          const inserted = await tx.query(
            `INSERT INTO quality_review_queue (id, interaction_id, policy_id, kind, agent_id, team_id, assignee_id, week_start, day_of_week, sampled_at, due_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (interaction_id) DO NOTHING RETURNING id`,
            [randomUUID(), row.id, policy.id, policy.kind, row.agent_id, row.team_id, a.assigneeId, weekStartOf(started), dayOfWeek(started), now,
              new Date(started.getTime() + policy.due_days * DAY_MS)]);
          if (inserted.length === 0) continue;
          totals.added += 1;
          if (a.assigneeId) totals.assigned += 1; else totals.unassigned += 1;
        }
      }
      await tx.query('UPDATE quality_sampling_policies SET scanned_until = $2 WHERE id = $1', [policy.id, scannedUntil]);
    }
    if (by.trigger === 'request' || totals.added > 0) {
      await audit(tx, 'quality.sampling.run', by.actorId, null, { ...totals, trigger: by.trigger }, by.ip ?? null);
    }
    return totals;
  });
  return result;
}

/** Items per evaluator per week already in the queue (every policy's), for the weeks given. */
async function evaluatorLoad(tx: Db, weeks: Date[]): Promise<Map<string, number>> {
  const earliest = new Date(Math.min(...weeks.map((w) => w.getTime())));
  const rows = await tx.query<{ assignee_id: string; week_start: Date; n: number | string }>(
    `SELECT assignee_id::text AS assignee_id, week_start, count(*) AS n FROM quality_review_queue
      WHERE assignee_id IS NOT NULL AND week_start >= $1 GROUP BY assignee_id, week_start`, [earliest]);
  return new Map(rows.map((r) => [weekKey(r.assignee_id, new Date(r.week_start)), Number(r.n)]));
}

/** The timer: one run every `intervalMs` (0: never), errors logged, never two at once. */
export function startSamplingSchedule(db: Db, now: () => Date, intervalMs: number, onError: (err: unknown) => void): { stop(): Promise<void> } {
  if (intervalMs <= 0) return { stop: async () => undefined };
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = runSampling(db, now(), { actorId: null, trigger: 'schedule' }).catch(onError).finally(() => { running = null; });
  }, intervalMs);
  timer.unref();
  return { async stop() { clearInterval(timer); await running; } };
}
