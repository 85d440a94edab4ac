// A lead's evaluation drafts in the encrypted cache: saved on every change (the renderer
// debounces), read back after a reload, a crash or a restart; the evaluator's own only.
// Save pressed while the server is out of reach sends the evaluation with the outbox
// (`evaluation.submit`): its local effect marks the draft queued, the server's answer
// deletes it (applied) or makes it editable again (refused, see refused changes).
import { type DraftAnswer, DraftBody, type DraftKey, type SaveDraftRequest } from '../../../shared/quality/draft.js';
import { type EvaluationSubmitArgs } from '../../../shared/quality/draft.js';
import { type CacheDb } from '../cache/open-cache.js';
import { type LocalEffectsOf } from '../outbox/local-effects.js';

interface Row { body: string; updated_at: string; queued: number }

export function readDraft(db: CacheDb, evaluatorId: string, key: DraftKey): DraftAnswer {
  const row = db.prepare<[string, string, string], Row>(
    'SELECT body, updated_at, queued FROM quality_drafts WHERE evaluator_id = ? AND interaction_id = ? AND form_version_id = ?',
  ).get(evaluatorId, key.interactionId, key.formVersionId);
  if (!row) return { draft: null, queued: false };
  // Parsed, never cast: a row written by an older build may not fit today's schema.
  let parsed: ReturnType<typeof DraftBody.safeParse>;
  try {
    parsed = DraftBody.safeParse(JSON.parse(row.body));
  } catch {
    return { draft: null, queued: row.queued === 1 };
  }
  return { draft: parsed.success ? { ...parsed.data, updatedAt: row.updated_at } : null, queued: row.queued === 1 };
}

export function saveDraft(db: CacheDb, evaluatorId: string, d: SaveDraftRequest, now = new Date()): { updatedAt: string } {
  const updatedAt = now.toISOString();
  db.prepare(
    `INSERT INTO quality_drafts (evaluator_id, interaction_id, form_version_id, body, updated_at, queued) VALUES (?, ?, ?, ?, ?, 0)
     ON CONFLICT (evaluator_id, interaction_id, form_version_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, queued = 0`,
  ).run(evaluatorId, d.interactionId, d.formVersionId, JSON.stringify({ answers: d.answers, pins: d.pins }), updatedAt);
  return { updatedAt };
}

export function deleteDraft(db: CacheDb, evaluatorId: string, key: DraftKey): void {
  db.prepare('DELETE FROM quality_drafts WHERE evaluator_id = ? AND interaction_id = ? AND form_version_id = ?')
    .run(evaluatorId, key.interactionId, key.formVersionId);
}

/** The evaluation as a draft again (what a refused submit gives back to edit). */
function bodyOf(a: EvaluationSubmitArgs): string {
  const answers = Object.fromEntries(a.answers.map((x) => [x.itemId, { value: x.value, ...(x.comment ? { comment: x.comment } : {}) }]));
  return JSON.stringify({ answers, pins: a.comments });
}

export const evaluationEffects = {
  'evaluation.submit': {
    applyLocally(db, a, author) {
      db.prepare(
        `INSERT INTO quality_drafts (evaluator_id, interaction_id, form_version_id, body, updated_at, queued) VALUES (?, ?, ?, ?, ?, 1)
         ON CONFLICT (evaluator_id, interaction_id, form_version_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, queued = 1`,
      ).run(author.id, a.interactionId, a.formVersionId, bodyOf(a), new Date().toISOString());
    },
    onAcked(db, a) {
      db.prepare('DELETE FROM quality_drafts WHERE interaction_id = ? AND form_version_id = ? AND queued = 1').run(a.interactionId, a.formVersionId);
    },
    revert(db, a) {
      db.prepare('UPDATE quality_drafts SET queued = 0 WHERE interaction_id = ? AND form_version_id = ? AND queued = 1').run(a.interactionId, a.formVersionId);
    },
  },
} satisfies LocalEffectsOf<'evaluation.submit'>;
