// sync.*: report and trigger the pull loop.
import { type HandlerMap } from '../context.js';

export const syncHandlers: HandlerMap<'sync.status' | 'sync.now'> = {
  'sync.status': (_input, ctx) => ctx.sync.status(),
  'sync.now': (_input, ctx) => ctx.sync.syncNow(),
};
