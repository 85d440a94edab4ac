// admin.org.*, admin.settings.*: the Organisation and Server settings screens. The data
// lives on the server only (never synced to a desktop); core passes each call through to its
// route with the admin's session, as handlers/audit-log.ts does.
import { type orgMethods } from '../../../shared/org-api.js';
import { type HandlerMap } from '../context.js';

type OrgMethods = keyof typeof orgMethods;

export const orgHandlers: HandlerMap<OrgMethods> = {
  'admin.org.sites.list': (query, ctx) => ctx.server.call('org.sites.list', { query }, { token: ctx.requireSession().token }),
  'admin.org.sites.create': (body, ctx) => ctx.server.call('org.sites.create', { body }, { token: ctx.requireSession().token }),
  'admin.org.sites.update': ({ id, row }, ctx) => ctx.server.call('org.sites.update', { params: { id }, body: row }, { token: ctx.requireSession().token }),
  'admin.org.sites.delete': ({ id }, ctx) => ctx.server.call('org.sites.delete', { params: { id } }, { token: ctx.requireSession().token }),
  'admin.org.branches.list': (query, ctx) => ctx.server.call('org.branches.list', { query }, { token: ctx.requireSession().token }),
  'admin.org.branches.create': (body, ctx) => ctx.server.call('org.branches.create', { body }, { token: ctx.requireSession().token }),
  'admin.org.branches.update': ({ id, row }, ctx) => ctx.server.call('org.branches.update', { params: { id }, body: row }, { token: ctx.requireSession().token }),
  'admin.org.branches.delete': ({ id }, ctx) => ctx.server.call('org.branches.delete', { params: { id } }, { token: ctx.requireSession().token }),
  'admin.org.teams.leads': (_input, ctx) => ctx.server.call('org.teams.leads', {}, { token: ctx.requireSession().token }),
  'admin.org.teams.list': (query, ctx) => ctx.server.call('org.teams.list', { query }, { token: ctx.requireSession().token }),
  'admin.org.teams.create': (body, ctx) => ctx.server.call('org.teams.create', { body }, { token: ctx.requireSession().token }),
  'admin.org.teams.update': ({ id, row }, ctx) => ctx.server.call('org.teams.update', { params: { id }, body: row }, { token: ctx.requireSession().token }),
  'admin.org.teams.delete': ({ id }, ctx) => ctx.server.call('org.teams.delete', { params: { id } }, { token: ctx.requireSession().token }),
  'admin.org.queues.list': (query, ctx) => ctx.server.call('org.queues.list', { query }, { token: ctx.requireSession().token }),
  'admin.org.queues.create': (body, ctx) => ctx.server.call('org.queues.create', { body }, { token: ctx.requireSession().token }),
  'admin.org.queues.update': ({ id, row }, ctx) => ctx.server.call('org.queues.update', { params: { id }, body: row }, { token: ctx.requireSession().token }),
  'admin.org.queues.delete': ({ id }, ctx) => ctx.server.call('org.queues.delete', { params: { id } }, { token: ctx.requireSession().token }),
  'admin.org.skills.list': (query, ctx) => ctx.server.call('org.skills.list', { query }, { token: ctx.requireSession().token }),
  'admin.org.skills.create': (body, ctx) => ctx.server.call('org.skills.create', { body }, { token: ctx.requireSession().token }),
  'admin.org.skills.update': ({ id, row }, ctx) => ctx.server.call('org.skills.update', { params: { id }, body: row }, { token: ctx.requireSession().token }),
  'admin.org.skills.delete': ({ id }, ctx) => ctx.server.call('org.skills.delete', { params: { id } }, { token: ctx.requireSession().token }),
  'admin.org.dispositions.list': (query, ctx) => ctx.server.call('org.dispositions.list', { query }, { token: ctx.requireSession().token }),
  'admin.org.dispositions.create': (body, ctx) => ctx.server.call('org.dispositions.create', { body }, { token: ctx.requireSession().token }),
  'admin.org.dispositions.update': ({ id, row }, ctx) => ctx.server.call('org.dispositions.update', { params: { id }, body: row }, { token: ctx.requireSession().token }),
  'admin.org.dispositions.delete': ({ id }, ctx) => ctx.server.call('org.dispositions.delete', { params: { id } }, { token: ctx.requireSession().token }),
  'admin.org.sla.get': (_input, ctx) => ctx.server.call('sla.read', {}, { token: ctx.requireSession().token }),
  'admin.org.sla.save': (body, ctx) => ctx.server.call('sla.save', { body }, { token: ctx.requireSession().token }),
  'admin.org.schedule.get': (_input, ctx) => ctx.server.call('org.schedule.read', {}, { token: ctx.requireSession().token }),
  'admin.org.schedule.save': (body, ctx) => ctx.server.call('org.schedule.save', { body }, { token: ctx.requireSession().token }),
  'admin.settings.get': (_input, ctx) => ctx.server.call('serverSettings.read', {}, { token: ctx.requireSession().token }),
  'admin.settings.save': (body, ctx) => ctx.server.call('serverSettings.save', { body }, { token: ctx.requireSession().token }),
};
