// lead.interactions.*: the interactions browser reads the server only (a lead's teams'
// interactions are not in any desktop's cache); core passes the filters through.
import { type HandlerMap } from '../context.js';

export const leadInteractionHandlers: HandlerMap<'lead.interactions.list' | 'lead.interactions.options' | 'lead.interactions.review'> = {
  'lead.interactions.list': (query, ctx) => ctx.server.call('lead.interactions', { query }, { token: ctx.requireSession().token }),
  'lead.interactions.options': (_input, ctx) => ctx.server.call('lead.interactionOptions', {}, { token: ctx.requireSession().token }),
  'lead.interactions.review': ({ id }, ctx) =>
    ctx.server.call('lead.interactionReview', { params: { id } }, { token: ctx.requireSession().token }),
};
