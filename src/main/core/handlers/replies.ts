// replies.* and messages.*: the library is searched in the cache (offline, as you type);
// library edits and sending go to the server, which renders again and delivers.
import { REPO_RESOURCES_DIR } from '../resources/resources-dir.js';
import { SapaError } from '../../../shared/errors.js';
import { type CacheDb } from '../cache/open-cache.js';
import { type CoreContext, type HandlerMap } from '../context.js';
import { createReplySearcher, type ReplySearcher } from '../replies/search.js';
import { spellcheck } from '../replies/spellcheck.js';

const searchers = new WeakMap<CacheDb, ReplySearcher>();
function searcher(ctx: CoreContext): ReplySearcher {
  let s = searchers.get(ctx.store.db);
  if (!s) {
    s = createReplySearcher(ctx.store.db);
    searchers.set(ctx.store.db, s);
  }
  return s;
}

/** Sending waits for SMTP or the gateway on the server; give it time, but not forever. */
const SEND_TIMEOUT_MS = 45_000;

const token = (ctx: CoreContext) => ctx.requireSession().token;

/** After a write on the server, pull so the timeline and the library show it at once. */
async function refresh(ctx: CoreContext): Promise<void> {
  await ctx.sync.syncNow().catch((error: unknown) => ctx.logger.warn('sync after write failed', { error: String(error) }));
}

export const repliesHandlers: HandlerMap<
  'replies.search' | 'replies.get' | 'replies.list' | 'replies.save' | 'replies.setStatus' | 'replies.revisions'
  | 'replies.spellcheck' | 'messages.send' | 'messages.retry' | 'messages.forCustomer' | 'messages.inbox' | 'messages.assign'
> = {
  'replies.search': (input, ctx) => {
    const started = performance.now();
    const results = searcher(ctx).search(input);
    return { results, tookMs: Math.round((performance.now() - started) * 100) / 100 };
  },
  'replies.get': ({ ids }, ctx) => ({ paragraphs: searcher(ctx).byIds(ids) }),
  'replies.list': (_input, ctx) => ({ paragraphs: searcher(ctx).all() }),

  'replies.save': async ({ id, ...body }, ctx) => {
    const saved = id
      ? await ctx.server.call('replies.edit', { params: { id }, body }, { token: token(ctx) })
      : await ctx.server.call('replies.create', { body }, { token: token(ctx) });
    await refresh(ctx);
    return saved;
  },
  'replies.setStatus': async ({ id, status }, ctx) => {
    const saved = await ctx.server.call(status === 'approved' ? 'replies.approve' : 'replies.retire', { params: { id } }, {
      token: token(ctx),
    });
    await refresh(ctx);
    return saved;
  },
  'replies.revisions': ({ id }, ctx) => ctx.server.call('replies.revisions', { params: { id } }, { token: token(ctx) }),
  'replies.spellcheck': async ({ text, language, ignore }, ctx) => ({
    issues: await spellcheck(text, language, ctx.options.resourcesDir ?? REPO_RESOURCES_DIR, ignore),
  }),

  'messages.send': async (input, ctx) => {
    // A retired paragraph in the cache is refused here already, with the same answer the server gives.
    const retired = searcher(ctx).byIds(input.paragraphIds).filter((p) => p.status !== 'approved');
    if (retired.length > 0) {
      throw new SapaError('CONFLICT', `No longer approved: ${retired.map((p) => p.title).join(', ')}`, { retired: retired.map((p) => p.id) });
    }
    const sent = await ctx.server.call('messages.send', { body: input }, { token: token(ctx), timeoutMs: SEND_TIMEOUT_MS });
    await refresh(ctx);
    return sent;
  },
  // The idempotency key travels in the body, so the server client's failover to another
  // server URL repeats it unchanged: the server sends once per key.
  'messages.retry': async ({ id, idempotencyKey }, ctx) => {
    const sent = await ctx.server.call('messages.retry', { params: { id }, body: { idempotencyKey } }, {
      token: token(ctx), timeoutMs: SEND_TIMEOUT_MS,
    });
    await refresh(ctx);
    return sent;
  },
  'messages.forCustomer': ({ customerId }, ctx) => ctx.server.call('customers.messages', { params: { id: customerId } }, {
    token: token(ctx),
  }),
  'messages.inbox': (_input, ctx) => ctx.server.call('messages.inbox', {}, { token: token(ctx) }),
  'messages.assign': async ({ id, customerId }, ctx) => {
    const assigned = await ctx.server.call('messages.assign', { params: { id }, body: { customerId } }, { token: token(ctx) });
    await refresh(ctx);
    return assigned;
  },
};
