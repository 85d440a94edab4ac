// sync.refused / sync.discardRefused / sync.fixRefused: the signed-in agent's changes the
// server refused for good, and the two ways out (core/outbox/refused-changes.ts).
import { SapaError } from '../../../shared/errors.js';
import { type HandlerMap } from '../context.js';
import { describeRefused, fixedArgs } from '../outbox/refused-changes.js';

type Methods = 'sync.refused' | 'sync.discardRefused' | 'sync.fixRefused';

export const refusedChangeHandlers: HandlerMap<Methods> = {
  'sync.refused': (_input, ctx) => {
    const { user } = ctx.requireSession();
    return { changes: ctx.outbox.refused(user.id).map((e) => describeRefused(ctx.store.db, e)) };
  },
  'sync.discardRefused': ({ id }, ctx) => {
    const { user } = ctx.requireSession();
    const ok = ctx.outbox.discardRefused(id, user.id);
    ctx.sync.pushSoon(); // publishes the new count
    return { ok };
  },
  'sync.fixRefused': ({ id, fields }, ctx) => {
    const { user } = ctx.requireSession();
    const entry = ctx.outbox.refused(user.id).find((e) => e.id === id);
    if (!entry) throw new SapaError('NOT_FOUND', `No refused change ${id}`);
    const result = ctx.outbox.requeueRefused(id, fixedArgs(entry, fields), user);
    ctx.sync.pushSoon();
    return result;
  },
};
