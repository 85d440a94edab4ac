// sales.*: prospects, the portfolio and telesales live on the server (another rep's prospects,
// the catalogue's eligibility and a campaign's shared list are not in a desktop's cache); one
// call each. A sale's order reaches the cache through the sync pull the server's poke starts.
// A customer's Products tab is kept as last fetched, for reading while offline (portfolio-copy.ts).
import { type portfolioMethods } from '../../../shared/sales/portfolio.js';
import { type prospectMethods } from '../../../shared/sales/prospects.js';
import { type telesalesMethods } from '../../../shared/sales/telesales.js';
import { SapaError } from '../../../shared/errors.js';
import { type HandlerMap } from '../context.js';
import { cachedPortfolio, storePortfolio } from './portfolio-copy.js';

type SalesMethod = keyof typeof prospectMethods | keyof typeof portfolioMethods | keyof typeof telesalesMethods;

export const salesHandlers: HandlerMap<SalesMethod> = {
  'sales.prospects.list': (query, ctx) => ctx.server.call('prospects.list', { query }, { token: ctx.requireSession().token }),
  'sales.prospects.create': (body, ctx) => ctx.server.call('prospects.create', { body }, { token: ctx.requireSession().token }),
  'sales.prospects.stage': ({ customerId, to }, ctx) =>
    ctx.server.call('prospects.stage', { params: { id: customerId }, body: { to } }, { token: ctx.requireSession().token }),
  'sales.prospects.assign': ({ customerId, ownerId }, ctx) =>
    ctx.server.call('prospects.assign', { params: { id: customerId }, body: { ownerId } }, { token: ctx.requireSession().token }),
  'sales.prospects.import': ({ fileName, csv }, ctx) => {
    const bytes = new TextEncoder().encode(csv);
    const body = new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes); c.close(); } });
    return ctx.server.call('prospects.import', { query: { fileName } }, {
      token: ctx.requireSession().token, stream: { body, contentType: 'text/csv' }, timeoutMs: 120_000,
    });
  },
  'sales.prospects.importReport': ({ importId }, ctx) =>
    ctx.server.call('prospects.importReport', { params: { id: importId } }, { token: ctx.requireSession().token }),
  'sales.rules.get': (_input, ctx) => ctx.server.call('prospects.rules', {}, { token: ctx.requireSession().token }),
  'sales.rules.save': (body, ctx) => ctx.server.call('prospects.saveRules', { body }, { token: ctx.requireSession().token }),

  'sales.products.list': (_input, ctx) => ctx.server.call('products.list', {}, { token: ctx.requireSession().token }),
  'sales.products.create': (body, ctx) => ctx.server.call('products.create', { body }, { token: ctx.requireSession().token }),
  'sales.products.update': ({ id, product }, ctx) =>
    ctx.server.call('products.update', { params: { id }, body: product }, { token: ctx.requireSession().token }),
  async 'sales.portfolio.customer'({ customerId }, ctx) {
    const session = ctx.requireSession();
    try {
      const portfolio = await ctx.server.call('portfolio.customer', { params: { id: customerId } }, { token: session.token });
      storePortfolio(ctx.store.db, customerId, session.user.id, portfolio, new Date((ctx.options.clock ?? Date.now)()).toISOString());
      return { ...portfolio, offline: false, fetchedAt: null };
    } catch (error) {
      const copy = error instanceof SapaError && error.code === 'OFFLINE' ? cachedPortfolio(ctx.store.db, customerId, session.user.id) : null;
      if (!copy) throw error;
      return { ...copy.portfolio, offline: true, fetchedAt: copy.fetchedAt };
    }
  },
  'sales.portfolio.sell': ({ customerId, sale }, ctx) =>
    ctx.server.call('portfolio.sell', { params: { id: customerId }, body: sale }, { token: ctx.requireSession().token }),

  'sales.campaigns.list': (_input, ctx) => ctx.server.call('campaigns.list', {}, { token: ctx.requireSession().token }),
  'sales.campaigns.create': (body, ctx) => ctx.server.call('campaigns.create', { body }, { token: ctx.requireSession().token }),
  'sales.campaigns.addContacts': ({ campaignId, body }, ctx) =>
    ctx.server.call('campaigns.addContacts', { params: { id: campaignId }, body }, { token: ctx.requireSession().token, timeoutMs: 60_000 }),
  'sales.campaigns.next': ({ campaignId }, ctx) =>
    ctx.server.call('campaigns.next', { params: { id: campaignId } }, { token: ctx.requireSession().token }),
  'sales.campaigns.dispose': ({ contactId, body }, ctx) =>
    ctx.server.call('campaigns.dispose', { params: { id: contactId }, body }, { token: ctx.requireSession().token }),
  'sales.campaigns.results': ({ campaignId }, ctx) =>
    ctx.server.call('campaigns.results', { params: { id: campaignId } }, { token: ctx.requireSession().token }),
  'sales.dnc.list': (_input, ctx) => ctx.server.call('dnc.list', {}, { token: ctx.requireSession().token }),
  'sales.dnc.add': (body, ctx) => ctx.server.call('dnc.add', { body }, { token: ctx.requireSession().token }),
  'sales.dnc.remove': (body, ctx) => ctx.server.call('dnc.remove', { body }, { token: ctx.requireSession().token }),
  'sales.dnc.check': (query, ctx) => ctx.server.call('dnc.check', { query }, { token: ctx.requireSession().token, timeoutMs: 3_000 }),
};
