// Calibration sessions (docs/quality.md, "Calibration"): a lead of the agent's team (or an
// admin) puts one interaction and one form version before several leads; each scores blind —
// the others' scores stay hidden from a participant until they submitted their own, or the
// session is closed; the reference (the owner's score unless another participant was named)
// is what deviations are measured from; drift is a participant's deviation across closed
// sessions. The scores live in quality_calibration_scores, never in quality_evaluations, so
// they do not count as the agent's evaluations.
import { randomUUID } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { answerProblems, EvaluationAnswers, type EvaluationAnswer } from '../../shared/quality/answers.js';
import { type Calibration, type CalibrationSummary, deviation, type DriftPoint, driftSummary } from '../../shared/quality/calibration.js';
import { type FormDefinition } from '../../shared/quality/form.js';
import { scoreEvaluation } from '../../shared/quality/scoring.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { iso, isoOrNull } from '../db/timestamps.js';
import { type RegisterRoute } from '../http/route.js';
import { assertMayEvaluate } from './access.js';
import { type QualityContext } from './context.js';
import { withQualityRefusals } from './db-refusals.js';
import { interactionOf } from './evaluations.js';
import { parseDefinition, readVersion } from './form-rows.js';

interface SummaryRow {
  id: string; interaction_id: string; form_version_id: string; name_id: string; name_en: string; version: number;
  owner_id: string; owner_name: string; reference_id: string; reference_name: string; agent_name: string | null; started_at: Date;
  created_at: Date; closed_at: Date | null; participants: number | string; submitted: number | string; my_submitted: boolean;
}

const SUMMARY_SELECT = `SELECT s.id::text AS id, s.interaction_id::text AS interaction_id, s.form_version_id::text AS form_version_id,
  f.name_id, f.name_en, v.version, s.owner_id::text AS owner_id, o.display_name AS owner_name, s.reference_id::text AS reference_id,
  r.display_name AS reference_name, coalesce(ag.display_name, i.agent_name) AS agent_name, i.started_at, s.created_at, s.closed_at,
  (SELECT count(*) FROM quality_calibration_participants p WHERE p.session_id = s.id) AS participants,
  (SELECT count(*) FROM quality_calibration_scores sc WHERE sc.session_id = s.id) AS submitted,
  EXISTS (SELECT 1 FROM quality_calibration_scores sc WHERE sc.session_id = s.id AND sc.evaluator_id = $1) AS my_submitted
  FROM quality_calibration_sessions s JOIN quality_form_versions v ON v.id = s.form_version_id JOIN quality_forms f ON f.id = v.form_id
  JOIN users o ON o.id = s.owner_id JOIN users r ON r.id = s.reference_id JOIN interactions i ON i.id = s.interaction_id
  LEFT JOIN users ag ON ag.id = i.agent_id`;

function toSummary(r: SummaryRow): CalibrationSummary {
  return {
    id: r.id, interactionId: r.interaction_id, formVersionId: r.form_version_id, formName: { id: r.name_id, en: r.name_en }, formVersion: r.version,
    ownerId: r.owner_id, ownerName: r.owner_name, referenceId: r.reference_id, referenceName: r.reference_name, agentName: r.agent_name,
    startedAt: iso(r.started_at), createdAt: iso(r.created_at), closedAt: isoOrNull(r.closed_at),
    participants: Number(r.participants), submitted: Number(r.submitted), mySubmitted: r.my_submitted,
  };
}

interface ScoreRow { evaluator_id: string; answers: unknown; score: number | string; submitted_at: Date }

const parseAnswers = (raw: unknown): EvaluationAnswer[] => {
  const parsed = EvaluationAnswers.safeParse(raw);
  if (!parsed.success) throw new SapaError('INTERNAL', 'Stored calibration answers no longer parse');
  return parsed.data;
};

/** A participant's deviation in each closed session they scored and someone else was the reference of. */
async function driftOf(db: Db, userId: string): Promise<DriftPoint[]> {
  const rows = await db.query<{ id: string; closed_at: Date; version_id: string; definition: unknown; mine: unknown; my_score: number | string; ref: unknown; ref_score: number | string }>(
    `SELECT s.id::text AS id, s.closed_at, v.id::text AS version_id, v.definition, me.answers AS mine, me.score AS my_score, rf.answers AS ref, rf.score AS ref_score
       FROM quality_calibration_sessions s JOIN quality_form_versions v ON v.id = s.form_version_id
       JOIN quality_calibration_scores me ON me.session_id = s.id AND me.evaluator_id = $1
       JOIN quality_calibration_scores rf ON rf.session_id = s.id AND rf.evaluator_id = s.reference_id
      WHERE s.closed_at IS NOT NULL AND s.reference_id <> $1 ORDER BY s.closed_at, s.id LIMIT 100`, [userId]);
  return rows.map((r) => {
    const d = deviation(parseDefinition(r.definition, r.version_id),
      { answers: parseAnswers(r.mine), total: Number(r.my_score) }, { answers: parseAnswers(r.ref), total: Number(r.ref_score) });
    return { sessionId: r.id, at: iso(r.closed_at), totalDelta: d.totalDelta, meanAbsItemDelta: d.meanAbsItemDelta };
  });
}

