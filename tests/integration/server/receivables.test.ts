// Receivables monitoring on a real server and database (both engines): the collectors'
// ageing worklist (buckets, filters, keyset pages, VVIP marked), totals per branch, and a
// promise to pay that becomes a call-back task on the promised day — not before.
import { expect, it } from 'vitest';
import { contactCenterOf } from '../../../src/server/app.js';
import { createSession } from '../../../src/server/auth/sessions.js';
import { sweepCallbacks } from '../../../src/server/callbacks/callback-tasks.js';
import { businessToday } from '../../../src/server/integrations/upsert.js';
import { type WorklistPage } from '../../../src/shared/receivables.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

forEachDatabase('receivables monitoring', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 4, interactionsMean: 0 } });
  const today = businessToday();

  async function tokenOf(username: string): Promise<string> {
    const [u] = await t.current.server.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    return (await createSession(t.current.server.db, u?.id ?? '', 60_000)).token;
  }

  async function setUp(): Promise<{ customerId: string }> {
    const db = t.current.server.db;
    // Only these invoices: the demo seed's are removed.
    await db.query('DELETE FROM receivables');
    const [c] = await db.query<{ id: string }>(
      "UPDATE customers SET branch = 'Bandung', tier = 'platinum', vvip = true WHERE id = (SELECT id FROM customers ORDER BY customer_no LIMIT 1) RETURNING id");
    const [other] = await db.query<{ id: string }>(
      "UPDATE customers SET branch = 'Medan', tier = 'silver', vvip = false WHERE id = (SELECT id FROM customers ORDER BY customer_no OFFSET 1 LIMIT 1) RETURNING id");
    const rows: [string, string, number, number, number][] = [
      // invoice, customer, days past due, amount, paid
      ['INV-R-1', c?.id ?? '', 120, 2_000_000, 0],
      ['INV-R-2', c?.id ?? '', 45, 1_000_000, 400_000],
      ['INV-R-3', other?.id ?? '', 10, 500_000, 0],
      ['INV-R-4', other?.id ?? '', -5, 300_000, 0],
      ['INV-R-5', other?.id ?? '', 70, 800_000, 800_000], // paid: not on the worklist
      ['INV-R-6', other?.id ?? '', 75, 900_000, 0],
    ];
    for (const [no, customer, days, amount, paid] of rows) {
      await db.query(
        `INSERT INTO receivables (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5::date - 14, $5::date, 'open')`,
        [no, customer, amount, paid, addDays(today, -days)]);
    }
    return { customerId: c?.id ?? '' };
  }

  const worklist = async (query = ''): Promise<WorklistPage> => {
    const res = await t.current.api(`/receivables/worklist?${query}`, { token: await tokenOf('lead1') });
    expect(res.status, res.text).toBe(200);
    return res.body as WorklistPage;
  };

  it('lists open invoices most overdue first, in ageing buckets, filtered and keyset-paged; totals per branch', async () => {
    await setUp();
    const all = await worklist();
    expect(all.rows.map((r) => [r.invoiceNo, r.bucket])).toEqual([
      ['INV-R-1', 'd90_plus'], ['INV-R-6', 'd61_90'], ['INV-R-2', 'd31_60'], ['INV-R-3', 'd1_30'], ['INV-R-4', 'current'],
    ]);
    expect(all.rows[0]).toMatchObject({ vvip: true, tier: 'platinum', branch: 'Bandung', openIdr: 2_000_000, daysPastDue: 120 });
    expect(all.rows[2]).toMatchObject({ openIdr: 600_000 });
    expect((await worklist('bucket=d31_60')).rows.map((r) => r.invoiceNo)).toEqual(['INV-R-2']);
    expect((await worklist('branch=Medan')).rows.map((r) => r.invoiceNo)).toEqual(['INV-R-6', 'INV-R-3', 'INV-R-4']);
    expect((await worklist('tier=platinum&minOpenIdr=1000000')).rows.map((r) => r.invoiceNo)).toEqual(['INV-R-1']);

    const first = await worklist('limit=2');
    expect(first.rows.map((r) => r.invoiceNo)).toEqual(['INV-R-1', 'INV-R-6']);
    const second = await worklist(`limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.rows.map((r) => r.invoiceNo)).toEqual(['INV-R-2', 'INV-R-3']);
    const third = await worklist(`limit=2&cursor=${encodeURIComponent(second.nextCursor ?? '')}`);
    expect(third.rows.map((r) => r.invoiceNo)).toEqual(['INV-R-4']);
    expect(third.nextCursor).toBeNull();

    const totals = await t.current.api('/receivables/totals', { token: await tokenOf('lead1') });
    expect(totals.status).toBe(200);
    const byKey = Object.fromEntries((totals.body as { totals: { branch: string; bucket: string; openIdr: number }[] }).totals
      .map((r) => [`${r.branch}/${r.bucket}`, r.openIdr]));
    expect(byKey).toEqual({
      'Bandung/d90_plus': 2_000_000, 'Bandung/d31_60': 600_000, 'Medan/current': 300_000, 'Medan/d1_30': 500_000, 'Medan/d61_90': 900_000,
    });
    // Agents do not collect.
    expect((await t.current.api('/receivables/worklist', { token: await tokenOf('agent1') })).status).toBe(403);
  });

  it('a promise to pay becomes a call-back for the collector, a call-back task on the promised day and not before', async () => {
    const { customerId } = await setUp();
    const db = t.current.server.db;
    const [inv] = await db.query<{ id: string }>("SELECT id FROM receivables WHERE invoice_no = 'INV-R-1'");
    const promisedDate = addDays(today, 3);
    const res = await t.current.api(`/receivables/${inv?.id}/promises`, {
      method: 'POST', token: await tokenOf('lead1'), body: JSON.stringify({ promisedDate, amountIdr: 2_000_000, note: 'gajian tanggal 25' }),
    });
    expect(res.status, res.text).toBe(201);
    const promise = res.body as { callbackId: string; promisedDate: string };
    expect(promise.promisedDate).toBe(promisedDate);
    const [cb] = await db.query<{ customer_id: string; assignee_id: string; note: string; status: string }>(
      'SELECT customer_id, assignee_id, note, status FROM callbacks WHERE id = $1', [promise.callbackId]);
    const [lead] = await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'lead1'");
    expect(cb).toMatchObject({ customer_id: customerId, assignee_id: lead?.id, status: 'open' });
    expect(cb?.note).toContain('INV-R-1');
    // The worklist shows the promise on its invoice.
    expect((await worklist()).rows[0]?.promise).toMatchObject({ promisedDate, amountIdr: 2_000_000, createdBy: 'lead1' });

    const intake = contactCenterOf(t.current.server.app).intake;
    const tasks = async () => db.query<{ status: string }>("SELECT status FROM cc_tasks WHERE kind = 'callback' AND source_ref = $1", [promise.callbackId]);
    // The evening before (23:30 in Jakarta): nothing yet.
    await sweepCallbacks(db, intake, new Date(`${addDays(promisedDate, -1)}T23:30:00+07:00`));
    expect(await tasks()).toEqual([]);
    // The promised day, 08:00 in Jakarta: the call-back task is there.
    await sweepCallbacks(db, intake, new Date(`${promisedDate}T08:00:00+07:00`));
    expect(await tasks()).toHaveLength(1);

    // A promise in the past, or on a paid invoice, is refused by name.
    const past = await t.current.api(`/receivables/${inv?.id}/promises`, {
      method: 'POST', token: await tokenOf('lead1'), body: JSON.stringify({ promisedDate: addDays(today, -1), amountIdr: 1 }),
    });
    expect(past.status).toBe(400);
    const [paid] = await db.query<{ id: string }>("SELECT id FROM receivables WHERE invoice_no = 'INV-R-5'");
    const onPaid = await t.current.api(`/receivables/${paid?.id}/promises`, {
      method: 'POST', token: await tokenOf('lead1'), body: JSON.stringify({ promisedDate, amountIdr: 1 }),
    });
    expect(onPaid.status).toBe(409);
  });
});
