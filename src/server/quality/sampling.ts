// Sampling policies and the review queue (docs/quality.md, "Sampling"). A lead makes
// policies for the teams they lead; an admin also for every team (teamId null). The queue a
// lead sees: the items assigned to them and the unassigned ones of their teams' agents (over
// a cap, or the team has no lead); an admin sees every item. An evaluation of a queued
// interaction clears its item (evaluations.ts, in the evaluation's transaction).
import { randomInt, randomUUID } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type ReviewQueueItem, SamplingRule, type SamplingPolicy, type SamplingPolicyInput } from '../../shared/quality/sampling.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { iso, isoOrNull } from '../db/timestamps.js';
import { type RegisterRoute } from '../http/route.js';
import { TEAM_MEMBERS_OF } from './access.js';
import { type QualityContext } from './context.js';
import { runSampling } from './sampling-job.js';

interface PolicyRow {
  id: string; name: string; rule: unknown; team_id: string | null; team_name: string | null; cap_per_week: number; due_days: number;
  active: boolean; seed: number; created_at: Date; created_by: string | null;
}

const POLICY_SELECT = `SELECT p.id::text AS id, p.name, p.rule, p.team_id::text AS team_id, t.name AS team_name, p.cap_per_week, p.due_days,
  p.active, p.seed, p.created_at, p.created_by::text AS created_by FROM quality_sampling_policies p LEFT JOIN teams t ON t.id = p.team_id`;

function toPolicy(r: PolicyRow): SamplingPolicy {
  return {
    id: r.id, name: r.name, rule: SamplingRule.parse(r.rule), teamId: r.team_id, teamName: r.team_name, capPerEvaluatorPerWeek: r.cap_per_week,
    dueDays: r.due_days, active: r.active, seed: r.seed, createdAt: iso(r.created_at), createdBy: r.created_by,
  };
}

async function readPolicy(db: Db, id: string): Promise<SamplingPolicy | null> {
  const [row] = await db.query<PolicyRow>(`${POLICY_SELECT} WHERE p.id = $1`, [id]);
  return row ? toPolicy(row) : null;
}

async function assertMayManageTeam(db: Db, user: SessionUser, teamId: string | null): Promise<void> {
  if (user.role === 'admin') {
    if (teamId) {
      const [team] = await db.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
      if (!team) throw new SapaError('INVALID_INPUT', 'No such team', ['teamId: not a team']);
    }
    return;
  }
  if (teamId === null) throw new SapaError('FORBIDDEN', 'Only an admin makes a policy for every team');
  const [led] = await db.query('SELECT 1 FROM teams WHERE id = $1 AND lead_user_id = $2', [teamId, user.id]);
  if (!led) throw new SapaError('FORBIDDEN', 'A lead makes sampling policies for the teams they lead', { teamId });
}

const ruleDetails = (b: SamplingPolicyInput) => ({ kind: b.rule.kind, teamId: b.teamId, cap: b.capPerEvaluatorPerWeek, dueDays: b.dueDays, active: b.active });

interface QueueRow {
  id: string; interaction_id: string; policy_id: string | null; policy_name: string | null; kind: string; agent_id: string; agent_name: string;
  team_id: string | null; team_name: string | null; assignee_id: string | null; assignee_name: string | null; channel: string; subject: string | null; started_at: Date;
  disposition: string | null; customer_name: string | null; tier: string | null; vvip: boolean | null; sampled_at: Date; due_at: Date;
  done_at: Date | null; evaluation_id: string | null;
}