async function readSession(db: Db, caller: SessionUser, id: string): Promise<Calibration> {
  const [row] = await db.query<SummaryRow>(`${SUMMARY_SELECT} WHERE s.id = $2`, [caller.id, id]);
  if (!row) throw new SapaError('NOT_FOUND', `No calibration session ${id}`);
  const people = await db.query<{ user_id: string; name: string }>(
    `SELECT p.user_id::text AS user_id, u.display_name AS name FROM quality_calibration_participants p JOIN users u ON u.id = p.user_id
      WHERE p.session_id = $1 ORDER BY u.display_name, u.id`, [id]);
  const participant = people.some((p) => p.user_id === caller.id);
  if (!participant && caller.role !== 'admin') throw new SapaError('FORBIDDEN', 'Only the leads invited to a calibration session see it');
  const [detail] = await db.query<{ definition: unknown; recording_id: string | null; duration_ms: number | null }>(
    `SELECT v.definition, r.id::text AS recording_id, r.duration_ms FROM quality_calibration_sessions s
       JOIN quality_form_versions v ON v.id = s.form_version_id JOIN interactions i ON i.id = s.interaction_id
       LEFT JOIN recordings r ON r.id::text = i.recording_id AND r.completed_at IS NOT NULL WHERE s.id = $1`, [id]);
  const definition: FormDefinition = parseDefinition(detail?.definition, row.form_version_id);
  const scores = new Map((await db.query<ScoreRow>(
    'SELECT evaluator_id::text AS evaluator_id, answers, score, submitted_at FROM quality_calibration_scores WHERE session_id = $1', [id],
  )).map((s) => [s.evaluator_id, { answers: parseAnswers(s.answers), total: Number(s.score), at: s.submitted_at }]));
  const closed = row.closed_at !== null;
  // Blind: a participant sees the others once they submitted their own; anyone once closed.
  const revealed = closed || (participant && scores.has(caller.id));
  const reference = scores.get(row.reference_id);
  const out = [];
  for (const p of people) {
    const s = scores.get(p.user_id);
    const visible = s !== undefined && (revealed || p.user_id === caller.id);
    const points = revealed ? await driftOf(db, p.user_id) : [];
    out.push({
      userId: p.user_id, name: p.name, submitted: s !== undefined, submittedAt: s ? iso(s.at) : null,
      score: visible && s ? s.total : null, answers: visible && s ? s.answers : null,
      deviation: revealed && s && reference ? deviation(definition, s, reference) : null,
      drift: revealed ? { points, ...driftSummary(points) } : null,
    });
  }
  return {
    ...toSummary(row), definition, revealed, people: out,
    recording: detail?.recording_id ? { id: detail.recording_id, durationMs: detail.duration_ms } : null,
  };
}

