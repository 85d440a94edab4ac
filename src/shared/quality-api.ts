// Desktop API of quality forms and evaluations (spread into `methods` in api.ts). Core
// passes each call to the server's /quality routes (src/shared/quality/routes.ts); nothing
// of it is cached on the desktop. The score is never sent: the server computes it.
import { z } from 'zod';
import {
  CreateEvaluationRequest, CreateFormRequest, DefinitionRequest, DisputeRequest, Evaluation, EvaluationListQuery, EvaluationPage,
  FormVersion, PinnedComment, PinnedCommentInput, QualityForm, QualitySettings, RescoreRequest,
} from './quality/evaluation.js';
import { DraftAnswer, DraftKey, SaveDraftRequest } from './quality/draft.js';
import { Calibration, CalibrationList, CalibrationScoreRequest, CreateCalibrationRequest, EvaluatorList } from './quality/calibration.js';
import { ReviewQueue, ReviewQueueQuery, SamplingPolicy, SamplingPolicyInput, SamplingRunResult } from './quality/sampling.js';
import { ScoreTrend, ScoreTrendQuery } from './quality/trend.js';

const Id = z.object({ id: z.uuid() }).strict();
const Empty = z.object({}).strict();

export const qualityMethods = {
  'quality.forms.list': { input: Empty, output: z.object({ forms: z.array(QualityForm) }) },
  'quality.forms.create': { input: CreateFormRequest, output: FormVersion },
  'quality.forms.newVersion': { input: DefinitionRequest.extend({ formId: z.uuid() }).strict(), output: FormVersion },
  'quality.versions.read': { input: Id, output: FormVersion },
  'quality.versions.edit': { input: DefinitionRequest.extend({ id: z.uuid() }).strict(), output: FormVersion },
  'quality.evaluations.create': { input: CreateEvaluationRequest, output: Evaluation },
  /** The evaluator's draft of this interaction on this version (core's encrypted cache). */
  'quality.drafts.read': { input: DraftKey, output: DraftAnswer },
  'quality.drafts.save': { input: SaveDraftRequest, output: z.object({ updatedAt: z.string() }) },
  /** Drops the draft (a re-score saved through its own route). */
  'quality.drafts.discard': { input: DraftKey, output: z.object({}) },
  /**
   * Saves the evaluation: straight to the server when it answers (its score back), else into
   * the outbox (sent when the server is back; `evaluation` null, the draft kept as queued).
   */
  'quality.drafts.submit': {
    input: CreateEvaluationRequest,
    output: z.object({ evaluation: Evaluation.nullable(), queued: z.boolean() }),
  },
  'quality.evaluations.list': { input: EvaluationListQuery, output: EvaluationPage },
  'quality.evaluations.mine': { input: EvaluationListQuery, output: EvaluationPage },
  'quality.evaluations.read': { input: Id, output: Evaluation },
  'quality.evaluations.comment': { input: PinnedCommentInput.extend({ id: z.uuid() }).strict(), output: PinnedComment },
  'quality.evaluations.acknowledge': { input: Id, output: Evaluation },
  'quality.evaluations.dispute': { input: DisputeRequest.extend({ id: z.uuid() }).strict(), output: Evaluation },
  'quality.disputes.open': { input: Empty, output: EvaluationPage },
  'quality.evaluations.rescore': { input: RescoreRequest.extend({ id: z.uuid() }).strict(), output: Evaluation },
  'quality.settings.read': { input: Empty, output: QualitySettings },
  'quality.sampling.list': { input: Empty, output: z.object({ policies: z.array(SamplingPolicy) }) },
  'quality.sampling.create': { input: SamplingPolicyInput, output: SamplingPolicy },
  'quality.sampling.update': { input: SamplingPolicyInput.extend({ id: z.uuid() }).strict(), output: SamplingPolicy },
  'quality.sampling.run': { input: Empty, output: SamplingRunResult },
  'quality.queue.list': { input: ReviewQueueQuery, output: ReviewQueue },
  'quality.calibrations.evaluators': { input: Empty, output: EvaluatorList },
  'quality.calibrations.create': { input: CreateCalibrationRequest, output: Calibration },
  'quality.calibrations.list': { input: Empty, output: CalibrationList },
  'quality.calibrations.read': { input: Id, output: Calibration },
  'quality.calibrations.score': { input: CalibrationScoreRequest.extend({ id: z.uuid() }).strict(), output: Calibration },
  'quality.calibrations.close': { input: Id, output: Calibration },
  'quality.trend': { input: ScoreTrendQuery, output: ScoreTrend },
} as const;
