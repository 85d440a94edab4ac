// quality.*: forms and evaluations live on the server only (a lead's teams' evaluations
// are not in any desktop's cache); each handler is one call of a /quality route. The
// evaluator's drafts are the exception: they live in this desktop's encrypted cache
// (../quality/drafts.ts), and Save offline goes through the outbox.
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../../shared/errors.js';
import { type HandlerMap } from '../context.js';
import { deleteDraft, readDraft, saveDraft } from '../quality/drafts.js';

type QualityMethod = 'quality.forms.list' | 'quality.forms.create' | 'quality.forms.newVersion' | 'quality.versions.read' | 'quality.versions.edit'
  | 'quality.evaluations.create' | 'quality.evaluations.list' | 'quality.evaluations.mine' | 'quality.evaluations.read'
  | 'quality.evaluations.comment' | 'quality.evaluations.acknowledge' | 'quality.evaluations.dispute' | 'quality.disputes.open'
  | 'quality.evaluations.rescore' | 'quality.settings.read' | 'quality.drafts.read' | 'quality.drafts.save' | 'quality.drafts.discard'
  | 'quality.drafts.submit'
  | 'quality.sampling.list' | 'quality.sampling.create' | 'quality.sampling.update' | 'quality.sampling.run' | 'quality.queue.list'
  | 'quality.calibrations.evaluators' | 'quality.calibrations.create' | 'quality.calibrations.list' | 'quality.calibrations.read'
  | 'quality.calibrations.score' | 'quality.calibrations.close' | 'quality.trend';

/** Past this the server counts as out of reach and the evaluation goes with the outbox. */
const SUBMIT_TIMEOUT_MS = 8_000;

export const qualityHandlers: HandlerMap<QualityMethod> = {
  'quality.forms.list': (_i, ctx) => ctx.server.call('quality.forms.list', {}, { token: ctx.requireSession().token }),
  'quality.forms.create': (body, ctx) => ctx.server.call('quality.forms.create', { body }, { token: ctx.requireSession().token }),
  'quality.forms.newVersion': ({ formId, ...body }, ctx) =>
    ctx.server.call('quality.forms.newVersion', { params: { id: formId }, body }, { token: ctx.requireSession().token }),
  'quality.versions.read': ({ id }, ctx) => ctx.server.call('quality.versions.read', { params: { id } }, { token: ctx.requireSession().token }),
  'quality.versions.edit': ({ id, ...body }, ctx) =>
    ctx.server.call('quality.versions.edit', { params: { id }, body }, { token: ctx.requireSession().token }),
  'quality.evaluations.create': (body, ctx) => ctx.server.call('quality.evaluations.create', { body }, { token: ctx.requireSession().token }),
  'quality.drafts.read': (key, ctx) => readDraft(ctx.store.db, ctx.requireSession().user.id, key),
  'quality.drafts.save': (draft, ctx) => saveDraft(ctx.store.db, ctx.requireSession().user.id, draft),
  'quality.drafts.discard': (key, ctx) => {
    deleteDraft(ctx.store.db, ctx.requireSession().user.id, key);
    return {};
  },
  // The server first: its answer carries its score. Out of reach: the outbox takes it (the
  // same exactly-once push as every agent write) and the draft stays, marked queued.
  'quality.drafts.submit': async (input, ctx) => {
    const session = ctx.requireSession();
    // One id for both ways, so a Save that timed out and then went with the outbox is one evaluation.
    const body = { ...input, id: input.id ?? uuidv7() };
    try {
      const evaluation = await ctx.server.call('quality.evaluations.create', { body }, { token: session.token, timeoutMs: SUBMIT_TIMEOUT_MS });
      deleteDraft(ctx.store.db, session.user.id, body);
      return { evaluation, queued: false };
    } catch (error) {
      if (!(error instanceof SapaError) || error.code !== 'OFFLINE') throw error;
      ctx.mutate('evaluation.submit', body);
      return { evaluation: null, queued: true };
    }
  },
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
