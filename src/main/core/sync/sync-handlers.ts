// sync.*: status, diagnostics and the conflicts the server answered.
import { type HandlerMap } from '../context.js';

type Methods = 'sync.status' | 'sync.now' | 'sync.diagnostics' | 'sync.conflicts' | 'sync.dismissConflict';

export const syncHandlers: HandlerMap<Methods> = {
  'sync.status': (_input, ctx) => ctx.sync.status(),
  'sync.now': (_input, ctx) => ctx.sync.syncNow(),
  'sync.diagnostics': (_input, ctx) => ({
    status: ctx.sync.status(),
    clientId: ctx.outbox.clientId,
    serverUrls: [...ctx.server.urls],
    outbox: ctx.outbox.entries(100).map((e) => ({
      id: e.id, name: e.name, createdAt: e.createdAt, state: e.state, ackVersion: e.ackVersion,
      attempts: e.attempts, lastError: e.lastError,
    })),
    recentErrors: ctx.sync.log.recentErrors(20),
  }),
  'sync.conflicts': (_input, ctx) => ({ conflicts: ctx.sync.log.openConflicts() }),
  'sync.dismissConflict': (input, ctx) => {
    const ok = ctx.sync.log.dismissConflict(input.id);
    ctx.sync.pushSoon();
    return { ok };
  },

};
