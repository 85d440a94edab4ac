// Budgets, visits and the pipeline on a real server and database (both engines): a manager
// sets a rep's quarter budget and sees the team, a rep sees only their own; visit check-ins
// and costs pushed twice arrive once, a receipt uploaded twice is stored once and checked by
// content; a won opportunity writes a contract and makes the prospect a customer, a lost one
// needs a reason, a stale move is refused; another rep's objects are refused; bad input is refused.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createSession } from '../../../src/server/auth/sessions.js';
import { businessToday } from '../../../src/server/integrations/upsert.js';
import { type Board, type BudgetSummary, type CostList, type Forecast, type OpportunityDetail, type Visit } from '../../../src/shared/pipeline.js';
import { periodOf } from '../../../src/shared/sales-money.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

interface PushAnswer { results: { id: string; status: string; error: { code: string; message: string } | null }[] }

// The smallest valid JPEG header file-type recognises, and a one-page PDF.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(200, 7)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

forEachDatabase('sales pipeline', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 4, interactionsMean: 0, seed: 5 } });
  const db = () => s.current.server.db;
  const today = businessToday();
  const quarter = periodOf(today, 'quarter');

  async function tokenOf(username: string): Promise<string> {
    const [u] = await db().query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    if (!u) throw new Error(`no user ${username}`);
    return (await createSession(db(), u.id, 60_000)).token;
  }
  const idOf = async (username: string) => (await db().query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0]!.id;
  const json = (method: string, token: string, body: unknown) => ({ method, token, body: JSON.stringify(body) });
  const push = async (token: string, mutations: { id?: string; name: string; args: unknown }[], clientId = randomUUID()) => {
    const body = { clientId, mutations: mutations.map((m) => ({ id: randomUUID(), baseVersions: {}, createdAt: new Date().toISOString(), ...m })) };
    const res = await s.current.api('/sync/push', { method: 'POST', token, body: JSON.stringify(body) });
    expect(res.status, res.text).toBe(200);
    return res.body as PushAnswer;
  };
  const customer = async (lifecycle = 'prospect') => {
    const [c] = await db().query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no LIMIT 1');
    await db().query('UPDATE customers SET lifecycle = $2 WHERE id = $1', [c!.id, lifecycle]);
    return c!.id;
  };
  const putReceipt = (token: string, id: string, bytes: Buffer) => s.current.api(`/sales/receipts/${id}`, {
    method: 'PUT', token, body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream' },
  });

  it('lets a manager set a rep\'s quarter budget; the rep sees their own spent vs budget, warned at the edge', async () => {
    const manager = await tokenOf('salesmgr1');
    const rep = await tokenOf('sales1');
    const sales1 = await idOf('sales1');
    const set = await s.current.api('/sales/budgets', json('PUT', manager, { kind: 'prospecting', period: quarter, userId: sales1, amountIdr: 1_000_000 }));
    expect(set.status, set.text).toBe(200);
    // A rep may not set budgets; a manager not for someone outside their teams, nor with bad input.
    expect((await s.current.api('/sales/budgets', json('PUT', rep, { kind: 'prospecting', period: quarter, userId: sales1, amountIdr: 5 }))).status).toBe(403);
    expect((await s.current.api('/sales/budgets', json('PUT', manager, { kind: 'prospecting', period: quarter, userId: await idOf('agent1'), amountIdr: 5 }))).status).toBe(403);
    for (const bad of [
      { kind: 'prospecting', period: '2026-Q5', userId: sales1, amountIdr: 5 },
      { kind: 'prospecting', period: quarter, userId: sales1, amountIdr: -1 },
      { kind: 'prospecting', period: quarter, userId: sales1, amountIdr: 1.5 },
      { kind: 'travel', period: quarter, userId: sales1, amountIdr: 5 },
      { kind: 'prospecting', period: quarter, amountIdr: 5 },
      { kind: 'prospecting', period: '<script>', userId: sales1, amountIdr: 5 },
    ]) expect((await s.current.api('/sales/budgets', json('PUT', manager, bad))).status, JSON.stringify(bad)).toBe(400);

    // A visit and a cost of 900 000 (90 %): warned.
    const cust = await customer();
    const visitId = randomUUID();
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const plan = await s.current.api('/sales/visits', json('POST', rep, { id: visitId, customerId: cust, purpose: 'Presentasi paket fiber', plannedStart: start, plannedEnd: new Date(Date.parse(start) + 3_600_000).toISOString() }));
    expect(plan.status, plan.text).toBe(201);
    const cost = { id: randomUUID(), budget: 'prospecting', category: 'transport', amountIdr: 900_000, spentOn: today, visitId, note: 'Taksi', receiptId: null, createdAt: new Date().toISOString() };
    expect((await push(rep, [{ name: 'cost.record', args: cost }])).results[0]?.status).toBe('applied');

    const mine = (await s.current.api(`/sales/budgets?period=${quarter}`, { token: rep })).body as BudgetSummary;
    const row = mine.rows.find((r) => r.kind === 'prospecting' && r.userId === sales1);
    expect(row).toMatchObject({ budgetIdr: 1_000_000, spentIdr: 900_000, percent: 90, state: 'warn' });
    // The rep sees only their own rows; the manager sees the team and both reps.
    expect(mine.rows.every((r) => r.userId === sales1)).toBe(true);
    const team = (await s.current.api(`/sales/budgets?period=${quarter}`, { token: manager })).body as BudgetSummary;
    expect(team.rows.some((r) => r.scope === 'team' && r.kind === 'prospecting' && r.spentIdr === 900_000)).toBe(true);
    expect(team.rows.some((r) => r.userId === (team.rows.find((x) => x.name === 'Lina Marlina')?.userId ?? 'none'))).toBe(true);

    // One more rupiah than the budget: over.
    await push(rep, [{ name: 'cost.record', args: { ...cost, id: randomUUID(), amountIdr: 100_001, category: 'meal' } }]);
    const after = (await s.current.api(`/sales/budgets?period=${quarter}`, { token: rep })).body as BudgetSummary;
    expect(after.rows.find((r) => r.kind === 'prospecting' && r.userId === sales1)).toMatchObject({ spentIdr: 1_000_001, state: 'over', percent: 100 });
    expect((await s.current.api(`/sales/budgets?period=${quarter}`, { token: await tokenOf('agent1') })).status).toBe(403);
  });

  it('takes a visit\'s check-in, report and cost once however often they are pushed, and refuses another rep', async () => {
    const rep = await tokenOf('sales1');
    const cust = await customer();
    const visitId = randomUUID();
    // An hour ago, but on today's date in Jakarta (the lists are by Jakarta day): just after
    // midnight WIB an hour ago is yesterday.
    const startMs = Math.max(Date.now() - 3_600_000, Date.parse(`${today}T00:00:00+07:00`));
    const start = new Date(startMs).toISOString();
    await s.current.api('/sales/visits', json('POST', rep, { id: visitId, customerId: cust, purpose: 'Kunjungan', plannedStart: start, plannedEnd: new Date(startMs + 3_600_000).toISOString() }));
    const checkIn = { id: randomUUID(), name: 'visit.checkIn', args: { visitId, at: new Date(Date.now() - 60_000).toISOString(), position: { lat: -6.2, lng: 106.8, accuracyM: 12 } } };
    const receiptId = randomUUID();
    const cost = { id: randomUUID(), name: 'cost.record', args: { id: randomUUID(), budget: 'cost', category: 'meal', amountIdr: 75_000, spentOn: today, visitId, receiptId, createdAt: new Date().toISOString() } };
    const report = { id: randomUUID(), name: 'visit.report', args: { visitId, result: 'interested', notes: 'Minta penawaran', nextStep: 'Kirim proposal', nextStepDue: today, at: new Date().toISOString() } };
    const clientId = randomUUID();
    const first = await push(rep, [checkIn, cost, report], clientId);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    await push(rep, [checkIn, cost, report], clientId); // the same batch again (the answer was lost)
    // A second check-in later (another mutation) does not move the first.
    await push(rep, [{ name: 'visit.checkIn', args: { visitId, at: new Date().toISOString(), position: null } }]);
    await push(rep, [{ name: 'visit.checkOut', args: { visitId, at: new Date().toISOString(), position: null } }]);
    expect(await db().query('SELECT count(*)::int AS n FROM sales_costs WHERE visit_id = $1', [visitId])).toEqual([{ n: 1 }]);
    const [v] = await db().query<{ check_in_at: string; check_in_lat: number; status: string; result: string }>(
      'SELECT check_in_at, check_in_lat, status, result FROM sales_visits WHERE id = $1', [visitId]);
    expect(v).toMatchObject({ check_in_lat: -6.2, status: 'done', result: 'interested' });
    // The first check-in's time is kept (timestamps are answered to the second).
    expect(Math.floor(Date.parse(v!.check_in_at) / 1000)).toBe(Math.floor(Date.parse(checkIn.args.at) / 1000));

    // The receipt: twice the same bytes → stored once; other bytes under its id → refused; a text file → refused.
    expect((await putReceipt(rep, receiptId, JPEG)).status).toBe(200);
    const again = await putReceipt(rep, receiptId, JPEG);
    expect(again.status, again.text).toBe(200);
    expect((await putReceipt(rep, receiptId, PDF)).status).toBe(409);
    const text = await putReceipt(rep, randomUUID(), Buffer.from('just a note, renamed receipt.jpg'));
    expect(text.status).toBe(400);
    expect(text.text).toMatch(/photo .* or a PDF/);
    expect((await putReceipt(rep, randomUUID(), Buffer.alloc(0))).status).toBe(400);
    expect((await putReceipt(rep, randomUUID(), PDF)).status).toBe(200);
    expect(await db().query('SELECT count(*)::int AS n FROM sales_receipts WHERE id = $1', [receiptId])).toEqual([{ n: 1 }]);
    const costs = (await s.current.api(`/sales/costs?period=${quarter}`, { token: rep })).body as CostList;
    expect(costs.costs.find((c) => c.receiptId === receiptId)).toMatchObject({ receiptUploaded: true, receiptType: 'image/jpeg', amountIdr: 75_000 });
    const got = await fetch(`${s.current.server.url}/api/v1/sales/receipts/${receiptId}`, { headers: { authorization: `Bearer ${rep}` } });
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await got.arrayBuffer()).equals(JPEG)).toBe(true);

    // Another rep: the visit, its receipt and its list are refused (not silently emptied).
    const sales2 = await tokenOf('sales2');
    const theirs = await push(sales2, [{ name: 'visit.checkIn', args: { visitId, at: new Date().toISOString(), position: null } }]);
    expect(theirs.results[0]).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    const sales1 = await idOf('sales1');
    expect((await s.current.api(`/sales/visits?from=${today}&to=${today}&owner=${sales1}`, { token: sales2 })).status).toBe(403);
    expect((await fetch(`${s.current.server.url}/api/v1/sales/receipts/${receiptId}`, { headers: { authorization: `Bearer ${sales2}` } })).status).toBe(403);
    // The manager sees the rep's visits.
    const managerView = await s.current.api(`/sales/visits?from=${today}&to=${today}&owner=team`, { token: await tokenOf('salesmgr1') });
    expect((managerView.body as { visits: Visit[] }).visits.some((x) => x.id === visitId)).toBe(true);
    // Bad input: an unknown result, a latitude off the globe, a cost without a visit or opportunity, a huge note.
    const bad = await push(rep, [
      { name: 'visit.report', args: { visitId, result: 'great', at: new Date().toISOString() } },
      { name: 'visit.checkIn', args: { visitId, at: new Date().toISOString(), position: { lat: 91, lng: 0 } } },
      { name: 'cost.record', args: { id: randomUUID(), budget: 'cost', category: 'meal', amountIdr: 1, spentOn: today, createdAt: new Date().toISOString() } },
      { name: 'visit.report', args: { visitId, result: 'interested', notes: 'x'.repeat(5001), at: new Date().toISOString() } },
    ]);
    expect(bad.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    // Plan vs realisation: this visit is done.
    const real = await s.current.api(`/sales/visits/realisation?period=${quarter}&owner=mine`, { token: rep });
    expect((real.body as { rows: { done: number; planned: number }[] }).rows[0]?.done).toBeGreaterThanOrEqual(1);
  });

  it('moves an opportunity across the board to won: a contract with its products and value, and the prospect becomes a customer', async () => {
    const rep = await tokenOf('sales1');
    const cust = await customer('prospect');
    const created = await s.current.api('/sales/opportunities', json('POST', rep, {
      customerId: cust, title: 'Fiber kantor cabang', valueIdr: 12_000_000, expectedClose: today, products: [{ code: 'FIBER-100', quantity: 2 }, { code: 'stb-4k' }],
    }));
    expect(created.status, created.text).toBe(201);
    const opp = created.body as OpportunityDetail;
    expect(opp).toMatchObject({ stageCode: 'qualify', revision: 1, ownerName: 'Bima Saputra' });

    const board = (await s.current.api('/sales/opportunities/board?owner=mine', { token: rep })).body as Board;
    const qualify = board.columns.find((c) => c.stageCode === 'qualify');
    expect(qualify?.cards.some((c) => c.id === opp.id)).toBe(true);
    expect(qualify?.weightedIdr).toBe(Math.round(qualify!.valueIdr * 0.1));

    const move = (body: unknown, token = rep) => s.current.api(`/sales/opportunities/${opp.id}/move`, json('POST', token, body));
    const proposed = await move({ stageCode: 'propose', revision: 1 });
    expect(proposed.status, proposed.text).toBe(200);
    expect((await move({ stageCode: 'negotiate', revision: 1 })).status).toBe(409); // stale: someone moved it
    expect((await move({ stageCode: 'nowhere', revision: 2 })).status).toBe(400);
    expect((await move({ stageCode: 'lost', revision: 2 })).status).toBe(400); // a reason is required
    // Another rep may not move it; the manager may.
    expect((await move({ stageCode: 'negotiate', revision: 2 }, await tokenOf('sales2'))).status).toBe(403);
    expect((await s.current.api(`/sales/opportunities/${opp.id}`, { token: await tokenOf('sales2') })).status).toBe(403);
    expect((await move({ stageCode: 'negotiate', revision: 2 }, await tokenOf('salesmgr1'))).status).toBe(200);

    const forecast = (await s.current.api(`/sales/forecast?from=${today.slice(0, 7)}&months=2&owner=mine`, { token: rep })).body as Forecast;
    expect(forecast.months[0]).toMatchObject({ month: today.slice(0, 7), weightedIdr: 8_400_000 });

    const won = await move({ stageCode: 'won', revision: 3 });
    expect(won.status, won.text).toBe(200);
    const w = won.body as OpportunityDetail;
    expect(w.contractNo).toBe(`CTR-${opp.opportunityNo}`);
    const [contract] = await db().query<{ product: string; value_idr: number; status: string; customer_id: string; owner_username: string }>(
      'SELECT product, value_idr, status, customer_id, owner_username FROM contracts WHERE id = $1', [w.contractId]);
    expect(contract).toEqual({ product: 'FIBER-100 × 2, STB-4K', value_idr: 12_000_000, status: 'active', customer_id: cust, owner_username: 'sales1' });
    expect(await db().query('SELECT lifecycle FROM customers WHERE id = $1', [cust])).toEqual([{ lifecycle: 'customer' }]);
    expect(w.activities.map((a) => a.kind)).toEqual(['won', 'stage', 'stage', 'created']);
    // Closed: it does not move again, and no second contract is written.
    expect((await move({ stageCode: 'won', revision: 4 })).status).toBe(409);
    expect(await db().query(`SELECT count(*)::int AS n FROM contracts WHERE contract_no = $1`, [`CTR-${opp.opportunityNo}`])).toEqual([{ n: 1 }]);
    const after = (await s.current.api(`/sales/forecast?from=${today.slice(0, 7)}&months=1&owner=mine`, { token: rep })).body as Forecast;
    expect(after.months[0]).toMatchObject({ weightedIdr: 0, wonIdr: 12_000_000 });

    // Lost with a reason.
    const other = (await s.current.api('/sales/opportunities', json('POST', rep, { customerId: cust, title: 'Upgrade', valueIdr: 1, expectedClose: today }))).body as OpportunityDetail;
    const lost = await s.current.api(`/sales/opportunities/${other.id}/move`, json('POST', rep, { stageCode: 'lost', revision: 1, lostReason: 'competitor', lostNote: 'Pindah ke operator lain' }));
    expect((lost.body as OpportunityDetail)).toMatchObject({ lostReason: 'competitor', contractId: null });
    // Bad input on create.
    for (const bad of [
      { customerId: cust, title: '', valueIdr: 1, expectedClose: today },
      { customerId: cust, title: 'x'.repeat(201), valueIdr: 1, expectedClose: today },
      { customerId: cust, title: 'x', valueIdr: -5, expectedClose: today },
      { customerId: randomUUID(), title: 'x', valueIdr: 5, expectedClose: today },
      { customerId: cust, title: 'x', valueIdr: 5, expectedClose: today, products: [{ code: '<script>' }] },
      { customerId: cust, title: 'x', valueIdr: 5, expectedClose: today, stageCode: 'won' },
    ]) expect((await s.current.api('/sales/opportunities', json('POST', rep, bad))).status, JSON.stringify(bad)).toBe(400);
  });

  it('takes only products of the catalogue on an opportunity, naming what is wrong', async () => {
    const rep = await tokenOf('sales1');
    const cust = await customer('prospect');
    const create = (products: unknown) => s.current.api('/sales/opportunities', json('POST', rep, { customerId: cust, title: 'Paket', valueIdr: 1, expectedClose: today, products }));
    await db().query("UPDATE products SET active = false WHERE code = 'CARE-PLUS'");
    const count = async () => (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM opportunities WHERE customer_id = $1', [cust]))[0]!.n;
    const before = await count();
    for (const [products, text] of [
      [[{ code: 'IPTV' }], 'products: there is no product IPTV in the catalogue'],
      [[{ code: 'FIBER-30' }, { code: 'NOPE-1' }, { code: 'NOPE-2' }], 'there is no product NOPE-1, NOPE-2 in the catalogue'],
      [[{ code: 'CARE-PLUS' }], 'products: CARE-PLUS is no longer sold (inactive in the catalogue)'],
      [[{ code: 'FIBER-30' }, { code: 'fiber-30' }], 'products: FIBER-30 is listed twice; give its quantity instead'],
      [[{ code: 'F' }], 'a product code is A–Z, 0–9, - or _ (2–40)'],
      [[{ code: 'FIBER-30', quantity: 0 }], 'quantity'],
    ] as const) {
      const res = await create(products);
      expect(res.status, res.text).toBe(400);
      expect(res.text, JSON.stringify(products)).toContain(text);
    }
    expect(await count()).toBe(before);
    // Lower case is the same code; the line is stored as the catalogue writes it.
    const ok = await create([{ code: 'fiber-30', quantity: 3 }]);
    expect(ok.status, ok.text).toBe(201);
    expect((ok.body as OpportunityDetail).products).toEqual([{ code: 'FIBER-30', quantity: 3 }]);
    await db().query("UPDATE products SET active = true WHERE code = 'CARE-PLUS'");
  });

  it('moves the lifecycle forward only when an opportunity is won: a suspect becomes a customer, a loyal customer stays loyal', async () => {
    const rep = await tokenOf('sales1');
    const [a, b] = await db().query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no OFFSET 1 LIMIT 2');
    const winWith = async (customerId: string, lifecycle: string) => {
      await db().query('UPDATE customers SET lifecycle = $2 WHERE id = $1', [customerId, lifecycle]);
      const opp = (await s.current.api('/sales/opportunities', json('POST', rep, { customerId, title: 'Menang', valueIdr: 10, expectedClose: today }))).body as OpportunityDetail;
      const won = await s.current.api(`/sales/opportunities/${opp.id}/move`, json('POST', rep, { stageCode: 'won', revision: opp.revision }));
      expect(won.status, won.text).toBe(200);
      return (await db().query<{ lifecycle: string }>('SELECT lifecycle FROM customers WHERE id = $1', [customerId]))[0]?.lifecycle;
    };
    expect(await winWith(a!.id, 'suspect')).toBe('customer');
    expect(await winWith(a!.id, 'customer')).toBe('customer');
    expect(await winWith(b!.id, 'loyal')).toBe('loyal');
    expect(await winWith(b!.id, 'advocate')).toBe('advocate');
    // Lost never moves it either way.
    await db().query("UPDATE customers SET lifecycle = 'prospect' WHERE id = $1", [b!.id]);
    const lostOne = (await s.current.api('/sales/opportunities', json('POST', rep, { customerId: b!.id, title: 'Kalah', valueIdr: 10, expectedClose: today }))).body as OpportunityDetail;
    await s.current.api(`/sales/opportunities/${lostOne.id}/move`, json('POST', rep, { stageCode: 'lost', revision: 1, lostReason: 'price' }));
    expect(await db().query('SELECT lifecycle FROM customers WHERE id = $1', [b!.id])).toEqual([{ lifecycle: 'prospect' }]);
  });

  it('lets a manager change the stages and their probabilities, with one won and one lost stage', async () => {
    const manager = await tokenOf('salesmgr1');
    const settings = (await s.current.api('/sales/settings', { token: manager })).body as { stages: { code: string; probability: number }[] };
    const stages = (settings.stages as Record<string, unknown>[]).map((st) => (st.code === 'propose' ? { ...st, probability: 50 } : st));
    const saved = await s.current.api('/sales/settings', json('PUT', manager, { stages, warnPercent: 80 }));
    expect(saved.status, saved.text).toBe(200);
    expect((saved.body as { warnPercent: number; stages: { code: string; probability: number }[] }).stages.find((x) => x.code === 'propose')?.probability).toBe(50);
    const twoWon = stages.map((st) => (st.code === 'negotiate' ? { ...st, kind: 'won', probability: 100 } : st));
    expect((await s.current.api('/sales/settings', json('PUT', manager, { stages: twoWon, warnPercent: 80 }))).status).toBe(400);
    expect((await s.current.api('/sales/settings', json('PUT', await tokenOf('sales1'), { stages, warnPercent: 80 }))).status).toBe(403);
    await s.current.api('/sales/settings', json('PUT', manager, { stages: settings.stages, warnPercent: 90 }));
  });

  it('refuses stages with a clear reason (probability, names, order) and audits each change of stages and assignment rules', async () => {
    const manager = await tokenOf('salesmgr1');
    const { stages } = (await s.current.api('/sales/settings', { token: manager })).body as { stages: Record<string, unknown>[] };
    const put = (st: unknown) => s.current.api('/sales/settings', json('PUT', manager, { stages: st, warnPercent: 90 }));
    const edit = (code: string, change: Record<string, unknown>) => stages.map((st) => (st.code === code ? { ...st, ...change } : st));
    for (const [bad, text] of [
      [edit('propose', { probability: 101 }), 'a probability is 0 to 100'],
      [edit('propose', { probability: -1 }), 'a probability is 0 to 100'],
      [edit('propose', { probability: 40.5 }), 'a probability is a whole number'],
      [edit('propose', { labelEn: 'qualify ' }), 'row 2: two stages are named "qualify"'],
      [edit('propose', { labelId: (stages[0] as { labelId: string }).labelId.toUpperCase() }), 'two stages are named'],
      [edit('propose', { position: (stages[0] as { position: number }).position }), `row 2: two stages have the order ${(stages[0] as { position: number }).position}`],
      [edit('propose', { position: 10_001 }), 'an order is 0 to 10000'],
      [edit('won', { probability: 90 }), 'the won stage is 100 %'],
      [[...stages, { code: 'Bad Code', labelEn: 'X', labelId: 'X', probability: 5, position: 999, kind: 'open' }], 'a code is lower-case'],
    ] as const) {
      const res = await put(bad);
      expect(res.status, res.text).toBe(400);
      expect(res.text, text).toContain(JSON.stringify(text).slice(1, -1)); // the message or the schema's details
    }
    const auditCount = async (action: string) => (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]))[0]!.n;
    const before = await auditCount('sales.saveSettings');
    const added = [...stages, { code: 'demo', labelEn: 'Demo', labelId: 'Demo produk', probability: 55, position: 25, kind: 'open' }];
    expect((await put(added)).status).toBe(200);
    const [entry] = await db().query<{ details: { stages: string[] }; actor: string }>(
      `SELECT a.details, u.username AS actor FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE a.action = 'sales.saveSettings' ORDER BY a.id DESC LIMIT 1`);
    expect(await auditCount('sales.saveSettings')).toBe(before + 1);
    expect(entry).toMatchObject({ actor: 'salesmgr1', details: { stages: expect.arrayContaining(['demo 55% @25', 'won 100% @90 won']) } });
    expect((await put(stages)).status).toBe(200);

    // Assignment rules: each branch once, at least one rep; the change is audited with its branches.
    const rules = (body: unknown) => s.current.api('/sales/assignment-rules', json('PUT', manager, body));
    const sales1 = await idOf('sales1');
    expect((await rules({ rules: [{ branch: 'Bandung', repIds: [sales1] }, { branch: 'Bandung', repIds: [sales1] }] })).text).toContain('The branch Bandung has two rules');
    expect((await rules({ rules: [{ branch: 'Bandung', repIds: [] }] })).text).toContain('pick at least one sales rep');
    expect((await rules({ rules: [{ branch: '', repIds: [sales1] }] })).status).toBe(400);
    expect((await rules({ rules: [{ branch: 'Bandung', repIds: [await idOf('agent1')] }] })).text).toContain('not an active sales rep');
    const saved = await rules({ rules: [{ branch: 'Bandung', repIds: [sales1] }, { branch: '*', repIds: [sales1, await idOf('sales2')] }] });
    expect(saved.status, saved.text).toBe(200);
    expect(await db().query(`SELECT details FROM audit_log WHERE action = 'prospects.saveRules' ORDER BY id DESC LIMIT 1`))
      .toEqual([{ details: { rules: [{ branch: 'Bandung', reps: 1 }, { branch: '*', reps: 2 }] } }]);
    expect((await rules({ rules: [] })).status).toBe(200);
  });
});
