// The agent's side of an evaluation and what follows: acknowledge it (once), dispute it
// within the window with a reason (once, and never a re-score: a re-score is final), and the
// re-score by another evaluator — any lead or admin but the original evaluator and the agent
// — kept beside the original (which is never changed).
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type EvaluationSummary } from '../../shared/quality/evaluation.js';
import { audit } from '../auth/audit.js';
import { type RegisterRoute } from '../http/route.js';
import { assertMayRead } from './access.js';
import { type QualityContext } from './context.js';
import { withQualityRefusals } from './db-refusals.js';
import { disputeDeadline, listSummaries, readSummary } from './evaluation-rows.js';
import { interactionOf, readVisible } from './evaluations.js';
import { qualitySettings } from './settings.js';
import { insertEvaluation } from './submit.js';

/** The evaluation, when `caller` is the agent it is about (404 for other agents, 403 for evaluators). */
async function ownEvaluation(ctx: QualityContext, caller: SessionUser, id: string, windowHours: number): Promise<EvaluationSummary> {
  const evaluation = await readSummary(ctx.db, id, windowHours);
  if (!evaluation) throw new SapaError('NOT_FOUND', `No evaluation ${id}`);
  await assertMayRead(ctx.db, caller, evaluation);
  if (evaluation.agentId !== caller.id) throw new SapaError('FORBIDDEN', 'Only the agent evaluated acknowledges or disputes an evaluation');
  return evaluation;
}

export function registerDisputeRoutes(register: RegisterRoute, ctx: QualityContext): void {
  const { db, now } = ctx;

  register('quality.evaluations.acknowledge', async ({ params, user, request }) => {
    const { disputeWindowHours } = await qualitySettings(db);
    await ownEvaluation(ctx, user, params.id, disputeWindowHours);
    await withQualityRefusals('The acknowledgement', () => db.transaction(async (tx) => {
      const done = await tx.query('UPDATE quality_evaluations SET acknowledged_at = $2 WHERE id = $1 AND acknowledged_at IS NULL RETURNING id',
        [params.id, now()]);
      if (done.length === 0) throw new SapaError('CONFLICT', 'This evaluation is already acknowledged');
      await audit(tx, 'quality.evaluations.acknowledge', user.id, params.id, undefined, request.ip);
    }));
    return readVisible(ctx, user, params.id);
  });

  register('quality.evaluations.dispute', async ({ params, body, user, request }) => {
    const { disputeWindowHours } = await qualitySettings(db);
    const evaluation = await ownEvaluation(ctx, user, params.id, disputeWindowHours);
    if (evaluation.rescoreOf) throw new SapaError('CONFLICT', 'A re-score is final: it cannot be disputed');
    if (evaluation.dispute) throw new SapaError('CONFLICT', `This evaluation was already disputed on ${evaluation.dispute.disputedAt}`);
    const at = now();
    const deadline = disputeDeadline(new Date(evaluation.submittedAt), disputeWindowHours);
    if (at.getTime() > deadline.getTime() || disputeWindowHours === 0) {
      throw new SapaError('CONFLICT', `The dispute window (${disputeWindowHours} h) closed at ${deadline.toISOString()}`,
        { disputeUntil: deadline.toISOString() });
    }
    await withQualityRefusals('A dispute of this evaluation', () => db.transaction(async (tx) => {
      await tx.query('INSERT INTO quality_disputes (evaluation_id, agent_id, reason, disputed_at, window_hours) VALUES ($1, $2, $3, $4, $5)',
        [params.id, user.id, body.reason, at, disputeWindowHours]);
      await audit(tx, 'quality.evaluations.dispute', user.id, params.id, { windowHours: disputeWindowHours }, request.ip);
    }));
    return readVisible(ctx, user, params.id);
  });

  register('quality.disputes.open', async ({ user }) => {
    const { disputeWindowHours } = await qualitySettings(db);
    // Every lead sees every open dispute they did not evaluate (any team: see access.ts).
    const open = 'd.evaluation_id IS NOT NULL AND d.resolved_at IS NULL AND e.evaluator_id <> $1 AND e.agent_id <> $1';
    return listSummaries(db, open, [user.id], { limit: 200 }, disputeWindowHours);
  });

  register('quality.evaluations.rescore', async ({ params, body, user, request }) => {
    const { disputeWindowHours } = await qualitySettings(db);
    const original = await readSummary(db, params.id, disputeWindowHours);
    if (!original) throw new SapaError('NOT_FOUND', `No evaluation ${params.id}`);
    await assertMayRead(db, user, original);
    if (original.rescoreOf) throw new SapaError('CONFLICT', 'A re-score is final: it cannot be re-scored');
    if (!original.dispute) throw new SapaError('CONFLICT', 'Only a disputed evaluation is re-scored');
    if (original.evaluatorId === user.id) throw new SapaError('FORBIDDEN', 'A dispute goes to another evaluator than the original');
    if (original.agentId === user.id) throw new SapaError('FORBIDDEN', 'Nobody evaluates their own interactions');
    const { recordingMs } = await interactionOf(db, original.interactionId);
    const id = await withQualityRefusals('A re-score of this evaluation', () => db.transaction(async (tx) => {
      // The dispute row's lock: two evaluators re-scoring at once, one wins, the other is told.
      const [dispute] = await tx.query<{ resolved_at: Date | null }>(
        'SELECT resolved_at FROM quality_disputes WHERE evaluation_id = $1 FOR UPDATE', [params.id]);
      if (dispute?.resolved_at) throw new SapaError('CONFLICT', 'This dispute was already re-scored');
      const at = now();
      const rescoreId = await insertEvaluation(tx, {
        interactionId: original.interactionId, agentId: original.agentId, evaluatorId: user.id, formVersionId: original.formVersionId,
        answers: body.answers, comments: body.comments, rescoreOf: original.id, recordingMs,
      }, at, 'quality.evaluations.rescore', request.ip);
      await tx.query('UPDATE quality_disputes SET rescore_id = $2, resolved_at = $3 WHERE evaluation_id = $1', [params.id, rescoreId, at]);
      return rescoreId;
    }));
    return readVisible(ctx, user, id);
  });
}
