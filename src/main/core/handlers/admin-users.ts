// admin.users.*: the Users admin screen. Users are administered on the server only; core
// passes each call through with the admin's token (the server checks users.manage again).
import { type HandlerMap } from '../context.js';

type AdminUserMethods =
  | 'admin.users.list' | 'admin.users.options' | 'admin.users.create' | 'admin.users.update' | 'admin.users.disable'
  | 'admin.users.enable' | 'admin.users.resetPassword' | 'admin.users.bulkCreate';

const token = (ctx: Parameters<HandlerMap<'admin.users.list'>['admin.users.list']>[1]) => ({ token: ctx.requireSession().token });

export const adminUserHandlers: HandlerMap<AdminUserMethods> = {
  'admin.users.list': ({ disabled, ...rest }, ctx) => ctx.server.call('adminUsers.list', {
    query: { ...rest, ...(disabled === undefined ? {} : { disabled: disabled ? 'true' : 'false' }) },
  }, token(ctx)),
  'admin.users.options': (_input, ctx) => ctx.server.call('adminUsers.options', {}, token(ctx)),
  'admin.users.create': (body, ctx) => ctx.server.call('adminUsers.create', { body }, token(ctx)),
  'admin.users.update': ({ id, fields }, ctx) => ctx.server.call('adminUsers.update', { params: { id }, body: fields }, token(ctx)),
  'admin.users.disable': ({ id }, ctx) => ctx.server.call('adminUsers.disable', { params: { id } }, token(ctx)),
  'admin.users.enable': ({ id }, ctx) => ctx.server.call('adminUsers.enable', { params: { id } }, token(ctx)),
  'admin.users.resetPassword': ({ id }, ctx) => ctx.server.call('adminUsers.resetPassword', { params: { id } }, token(ctx)),
  // Hashing a password per row takes a while: up to two minutes for the largest file.
  'admin.users.bulkCreate': (body, ctx) => ctx.server.call('adminUsers.bulkCreate', { body }, { ...token(ctx), timeoutMs: 120_000 }),
};
