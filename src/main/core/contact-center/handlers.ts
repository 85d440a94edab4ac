// cc.*: the contact center is online only — the router on the server decides who gets what,
// so core passes each call through with short timeouts (an offer lives a few seconds). Two
// things happen here besides: an accepted e-mail is taken by the agent (so nobody else can
// answer it, even from the inbox), and a call-back's outcome lands in the customer's
// timeline through the outbox like a call's wrap-up does.
import { v7 as uuidv7 } from 'uuid';
import { type AgentTask, type CallbackOutcome } from '../../../shared/contact-center.js';
import { SapaError } from '../../../shared/errors.js';
import { type CoreContext, type HandlerMap } from '../context.js';

/** An offer lapses in seconds: an answer later than this is no use to the agent. */
const OFFER_TIMEOUT_MS = 4_000;
const READ_TIMEOUT_MS = 5_000;

type ContactCenterMethod =
  | 'cc.myState' | 'cc.setMyState' | 'cc.myOffer' | 'cc.acceptOffer' | 'cc.rejectOffer' | 'cc.myQueue' | 'cc.myTasks'
  | 'cc.completeTask';

const auth = (ctx: CoreContext, timeoutMs = READ_TIMEOUT_MS) => ({ token: ctx.requireSession().token, timeoutMs });

/**
 * The disposition a call-back's outcome is stored with: one of the call dispositions the
 * server knows (it refuses others on a call interaction). A reached customer gets none here:
 * the call itself, dialled from the softphone, has its own wrap-up with the real one.
 */
const OUTCOME_DISPOSITION: Record<CallbackOutcome, string | null> = { reached: null, no_answer: 'no_answer', wrong_number: 'wrong_number' };

/** The timeline's words for an outcome (stored text, like a call's "Call to …" subject). */
const OUTCOME_SUBJECT: Record<CallbackOutcome, string> = {
  reached: 'Call-back: customer reached',
  no_answer: 'Call-back: no answer',
  wrong_number: 'Call-back: wrong number',
};

async function takeEmail(task: AgentTask, ctx: CoreContext): Promise<void> {
  if (task.kind !== 'email' || !task.sourceId) return;
  try {
    await ctx.server.call('messages.take', { params: { id: task.sourceId } }, auth(ctx));
  } catch (error) {
    if (!(error instanceof SapaError) || error.code !== 'CONFLICT') throw error;
    // Someone answered it from the inbox before the offer was accepted: the task is of no
    // use to this agent, so it is finished at once and the agent is told.
    await ctx.server.call('cc.completeTask', { params: { id: task.taskId }, body: { kind: 'email' } }, auth(ctx));
    throw new SapaError('CONFLICT', 'Another agent has already taken this e-mail', { taskId: task.taskId });
  }
}

export const contactCenterHandlers: HandlerMap<ContactCenterMethod> = {
  'cc.myState': (_input, ctx) => ctx.server.call('cc.myState', {}, auth(ctx)),
  'cc.setMyState': (body, ctx) => ctx.server.call('cc.setMyState', { body }, auth(ctx)),
  'cc.myOffer': (_input, ctx) => ctx.server.call('cc.myOffer', {}, auth(ctx, OFFER_TIMEOUT_MS)),
  'cc.acceptOffer': async (body, ctx) => {
    const task = await ctx.server.call('cc.acceptOffer', { body }, auth(ctx, OFFER_TIMEOUT_MS));
    await takeEmail(task, ctx);
    // A chat is then the agent's (the router's task is finished: chats count against the chat capacity).
    if (task.kind === 'chat') await ctx.server.call('chat.take', { body: { taskId: task.taskId } }, auth(ctx, OFFER_TIMEOUT_MS));
    return task;
  },
  'cc.rejectOffer': (body, ctx) => ctx.server.call('cc.rejectOffer', { body }, auth(ctx, OFFER_TIMEOUT_MS)),
  'cc.myQueue': (_input, ctx) => ctx.server.call('cc.myQueue', {}, auth(ctx)),
  'cc.myTasks': (_input, ctx) => ctx.server.call('cc.myTasks', {}, auth(ctx)),

  'cc.completeTask': async ({ taskId, completion }, ctx) => {
    const done = await ctx.server.call('cc.completeTask', { params: { id: taskId }, body: completion }, auth(ctx));
    if (completion.kind === 'callback' && done.customerId) {
      // After the server accepted it: a refused completion leaves no timeline entry behind.
      const now = new Date().toISOString();
      const retry = completion.outcome === 'no_answer' && completion.retryAt ? ` (retry ${completion.retryAt})` : '';
      ctx.mutate('interaction.create', {
        id: uuidv7(), customerId: done.customerId, phoneE164: /^\+[1-9]\d{6,14}$/.test(done.from) ? done.from : null,
        channel: 'call_out', direction: 'outbound', startedAt: done.assignedAt ?? now, endedAt: now,
        subject: `${OUTCOME_SUBJECT[completion.outcome]}${retry}`, body: completion.note ?? done.subject ?? null,
        disposition: OUTCOME_DISPOSITION[completion.outcome],
      });
    }
    return done;
  },
};
