// quality.*: forms and evaluations live on the server only (a lead's teams' evaluations
// are not in any desktop's cache); each handler is one call of a /quality route.
import { type HandlerMap } from '../context.js';

type QualityMethod = 'quality.forms.list' | 'quality.forms.create' | 'quality.forms.newVersion' | 'quality.versions.read' | 'quality.versions.edit'
  | 'quality.evaluations.create' | 'quality.evaluations.list' | 'quality.evaluations.mine' | 'quality.evaluations.read'
  | 'quality.evaluations.comment' | 'quality.evaluations.acknowledge' | 'quality.evaluations.dispute' | 'quality.disputes.open'
  | 'quality.evaluations.rescore' | 'quality.settings.read'
  | 'quality.sampling.list' | 'quality.sampling.create' | 'quality.sampling.update' | 'quality.sampling.run' | 'quality.queue.list'
  | 'quality.calibrations.evaluators' | 'quality.calibrations.create' | 'quality.calibrations.list' | 'quality.calibrations.read'
  | 'quality.calibrations.score' | 'quality.calibrations.close' | 'quality.trend';

export const qualityHandlers: HandlerMap<QualityMethod> = {
  'quality.forms.list': (_i, ctx) => ctx.server.call('quality.forms.list', {}, { token: ctx.requireSession().token }),
  'quality.forms.create': (body, ctx) => ctx.server.call('quality.forms.create', { body }, { token: ctx.requireSession().token }),
  'quality.forms.newVersion': ({ formId, ...body }, ctx) =>
    ctx.server.call('quality.forms.newVersion', { params: { id: formId }, body }, { token: ctx.requireSession().token }),
  'quality.versions.read': ({ id }, ctx) => ctx.server.call('quality.versions.read', { params: { id } }, { token: ctx.requireSession().token }),
  'quality.versions.edit': ({ id, ...body }, ctx) =>
    ctx.server.call('quality.versions.edit', { params: { id }, body }, { token: ctx.requireSession().token }),
  'quality.evaluations.create': (body, ctx) => ctx.server.call('quality.evaluations.create', { body }, { token: ctx.requireSession().token }),
  'quality.evaluations.list': (query, ctx) => ctx.server.call('quality.evaluations.list', { query }, { token: ctx.requireSession().token }),
  'quality.evaluations.mine': (query, ctx) => ctx.server.call('quality.evaluations.mine', { query }, { token: ctx.requireSession().token }),
  'quality.evaluations.read': ({ id }, ctx) => ctx.server.call('quality.evaluations.read', { params: { id } }, { token: ctx.requireSession().token }),
  'quality.evaluations.comment': ({ id, ...body }, ctx) =>
    ctx.server.call('quality.evaluations.comment', { params: { id }, body }, { token: ctx.requireSession().token }),
  'quality.evaluations.acknowledge': ({ id }, ctx) =>
    ctx.server.call('quality.evaluations.acknowledge', { params: { id } }, { token: ctx.requireSession().token }),
  'quality.evaluations.dispute': ({ id, ...body }, ctx) =>
    ctx.server.call('quality.evaluations.dispute', { params: { id }, body }, { token: ctx.requireSession().token }),
  'quality.disputes.open': (_i, ctx) => ctx.server.call('quality.disputes.open', {}, { token: ctx.requireSession().token }),
  'quality.evaluations.rescore': ({ id, ...body }, ctx) =>
    ctx.server.call('quality.evaluations.rescore', { params: { id }, body }, { token: ctx.requireSession().token }),
  'quality.settings.read': (_i, ctx) => ctx.server.call('quality.settings.read', {}, { token: ctx.requireSession().token }),
  'quality.sampling.list': (_i, ctx) => ctx.server.call('quality.sampling.list', {}, { token: ctx.requireSession().token }),
  'quality.sampling.create': (body, ctx) => ctx.server.call('quality.sampling.create', { body }, { token: ctx.requireSession().token }),
  'quality.sampling.update': ({ id, ...body }, ctx) =>
    ctx.server.call('quality.sampling.update', { params: { id }, body }, { token: ctx.requireSession().token }),
  'quality.sampling.run': (_i, ctx) => ctx.server.call('quality.sampling.run', {}, { token: ctx.requireSession().token }),
  'quality.queue.list': (query, ctx) => ctx.server.call('quality.queue.list', { query }, { token: ctx.requireSession().token }),
  'quality.calibrations.evaluators': (_i, ctx) => ctx.server.call('quality.calibrations.evaluators', {}, { token: ctx.requireSession().token }),
  'quality.calibrations.create': (body, ctx) => ctx.server.call('quality.calibrations.create', { body }, { token: ctx.requireSession().token }),
  'quality.calibrations.list': (_i, ctx) => ctx.server.call('quality.calibrations.list', {}, { token: ctx.requireSession().token }),
  'quality.calibrations.read': ({ id }, ctx) => ctx.server.call('quality.calibrations.read', { params: { id } }, { token: ctx.requireSession().token }),
  'quality.calibrations.score': ({ id, ...body }, ctx) =>
    ctx.server.call('quality.calibrations.score', { params: { id }, body }, { token: ctx.requireSession().token }),
  'quality.calibrations.close': ({ id }, ctx) => ctx.server.call('quality.calibrations.close', { params: { id } }, { token: ctx.requireSession().token }),
  'quality.trend': (query, ctx) => ctx.server.call('quality.trend', { query }, { token: ctx.requireSession().token }),
};
