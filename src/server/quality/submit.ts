// Saving an evaluation (a first score or a re-score): the answers are checked against the
// pinned form version and scored by the one scoring function (src/shared/quality/scoring.ts)
// — a score sent by a client is never taken — and the evaluation, its pinned comments and
// the audit entry are written in one transaction. The version is read there under its row
// lock, so an edit of a still unused version cannot slip between the scoring and the insert
// (whose trigger marks the version used and frozen).
import { randomUUID } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import { answerProblems, type EvaluationAnswer } from '../../shared/quality/answers.js';
import { type FormDefinition } from '../../shared/quality/form.js';
import { scoreEvaluation } from '../../shared/quality/scoring.js';
import { type AuditAction, audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { withQualityRefusals } from './db-refusals.js';
import { readVersion } from './form-rows.js';

export interface Submission {
  /** The desktop's id for it (a repeated Save), else a new one. */
  id?: string;
  interactionId: string;
  agentId: string;
  evaluatorId: string;
  formVersionId: string;
  answers: readonly EvaluationAnswer[];
  comments: readonly { offsetMs: number; body: string }[];
  rescoreOf: string | null;
  /** The interaction's recording length, when known: a comment cannot be pinned past it. */
  recordingMs: number | null;
}

function checkSubmission(s: Submission & { definition: FormDefinition }) {
  const problems = answerProblems(s.definition, s.answers);
  const { recordingMs } = s;
  if (recordingMs !== null) {
    s.comments.forEach((c, i) => {
      if (c.offsetMs > recordingMs) problems.push(`comments.${i}.offsetMs: past the end of the recording (${recordingMs} ms)`);
    });
  }
  if (problems.length) throw new SapaError('INVALID_INPUT', 'The answers do not fit the form version', problems);
  const result = scoreEvaluation(s.definition, s.answers);
  if (result.total === null) throw new SapaError('INVALID_INPUT', 'Nothing to score: every item is N/A', ['answers: every scored item is N/A']);
  return { result, total: result.total };
}

export async function insertComments(tx: Db, evaluationId: string, authorId: string, comments: Submission['comments'], at: Date): Promise<string[]> {
  const ids: string[] = [];
  for (const c of comments) {
    const id = randomUUID();
    await tx.query('INSERT INTO quality_comments (id, evaluation_id, author_id, offset_ms, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, evaluationId, authorId, c.offsetMs, c.body, at]);
    ids.push(id);
  }
  return ids;
}

/**
 * The evaluation this id already names, when the same evaluator saves it again (a retried
 * Save): its id, to answer it unchanged. Someone else's id is refused.
 */
export async function alreadySaved(tx: Db, id: string | undefined, evaluatorId: string): Promise<string | null> {
  if (id === undefined) return null;
  const [row] = await tx.query<{ evaluator_id: string }>('SELECT evaluator_id FROM quality_evaluations WHERE id = $1', [id]);
  if (!row) return null;
  if (row.evaluator_id !== evaluatorId) throw new SapaError('CONFLICT', `Evaluation ${id} exists`);
  return id;
}

/** Writes the evaluation inside `tx`; returns its id. */
export async function insertEvaluation(tx: Db, s: Submission, at: Date, action: AuditAction, ip: string | null): Promise<string> {
  const version = await readVersion(tx, s.formVersionId, true);
  if (!version) throw new SapaError('INVALID_INPUT', `No form version ${s.formVersionId}`, ['formVersionId: not a form version']);
  const { result, total } = checkSubmission({ ...s, definition: version.definition });
  const id = s.id ?? randomUUID();
  await withQualityRefusals('The evaluation', () => tx.query(
    `INSERT INTO quality_evaluations (id, interaction_id, agent_id, evaluator_id, form_version_id, rescore_of, answers, score, result, submitted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10)`,
    [id, s.interactionId, s.agentId, s.evaluatorId, s.formVersionId, s.rescoreOf, JSON.stringify(s.answers), total, JSON.stringify(result), at]));
  await insertComments(tx, id, s.evaluatorId, s.comments, at);
  await audit(tx, action, s.evaluatorId, id, {
    interactionId: s.interactionId, agentId: s.agentId, formVersionId: s.formVersionId, score: total,
    fatalFailed: result.fatalFailed, ...(s.rescoreOf ? { rescoreOf: s.rescoreOf } : {}),
  }, ip);
  return id;
}
