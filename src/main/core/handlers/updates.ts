// updates.*: the renderer's side of the auto-update. It reports what only it knows (a call,
// typing, an import) and answers the notice; core's controller (updates/controller.ts)
// decides and the shell carries out.
import { SapaError } from '../../../shared/errors.js';
import { type HandlerMap } from '../context.js';

type UpdateMethod = 'updates.status' | 'updates.reportActivity' | 'updates.restartNow' | 'updates.later' | 'updates.checkNow';

export const updatesHandlers: HandlerMap<UpdateMethod> = {
  'updates.status': (_input, ctx) => ctx.updates.status(),
  'updates.reportActivity': (activity, ctx) => {
    ctx.updates.reportActivity(activity);
    return { ok: true as const };
  },
  'updates.restartNow': (_input, ctx) => {
    const answer = ctx.updates.restartNow();
    if (!answer.ok) {
      throw new SapaError('CONFLICT', answer.reasons.length > 0
        ? `Not now: ${answer.reasons.join(', ')}`
        : 'No downloaded update is waiting', { reasons: answer.reasons });
    }
    return ctx.updates.status();
  },
  'updates.later': (_input, ctx) => {
    ctx.updates.later();
    return ctx.updates.status();
  },
  'updates.checkNow': async (_input, ctx) => {
    await ctx.updates.checkNow();
    return ctx.updates.status();
  },
};
