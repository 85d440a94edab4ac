// customers.*: answered from the cache; a miss asks the server (short timeout for the
// screen pop) and caches what comes back so the next look is local.
import { type Customer360 } from '../../../shared/domain.js';
import { SapaError } from '../../../shared/errors.js';
import { toE164 } from '../../../shared/phone.js';
import { type CoreContext, type HandlerMap } from '../context.js';

/** The phone is ringing: a server miss must not hold the screen pop longer than this. */
export const LOOKUP_SERVER_TIMEOUT_MS = 1_500;
const SEARCH_SERVER_TIMEOUT_MS = 1_500;
const VIEW_SERVER_TIMEOUT_MS = 8_000;
const PREFETCH_MAX = 3;

/** Fetches and caches the 360 view of customers found on the server, in the background. */
function prefetch360(ctx: CoreContext, ids: readonly string[]): void {
  for (const id of ids.slice(0, PREFETCH_MAX)) {
    fetch360(ctx, id).catch((error: unknown) => ctx.logger.warn('prefetch of 360 failed', { id, error: String(error) }));
  }
}

/**
 * 360 fetches on their way, per core, by customer and session token. A screen pop of a
 * caller the cache lacks prefetches the 360 while the phone rings, and opens it a moment
 * later when the pop is painted; the open joins the prefetch instead of asking again.
 */
const inFlight360 = new WeakMap<CoreContext, Map<string, Promise<Customer360>>>();

async function fetch360(ctx: CoreContext, customerId: string): Promise<Customer360> {
  const token = ctx.requireSession().token;
  const pending = inFlight360.get(ctx) ?? new Map<string, Promise<Customer360>>();
  inFlight360.set(ctx, pending);
  const key = `${token}\n${customerId}`;
  const joined = pending.get(key);
  if (joined) return joined;
  const fetching = ctx.server.call('customers.view360', { params: { id: customerId } }, {
    token, timeoutMs: VIEW_SERVER_TIMEOUT_MS,
  }).then((view) => {
    ctx.store.apply.cache360(view);
    return view;
  }).finally(() => pending.delete(key));
  pending.set(key, fetching);
  return fetching;
}

export const customerHandlers: HandlerMap<
  'customers.lookupByPhone' | 'customers.search' | 'customers.get360' | 'customers.history'
> = {
  'customers.lookupByPhone': async ({ phone }, ctx) => {
    const e164 = toE164(phone);
    if (e164 === null) return { e164: null, source: 'none', customers: [] };
    const cached = ctx.store.queries.lookupByE164(e164);
    if (cached.length > 0) return { e164, source: 'cache', customers: cached };
    try {
      const answer = await ctx.server.call('customers.byPhone', { query: { phone: e164 } }, {
        token: ctx.requireSession().token, timeoutMs: LOOKUP_SERVER_TIMEOUT_MS,
      });
      prefetch360(ctx, answer.customers.map((c) => c.id));
      return { e164, source: 'server', customers: answer.customers };
    } catch (error) {
      ctx.logger.warn('server phone lookup failed', { error: String(error) });
      return { e164, source: 'none', customers: [] };
    }
  },

  'customers.search': async ({ query, limit }, ctx) => {
    const results = ctx.store.queries.search(query, limit);
    // With a working set the cache holds only part of the customers, so local hits are a
    // partial answer: ask the server too and fall back to the local hits when it fails.
    const partial = ctx.sync.workingSet.enabled;
    if ((results.length > 0 && !partial) || query.trim().length < 2) return { results };
    try {
      const answer = await ctx.server.call('customers.search', { query: { q: query, limit } }, {
        token: ctx.requireSession().token, timeoutMs: SEARCH_SERVER_TIMEOUT_MS,
      });
      return { results: answer.results };
    } catch (error) {
      // Offline or slow: what the cache has is the honest answer.
      ctx.logger.debug('server search failed', { error: String(error) });
      return { results };
    }
  },

  'customers.get360': async ({ customerId }, ctx) => {
    const cached = ctx.store.queries.get360(customerId);
    // Opening a customer keeps it in (or adds it to) the desktop's working set.
    const touch = () => ctx.sync.workingSet.touch(customerId, ctx.session()?.user ?? null);
    if (cached) {
      touch();
      return cached;
    }
    try {
      const view = await fetch360(ctx, customerId);
      touch();
      return view;
    } catch (error) {
      if (error instanceof SapaError && error.code === 'NOT_FOUND') {
        throw new SapaError('NOT_FOUND', `Customer ${customerId} was not found`);
      }
      throw error;
    }
  },

  'customers.history': async ({ customerId, channels, before, limit }, ctx) => {
    if (ctx.store.queries.hasCustomer(customerId)) {
      return ctx.store.queries.history({ customerId, channels, before, limit });
    }
    return ctx.server.call('customers.history', {
      params: { id: customerId },
      query: {
        limit, beforeStartedAt: before?.startedAt, beforeId: before?.id,
        channels: channels && channels.length > 0 ? channels.join(',') : undefined,
      },
    }, { token: ctx.requireSession().token, timeoutMs: VIEW_SERVER_TIMEOUT_MS });
  },
};
