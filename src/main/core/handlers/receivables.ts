// receivables.*: the collectors' worklist across customers and promises to pay live on the
// server only (other customers' invoices are not in a desktop's cache); one call each.
import { type HandlerMap } from '../context.js';

type Methods = 'receivables.worklist' | 'receivables.promise' | 'receivables.totals' | 'receivables.reminderPreview' | 'receivables.remind';

export const receivableHandlers: HandlerMap<Methods> = {
  'receivables.worklist': (query, ctx) => ctx.server.call('receivables.worklist', { query }, { token: ctx.requireSession().token }),
  'receivables.promise': ({ receivableId, ...body }, ctx) =>
    ctx.server.call('receivables.promise', { params: { id: receivableId }, body }, { token: ctx.requireSession().token }),
  'receivables.totals': (_input, ctx) => ctx.server.call('receivables.totals', {}, { token: ctx.requireSession().token }),
  'receivables.reminderPreview': ({ receivableId, ...body }, ctx) =>
    ctx.server.call('receivables.reminderPreview', { params: { id: receivableId }, body }, { token: ctx.requireSession().token }),
  // The idempotency key travels with every attempt: a retry after a timeout sends nothing more.
  'receivables.remind': ({ receivableId, ...body }, ctx) =>
    ctx.server.call('receivables.remind', { params: { id: receivableId }, body }, { token: ctx.requireSession().token }),
};
