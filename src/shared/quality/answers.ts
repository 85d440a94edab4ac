// An evaluation's answers: one per item, by item id. The value's type follows the item's
// kind — "yes" / "no" / "na", an integer or "na" for a scale, an option id or "na" for a
// choice, free text for a text item. `answerProblems` checks a set of answers against the
// form version it is for (the schema alone cannot: it does not know the form).
import { z } from 'zod';
import { type FormDefinition, type QualityItem } from './form.js';
import { Slug, longText } from './text.js';

export const AnswerValue = z.union([z.number().int().min(0).max(100), z.string().max(4000)]);

export const EvaluationAnswer = z.object({
  itemId: Slug,
  value: AnswerValue,
  comment: longText(2000).optional(),
}).strict();
export type EvaluationAnswer = z.infer<typeof EvaluationAnswer>;

export const EvaluationAnswers = z.array(EvaluationAnswer).max(200).superRefine((answers, ctx) => {
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (seen.has(a.itemId)) ctx.addIssue({ code: 'custom', path: [i, 'itemId'], message: `item "${a.itemId}" is answered twice` });
    seen.add(a.itemId);
  });
});

/** Did this (valid) answer fail its item? N/A and text never fail. */
export function answerFails(item: QualityItem, value: EvaluationAnswer['value']): boolean {
  if (value === 'na') return false;
  switch (item.kind) {
    case 'yes_no': return value === 'no';
    case 'scale': return item.failBelow !== undefined && typeof value === 'number' && value < item.failBelow;
    case 'choice': return item.options.some((o) => o.id === value && o.fails);
    case 'text': return false;
  }
}

function valueProblem(item: QualityItem, value: EvaluationAnswer['value']): string | null {
  switch (item.kind) {
    case 'yes_no':
      if (value === 'na') return item.allowNa ? null : 'N/A is not allowed for this item';
      return value === 'yes' || value === 'no' ? null : 'answer "yes", "no" or "na"';
    case 'scale':
      if (value === 'na') return item.allowNa ? null : 'N/A is not allowed for this item';
      return typeof value === 'number' && value >= item.min && value <= item.max ? null : `a whole number from ${item.min} to ${item.max}`;
    case 'choice':
      if (value === 'na') return item.allowNa ? null : 'N/A is not allowed for this item';
      return item.options.some((o) => o.id === value) ? null : `one of ${item.options.map((o) => `"${o.id}"`).join(', ')}`;
    case 'text':
      if (typeof value !== 'string') return 'text';
      return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value) ? 'must not contain control characters other than line breaks' : null;
  }
}

/**
 * What is wrong with `answers` for `form`, as "answers.<itemId>: …" lines; empty when the
 * evaluation can be scored. Every scored item must be answered (N/A where the item allows
 * it), a required text item too; a failed item marked `commentOnFail` needs a comment.
 */
export function answerProblems(form: FormDefinition, answers: readonly EvaluationAnswer[]): string[] {
  const items = new Map(form.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  const byItem = new Map(answers.map((a) => [a.itemId, a]));
  const out: string[] = [];
  for (const a of answers) if (!items.has(a.itemId)) out.push(`answers.${a.itemId}: not an item of this form version`);
  for (const item of items.values()) {
    const a = byItem.get(item.id);
    if (!a) {
      if (item.kind !== 'text' || item.required) out.push(`answers.${item.id}: not answered`);
      continue;
    }
    const problem = valueProblem(item, a.value);
    if (problem) out.push(`answers.${item.id}: ${problem}`);
    else if (item.commentOnFail && answerFails(item, a.value) && !a.comment) out.push(`answers.${item.id}: a failed item needs a comment`);
  }
  return out;
}
