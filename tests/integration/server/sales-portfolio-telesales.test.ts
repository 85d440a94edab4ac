// The portfolio and telesales on a real server and database (both engines; docs/sales.md):
// the catalogue is edited by sales managers only and refuses bad codes and duplicates; a
// customer's offers follow tier, segment and holdings, an agent sees only what customer
// service may sell; "Offer" places one order (the orders model) and a timeline event, an
// ineligible product is refused; as an opportunity it lands on the pipeline of the seller or
// of the rep the branch rule names. Campaigns:
// list from a filter or a CSV, do-not-call numbers excluded in any written form, two agents
// never get the same contact, dispositions checked against the campaign, results counted.
import { expect, it } from 'vitest';
import { createSession } from '../../../src/server/auth/sessions.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

forEachDatabase('sales portfolio and telesales', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 6, interactionsMean: 0, seed: 11, catalogue: false } });
  const db = () => s.current.server.db;
  async function tokenOf(username: string): Promise<string> {
    const [u] = await db().query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    return (await createSession(db(), u?.id ?? '', 60_000)).token;
  }
  const post = (token: string, path: string, body: unknown) => s.current.api(path, { method: 'POST', token, body: JSON.stringify(body) });
  const product = (over: Record<string, unknown>) => ({ nameId: 'Produk', nameEn: 'Product', category: 'internet', priceIdr: 350000, ...over });

  it('keeps the catalogue to sales managers, with clear refusals; offers follow tier, segment, holdings and who sells', async () => {
    const [manager, agent, rep] = [await tokenOf('salesmgr1'), await tokenOf('agent1'), await tokenOf('sales1')];
    const fiber = await post(manager, '/sales/products', product({ code: 'fiber100', nameId: 'Fiber 100 Mbps', csSellable: true }));
    expect(fiber.status, fiber.text).toBe(200);
    expect(fiber.body).toMatchObject({ code: 'FIBER100', active: true, csSellable: true });
    expect((await post(manager, '/sales/products', product({ code: 'FIBER100' }))).status).toBe(409);
    expect((await post(manager, '/sales/products', product({ code: 'bad code!' }))).status).toBe(400);
    expect((await post(manager, '/sales/products', product({ code: 'X1', priceIdr: -1 }))).status).toBe(400);
    expect((await post(manager, '/sales/products', product({ code: 'X2', requiresCodes: ['NOPE'] }))).text).toContain('no product NOPE');
    await post(manager, '/sales/products', product({ code: 'STB', nameId: 'Set-top box', category: 'tv', priceIdr: 99000, csSellable: true, requiresCodes: ['FIBER100'] }));
    await post(manager, '/sales/products', product({ code: 'BIZ', nameId: 'Bisnis', category: 'internet', eligibleSegments: ['business'], csSellable: true }));
    await post(manager, '/sales/products', product({ code: 'PLAT', nameId: 'Platinum care', category: 'care', eligibleTiers: ['platinum'] }));
    await post(manager, '/sales/products', product({ code: 'OLD', nameId: 'Lama', category: 'internet', active: false, csSellable: true }));
    expect((await post(agent, '/sales/products', product({ code: 'AG1' }))).status).toBe(403);

    // Budi: platinum, consumer. An agent gets FIBER100 (STB needs it; BIZ is for business;
    // PLAT is not for customer service; OLD is retired); a rep also gets PLAT.
    const offers = async (token: string) => ((await s.current.api(`/customers/${BUDI.id}/portfolio`, { token })).body as { offers: { code: string }[] }).offers.map((o) => o.code);
    expect(await offers(agent)).toEqual(['FIBER100']);
    // Catalogue order: by category (care before internet), then code.
    expect(await offers(rep)).toEqual(['PLAT', 'FIBER100']);
    const fiberId = (fiber.body as { id: string }).id;
    const sold = await post(agent, `/customers/${BUDI.id}/offers`, { productId: fiberId, note: 'Saat panggilan layanan' });
    expect(sold.status, sold.text).toBe(200);
    const order = sold.body as { kind: string; reference: string; amountIdr: number; id: string };
    expect(order).toMatchObject({ kind: 'order', amountIdr: 350000, reference: expect.stringMatching(/^ORD-S[0-9A-F]{10}$/) });
    const [row] = await db().query<{ customer_id: string; product: string; status: string; version: string }>(
      'SELECT customer_id, product, status, version FROM orders WHERE id = $1', [order.id]);
    expect(row).toMatchObject({ customer_id: BUDI.id, product: 'Fiber 100 Mbps', status: 'placed' });
    expect(Number(row?.version)).toBeGreaterThan(0);
    const events = await db().query<{ subject: string }>("SELECT subject FROM interactions WHERE customer_id = $1 AND channel = 'order' AND subject LIKE $2", [BUDI.id, `${order.reference}%`]);
    expect(events).toHaveLength(1);
    // Once Budi holds FIBER100 (the order system reports it installed), the set-top box is offered and fibre is not.
    await db().query('INSERT INTO customer_holdings (id, customer_id, product_id) VALUES (gen_random_uuid(), $1, $2)', [BUDI.id, fiberId]);
    expect(await offers(agent)).toEqual(['STB']);
    const pf = (await s.current.api(`/customers/${BUDI.id}/portfolio`, { token: agent })).body as { holdings: { code: string; status: string }[] };
    expect(pf.holdings).toMatchObject([{ code: 'FIBER100', status: 'active' }]);
    expect((await post(agent, `/customers/${BUDI.id}/offers`, { productId: fiberId })).text).toContain('FIBER100 cannot be offered to this customer (held)');
    const plat = ((await s.current.api('/sales/products', { token: agent })).body as { products: { id: string; code: string }[] }).products.find((p) => p.code === 'PLAT');
    expect((await post(agent, `/customers/${BUDI.id}/offers`, { productId: plat?.id })).status).toBe(403);
  });

  it('makes an offer an opportunity on the pipeline: the seller\'s if a rep, else the owner the branch rule names', async () => {
    const [manager, agent, rep] = [await tokenOf('salesmgr1'), await tokenOf('agent1'), await tokenOf('sales1')];
    const plat = (await post(manager, '/sales/products', product({ code: 'PLAT2', nameId: 'Platinum care', category: 'care', eligibleTiers: ['platinum'], priceIdr: 75_000 }))).body as { id: string };
    const tv = (await post(manager, '/sales/products', product({ code: 'TV1', nameId: 'Paket TV', category: 'tv', csSellable: true, priceIdr: 120_000 }))).body as { id: string };
    const opportunity = async (id: string) => (await db().query<{ title: string; stage_code: string; value_idr: number; products: unknown; owner: string; next_step: string | null; close_in: number }>(
      `SELECT o.title, o.stage_code, o.value_idr::int AS value_idr, o.products, u.username AS owner, o.next_step, (o.expected_close - current_date)::int AS close_in
       FROM opportunities o JOIN users u ON u.id = o.owner_id WHERE o.id = $1`, [id]))[0];

    // A rep sells during a visit: the opportunity is theirs, in the first open stage, at the catalogue price.
    const byRep = await post(rep, `/customers/${BUDI.id}/offers`, { productId: plat.id, as: 'opportunity', note: 'Telepon lagi Senin' });
    expect(byRep.status, byRep.text).toBe(200);
    const a = byRep.body as { kind: string; id: string; reference: string; status: string; amountIdr: number };
    expect(a).toMatchObject({ kind: 'opportunity', status: 'qualify', amountIdr: 75_000, reference: expect.stringMatching(/^OPP-\d{6}$/) });
    const row = await opportunity(a.id);
    expect(row).toMatchObject({ title: 'PLAT2 Platinum care', stage_code: 'qualify', value_idr: 75_000, products: [{ code: 'PLAT2', quantity: 1 }], owner: 'sales1', next_step: 'Telepon lagi Senin' });
    expect(row!.close_in).toBeGreaterThanOrEqual(29);
    expect(row!.close_in).toBeLessThanOrEqual(31);
    const board = (await s.current.api('/sales/opportunities/board?owner=mine', { token: rep })).body as { columns: { stageCode: string; cards: { id: string }[] }[] };
    expect(board.columns.find((c) => c.stageCode === 'qualify')?.cards.map((c) => c.id)).toContain(a.id);

    // An agent on a service call: Budi's branch rule hands it to sales2, who sees it; no order is placed.
    const sales2 = (await db().query<{ id: string }>("SELECT id FROM users WHERE username = 'sales2'"))[0]!.id;
    await db().query('INSERT INTO prospect_assignment_rules (branch, rep_ids) VALUES ($1, $2::uuid[]) ON CONFLICT (branch) DO UPDATE SET rep_ids = $2::uuid[], next_index = 0', ['Jakarta Pusat', [sales2]]);
    const orders = async () => (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE customer_id = $1', [BUDI.id]))[0]!.n;
    const ordersBefore = await orders();
    const byAgent = await post(agent, `/customers/${BUDI.id}/offers`, { productId: tv.id, as: 'opportunity' });
    expect(byAgent.status, byAgent.text).toBe(200);
    expect(await opportunity((byAgent.body as { id: string }).id)).toMatchObject({ owner: 'sales2', products: [{ code: 'TV1', quantity: 1 }], next_step: null });
    expect(await orders()).toBe(ordersBefore);
    const seen = await s.current.api(`/sales/opportunities/${(byAgent.body as { id: string }).id}`, { token: await tokenOf('sales2') });
    expect(seen.status, seen.text).toBe(200);
    // Ineligible stays ineligible as an opportunity: an agent may not open one for what customer service may not sell.
    expect((await post(agent, `/customers/${BUDI.id}/offers`, { productId: plat.id, as: 'opportunity' })).status).toBe(403);
    expect((await post(agent, `/customers/${BUDI.id}/offers`, { productId: tv.id, as: 'contract' })).status).toBe(400);
  });

  it('builds a call list without do-not-call numbers, hands each contact to one agent, checks dispositions, counts results', async () => {
    const [lead, agent1, agent2, rep] = [await tokenOf('lead1'), await tokenOf('agent1'), await tokenOf('agent2'), await tokenOf('sales1')];
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect((await post(lead, '/telesales/campaigns', { name: 'X', startsOn: today, endsOn: '2000-01-01', dispositionCodes: ['sale'] })).status).toBe(400);
    expect((await post(lead, '/telesales/campaigns', { name: 'X', startsOn: today, endsOn: today, dispositionCodes: ['nope_code'] })).text).toContain('no active disposition nope_code');
    expect((await post(rep, '/telesales/campaigns', { name: 'X', startsOn: today, endsOn: today, dispositionCodes: ['sale'] })).status).toBe(403);
    const created = await post(lead, '/telesales/campaigns', { name: 'Retensi', startsOn: today, endsOn: today, dispositionCodes: ['sale', 'no_answer'], successCodes: ['sale'] });
    expect(created.status, created.text).toBe(200);
    const id = (created.body as { id: string }).id;
    // Budi's mobile is on the do-not-call list, written the way customers say it.
    expect((await post(agent1, '/telesales/dnc', { phone: '0812-3456-7890', reason: 'Minta tidak ditelepon' })).body).toMatchObject({ e164: BUDI.mobile });
    expect((await s.current.api('/telesales/dnc/check?phone=%2B62%20812%203456%207890', { token: agent2 })).body).toEqual({ e164: BUDI.mobile, listed: true });
    expect((await post(agent1, '/telesales/dnc', { phone: 'abc' })).status).toBe(400);

    const others = await db().query<{ customer_no: string }>("SELECT customer_no FROM customers WHERE id <> $1 AND jsonb_array_length(phones) > 0 ORDER BY customer_no LIMIT 2", [BUDI.id]);
    const csv = `customer_no,phone\n${BUDI.customerNo},\n${others[0]?.customer_no},\n${others[1]?.customer_no},\n,0899\nC99999999,\n`;
    const added = await post(lead, `/telesales/campaigns/${id}/contacts`, { from: 'csv', csv });
    expect(added.body).toMatchObject({ added: 2, excludedDoNotCall: 1, alreadyOnList: 0 });
    expect((added.body as { unmatched: string[] }).unmatched).toEqual(['line 5: 0899 is not a phone number', 'line 6: no customer C99999999']);
    const again = await post(lead, `/telesales/campaigns/${id}/contacts`, { from: 'csv', csv });
    expect(again.body).toMatchObject({ added: 0, excludedDoNotCall: 0, alreadyOnList: 3 });
    expect((await post(lead, `/telesales/campaigns/${id}/contacts`, { from: 'filter', filter: {} })).status).toBe(400);

    // Two agents at once: two different contacts, then nobody left (Budi is never handed out).
    const [n1, n2] = await Promise.all([post(agent1, `/telesales/campaigns/${id}/next`, {}), post(agent2, `/telesales/campaigns/${id}/next`, {})]);
    const c1 = (n1.body as { contact: { id: string; customerId: string } | null }).contact;
    const c2 = (n2.body as { contact: { id: string; customerId: string } | null }).contact;
    expect(c1 && c2 && c1.id !== c2.id).toBe(true);
    expect([c1?.customerId, c2?.customerId]).not.toContain(BUDI.id);
    // Asking again gives back one's own open contact, not a third.
    expect(((await post(agent1, `/telesales/campaigns/${id}/next`, {})).body as { contact: { id: string } }).contact.id).toBe(c1?.id);
    expect((await post(agent2, `/telesales/contacts/${c1?.id}/disposition`, { disposition: 'sale' })).status).toBe(403);
    expect((await post(agent1, `/telesales/contacts/${c1?.id}/disposition`, { disposition: 'resolved' })).text).toContain('not one of this campaign');
    expect((await post(agent1, `/telesales/contacts/${c1?.id}/disposition`, { disposition: 'sale', note: 'Setuju' })).status).toBe(200);
    expect((await post(agent1, `/telesales/contacts/${c1?.id}/disposition`, { disposition: 'sale' })).status).toBe(409);
    expect((await post(agent2, `/telesales/contacts/${c2?.id}/disposition`, { disposition: 'no_answer' })).status).toBe(200);
    expect(((await post(agent1, `/telesales/campaigns/${id}/next`, {})).body as { contact: unknown }).contact).toBeNull();

    const results = await s.current.api(`/telesales/campaigns/${id}/results`, { token: lead });
    expect(results.body).toEqual({
      campaignId: id, total: 3, excluded: 1, done: 2, pending: 0, contactedPct: 100, conversions: 1, conversionPct: 50,
      byDisposition: [{ code: 'no_answer', count: 1 }, { code: 'sale', count: 1 }],
    });
    expect((await s.current.api(`/telesales/campaigns/${id}/results`, { token: agent1 })).status).toBe(403);
  });
});