export function registerCalibrationRoutes(register: RegisterRoute, ctx: QualityContext): void {
  const { db, now } = ctx;

  register('quality.calibrations.evaluators', async () => {
    const rows = await db.query<{ id: string; name: string; role: 'lead' | 'admin' }>(
      `SELECT id::text AS id, display_name AS name, role FROM users WHERE role IN ('lead', 'admin') AND disabled_at IS NULL
        ORDER BY display_name, id LIMIT 500`);
    return { items: rows };
  });

  register('quality.calibrations.create', async ({ body, user, request }) => {
    const interaction = await interactionOf(db, body.interactionId);
    await assertMayEvaluate(db, user, interaction.agentId);
    const version = await readVersion(db, body.formVersionId);
    if (!version) throw new SapaError('INVALID_INPUT', `No form version ${body.formVersionId}`, ['formVersionId: not a form version']);
    const ids = [...new Set([user.id, ...body.participantIds])];
    const found = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM users WHERE id = ANY($1::uuid[]) AND role IN ('lead', 'admin') AND disabled_at IS NULL`, [ids]);
    const missing = ids.filter((i) => !found.some((f) => f.id === i));
    if (missing.length) throw new SapaError('INVALID_INPUT', 'Only leads and admins take part in a calibration', missing.map((m) => `participantIds: ${m} is not a lead or admin`));
    if (ids.includes(interaction.agentId)) throw new SapaError('INVALID_INPUT', 'The agent evaluated does not calibrate on their own interaction', ['participantIds: the agent']);
    if (ids.length < 2) throw new SapaError('INVALID_INPUT', 'A calibration needs at least one other evaluator', ['participantIds: invite another lead']);
    const referenceId = body.referenceId ?? user.id;
    if (!ids.includes(referenceId)) throw new SapaError('INVALID_INPUT', 'The reference must take part', ['referenceId: not a participant']);
    const id = randomUUID();
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO quality_calibration_sessions (id, interaction_id, form_version_id, owner_id, reference_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, body.interactionId, body.formVersionId, user.id, referenceId, now()]);
      for (const p of ids) await tx.query('INSERT INTO quality_calibration_participants (session_id, user_id) VALUES ($1, $2)', [id, p]);
      await audit(tx, 'quality.calibrations.create', user.id, id,
        { interactionId: body.interactionId, formVersionId: body.formVersionId, participantIds: ids, referenceId }, request.ip);
    });
    return readSession(db, user, id);
  });

  register('quality.calibrations.list', async ({ user }) => {
    const rows = user.role === 'admin'
      ? await db.query<SummaryRow>(`${SUMMARY_SELECT} ORDER BY s.created_at DESC, s.id LIMIT 200`, [user.id])
      : await db.query<SummaryRow>(
        `${SUMMARY_SELECT} WHERE EXISTS (SELECT 1 FROM quality_calibration_participants p WHERE p.session_id = s.id AND p.user_id = $1)
          ORDER BY s.created_at DESC, s.id LIMIT 200`, [user.id]);
    return { items: rows.map(toSummary) };
  });

  register('quality.calibrations.read', async ({ params, user }) => readSession(db, user, params.id));

  register('quality.calibrations.score', async ({ params, body, user, request }) => {
    const [session] = await db.query<{ form_version_id: string; closed_at: Date | null; participant: boolean }>(
      `SELECT form_version_id::text AS form_version_id, closed_at,
              EXISTS (SELECT 1 FROM quality_calibration_participants p WHERE p.session_id = s.id AND p.user_id = $2) AS participant
         FROM quality_calibration_sessions s WHERE s.id = $1`, [params.id, user.id]);
    if (!session) throw new SapaError('NOT_FOUND', `No calibration session ${params.id}`);
    if (!session.participant) throw new SapaError('FORBIDDEN', 'Only the leads invited to a calibration session score in it');
    if (session.closed_at) throw new SapaError('CONFLICT', 'This calibration session is closed');
    await withQualityRefusals('Your calibration score', () => db.transaction(async (tx) => {
      const version = await readVersion(tx, session.form_version_id, true);
      if (!version) throw new SapaError('INTERNAL', 'The session\'s form version is gone');
      const problems = answerProblems(version.definition, body.answers);
      if (problems.length) throw new SapaError('INVALID_INPUT', 'The answers do not fit the form version', problems);
      const result = scoreEvaluation(version.definition, body.answers);
      if (result.total === null) throw new SapaError('INVALID_INPUT', 'Nothing to score: every item is N/A', ['answers: every scored item is N/A']);
      const at = now();
      await tx.query(
        `INSERT INTO quality_calibration_scores (session_id, evaluator_id, answers, score, result, submitted_at) VALUES ($1, $2, $3::jsonb, $4, $5::jsonb, $6)`,
        [params.id, user.id, JSON.stringify(body.answers), result.total, JSON.stringify(result), at]);
      // The version now carries scores: frozen like one an evaluation pins.
      await tx.query('UPDATE quality_form_versions SET used_at = $2 WHERE id = $1 AND used_at IS NULL', [session.form_version_id, at]);
      await audit(tx, 'quality.calibrations.score', user.id, params.id, { score: result.total }, request.ip);
    }));
    return readSession(db, user, params.id);
  });

  register('quality.calibrations.close', async ({ params, user, request }) => {
    const [session] = await db.query<{ owner_id: string; closed_at: Date | null }>(
      'SELECT owner_id::text AS owner_id, closed_at FROM quality_calibration_sessions WHERE id = $1', [params.id]);
    if (!session) throw new SapaError('NOT_FOUND', `No calibration session ${params.id}`);
    if (session.owner_id !== user.id && user.role !== 'admin') throw new SapaError('FORBIDDEN', 'Only the session\'s owner or an admin closes it');
    if (session.closed_at) throw new SapaError('CONFLICT', 'This calibration session is already closed');
    await db.transaction(async (tx) => {
      await tx.query('UPDATE quality_calibration_sessions SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL', [params.id, now()]);
      await audit(tx, 'quality.calibrations.close', user.id, params.id, undefined, request.ip);
    });
    return readSession(db, user, params.id);
  });
}
