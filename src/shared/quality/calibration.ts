// Calibration: several evaluators score one interaction blind on one form version; the
// result is each evaluator's deviation from the reference score, per item and in total, and
// their drift over past sessions (docs/quality.md, "Calibration"). The maths are pure and
// live here; calibration scores are kept apart from evaluations (they never count as the
// agent's).
//
//   item value  = 100 × earned / possible for a scored item answered and not N/A, else none;
//   item delta  = evaluator's item value − the reference's (none when either has none);
//   total delta = evaluator's total − the reference's total;
//   mean |item delta| over the items where both have a value (none when there is none).
// Every figure is rounded once, at the end, to one decimal (half up, as the scores).
import { z } from 'zod';
import { EvaluationAnswers, type EvaluationAnswer } from './answers.js';
import { FormDefinition } from './form.js';
import { earnedOf, possibleOf, roundScore } from './scoring.js';

/** Each scored item's value 0–100 (null: N/A or unanswered), in the form's order. */
export function itemValues(form: FormDefinition, answers: readonly EvaluationAnswer[]): { itemId: string; value: number | null }[] {
  const byItem = new Map(answers.map((a) => [a.itemId, a.value]));
  return form.sections.flatMap((s) => s.items).flatMap((item): { itemId: string; value: number | null }[] => {
    if (item.kind === 'text') return [];
    const v = byItem.get(item.id);
    if (v === undefined || v === 'na') return [{ itemId: item.id, value: null }];
    return [{ itemId: item.id, value: (100 * earnedOf(item, v)) / possibleOf(item) }];
  });
}

export interface ItemDeviation { itemId: string; value: number | null; reference: number | null; delta: number | null }
export interface Deviation { items: ItemDeviation[]; totalDelta: number; meanAbsItemDelta: number | null }

/** An evaluator's deviation from the reference on the same form. */
export function deviation(
  form: FormDefinition,
  evaluator: { answers: readonly EvaluationAnswer[]; total: number },
  reference: { answers: readonly EvaluationAnswer[]; total: number },
): Deviation {
  const ref = new Map(itemValues(form, reference.answers).map((x) => [x.itemId, x.value]));
  let sum = 0;
  let n = 0;
  const items = itemValues(form, evaluator.answers).map(({ itemId, value }) => {
    const r = ref.get(itemId) ?? null;
    const delta = value === null || r === null ? null : value - r;
    if (delta !== null) { sum += Math.abs(delta); n += 1; }
    return { itemId, value: value === null ? null : roundScore(value), reference: r === null ? null : roundScore(r), delta: delta === null ? null : signedRound(delta) };
  });
  return { items, totalDelta: signedRound(evaluator.total - reference.total), meanAbsItemDelta: n === 0 ? null : roundScore(sum / n) };
}

/** Half away from zero to one decimal, so −2.25 and 2.25 round alike in size. */
export function signedRound(x: number): number {
  return x < 0 ? -roundScore(-x) : roundScore(x);
}

export interface DriftPoint { sessionId: string; at: string; totalDelta: number; meanAbsItemDelta: number | null }
export interface DriftSummary {
  sessions: number;
  /** Mean |total delta| over the sessions (null: none). */
  meanAbsTotalDelta: number | null;
  /** The later half's mean |total delta| against the earlier half's (needs ≥ 2 sessions; ±1 point is steady). */
  trend: 'closer' | 'further' | 'steady' | null;
}

export function driftSummary(points: readonly DriftPoint[]): DriftSummary {
  const sorted = [...points].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const abs = sorted.map((p) => Math.abs(p.totalDelta));
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  if (abs.length === 0) return { sessions: 0, meanAbsTotalDelta: null, trend: null };
  let trend: DriftSummary['trend'] = null;
  if (abs.length >= 2) {
    const half = Math.floor(abs.length / 2);
    const early = mean(abs.slice(0, half));
    const late = mean(abs.slice(abs.length - half));
    trend = late < early - 1 ? 'closer' : late > early + 1 ? 'further' : 'steady';
  }
  return { sessions: abs.length, meanAbsTotalDelta: roundScore(mean(abs)), trend };
}

// ---- requests and answers --------------------------------------------------------------

export const CreateCalibrationRequest = z.object({
  interactionId: z.uuid(),
  formVersionId: z.uuid(),
  /** The other evaluators invited (leads or admins); the creator always takes part. */
  participantIds: z.array(z.uuid()).min(1).max(20),
  /** Whose score is the reference; absent: the creator's. */
  referenceId: z.uuid().optional(),
}).strict();

export const CalibrationScoreRequest = z.object({ answers: EvaluationAnswers }).strict();

const ItemDeviationSchema = z.object({ itemId: z.string(), value: z.number().nullable(), reference: z.number().nullable(), delta: z.number().nullable() });
const DriftPointSchema = z.object({ sessionId: z.uuid(), at: z.string(), totalDelta: z.number(), meanAbsItemDelta: z.number().nullable() });

export const CalibrationParticipant = z.object({
  userId: z.uuid(), name: z.string(), submitted: z.boolean(), submittedAt: z.string().nullable(),
  /** Shown only when the caller may see it (they submitted, or the session is closed). */
  score: z.number().nullable(),
  answers: EvaluationAnswers.nullable(),
  deviation: z.object({ items: z.array(ItemDeviationSchema), totalDelta: z.number(), meanAbsItemDelta: z.number().nullable() }).nullable(),
  /** Their deviation across closed calibration sessions, oldest first. */
  drift: z.object({ points: z.array(DriftPointSchema), sessions: z.number().int(), meanAbsTotalDelta: z.number().nullable(),
    trend: z.enum(['closer', 'further', 'steady']).nullable() }).nullable(),
});

export const CalibrationSummary = z.object({
  id: z.uuid(), interactionId: z.uuid(), formVersionId: z.uuid(), formName: z.object({ id: z.string(), en: z.string() }), formVersion: z.number().int(),
  ownerId: z.uuid(), ownerName: z.string(), referenceId: z.uuid(), referenceName: z.string(),
  agentName: z.string().nullable(), startedAt: z.string(),
  createdAt: z.string(), closedAt: z.string().nullable(),
  participants: z.number().int(), submitted: z.number().int(), mySubmitted: z.boolean(),
});
export type CalibrationSummary = z.infer<typeof CalibrationSummary>;

export const Calibration = CalibrationSummary.extend({
  definition: FormDefinition,
  recording: z.object({ id: z.uuid(), durationMs: z.number().int().nullable() }).nullable(),
  /** True when the caller sees the others' scores (they submitted, or the session is closed). */
  revealed: z.boolean(),
  people: z.array(CalibrationParticipant),
});
export type Calibration = z.infer<typeof Calibration>;

export const CalibrationList = z.object({ items: z.array(CalibrationSummary) });

export const EvaluatorChoice = z.object({ id: z.uuid(), name: z.string(), role: z.enum(['lead', 'admin']) });
export const EvaluatorList = z.object({ items: z.array(EvaluatorChoice) });
