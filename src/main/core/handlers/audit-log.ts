// admin.audit.*: the audit log is read on the server only (it is never synced to a
// desktop); core passes the admin's filters through and hands the export back as text
// for the renderer to save.
import { type HandlerMap } from '../context.js';

type AuditMethods = 'admin.audit.list' | 'admin.audit.exportCsv';

export const auditLogHandlers: HandlerMap<AuditMethods> = {
  'admin.audit.list': (query, ctx) => ctx.server.call('audit.list', { query }, { token: ctx.requireSession().token }),

  'admin.audit.exportCsv': async (query, ctx) => {
    const csv = await ctx.server.call('audit.export', { query }, { token: ctx.requireSession().token });
    return { fileName: `audit-${new Date().toISOString().slice(0, 10)}.csv`, csv };
  },
};
