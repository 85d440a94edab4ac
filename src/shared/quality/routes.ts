// HTTP routes of quality forms and evaluations (spread into ROUTES in ../routes.ts; the
// server registers them in src/server/quality/routes.ts). The door is the permission below;
// who may touch which object (a lead: their teams' agents; an agent: their own) is checked
// in the handler (docs/quality.md, "Who may do what").
import { z } from 'zod';
import {
  CreateEvaluationRequest, CreateFormRequest, DefinitionRequest, DisputeRequest, Evaluation, EvaluationListQuery, EvaluationPage,
  FormVersion, PinnedComment, PinnedCommentInput, QualityForm, QualitySettings, RescoreRequest,
} from './evaluation.js';
import {
  Calibration, CalibrationList, CalibrationScoreRequest, CreateCalibrationRequest, EvaluatorList,
} from './calibration.js';
import { ReviewQueue, ReviewQueueQuery, SamplingPolicy, SamplingPolicyInput, SamplingRunResult } from './sampling.js';
import { ScoreTrend, ScoreTrendQuery } from './trend.js';

const IdParams = z.object({ id: z.uuid() });
const MANAGE = 'quality.forms.manage' as const;
const EVALUATE = 'quality.evaluate' as const;
const OWN = 'quality.viewOwn' as const;

export const qualityRoutes = {
  'quality.forms.list': { method: 'GET', path: '/quality/forms', access: EVALUATE, answer: z.object({ forms: z.array(QualityForm) }) },
  'quality.forms.create': { method: 'POST', path: '/quality/forms', access: MANAGE, body: CreateFormRequest, answer: FormVersion, status: 201 },
  'quality.forms.read': { method: 'GET', path: '/quality/forms/:id', access: EVALUATE, params: IdParams, answer: QualityForm },
  /** A new version of a form (the way to change a form once a version is used). */
  'quality.forms.newVersion': {
    method: 'POST', path: '/quality/forms/:id/versions', access: MANAGE, params: IdParams, body: DefinitionRequest, answer: FormVersion, status: 201,
  },
  'quality.versions.read': { method: 'GET', path: '/quality/form-versions/:id', access: EVALUATE, params: IdParams, answer: FormVersion },
  /** Edits a version no evaluation uses yet; 409 once one does. */
  'quality.versions.edit': {
    method: 'PUT', path: '/quality/form-versions/:id', access: MANAGE, params: IdParams, body: DefinitionRequest, answer: FormVersion,
  },

  'quality.evaluations.create': {
    method: 'POST', path: '/quality/evaluations', access: EVALUATE, body: CreateEvaluationRequest, answer: Evaluation, status: 201,
  },
  /** The evaluations a lead may see (their teams' agents; an admin all), newest first. */
  'quality.evaluations.list': { method: 'GET', path: '/quality/evaluations', access: EVALUATE, query: EvaluationListQuery, answer: EvaluationPage },
  /** The caller's own evaluations as the agent evaluated, newest first. */
  'quality.evaluations.mine': { method: 'GET', path: '/quality/my-evaluations', access: OWN, query: EvaluationListQuery, answer: EvaluationPage },
  'quality.evaluations.read': { method: 'GET', path: '/quality/evaluations/:id', access: OWN, params: IdParams, answer: Evaluation },
  /** The evaluator pins a comment to a moment of the recording. */
  'quality.evaluations.comment': {
    method: 'POST', path: '/quality/evaluations/:id/comments', access: EVALUATE, params: IdParams, body: PinnedCommentInput,
    answer: PinnedComment, status: 201,
  },
  'quality.evaluations.acknowledge': {
    method: 'POST', path: '/quality/evaluations/:id/acknowledge', access: OWN, params: IdParams, answer: Evaluation,
  },
  'quality.evaluations.dispute': {
    method: 'POST', path: '/quality/evaluations/:id/dispute', access: OWN, params: IdParams, body: DisputeRequest, answer: Evaluation,
  },
  /** Open disputes the caller may re-score: any agent's (not the caller's own), evaluated by someone else. */
  'quality.disputes.open': { method: 'GET', path: '/quality/disputes', access: EVALUATE, answer: EvaluationPage },
  'quality.evaluations.rescore': {
    method: 'POST', path: '/quality/evaluations/:id/rescore', access: EVALUATE, params: IdParams, body: RescoreRequest,
    answer: Evaluation, status: 201,
  },

  /** Sampling policies a lead sees (their teams' and every-team ones; an admin all). */
  'quality.sampling.list': { method: 'GET', path: '/quality/sampling/policies', access: EVALUATE, answer: z.object({ policies: z.array(SamplingPolicy) }) },
  'quality.sampling.create': {
    method: 'POST', path: '/quality/sampling/policies', access: MANAGE, body: SamplingPolicyInput, answer: SamplingPolicy, status: 201,
  },
  'quality.sampling.update': {
    method: 'PUT', path: '/quality/sampling/policies/:id', access: MANAGE, params: IdParams, body: SamplingPolicyInput, answer: SamplingPolicy,
  },
  /** Runs the sampling job now (it also runs on a schedule): newly completed interactions into the queues. */
  'quality.sampling.run': { method: 'POST', path: '/quality/sampling/run', access: MANAGE, answer: SamplingRunResult },
  /** The caller's review queue: what is due and overdue (a lead: their teams'; an admin: all). */
  'quality.queue.list': { method: 'GET', path: '/quality/review-queue', access: EVALUATE, query: ReviewQueueQuery, answer: ReviewQueue },

  /** Leads and admins who may be invited to a calibration session. */
  'quality.calibrations.evaluators': { method: 'GET', path: '/quality/calibration-evaluators', access: EVALUATE, answer: EvaluatorList },
  'quality.calibrations.create': {
    method: 'POST', path: '/quality/calibrations', access: EVALUATE, body: CreateCalibrationRequest, answer: Calibration, status: 201,
  },
  /** The sessions the caller takes part in (an admin: all), newest first. */
  'quality.calibrations.list': { method: 'GET', path: '/quality/calibrations', access: EVALUATE, answer: CalibrationList },
  /** One session; the others' scores only once the caller submitted theirs or the session closed (blind). */
  'quality.calibrations.read': { method: 'GET', path: '/quality/calibrations/:id', access: EVALUATE, params: IdParams, answer: Calibration },
  'quality.calibrations.score': {
    method: 'POST', path: '/quality/calibrations/:id/scores', access: EVALUATE, params: IdParams, body: CalibrationScoreRequest,
    answer: Calibration, status: 201,
  },
  /** The owner (or an admin) closes the session: every participant then sees every score. */
  'quality.calibrations.close': { method: 'POST', path: '/quality/calibrations/:id/close', access: EVALUATE, params: IdParams, answer: Calibration },

  /** An agent's average score per week or month against their team's (own; a lead their agents'; an admin anyone's). */
  'quality.trend': { method: 'GET', path: '/quality/score-trend', access: OWN, query: ScoreTrendQuery, answer: ScoreTrend },

  'quality.settings.read': { method: 'GET', path: '/quality/settings', access: OWN, answer: QualitySettings },
  'quality.settings.save': { method: 'PUT', path: '/quality/settings', access: 'settings.manage', body: QualitySettings, answer: QualitySettings },
} as const;
