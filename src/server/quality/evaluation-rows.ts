// Reading evaluations: one SELECT for the summary (who, which form version, score, the
// agent's acknowledgement and dispute) and, for one evaluation, its answers, score detail,
// the form it was scored on and its comments. Stored JSON is parsed, never cast.
import { SapaError } from '../../shared/errors.js';
import { EvaluationAnswers } from '../../shared/quality/answers.js';
import { type Evaluation, type EvaluationSummary, type PinnedComment, ScoreResultSchema } from '../../shared/quality/evaluation.js';
import { type Db, type SqlParam } from '../db/db.js';
import { iso, isoOrNull } from '../db/timestamps.js';
import { parseDefinition } from './form-rows.js';

interface SummaryRow {
  id: string; interaction_id: string; agent_id: string; agent_name: string; evaluator_id: string; evaluator_name: string;
  form_id: string; name_id: string; name_en: string; form_version_id: string; version: number; score: number;
  submitted_at: Date; acknowledged_at: Date | null; rescore_of: string | null;
  reason: string | null; disputed_at: Date | null; window_hours: number | null; rescore_id: string | null; resolved_at: Date | null;
}

export const SUMMARY_FROM = `quality_evaluations e
  JOIN users a ON a.id = e.agent_id JOIN users ev ON ev.id = e.evaluator_id
  JOIN quality_form_versions v ON v.id = e.form_version_id JOIN quality_forms f ON f.id = v.form_id
  LEFT JOIN quality_disputes d ON d.evaluation_id = e.id`;

const SUMMARY_COLUMNS = `e.id::text AS id, e.interaction_id::text AS interaction_id, e.agent_id::text AS agent_id, a.display_name AS agent_name,
  e.evaluator_id::text AS evaluator_id, ev.display_name AS evaluator_name, v.form_id::text AS form_id, f.name_id, f.name_en,
  e.form_version_id::text AS form_version_id, v.version, e.score, e.submitted_at, e.acknowledged_at, e.rescore_of::text AS rescore_of,
  d.reason, d.disputed_at, d.window_hours, d.rescore_id::text AS rescore_id, d.resolved_at`;

function toSummary(r: SummaryRow, windowHours: number): EvaluationSummary {
  return {
    id: r.id, interactionId: r.interaction_id, agentId: r.agent_id, agentName: r.agent_name,
    evaluatorId: r.evaluator_id, evaluatorName: r.evaluator_name,
    formId: r.form_id, formName: { id: r.name_id, en: r.name_en }, formVersionId: r.form_version_id, formVersion: r.version,
    score: Number(r.score), submittedAt: iso(r.submitted_at), acknowledgedAt: isoOrNull(r.acknowledged_at), rescoreOf: r.rescore_of,
    disputeUntil: r.rescore_of ? null : disputeDeadline(r.submitted_at, windowHours).toISOString(),
    dispute: r.disputed_at ? {
      reason: r.reason ?? '', disputedAt: iso(r.disputed_at), windowHours: r.window_hours ?? 0,
      rescoreId: r.rescore_id, resolvedAt: isoOrNull(r.resolved_at),
    } : null,
  };
}

export function disputeDeadline(submittedAt: Date, windowHours: number): Date {
  return new Date(new Date(submittedAt).getTime() + windowHours * 3_600_000);
}

/** A page of summaries, newest first; `before` is the previous page's `nextBefore`. */
export async function listSummaries(
  db: Db, where: string, params: SqlParam[], page: { before?: string | undefined; limit: number }, windowHours: number,
): Promise<{ items: EvaluationSummary[]; nextBefore: string | null }> {
  const all = [...params];
  let keyset = '';
  if (page.before) {
    const [at, id] = page.before.split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id)) {
      throw new SapaError('INVALID_INPUT', 'Invalid query', ['before: the nextBefore of a previous page']);
    }
    all.push(at, id);
    keyset = ` AND (e.submitted_at, e.id) < ($${all.length - 1}::timestamptz, $${all.length}::uuid)`;
  }
  all.push(page.limit + 1);
  const rows = await db.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE (${where})${keyset} ORDER BY e.submitted_at DESC, e.id DESC LIMIT $${all.length}`, all);
  const items = rows.slice(0, page.limit).map((r) => toSummary(r, windowHours));
  const last = items.at(-1);
  return { items, nextBefore: rows.length > page.limit && last ? `${last.submittedAt}|${last.id}` : null };
}

export async function readSummary(db: Db, id: string, windowHours: number): Promise<EvaluationSummary | null> {
  const [r] = await db.query<SummaryRow>(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE e.id = $1`, [id]);
  return r ? toSummary(r, windowHours) : null;
}

export async function readEvaluation(db: Db, id: string, windowHours: number): Promise<Evaluation | null> {
  const summary = await readSummary(db, id, windowHours);
  if (!summary) return null;
  const [detail] = await db.query<{ answers: unknown; result: unknown; definition: unknown }>(
    `SELECT e.answers, e.result, v.definition FROM quality_evaluations e JOIN quality_form_versions v ON v.id = e.form_version_id
      WHERE e.id = $1`, [id]);
  const answers = EvaluationAnswers.safeParse(detail?.answers);
  const result = ScoreResultSchema.safeParse(detail?.result);
  if (!answers.success || !result.success) throw new SapaError('INTERNAL', `The stored answers of evaluation ${id} do not parse`);
  const comments = await db.query<{ id: string; author_id: string | null; author_name: string | null; offset_ms: number; body: string; created_at: Date }>(
    `SELECT c.id::text AS id, c.author_id::text AS author_id, u.display_name AS author_name, c.offset_ms, c.body, c.created_at
       FROM quality_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.evaluation_id = $1 ORDER BY c.offset_ms, c.created_at, c.id`, [id]);
  const [rescore] = await db.query<{ id: string }>('SELECT id::text AS id FROM quality_evaluations WHERE rescore_of = $1', [id]);
  return {
    ...summary,
    definition: parseDefinition(detail?.definition, summary.formVersionId),
    answers: answers.data, result: result.data,
    comments: comments.map((c): PinnedComment => ({
      id: c.id, authorId: c.author_id, authorName: c.author_name, offsetMs: c.offset_ms, body: c.body, createdAt: iso(c.created_at),
    })),
    rescore: rescore ? await readSummary(db, rescore.id, windowHours) : null,
  };
}
