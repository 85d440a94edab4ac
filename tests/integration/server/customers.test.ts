import { expect, it } from 'vitest';
import { BUDI } from '../../../src/server/seed/budi.js';
import { Customer360, HistoryPage } from '../../../src/shared/domain.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

forEachDatabase('customers', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 40, interactionsMean: 4, seed: 7 } });
  const get = async (path: string) => {
    const token = await t.current.login('agent1', 'agent1-pass');
    return t.current.api(path, { token });
  };
  const names = (body: unknown) => (body as { results: { fullName: string }[] }).results.map((r) => r.fullName);

  it.each(['0812 3456 7890', '+62 812-3456-7890', '6281234567890', '(021) 5550123', '081234567890'])(
    'finds Budi by phone form %s (search and by-phone)', async (form) => {
      const search = await get(`/customers/search?q=${encodeURIComponent(form)}`);
      expect(search.status).toBe(200);
      expect(names(search.body)).toContain('Budi Santoso');
      const lookup = await get(`/customers/by-phone?phone=${encodeURIComponent(form)}`);
      expect(lookup.status).toBe(200);
      const body = lookup.body as { e164: string; customers: { id: string }[] };
      expect([BUDI.mobile, BUDI.home]).toContain(body.e164);
      expect(body.customers.map((c) => c.id)).toEqual([BUDI.id]);
    });

  it('finds by as-you-type phone prefix, name word prefix, e-mail prefix and customer number', async () => {
    for (const q of ['0812 345', '+62 812-34', 'BUDI', 'santo', 'bu sa', 'budi.santoso@', 'c00000001']) {
      const res = await get(`/customers/search?q=${encodeURIComponent(q)}`);
      expect(names(res.body), q).toContain('Budi Santoso');
    }
    expect(names((await get('/customers/search?q=zzzqqq')).body)).toEqual([]);
  });

  it('answers an unknown number with no customers and a non-number with e164 null', async () => {
    expect((await get('/customers/by-phone?phone=081199999999')).body).toEqual({ e164: '+6281199999999', customers: [] });
    expect((await get('/customers/by-phone?phone=hello')).body).toEqual({ e164: null, customers: [] });
    expect((await get('/customers/by-phone')).status).toBe(400);
    expect((await get('/customers/search?q=budi&limit=0')).status).toBe(400);
  });

  it('serves the 360 of Budi', async () => {
    const res = await get(`/customers/${BUDI.id}/360`);
    expect(res.status).toBe(200);
    const c = Customer360.parse(res.body);
    expect(c.customer).toMatchObject({ fullName: 'Budi Santoso', salutation: 'Bapak', tier: 'platinum', vvip: true, billing: 'postpaid', city: 'Jakarta' });
    expect(c.interactionsTotal).toBe(12);
    expect(c.recentInteractions).toHaveLength(12);
    const times = c.recentInteractions.map((i) => i.startedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(c.complaintsLast90Days).toBe(1);
    expect(c.receivables.map((r) => r.status)).toEqual(['overdue']);
    expect(c.contracts.map((r) => r.status)).toEqual(['active']);
    expect(c.orders).toHaveLength(1);
    expect((await get('/customers/00000000-0000-4000-8000-0000000fffff/360')).status).toBe(404);
    expect((await get('/customers/not-a-uuid/360')).body).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('pages the history newest first and filters by channel', async () => {
    const seen: string[] = [];
    let path = `/customers/${BUDI.id}/interactions?limit=5`;
    for (let page = 0; page < 5; page++) {
      const res = HistoryPage.parse((await get(path)).body);
      seen.push(...res.items.map((i) => i.startedAt));
      if (!res.nextCursor) break;
      path = `/customers/${BUDI.id}/interactions?limit=5&beforeStartedAt=${encodeURIComponent(res.nextCursor.startedAt)}&beforeId=${res.nextCursor.id}`;
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect([...seen].sort().reverse()).toEqual(seen);
    const calls = HistoryPage.parse((await get(`/customers/${BUDI.id}/interactions?channels=call_in,call_out`)).body);
    expect(calls.items.map((i) => i.channel).sort()).toEqual(['call_in', 'call_in', 'call_in', 'call_out']);
    expect((await get(`/customers/${BUDI.id}/interactions?channels=fax`)).status).toBe(400);
  });
});
