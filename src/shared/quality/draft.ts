// An evaluation being written: kept by core in the desktop's encrypted cache on every change
// (src/main/core/quality/drafts.ts), so a crash or a closed window loses nothing, and sent
// with the outbox (mutation `evaluation.submit`) when Save is pressed while the server is out
// of reach. One draft per evaluator, interaction and form version.
import { z } from 'zod';
import { CreateEvaluationRequest, PinnedCommentInput } from './evaluation.js';

/** The form as the evaluator left it: per item the value chosen (maybe none yet) and a comment. */
export const DraftAnswers = z.record(
  z.string().min(1).max(100),
  z.object({ value: z.union([z.string().max(2000), z.number()]).optional(), comment: z.string().max(2000).optional() }).strict(),
).refine((a) => Object.keys(a).length <= 200, { message: 'at most 200 items' });
export type DraftAnswers = z.infer<typeof DraftAnswers>;

export const DraftKey = z.object({ interactionId: z.uuid(), formVersionId: z.uuid() }).strict();
export type DraftKey = z.infer<typeof DraftKey>;

export const DraftBody = z.object({
  answers: DraftAnswers,
  /** Comments pinned to moments of the recording; a pin being typed is not part of it. */
  pins: z.array(PinnedCommentInput.extend({ body: z.string().trim().min(1).max(2000) })).max(200),
}).strict();
export type DraftBody = z.infer<typeof DraftBody>;

export const SaveDraftRequest = DraftKey.extend(DraftBody.shape).strict();
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;

export const DraftAnswer = z.object({
  draft: DraftBody.extend({ updatedAt: z.string() }).nullable(),
  /** Saved while offline: in the outbox, on its way to the server. */
  queued: z.boolean(),
});
export type DraftAnswer = z.infer<typeof DraftAnswer>;

/** Outbox mutation `evaluation.submit`: the evaluation as the server's create route takes it. */
export const EvaluationSubmitArgs = CreateEvaluationRequest;
export type EvaluationSubmitArgs = z.output<typeof EvaluationSubmitArgs>;
