// The quality console's requests and answers (the HTTP routes are in routes.ts): forms and
// their versions, evaluations with their comments, acknowledgement, dispute and re-score.
import { z } from 'zod';
import { EvaluationAnswers } from './answers.js';
import { FormDefinition } from './form.js';
import { QualityLabel, longText } from './text.js';

const Iso = z.string();

export const FormVersionSummary = z.object({
  id: z.uuid(), version: z.number().int().positive(), createdAt: Iso, updatedAt: Iso,
  /** When the first evaluation pinned it; from then on it cannot change. */
  usedAt: Iso.nullable(),
});
export type FormVersionSummary = z.infer<typeof FormVersionSummary>;

export const QualityForm = z.object({
  id: z.uuid(), name: QualityLabel, createdAt: Iso,
  versions: z.array(FormVersionSummary),
});
export type QualityForm = z.infer<typeof QualityForm>;

export const FormVersion = FormVersionSummary.extend({ formId: z.uuid(), name: QualityLabel, definition: FormDefinition });
export type FormVersion = z.infer<typeof FormVersion>;

export const CreateFormRequest = z.object({ name: QualityLabel, definition: FormDefinition }).strict();
export const DefinitionRequest = z.object({ definition: FormDefinition }).strict();

/** A comment pinned to a moment of the recording, in ms from its start. */
export const PinnedCommentInput = z.object({ offsetMs: z.number().int().min(0).max(86_400_000), body: longText(2000) }).strict();
export const PinnedComment = PinnedCommentInput.extend({
  id: z.uuid(), authorId: z.uuid().nullable(), authorName: z.string().nullable(), createdAt: Iso,
});
export type PinnedComment = z.infer<typeof PinnedComment>;

export const CreateEvaluationRequest = z.object({
  /**
   * Chosen by the desktop so that a Save repeated (a timeout, then the outbox) makes one
   * evaluation: the same id again by the same evaluator answers the one already saved.
   */
  id: z.uuid().optional(),
  interactionId: z.uuid(),
  formVersionId: z.uuid(),
  answers: EvaluationAnswers,
  comments: z.array(PinnedCommentInput).max(200).default([]),
}).strict();

export const RescoreRequest = CreateEvaluationRequest.omit({ id: true, interactionId: true, formVersionId: true });

export const DisputeRequest = z.object({ reason: longText(2000) }).strict();

const SectionScore = z.object({
  sectionId: z.string(), score: z.number().nullable(), weight: z.number(), effectiveWeight: z.number(),
  earned: z.number(), possible: z.number(), criticalFailed: z.boolean(),
});
export const ScoreResultSchema = z.object({
  total: z.number().nullable(),
  sections: z.array(SectionScore),
  fatalFailed: z.boolean(),
  criticalFailedSections: z.array(z.string()),
  failedItems: z.array(z.object({ sectionId: z.string(), itemId: z.string(), severity: z.enum(['fatal', 'critical', 'normal']) })),
});

export const Dispute = z.object({
  reason: z.string(), disputedAt: Iso, windowHours: z.number().int().nonnegative(),
  rescoreId: z.uuid().nullable(), resolvedAt: Iso.nullable(),
});

export const EvaluationSummary = z.object({
  id: z.uuid(), interactionId: z.uuid(),
  agentId: z.uuid(), agentName: z.string(), evaluatorId: z.uuid(), evaluatorName: z.string(),
  formId: z.uuid(), formName: QualityLabel, formVersionId: z.uuid(), formVersion: z.number().int(),
  score: z.number().min(0).max(100),
  submittedAt: Iso, acknowledgedAt: Iso.nullable(),
  /** Set on a re-score: the evaluation it re-scores. */
  rescoreOf: z.uuid().nullable(),
  /** Until when the agent may dispute (null: a re-score, which is final). */
  disputeUntil: Iso.nullable(),
  dispute: Dispute.nullable(),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummary>;

export const Evaluation = EvaluationSummary.extend({
  definition: FormDefinition,
  answers: EvaluationAnswers,
  result: ScoreResultSchema,
  comments: z.array(PinnedComment),
  /** The re-score beside an original, when there is one. */
  rescore: EvaluationSummary.nullable(),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const EvaluationListQuery = z.object({
  agentId: z.uuid().optional(),
  /** Keyset: evaluations submitted before the previous page's last (its `nextBefore`). */
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();

export const EvaluationPage = z.object({ items: z.array(EvaluationSummary), nextBefore: z.string().nullable() });

export const QualitySettings = z.object({
  /** Hours after an evaluation is submitted during which its agent may dispute it (0: no disputes). */
  disputeWindowHours: z.number().int().min(0).max(24 * 90),
}).strict();
export type QualitySettings = z.infer<typeof QualitySettings>;
export const DEFAULT_DISPUTE_WINDOW_HOURS = 48;