export async function reviewQueue(db: Db, user: SessionUser, status: 'open' | 'done', now: Date): Promise<ReviewQueueItem[]> {
  const params: string[] = [];
  let scope = 'true';
  if (user.role !== 'admin') {
    params.push(user.id);
    scope = `(q.assignee_id = $1 OR q.agent_id IN (${TEAM_MEMBERS_OF('$1')}))`;
  }
  const rows = await db.query<QueueRow>(
    `SELECT q.id::text AS id, q.interaction_id::text AS interaction_id, q.policy_id::text AS policy_id, p.name AS policy_name, q.kind,
            q.agent_id::text AS agent_id, a.display_name AS agent_name, q.team_id::text AS team_id, t.name AS team_name,
            q.assignee_id::text AS assignee_id, s.display_name AS assignee_name, i.channel, i.subject, i.started_at, i.disposition,
            c.full_name AS customer_name, c.tier, c.vvip, q.sampled_at, q.due_at, q.done_at, q.evaluation_id::text AS evaluation_id
       FROM quality_review_queue q JOIN interactions i ON i.id = q.interaction_id JOIN users a ON a.id = q.agent_id
       LEFT JOIN users s ON s.id = q.assignee_id LEFT JOIN teams t ON t.id = q.team_id
       LEFT JOIN quality_sampling_policies p ON p.id = q.policy_id LEFT JOIN customers c ON c.id = i.customer_id
      WHERE ${scope} AND q.done_at IS ${status === 'open' ? 'NULL' : 'NOT NULL'}
      ORDER BY ${status === 'open' ? 'q.due_at, q.id' : 'q.done_at DESC, q.id'} LIMIT 500`, params);
  return rows.map((r) => ({
    id: r.id, interactionId: r.interaction_id, policyId: r.policy_id, policyName: r.policy_name, kind: r.kind,
    agentId: r.agent_id, agentName: r.agent_name, teamId: r.team_id, teamName: r.team_name, assigneeId: r.assignee_id, assigneeName: r.assignee_name,
    channel: r.channel, subject: r.subject, startedAt: iso(r.started_at), disposition: r.disposition, customerName: r.customer_name, tier: r.tier, vvip: r.vvip === true,
    sampledAt: iso(r.sampled_at), dueAt: iso(r.due_at), overdue: r.done_at === null && new Date(r.due_at).getTime() < now.getTime(),
    doneAt: isoOrNull(r.done_at), evaluationId: r.evaluation_id,
  }));
}

/** Clears the open queue item of an interaction just evaluated (inside the evaluation's transaction). */
export async function clearQueued(tx: Db, interactionId: string, evaluationId: string, at: Date): Promise<void> {
  await tx.query('UPDATE quality_review_queue SET done_at = $3, evaluation_id = $2 WHERE interaction_id = $1 AND done_at IS NULL',
    [interactionId, evaluationId, at]);
}

export function registerSamplingRoutes(register: RegisterRoute, ctx: QualityContext): void {
  const { db, now } = ctx;

  register('quality.sampling.list', async ({ user }) => {
    const rows = user.role === 'admin'
      ? await db.query<PolicyRow>(`${POLICY_SELECT} ORDER BY p.created_at, p.id`)
      : await db.query<PolicyRow>(`${POLICY_SELECT} WHERE p.team_id IS NULL OR t.lead_user_id = $1 ORDER BY p.created_at, p.id`, [user.id]);
    return { policies: rows.map(toPolicy) };
  });

  register('quality.sampling.create', async ({ body, user, request }) => {
    await assertMayManageTeam(db, user, body.teamId);
    const id = randomUUID();
    const at = now();
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO quality_sampling_policies (id, name, kind, rule, team_id, cap_per_week, due_days, seed, active, created_at, created_by, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $10)`,
        [id, body.name, body.rule.kind, JSON.stringify(body.rule), body.teamId, body.capPerEvaluatorPerWeek, body.dueDays,
          body.seed ?? randomInt(0, 2 ** 31 - 1), body.active, at, user.id]);
      await audit(tx, 'quality.sampling.create', user.id, id, ruleDetails(body), request.ip);
    });
    return (await readPolicy(db, id))!;
  });

  register('quality.sampling.update', async ({ params, body, user, request }) => {
    const existing = await readPolicy(db, params.id);
    if (!existing) throw new SapaError('NOT_FOUND', `No sampling policy ${params.id}`);
    await assertMayManageTeam(db, user, existing.teamId);
    await assertMayManageTeam(db, user, body.teamId);
    await db.transaction(async (tx) => {
      await tx.query(
        `UPDATE quality_sampling_policies SET name = $2, kind = $3, rule = $4::jsonb, team_id = $5, cap_per_week = $6, due_days = $7,
                seed = coalesce($8, seed), active = $9, updated_at = $10 WHERE id = $1`,
        [params.id, body.name, body.rule.kind, JSON.stringify(body.rule), body.teamId, body.capPerEvaluatorPerWeek, body.dueDays,
          body.seed ?? null, body.active, now()]);
      await audit(tx, 'quality.sampling.update', user.id, params.id, ruleDetails(body), request.ip);
    });
    return (await readPolicy(db, params.id))!;
  });

  register('quality.sampling.run', async ({ user, request }) => runSampling(db, now(), { actorId: user.id, ip: request.ip, trigger: 'request' }));

  register('quality.queue.list', async ({ query, user }) => ({ items: await reviewQueue(db, user, query.status, now()) }));
}
