// Order requests and renewals due, on a real server and database (both engines): an agent's
// reschedule request (order.request through the sync push) lands in the back office's queue
// and the customer's timeline once, however often it is pushed; bad input is refused for good
// with a reason (empty, huge, unknown order, another customer's order, a cancelled order, a
// wanted date in the past); only leads and admins work the queue; the order system lists
// open requests and acknowledges them with an orders-scoped key and no other; renewals due are
// listed for the contract's owner, their lead, an admin, and nobody else.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createSession } from '../../../src/server/auth/sessions.js';
import { businessToday } from '../../../src/server/integrations/upsert.js';
import { addDays } from '../../../src/server/orders/mutations.js';
import { type OrderRequest, type RenewalList } from '../../../src/shared/orders.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

interface PushAnswer { results: { id: string; status: string; error: { code: string; message: string } | null }[] }

forEachDatabase('order requests and renewals', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 4, interactionsMean: 0, seed: 3 } });
  const db = () => s.current.server.db;

  async function tokenOf(username: string): Promise<string> {
    const [u] = await db().query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    return (await createSession(db(), u?.id ?? '', 60_000)).token;
  }
  const push = async (token: string, mutations: { name: string; args: unknown }[], clientId = randomUUID()) => {
    const body = {
      clientId,
      mutations: mutations.map((m) => ({ id: randomUUID(), baseVersions: {}, createdAt: new Date().toISOString(), ...m })),
    };
    const res = await s.current.api('/sync/push', { method: 'POST', token, body: JSON.stringify(body) });
    expect(res.status, res.text).toBe(200);
    return { answer: res.body as PushAnswer, body };
  };
  async function customers(): Promise<[string, string]> {
    const rows = await db().query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no LIMIT 2');
    if (rows.length < 2) throw new Error('the demo seed has fewer than two customers');
    return [rows[0]!.id, rows[1]!.id];
  }
  async function order(customerId: string, status = 'provisioning'): Promise<{ id: string; orderNo: string }> {
    const id = randomUUID();
    const orderNo = `ORD-R-${id.slice(0, 8)}`;
    await db().query(
      `INSERT INTO orders (id, order_no, customer_id, product, amount_idr, status, placed_at, status_history, expected_at)
       VALUES ($1, $2, $3, 'Fiber 100 Mbps', 450000, $4, now() - interval '3 days', $5::jsonb, now() + interval '2 days')`,
      [id, orderNo, customerId, status, JSON.stringify([{ status: 'received', at: new Date(Date.now() - 3 * 86_400_000).toISOString() }, { status, at: new Date().toISOString() }])]);
    return { id, orderNo };
  }
  const args = (orderId: string, customerId: string, over: Record<string, unknown> = {}) => ({
    id: randomUUID(), eventId: randomUUID(), orderId, customerId, kind: 'reschedule',
    wantedDate: addDays(businessToday(), 7), body: 'Pelanggan minta teknisi datang Sabtu', createdAt: new Date().toISOString(), ...over,
  });

  it('files a reschedule request into the back office queue and the timeline; a lead marks it done', async () => {
    const [customerId] = await customers();
    const o = await order(customerId);
    const agent = await tokenOf('agent1');
    const a = args(o.id, customerId);
    const { answer } = await push(agent, [{ name: 'order.request', args: a }]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied']);

    const [event] = await db().query<{ channel: string; subject: string; body: string; customer_id: string }>(
      'SELECT channel, subject, body, customer_id FROM interactions WHERE id = $1', [a.eventId]);
    expect(event).toEqual({ channel: 'order', subject: `${o.orderNo} · reschedule to ${a.wantedDate}`, body: a.body, customer_id: customerId });

    // The agent may not work the queue; a lead sees it.
    expect((await s.current.api('/order-requests', { token: agent })).status).toBe(403);
    const lead = await tokenOf('lead1');
    const list = await s.current.api('/order-requests', { token: lead });
    expect(list.status).toBe(200);
    const mine = (list.body as { requests: OrderRequest[] }).requests.find((r) => r.id === a.id);
    expect(mine).toMatchObject({ orderNo: o.orderNo, kind: 'reschedule', wantedDate: a.wantedDate, status: 'open', createdBy: 'agent1', orderStatus: 'provisioning' });

    expect((await s.current.api(`/order-requests/${a.id}/done`, { method: 'POST', token: agent, body: JSON.stringify({ note: 'x' }) })).status).toBe(403);
    expect((await s.current.api(`/order-requests/${a.id}/done`, {
      method: 'POST', token: lead, body: JSON.stringify({ note: 'y'.repeat(2001) }),
    })).status).toBe(400);
    const done = await s.current.api(`/order-requests/${a.id}/done`, { method: 'POST', token: lead, body: JSON.stringify({ note: 'Teknisi dijadwalkan ulang' }) });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', doneBy: 'lead1', doneNote: 'Teknisi dijadwalkan ulang' });
    const again = await s.current.api(`/order-requests/${a.id}/done`, { method: 'POST', token: lead, body: JSON.stringify({}) });
    expect(again.status).toBe(409);
    expect((await s.current.api(`/order-requests/${randomUUID()}/done`, { method: 'POST', token: lead, body: '{}' })).status).toBe(404);
    const open = (await s.current.api('/order-requests', { token: lead })).body as { requests: OrderRequest[] };
    expect(open.requests.some((r) => r.id === a.id)).toBe(false);
    const [doneEvent] = await db().query<{ n: number }>(
      "SELECT count(*)::int AS n FROM interactions WHERE customer_id = $1 AND channel = 'order' AND subject = $2 AND body = 'Teknisi dijadwalkan ulang'",
      [customerId, `${o.orderNo} · reschedule request done`]);
    expect(doneEvent?.n).toBe(1);
  });

  it('files a request once: a replayed push, and the same request pushed again by another client id', async () => {
    const [customerId] = await customers();
    const o = await order(customerId);
    const agent = await tokenOf('agent1');
    const a = args(o.id, customerId, { kind: 'cancel', wantedDate: null, body: '' });
    const first = await push(agent, [{ name: 'order.request', args: a }]);
    expect(first.answer.results[0]?.status).toBe('applied');
    const replay = await s.current.api('/sync/push', { method: 'POST', token: agent, body: JSON.stringify(first.body) });
    expect((replay.body as PushAnswer).results[0]?.status).toBe('duplicate');
    expect((await push(agent, [{ name: 'order.request', args: a }])).answer.results[0]?.status).toBe('applied');
    const [n] = await db().query<{ requests: number; events: number }>(
      `SELECT (SELECT count(*) FROM order_requests WHERE id = $1)::int AS requests,
              (SELECT count(*) FROM interactions WHERE id = $2)::int AS events`, [a.id, a.eventId]);
    expect(n).toEqual({ requests: 1, events: 1 });
  });

  it('refuses bad input for good, saying which field and why', async () => {
    const [customerId, otherCustomerId] = await customers();
    const o = await order(customerId);
    const cancelled = await order(customerId, 'cancelled');
    const theirs = await order(otherCustomerId);
    const agent = await tokenOf('agent1');
    const taken = args(o.id, customerId);
    await push(agent, [{ name: 'order.request', args: taken }]);
    const bad = [
      args(o.id, customerId, { kind: 'other', body: '   ' }),
      args(o.id, customerId, { body: 'x'.repeat(2001) }),
      args(o.id, customerId, { wantedDate: null }),
      args(o.id, customerId, { kind: 'note', body: 'catatan', wantedDate: addDays(businessToday(), 1) }),
      args(o.id, customerId, { wantedDate: addDays(businessToday(), -1) }),
      args(o.id, customerId, { wantedDate: addDays(businessToday(), 400) }),
      args(o.id, customerId, { kind: 'upgrade' }),
      args(randomUUID(), customerId),
      args(theirs.id, customerId),
      args(cancelled.id, customerId),
      { ...args(theirs.id, otherCustomerId), id: taken.id },
      { ...args(o.id, customerId), status: 'done' },
    ];
    const { answer } = await push(agent, bad.map((b) => ({ name: 'order.request', args: b })));
    expect(answer.results.map((r) => r.status)).toEqual(Array(bad.length).fill('rejected'));
    expect(answer.results.map((r) => r.error?.code)).toEqual([
      'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT',
      'NOT_FOUND', 'INVALID_INPUT', 'CONFLICT', 'CONFLICT', 'INVALID_INPUT',
    ]);
    const m = answer.results.map((r) => r.error?.message ?? '');
    expect(m[0]).toMatch(/body: say what the customer asks for/);
    expect(m[1]).toMatch(/body: body is longer than 2000 characters/);
    expect(m[2]).toMatch(/wantedDate: a reschedule needs the wanted date/);
    expect(m[3]).toMatch(/wantedDate: only a reschedule has a wanted date/);
    expect(m[4]).toMatch(/wantedDate: the wanted date is in the past/);
    expect(m[5]).toMatch(/more than 365 days ahead/);
    expect(m[6]).toMatch(/kind/);
    expect(m[8]).toMatch(/is not an order of this customer/);
    expect(m[9]).toMatch(/is cancelled: only a note/);
    expect(m[10]).toMatch(/belongs to another order/);
    const [n] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM order_requests WHERE id = ANY($1::uuid[])', [bad.map((b) => b.id)]);
    expect(n?.n).toBe(1); // only the request filed first under the reused id

    // A note on a cancelled order is kept (e.g. the customer asks about a refund); markup stays text.
    const note = args(cancelled.id, customerId, { kind: 'note', wantedDate: null, body: '<script>alert(1)</script> refund? 💸 漢字' });
    expect((await push(agent, [{ name: 'order.request', args: note }])).answer.results[0]?.status).toBe('applied');
    const [row] = await db().query<{ body: string }>('SELECT body FROM order_requests WHERE id = $1', [note.id]);
    expect(row?.body).toBe(note.body);
  });

  it('offers open requests to the order system: listed and acknowledged with an orders key, refused to others', async () => {
    const [customerId] = await customers();
    await db().query("UPDATE customers SET external_id = 'BILL-R-1' WHERE id = $1", [customerId]);
    const o = await order(customerId);
    const a = args(o.id, customerId);
    await push(await tokenOf('agent1'), [{ name: 'order.request', args: a }]);
    const admin = await tokenOf('admin1');
    const newKey = async (name: string, scopes: string[]) => {
      const res = await s.current.api('/admin/integration-keys', { method: 'POST', token: admin, body: JSON.stringify({ name, scopes }) });
      expect(res.status, res.text).toBe(201);
      return res.body as { key: string; integrationKey: { id: string } };
    };
    const orders = await newKey('order-system', ['orders']);
    const billing = await newKey('billing', ['invoices']);
    const get = (key: string | null, qs = '') => s.current.api(`/integrations/order-requests${qs}`, { headers: key ? { 'x-sapa-key': key } : {} });
    const ack = (key: string | null, body: unknown) => s.current.api('/integrations/order-requests/ack', {
      method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(key ? { 'x-sapa-key': key } : {}) },
    });

    const listed = await get(orders.key);
    expect(listed.status, listed.text).toBe(200);
    const item = (listed.body as { requests: { id: string }[] }).requests.find((r) => r.id === a.id);
    expect(item).toEqual({
      id: a.id, orderNo: o.orderNo, customerNo: expect.any(String), customerExternalId: 'BILL-R-1', kind: 'reschedule',
      wantedDate: a.wantedDate, body: a.body, createdAt: expect.any(String), createdBy: 'agent1', acknowledgedAt: null,
    });

    expect((await get(billing.key)).status).toBe(403);
    expect((await ack(billing.key, { ids: [a.id] })).status).toBe(403);
    expect((await get(null)).status).toBe(401);
    expect((await s.current.api('/integrations/order-requests', { token: admin })).status).toBe(403);
    expect((await get(orders.key, '?limit=0')).status).toBe(400);
    expect((await ack(orders.key, { ids: [] })).status).toBe(400);
    expect((await ack(orders.key, { ids: ['not-a-uuid'] })).status).toBe(400);
    expect((await ack(orders.key, { ids: Array.from({ length: 1001 }, () => randomUUID()) })).status).toBe(400);

    const stranger = randomUUID();
    const first = await ack(orders.key, { ids: [a.id, a.id, stranger] });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ acknowledged: 1, already: 0, unknown: [stranger] });
    expect((await ack(orders.key, { ids: [a.id] })).body).toEqual({ acknowledged: 0, already: 1, unknown: [] });
    const after = (await get(orders.key)).body as { requests: { id: string }[] };
    expect(after.requests.some((r) => r.id === a.id)).toBe(false);
    const all = (await get(orders.key, '?includeAcknowledged=true')).body as { requests: { id: string; acknowledgedAt: string | null }[] };
    expect(all.requests.find((r) => r.id === a.id)?.acknowledgedAt).not.toBeNull();
    // Still open for the back office until someone marks it done.
    const queue = (await s.current.api('/order-requests', { token: await tokenOf('lead1') })).body as { requests: OrderRequest[] };
    expect(queue.requests.find((r) => r.id === a.id)?.acknowledgedAt).not.toBeNull();

    await s.current.api(`/admin/integration-keys/${orders.integrationKey.id}/revoke`, { method: 'POST', token: admin });
    expect((await get(orders.key)).status).toBe(401);
  });

  it('lists renewals due for the owner, their lead and an admin, nearest end first; not for another agent', async () => {
    const [c1, c2] = await customers();
    const today = businessToday();
    const contract = async (customerId: string, owner: string | null, endInDays: number, status = 'active') => {
      const id = randomUUID();
      await db().query(
        `INSERT INTO contracts (id, contract_no, customer_id, product, start_date, end_date, monthly_fee_idr, value_idr, status, owner_username)
         VALUES ($1, $2, $3, 'Business Fiber', $4::date - 365, $4::date + $5::int, 1500000, 18000000, $6, $7)`,
        [id, `CT-R-${id.slice(0, 8)}`, customerId, today, endInDays, status, owner]);
      return `CT-R-${id.slice(0, 8)}`;
    };
    await db().query("DELETE FROM contracts WHERE status = 'active'");
    const soon = await contract(c1, 'agent1', 10);
    const sooner = await contract(c2, 'agent1', 3);
    const later = await contract(c1, 'agent1', 90);
    await contract(c1, 'agent1', 5, 'ended');
    await contract(c1, 'agent1', -2);
    const andis = await contract(c2, 'agent2', 20);
    await contract(c2, null, 15);

    const renewals = async (user: string, qs = '') => {
      const res = await s.current.api(`/contracts/renewals${qs}`, { token: await tokenOf(user) });
      expect(res.status, res.text).toBe(200);
      return (res.body as RenewalList).renewals.map((r) => r.contractNo);
    };
    expect(await renewals('agent1')).toEqual([sooner, soon]);
    expect(await renewals('agent1', '?days=100')).toEqual([sooner, soon, later]);
    expect(await renewals('agent2')).toEqual([andis]);
    const one = (await s.current.api('/contracts/renewals', { token: await tokenOf('agent1') })).body as RenewalList;
    expect(one.renewals[0]).toMatchObject({ product: 'Business Fiber', valueIdr: 18_000_000, monthlyFeeIdr: 1_500_000, daysLeft: 3, ownerName: 'Sari Wulandari', customerId: c2 });
    expect(one.days).toBe(60);

    // lead1 leads agent1's team (not agent2's).
    const team = randomUUID();
    await db().query("INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, (SELECT id FROM users WHERE username = 'lead1'))", [team, `T-${team.slice(0, 6)}`]);
    await db().query("UPDATE users SET team_id = $1 WHERE username = 'agent1'", [team]);
    expect(await renewals('lead1')).toEqual([sooner, soon]);
    expect((await renewals('admin1')).length).toBe(4);
    for (const qs of ['?days=0', '?days=367', '?days=abc', '?other=1']) {
      expect((await s.current.api(`/contracts/renewals${qs}`, { token: await tokenOf('agent1') })).status).toBe(400);
    }
    expect((await s.current.api('/contracts/renewals')).status).toBe(401);
  });
});
