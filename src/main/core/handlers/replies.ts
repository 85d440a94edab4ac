// replies.* and messages.*: the library is searched in the cache (offline, as you type);
// library edits and sending go to the server, which renders again and delivers.
import { SapaError } from '../../../shared/errors.js';
import { API_PREFIX } from '../../../shared/http.js';
import {
  CustomerMessagesResponse, InboundMessage, InboxResponse, OutboundMessage, ParagraphResponse, RevisionsResponse, repliesPaths,
} from '../../../shared/replies/messages.js';
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
    const saved = await ctx.server.request({
      method: id ? 'PUT' : 'POST', path: API_PREFIX + (id ? repliesPaths.paragraph(id) : repliesPaths.paragraphs),
      json: body, token: token(ctx), schema: ParagraphResponse,
    });
    await refresh(ctx);
    return saved;
  },
  'replies.setStatus': async ({ id, status }, ctx) => {
    const saved = await ctx.server.request({
      method: 'POST', path: API_PREFIX + (status === 'approved' ? repliesPaths.approve(id) : repliesPaths.retire(id)),
      json: {}, token: token(ctx), schema: ParagraphResponse,
    });
    await refresh(ctx);
    return saved;
  },
  'replies.revisions': ({ id }, ctx) => ctx.server.request({
    path: API_PREFIX + repliesPaths.revisions(id), token: token(ctx), schema: RevisionsResponse,
  }),
  'replies.spellcheck': async ({ text, language, ignore }) => ({ issues: await spellcheck(text, language, ignore) }),

  'messages.send': async (input, ctx) => {
    // A retired paragraph in the cache is refused here already, with the same answer the server gives.
    const retired = searcher(ctx).byIds(input.paragraphIds).filter((p) => p.status !== 'approved');
    if (retired.length > 0) {
      throw new SapaError('CONFLICT', `No longer approved: ${retired.map((p) => p.title).join(', ')}`, { retired: retired.map((p) => p.id) });
    }
    const sent = await ctx.server.request({
      method: 'POST', path: API_PREFIX + repliesPaths.send, json: input, token: token(ctx), schema: OutboundMessage,
      timeoutMs: SEND_TIMEOUT_MS,
    });
    await refresh(ctx);
    return sent;
  },
  'messages.retry': async ({ id }, ctx) => {
    const sent = await ctx.server.request({
      method: 'POST', path: API_PREFIX + repliesPaths.retry(id), json: {}, token: token(ctx), schema: OutboundMessage,
      timeoutMs: SEND_TIMEOUT_MS,
    });
    await refresh(ctx);
    return sent;
  },
  'messages.forCustomer': ({ customerId }, ctx) => ctx.server.request({
    path: API_PREFIX + repliesPaths.customerMessages(customerId), token: token(ctx), schema: CustomerMessagesResponse,
  }),
  'messages.inbox': (_input, ctx) => ctx.server.request({
    path: API_PREFIX + repliesPaths.inbox, token: token(ctx), schema: InboxResponse,
  }),
  'messages.assign': async ({ id, customerId }, ctx) => {
    const assigned = await ctx.server.request({
      method: 'POST', path: API_PREFIX + repliesPaths.assign(id), json: { customerId }, token: token(ctx), schema: InboundMessage,
    });
    await refresh(ctx);
    return assigned;
  },
};
