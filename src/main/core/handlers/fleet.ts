// admin.fleet.*: the desktop fleet is read on the server only; core passes the admin's
// filters through and hands the export back as text for the renderer to save.
import { type HandlerMap } from '../context.js';

type FleetMethods = 'admin.fleet.list' | 'admin.fleet.versions' | 'admin.fleet.exportCsv';

export const fleetHandlers: HandlerMap<FleetMethods> = {
  'admin.fleet.list': (query, ctx) => ctx.server.call('fleet.list', { query }, { token: ctx.requireSession().token }),

  'admin.fleet.versions': (_input, ctx) => ctx.server.call('fleet.versions', {}, { token: ctx.requireSession().token }),

  'admin.fleet.exportCsv': async (query, ctx) => {
    const csv = await ctx.server.call('fleet.export', { query }, { token: ctx.requireSession().token });
    return { fileName: `fleet-${new Date().toISOString().slice(0, 10)}.csv`, csv };
  },
};
