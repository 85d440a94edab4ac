// admin.integrations.*: the Integrations screen (API keys of the systems of record). Keys
// live on the server only; core passes each call through with the admin's token (the server
// checks integrations.manage again and audits create and revoke).
import { type HandlerMap } from '../context.js';

export const integrationHandlers: HandlerMap<'admin.integrations.list' | 'admin.integrations.create' | 'admin.integrations.revoke'> = {
  'admin.integrations.list': (_input, ctx) => ctx.server.call('integrationKeys.list', {}, { token: ctx.requireSession().token }),
  'admin.integrations.create': (body, ctx) => ctx.server.call('integrationKeys.create', { body }, { token: ctx.requireSession().token }),
  'admin.integrations.revoke': ({ id }, ctx) => ctx.server.call('integrationKeys.revoke', { params: { id } }, { token: ctx.requireSession().token }),
};
