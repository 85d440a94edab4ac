// Evaluation routes: score an interaction on a form version, read one, list what a lead may
// see or what an agent was given, pin a comment to a moment of the recording.
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { TEAM_MEMBERS_OF, assertMayEvaluate, assertMayRead } from './access.js';
import { type QualityContext } from './context.js';
import { listSummaries, readEvaluation, readSummary } from './evaluation-rows.js';
import { qualitySettings } from './settings.js';
import { clearQueued } from './sampling.js';
import { alreadySaved, insertComments, insertEvaluation } from './submit.js';

/** The interaction's agent and recording length; 404 when there is no such interaction. */
export async function interactionOf(db: Db, id: string): Promise<{ agentId: string; recordingMs: number | null }> {
  const [row] = await db.query<{ agent_id: string | null; agent_exists: boolean; duration_ms: number | null }>(
    `SELECT i.agent_id::text AS agent_id, EXISTS (SELECT 1 FROM users u WHERE u.id = i.agent_id) AS agent_exists, r.duration_ms
       FROM interactions i LEFT JOIN recordings r ON r.id::text = i.recording_id WHERE i.id = $1`, [id]);
  if (!row) throw new SapaError('NOT_FOUND', `No interaction ${id}`);
  if (!row.agent_id || !row.agent_exists) throw new SapaError('CONFLICT', 'This interaction has no agent to evaluate');
  return { agentId: row.agent_id, recordingMs: row.duration_ms };
}

export async function readVisible(ctx: QualityContext, caller: SessionUser, id: string) {
  const { disputeWindowHours } = await qualitySettings(ctx.db);
  const evaluation = await readEvaluation(ctx.db, id, disputeWindowHours);
  if (!evaluation) throw new SapaError('NOT_FOUND', `No evaluation ${id}`);
  await assertMayRead(ctx.db, caller, evaluation);
  return evaluation;
}

export function registerEvaluationRoutes(register: RegisterRoute, ctx: QualityContext): void {
  const { db, now } = ctx;

  register('quality.evaluations.create', async ({ body, user, request }) => {
    const interaction = await interactionOf(db, body.interactionId);
    await assertMayEvaluate(db, user, interaction.agentId);
    const at = now();
    const id = await db.transaction(async (tx) => {
      const saved = await alreadySaved(tx, body.id, user.id);
      if (saved) return saved;
      const created = await insertEvaluation(tx, {
        id: body.id, interactionId: body.interactionId, agentId: interaction.agentId, evaluatorId: user.id, formVersionId: body.formVersionId,
        answers: body.answers, comments: body.comments, rescoreOf: null, recordingMs: interaction.recordingMs,
      }, at, 'quality.evaluations.create', request.ip);
      // Scoring a sampled interaction clears it from the review queue.
      await clearQueued(tx, body.interactionId, created, at);
      return created;
    });
    return readVisible(ctx, user, id);
  });

  register('quality.evaluations.read', async ({ params, user }) => readVisible(ctx, user, params.id));

  register('quality.evaluations.list', async ({ query, user }) => {
    const { disputeWindowHours } = await qualitySettings(db);
    if (user.role === 'admin') {
      return listSummaries(db, query.agentId ? 'e.agent_id = $1' : 'true', query.agentId ? [query.agentId] : [], query, disputeWindowHours);
    }
    const mine = `(e.agent_id IN (${TEAM_MEMBERS_OF('$1')}) OR e.evaluator_id = $1)`;
    return listSummaries(db, query.agentId ? `${mine} AND e.agent_id = $2` : mine, query.agentId ? [user.id, query.agentId] : [user.id],
      query, disputeWindowHours);
  });

  register('quality.evaluations.mine', async ({ query, user }) => {
    if (query.agentId && query.agentId !== user.id) {
      throw new SapaError('INVALID_INPUT', 'Invalid query', ['agentId: this list is always your own']);
    }
    const { disputeWindowHours } = await qualitySettings(db);
    return listSummaries(db, 'e.agent_id = $1', [user.id], query, disputeWindowHours);
  });

  register('quality.evaluations.comment', async ({ params, body, user, request }) => {
    const { disputeWindowHours } = await qualitySettings(db);
    const evaluation = await readSummary(db, params.id, disputeWindowHours);
    if (!evaluation) throw new SapaError('NOT_FOUND', `No evaluation ${params.id}`);
    await assertMayRead(db, user, evaluation);
    if (evaluation.evaluatorId !== user.id) throw new SapaError('FORBIDDEN', 'Only the evaluator pins comments to an evaluation');
    const { recordingMs } = await interactionOf(db, evaluation.interactionId);
    if (recordingMs !== null && body.offsetMs > recordingMs) {
      throw new SapaError('INVALID_INPUT', 'The comment is past the end of the recording', [`offsetMs: at most ${recordingMs}`]);
    }
    const at = now();
    const [id] = await db.transaction(async (tx) => {
      const ids = await insertComments(tx, params.id, user.id, [body], at);
      await audit(tx, 'quality.evaluations.comment', user.id, params.id, { offsetMs: body.offsetMs }, request.ip);
      return ids;
    });
    return { id: id ?? '', authorId: user.id, authorName: user.displayName, offsetMs: body.offsetMs, body: body.body, createdAt: at.toISOString() };
  });
}
