// The Products tab offline: the desktop keeps each user's last answer for a customer in the
// real (encrypted) cache and gives it back, marked offline with its time, only when the server
// cannot be reached; any other refusal, or a customer never opened, still fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type CacheStore } from '../../../src/main/core/cache/cache-store.js';
import { openCacheStore } from '../../../src/main/core/cache-tables.js';
import { type CoreContext } from '../../../src/main/core/context.js';
import { salesHandlers } from '../../../src/main/core/sales/handlers.js';
import { SapaError } from '../../../src/shared/errors.js';
import { type CustomerPortfolio } from '../../../src/shared/sales/portfolio.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let dir: string;
let store: CacheStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-portfolio-'));
  store = openCacheStore(dir, desktopKeyFor(dir));
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const CUSTOMER = '00000000-0000-4000-8000-000000000001';
const PORTFOLIO: CustomerPortfolio = {
  holdings: [{ id: '00000000-0000-4000-8000-0000000000a1', productId: '00000000-0000-4000-8000-0000000000b1', code: 'FIBER-100', nameId: 'Internet Fiber 100 Mbps', nameEn: 'Fibre internet 100 Mbps', category: 'internet', since: '2021-03-01', status: 'active' }],
  offers: [],
};

function contextOf(userId: string, answer: () => Promise<unknown>, now = '2026-12-07T08:00:00.000Z'): CoreContext {
  return {
    requireSession: () => ({ token: 't', user: { id: userId } }),
    server: { call: answer },
    store,
    options: { clock: () => Date.parse(now) },
  } as unknown as CoreContext;
}
const products = (ctx: CoreContext) => salesHandlers['sales.portfolio.customer']({ customerId: CUSTOMER }, ctx);

it('answers from the server online and keeps the copy; offline it gives the copy back with its time', async () => {
  expect(await products(contextOf('u1', () => Promise.resolve(PORTFOLIO)))).toEqual({ ...PORTFOLIO, offline: false, fetchedAt: null });
  const offline = contextOf('u1', () => Promise.reject(new SapaError('OFFLINE', 'no line')), '2026-12-07T09:00:00.000Z');
  expect(await products(offline)).toEqual({ ...PORTFOLIO, offline: true, fetchedAt: '2026-12-07T08:00:00.000Z' });
});

it('keeps each user\'s copy (offers depend on the role) and fails offline for a customer never opened', async () => {
  await products(contextOf('u1', () => Promise.resolve(PORTFOLIO)));
  await expect(products(contextOf('u2', () => Promise.reject(new SapaError('OFFLINE', 'no line'))))).rejects.toMatchObject({ code: 'OFFLINE' });
});

it('does not hide a refusal behind the copy', async () => {
  await products(contextOf('u1', () => Promise.resolve(PORTFOLIO)));
  await expect(products(contextOf('u1', () => Promise.reject(new SapaError('FORBIDDEN', 'no'))))).rejects.toMatchObject({ code: 'FORBIDDEN' });
});
