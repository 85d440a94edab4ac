// receivables.*: the collectors' worklist across customers and promises to pay live on the
// server only (other customers' invoices are not in a desktop's cache); one call each.
import { type HandlerMap } from '../context.js';

export const receivableHandlers: HandlerMap<'receivables.worklist' | 'receivables.promise'> = {
  'receivables.worklist': (query, ctx) => ctx.server.call('receivables.worklist', { query }, { token: ctx.requireSession().token }),
  'receivables.promise': ({ receivableId, ...body }, ctx) =>
    ctx.server.call('receivables.promise', { params: { id: receivableId }, body }, { token: ctx.requireSession().token }),
};
