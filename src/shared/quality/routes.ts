// HTTP routes of quality forms and evaluations (spread into ROUTES in ../routes.ts; the
// server registers them in src/server/quality/routes.ts). The door is the permission below;
// who may touch which object (a lead: their teams' agents; an agent: their own) is checked
// in the handler (docs/quality.md, "Who may do what").
import { z } from 'zod';
import {
  CreateEvaluationRequest, CreateFormRequest, DefinitionRequest, DisputeRequest, Evaluation, EvaluationListQuery, EvaluationPage,
  FormVersion, PinnedComment, PinnedCommentInput, QualityForm, QualitySettings, RescoreRequest,
} from './evaluation.js';

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

  'quality.settings.read': { method: 'GET', path: '/quality/settings', access: OWN, answer: QualitySettings },
  'quality.settings.save': { method: 'PUT', path: '/quality/settings', access: 'settings.manage', body: QualitySettings, answer: QualitySettings },
} as const;
