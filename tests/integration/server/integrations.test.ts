// The integration API on a real server and database (both engines): admins create and
// revoke per-system keys; a key upserts orders and invoices idempotently by their ids (the
// same batch twice changes nothing, not even a version); a revoked key, a key of another
// scope, a session instead of a key are refused; a malformed record is answered with its
// index and reason while the rest is applied; a 10 MB field is refused by name.
import { expect, it } from 'vitest';
import { createSession } from '../../../src/server/auth/sessions.js';
import { type FeedResult } from '../../../src/shared/integrations.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

forEachDatabase('integration API', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 3, interactionsMean: 0 } });

  async function tokenOf(username: string): Promise<string> {
    const [u] = await t.current.server.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    return (await createSession(t.current.server.db, u?.id ?? '', 60_000)).token;
  }
  async function newKey(name: string, scopes: string[]): Promise<{ key: string; id: string }> {
    const res = await t.current.api('/admin/integration-keys', {
      method: 'POST', token: await tokenOf('admin1'), body: JSON.stringify({ name, scopes }),
    });
    expect(res.status, res.text).toBe(201);
    const body = res.body as { key: string; integrationKey: { id: string } };
    return { key: body.key, id: body.integrationKey.id };
  }
  async function feed(path: string, key: string | null, records: unknown[] | string): Promise<{ status: number; body: unknown }> {
    const body = typeof records === 'string' ? records : JSON.stringify({ records });
    return t.current.api(`/integrations/${path}`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', ...(key ? { 'x-sapa-key': key } : {}) },
    });
  }
  async function customer(): Promise<{ id: string; customerNo: string }> {
    const [c] = await t.current.server.db.query<{ id: string; customer_no: string }>(
      "UPDATE customers SET external_id = 'BILL-0001' WHERE id = (SELECT id FROM customers ORDER BY customer_no LIMIT 1) RETURNING id, customer_no");
    if (!c) throw new Error('no customer');
    return { id: c.id, customerNo: c.customer_no };
  }

  const order = (n: number, status = 'placed') => ({
    orderNo: `ORD-T-${n}`, customerExternalId: 'BILL-0001', product: 'Fiber 50 Mbps', amountIdr: 350_000 + n, status,
    placedAt: '2026-11-20T03:00:00.000Z',
  });
  const invoice = (n: number, customerNo: string) => ({
    invoiceNo: `INV-T-${n}`, customerNo, amountIdr: 1_000_000, issuedAt: '2026-10-01', dueDate: '2026-10-15',
    payments: [{ ref: `PAY-${n}-1`, amountIdr: 250_000, paidAt: '2026-10-20' }],
  });

  it('upserts orders and invoices by their ids; the same batch twice changes nothing; a change bumps the version', async () => {
    const c = await customer();
    const orders = await newKey('order-system', ['orders']);
    const billing = await newKey('billing', ['invoices']);
    const batch = [order(1), order(2), order(3)];

    const first = await feed('orders', orders.key, batch);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: 3, inserted: 3, updated: 0, unchanged: 0, rejected: [] });
    const versions = async () => t.current.server.db.query<{ order_no: string; version: number }>(
      "SELECT order_no, version FROM orders WHERE order_no LIKE 'ORD-T-%' ORDER BY order_no");
    const before = await versions();

    const again = await feed('orders', orders.key, batch);
    expect(again.body).toEqual({ received: 3, inserted: 0, updated: 0, unchanged: 3, rejected: [] });
    expect(await versions()).toEqual(before);

    // Order 2 moves on: its status changes, the history gains the step, the version moves (desktops pull it).
    const moved = await feed('orders', orders.key, [order(1), order(2, 'confirmed')]);
    expect(moved.body).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const [o2] = await t.current.server.db.query<{ status: string; status_history: { status: string }[]; version: number; customer_id: string }>(
      "SELECT status, status_history, version, customer_id FROM orders WHERE order_no = 'ORD-T-2'");
    expect(o2?.status).toBe('confirmed');
    expect(o2?.status_history.map((h) => h.status)).toEqual(['placed', 'confirmed']);
    expect(o2?.customer_id).toBe(c.id);
    expect(o2?.version).toBeGreaterThan(before.find((b) => b.order_no === 'ORD-T-2')?.version ?? Infinity);

    const invoices = [invoice(1, c.customerNo), invoice(2, c.customerNo)];
    expect((await feed('invoices', billing.key, invoices)).body).toEqual({ received: 2, inserted: 2, updated: 0, unchanged: 0, rejected: [] });
    expect((await feed('invoices', billing.key, invoices)).body).toEqual({ received: 2, inserted: 0, updated: 0, unchanged: 2, rejected: [] });
    // A second partial payment on invoice 1.
    const paidMore = { ...invoice(1, c.customerNo), payments: [...invoice(1, c.customerNo).payments, { ref: 'PAY-1-2', amountIdr: 100_000, paidAt: '2026-11-02' }] };
    expect((await feed('invoices', billing.key, [paidMore])).body).toMatchObject({ updated: 1 });
    const [inv] = await t.current.server.db.query<{ paid_idr: number; status: string; payments: unknown[] }>(
      "SELECT paid_idr, status, payments FROM receivables WHERE invoice_no = 'INV-T-1'");
    expect(inv).toMatchObject({ paid_idr: 350_000, status: 'overdue' });
    expect(inv?.payments).toHaveLength(2);

    // Desktops get them through the sync pull.
    const pull = await t.current.api('/sync/pull?cursor=0&limit=5000', { token: await tokenOf('admin1') });
    expect(pull.status).toBe(200);
  });

  it('refuses a revoked key, a key of another scope, no key, and a session instead of a key', async () => {
    const orders = await newKey('orders-only', ['orders']);
    const wrong = await feed('invoices', orders.key, [invoice(9, 'x')]);
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'FORBIDDEN', details: { scope: 'invoices' } });

    const revoke = await t.current.api(`/admin/integration-keys/${orders.id}/revoke`, { method: 'POST', token: await tokenOf('admin1') });
    expect(revoke.status).toBe(200);
    expect((revoke.body as { revokedAt: string | null }).revokedAt).not.toBeNull();
    const revoked = await feed('orders', orders.key, [order(7)]);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'revoked' } });

    expect((await feed('orders', null, [order(7)])).status).toBe(401);
    expect((await feed('orders', 'sapa_00000000_not-a-key', [order(7)])).status).toBe(401);
    const asSession = await t.current.api('/integrations/orders', {
      method: 'POST', token: await tokenOf('admin1'), body: JSON.stringify({ records: [order(7)] }),
    });
    expect(asSession.status).toBe(403);

    // The key list never shows a key, only its prefix.
    const list = await t.current.api('/admin/integration-keys', { token: await tokenOf('admin1') });
    expect(list.text).not.toContain(orders.key);
    expect(list.text).toContain(orders.key.split('_').slice(0, 2).join('_'));
    // An agent cannot manage keys.
    expect((await t.current.api('/admin/integration-keys', { token: await tokenOf('agent1') })).status).toBe(403);
  });

  it('answers a malformed record with its index and reason and applies the rest; a 10 MB field is refused by name', async () => {
    const orders = await newKey('orders-2', ['orders']);
    const batch = [
      order(20),
      { ...order(21), amountIdr: 'lots' },
      order(22),
      { ...order(23), customerExternalId: 'NOBODY' },
      order(20),
      { ...order(24), product: 'x'.repeat(10 * 1024 * 1024) },
    ];
    const res = await feed('orders', orders.key, batch);
    expect(res.status).toBe(200);
    const body = res.body as FeedResult;
    expect(body).toMatchObject({ received: 6, inserted: 2 });
    expect(body.rejected.map((r) => [r.index, r.ref])).toEqual([[1, 'ORD-T-21'], [3, 'ORD-T-23'], [4, 'ORD-T-20'], [5, 'ORD-T-24']]);
    expect(body.rejected[0]?.reason).toMatch(/^amountIdr: /);
    expect(body.rejected[1]?.reason).toMatch(/no customer with customerExternalId NOBODY/);
    expect(body.rejected[2]?.reason).toMatch(/also record 0/);
    expect(body.rejected[3]?.reason).toMatch(/^product: .*200/);
    expect(JSON.stringify(body).length).toBeLessThan(4000);
    const written = await t.current.server.db.query<{ order_no: string }>(
      "SELECT order_no FROM orders WHERE order_no IN ('ORD-T-20', 'ORD-T-21', 'ORD-T-22', 'ORD-T-23', 'ORD-T-24') ORDER BY 1");
    expect(written.map((r) => r.order_no)).toEqual(['ORD-T-20', 'ORD-T-22']);

    // A body over the limit is refused whole, before it is parsed; too many records too.
    const huge = await feed('orders', orders.key, JSON.stringify({ records: [{ ...order(30), product: 'y'.repeat(17 * 1024 * 1024) }] }));
    expect(huge.status).toBe(413);
    const many = await feed('orders', orders.key, Array.from({ length: 10_001 }, (_, i) => order(100 + i)));
    expect(many.status).toBe(400);
    expect(JSON.stringify(many.body)).toMatch(/records/);
  });

  it('upserts contracts with product, dates, value, status and owner', async () => {
    const key = await newKey('contracts', ['contracts']);
    const contract = {
      contractNo: 'CT-T-1', customerExternalId: 'BILL-0001', product: 'Business Fiber', startDate: '2025-12-01', endDate: '2026-12-31',
      monthlyFeeIdr: 1_500_000, valueIdr: 18_000_000, status: 'active', ownerUsername: 'agent1',
    };
    expect((await feed('contracts', key.key, [contract])).body).toMatchObject({ inserted: 1, rejected: [] });
    expect((await feed('contracts', key.key, [contract])).body).toMatchObject({ unchanged: 1 });
    const bad = await feed('contracts', key.key, [{ ...contract, contractNo: 'CT-T-2', endDate: '2020-01-01' }]);
    expect((bad.body as FeedResult).rejected[0]).toMatchObject({ index: 0, ref: 'CT-T-2', reason: 'endDate: endDate is before startDate' });
  });

  it('CSV feeds: invoices from a file, streamed and idempotent, bad rows in the rejects report by line', async () => {
    const c = await customer();
    const admin = await tokenOf('admin1');
    const csv = [
      'invoice_no,customer_external_id,customer_no,amount_idr,issued_at,due_date,paid_idr',
      `INV-CSV-1,BILL-0001,,500000,2026-10-01,2026-10-15,100000`,
      `INV-CSV-2,,${c.customerNo},750000,2026-10-05,2026-10-20,`,
      'INV-CSV-3,BILL-0001,,lots,2026-10-05,2026-10-20,',
      'INV-CSV-4,NOBODY,,1000,2026-10-05,2026-10-20,',
      `INV-CSV-5,BILL-0001,,1000,2026-10-05,2026-09-20,`,
    ].join('\n') + '\n';
    const run = async (): Promise<{ rowsRead: number; rowsInserted: number; rowsUpdated: number; rowsRejected: number; id: string }> => {
      const start = await t.current.api('/admin/imports/feeds/invoices?fileName=invoices.csv', {
        method: 'POST', token: admin, body: csv, headers: { 'content-type': 'text/csv' },
      });
      expect(start.status, start.text).toBe(202);
      const id = (start.body as { id: string }).id;
      await expect.poll(async () => ((await t.current.api(`/admin/imports/${id}`, { token: admin })).body as { state: string }).state,
        { timeout: 20_000 }).toBe('done');
      const status = (await t.current.api(`/admin/imports/${id}`, { token: admin })).body as { rowsRead: number; rowsInserted: number; rowsUpdated: number; rowsRejected: number };
      return { ...status, id };
    };
    const first = await run();
    expect(first).toMatchObject({ rowsRead: 5, rowsInserted: 2, rowsUpdated: 0, rowsRejected: 3 });
    const rejects = await t.current.api(`/admin/imports/${first.id}/rejects.csv`, { token: admin });
    expect(rejects.text).toContain('4,INV-CSV-3,"amountIdr: Invalid input: expected number, received string"');
    expect(rejects.text).toContain('5,INV-CSV-4,no customer with customerExternalId NOBODY,');
    expect(rejects.text).toContain('6,INV-CSV-5,dueDate: dueDate is before issuedAt,');
    const [row] = await t.current.server.db.query<{ paid_idr: number; source: string }>(
      "SELECT paid_idr, source FROM receivables WHERE invoice_no = 'INV-CSV-1'");
    expect(row).toEqual({ paid_idr: 100_000, source: 'csv:invoices.csv' });
    // The same file again: nothing changes.
    expect(await run()).toMatchObject({ rowsRead: 5, rowsInserted: 0, rowsUpdated: 0, rowsRejected: 3 });
    // An unknown column stops the import by name.
    const bad = await t.current.api('/admin/imports/feeds/invoices?fileName=bad.csv', {
      method: 'POST', token: admin, body: 'invoice_no,colour\nX,red\n', headers: { 'content-type': 'text/csv' },
    });
    const badId = (bad.body as { id: string }).id;
    await expect.poll(async () => ((await t.current.api(`/admin/imports/${badId}`, { token: admin })).body as { error: string | null }).error,
      { timeout: 20_000 }).toMatch(/Unknown columns: colour/);
  });
});
