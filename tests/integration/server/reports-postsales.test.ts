// The post-sales report on hand-made invoices, promises to pay and orders with known answers,
// through the real server and database (both engines): June and July 2026 read on 15 August
// (past periods: ageing at the period's last day) and August (running: ageing today). Period
// edges: a payment dated 30 June is June's and one dated 1 July July's (payments carry a local
// date); a delivery at 30 June 23:59 WIB is June's and one at 1 July 00:00 WIB July's. Also an
// overpayment capped, a paid total without dates, a promise larger than what was owed, an
// order re-installed (its last installation counts), the p90 of ten cycles, the fold
// incremental (a feed's new payment, a delivery moved), the drill-downs, and the roles.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { type Db } from '../../../src/server/db/db.js';
import { applyFeedBatch } from '../../../src/server/integrations/upsert.js';
import { runReport } from '../../../src/server/reports/run.js';
import { forEachDatabase } from '../helpers/databases.js';
import { section } from '../helpers/reports.js';
import { useTestServer } from '../helpers/server.js';

/** 15 August 2026, 12:00 WIB: June and July are over, August runs. */
const NOW = new Date('2026-08-15T05:00:00Z');
const MODEM = 'Modem Wi-Fi 6';
const NET = 'Paket Internet 100 Mbps';
const ROUTER = 'Router Mesh';

forEachDatabase('reports: post-sales', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 3, seed: 19, interactionsMean: 0 } });
  let budi = { id: '', no: '', name: '' };
  let other = { id: '', no: '', name: '' };
  const invoices = new Map<string, string>();
  const orders = new Map<string, string>();

  type Pay = { ref: string; amountIdr: number; paidAt: string };
  async function invoice(db: Db, no: string, o: { amount: number; issued: string; due: string; payments?: Pay[]; paid?: number; customer?: string }) {
    const id = randomUUID();
    invoices.set(no, id);
    const payments = o.payments ?? [];
    await db.query(
      `INSERT INTO receivables (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status, payments)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8::jsonb)`,
      [id, no, o.customer ?? budi.id, o.amount, o.paid ?? payments.reduce((a, p) => a + p.amountIdr, 0), o.issued, o.due, JSON.stringify(payments)]);
  }
  async function promise(db: Db, invoiceNo: string, o: { made: string; promised: string; amount: number }) {
    await db.query(
      `INSERT INTO payment_promises (id, receivable_id, customer_id, promised_date, amount_idr, created_at)
       SELECT $1, id, customer_id, $3, $4, $5 FROM receivables WHERE invoice_no = $2`,
      [randomUUID(), invoiceNo, o.promised, o.amount, new Date(o.made)]);
  }
  async function order(db: Db, no: string, product: string, placed: string, history: [string, string][]) {
    const id = randomUUID();
    orders.set(no, id);
    const last = history.at(-1)?.[0] ?? 'placed';
    await db.query(
      `INSERT INTO orders (id, order_no, customer_id, product, amount_idr, status, placed_at, status_history)
       VALUES ($1, $2, $3, $4, 1000000, $5, $6, $7::jsonb)`,
      [id, no, other.id, product, last, new Date(placed), JSON.stringify(history.map(([status, at]) => ({ status, at: new Date(at).toISOString() })))]);
  }

  beforeAll(async () => {
    const db = s.current.server.db;
    // Only the hand-made records: the demo's generated ones go.
    await db.query('DELETE FROM receivables');
    await db.query('DELETE FROM orders');
    const people = await db.query<{ id: string; customer_no: string; full_name: string }>(
      'SELECT id, customer_no, full_name FROM customers ORDER BY customer_no LIMIT 2');
    budi = { id: people[0]?.id ?? '', no: people[0]?.customer_no ?? '', name: people[0]?.full_name ?? '' };
    other = { id: people[1]?.id ?? '', no: people[1]?.customer_no ?? '', name: people[1]?.full_name ?? '' };

    // A: 1 000 000 due 31 May; 400 000 paid 30 June (June's), 600 000 on 1 July (July's).
    await invoice(db, 'INV-A', { amount: 1_000_000, issued: '2026-05-01', due: '2026-05-31', payments: [
      { ref: 'A1', amountIdr: 400_000, paidAt: '2026-06-30' }, { ref: 'A2', amountIdr: 600_000, paidAt: '2026-07-01' }] });
    // B: issued in June, due 10 July; 500 000 paid on time on 20 June.
    await invoice(db, 'INV-B', { amount: 2_000_000, issued: '2026-06-10', due: '2026-07-10', payments: [
      { ref: 'B1', amountIdr: 500_000, paidAt: '2026-06-20' }] });
    // C: never paid, due 1 March (over 90 days by June's end).
    await invoice(db, 'INV-C', { amount: 3_000_000, issued: '2026-02-01', due: '2026-03-01', customer: other.id });
    // D: the system sent only a paid total: never open, no collection of any period.
    await invoice(db, 'INV-D', { amount: 800_000, issued: '2026-04-01', due: '2026-04-20', paid: 800_000 });
    // E: overpaid (700 000 of 500 000) on 25 June, after its due date: 500 000 collected, late.
    await invoice(db, 'INV-E', { amount: 500_000, issued: '2026-06-01', due: '2026-06-15', payments: [
      { ref: 'E1', amountIdr: 700_000, paidAt: '2026-06-25' }] });
    // F: 200 000 of 1 200 000 paid before the due date 15 May.
    await invoice(db, 'INV-F', { amount: 1_200_000, issued: '2026-04-15', due: '2026-05-15', payments: [
      { ref: 'F1', amountIdr: 200_000, paidAt: '2026-05-10' }] });
    // G: issued in July: not in June's ageing.
    await invoice(db, 'INV-G', { amount: 900_000, issued: '2026-07-05', due: '2026-08-04' });
    // H: 300 000 of 700 000 paid as an undated total (March, its issue day).
    await invoice(db, 'INV-H', { amount: 700_000, issued: '2026-03-10', due: '2026-04-10', paid: 300_000 });

    // June's promises: kept; broken; broken (B's June payment came before the promise);
    // kept (more than E owed, and E was paid in full by the day). July's: kept, broken.
    await promise(db, 'INV-A', { made: '2026-06-20T03:00:00Z', promised: '2026-06-30', amount: 400_000 });
    await promise(db, 'INV-C', { made: '2026-06-05T03:00:00Z', promised: '2026-06-15', amount: 1_000_000 });
    await promise(db, 'INV-B', { made: '2026-06-25T03:00:00Z', promised: '2026-06-28', amount: 1_500_000 });
    await promise(db, 'INV-E', { made: '2026-06-16T16:30:00Z', promised: '2026-06-26', amount: 800_000 });
    await promise(db, 'INV-A', { made: '2026-06-29T03:00:00Z', promised: '2026-07-01', amount: 600_000 });
    await promise(db, 'INV-H', { made: '2026-06-30T17:30:00Z', promised: '2026-07-02', amount: 300_000 });
    // August's: promised for 20 August, still open on the 15th.
    await promise(db, 'INV-C', { made: '2026-08-10T03:00:00Z', promised: '2026-08-20', amount: 500_000 });

    // Orders. O1 delivered 30 June 23:59 WIB (June, 29 days); O2 at 1 July 00:00 WIB (July, 21 days).
    await order(db, 'O1', MODEM, '2026-06-01T02:00:00Z', [['placed', '2026-06-01T02:00:00Z'], ['shipped', '2026-06-20T02:00:00Z'], ['delivered', '2026-06-30T16:59:00Z']]);
    await order(db, 'O2', MODEM, '2026-06-10T03:00:00Z', [['placed', '2026-06-10T03:00:00Z'], ['delivered', '2026-06-30T17:00:00Z']]);
    await order(db, 'O3', MODEM, '2026-06-02T03:00:00Z', [['placed', '2026-06-02T03:00:00Z'], ['delivered', '2026-06-05T03:00:00Z']]);
    await order(db, 'O4', MODEM, '2026-06-03T03:00:00Z', [['placed', '2026-06-03T03:00:00Z'], ['cancelled', '2026-06-04T03:00:00Z']]);
    await order(db, 'O5', NET, '2026-06-01T01:00:00Z', [['received', '2026-06-01T01:00:00Z'], ['verified', '2026-06-02T01:00:00Z'], ['installed', '2026-06-11T05:00:00Z']]);
    await order(db, 'O6', NET, '2026-06-05T01:00:00Z', [['received', '2026-06-05T01:00:00Z'], ['installed', '2026-06-07T01:00:00Z']]);
    await order(db, 'O7', NET, '2026-06-01T01:00:00Z', [['received', '2026-06-01T01:00:00Z'], ['installed', '2026-06-21T01:00:00Z']]);
    // O8 still provisioning: not done. O9 installed in May, back to provisioning, installed again 15 June: 36 days.
    await order(db, 'O8', NET, '2026-06-01T01:00:00Z', [['received', '2026-06-01T01:00:00Z'], ['provisioning', '2026-06-02T01:00:00Z']]);
    await order(db, 'O9', NET, '2026-05-10T01:00:00Z', [['received', '2026-05-10T01:00:00Z'], ['installed', '2026-05-20T01:00:00Z'],
      ['provisioning', '2026-06-01T01:00:00Z'], ['installed', '2026-06-15T01:00:00Z']]);
    // Ten routers delivered 1…10 days after placement: p90 = 9 (nearest rank).
    for (let d = 1; d <= 10; d += 1) {
      await order(db, `R${d}`, ROUTER, '2026-06-01T03:00:00Z', [['placed', '2026-06-01T03:00:00Z'], ['delivered', new Date(Date.parse('2026-06-01T03:00:00Z') + d * 86_400_000).toISOString()]]);
    }
  });

  const june = () => runReport(s.current.server.db, 'postSales', { period: '2026-06', compare: 'none', language: 'en' }, NOW);

  it('June: ageing at 30 June, collection, promises, cycle times; 30 June in June, 1 July in July', async () => {
    const r = await june();
    const ageing = section(r, 'receivablesAgeing');
    expect(ageing.rows.map((x) => [x.key, x.values])).toEqual([
      ['current', { invoices: 1, openIdr: 1_500_000, openShare: 23.1 }],
      ['d1_30', { invoices: 1, openIdr: 600_000, openShare: 9.2 }],
      ['d31_60', { invoices: 1, openIdr: 1_000_000, openShare: 15.4 }],
      ['d61_90', { invoices: 1, openIdr: 400_000, openShare: 6.2 }],
      ['d90_plus', { invoices: 1, openIdr: 3_000_000, openShare: 46.2 }],
    ]);
    expect(ageing.total?.values).toEqual({ invoices: 5, openIdr: 6_500_000, openShare: 100 });
    expect(ageing.total?.label).toBe('Open at the end of 30 June 2026');
    expect(section(r, 'collection').rows[0]?.values).toEqual({
      openStartIdr: 5_400_000, invoicedIdr: 2_500_000, collectedIdr: 1_400_000, collectedLateIdr: 900_000, undatedIdr: 0,
      collectionRate: 17.7, openEndIdr: 6_500_000,
    });
    expect(section(r, 'promises').rows[0]?.values).toEqual({
      promised: 4, promisedIdr: 3_700_000, kept: 2, keptIdr: 1_200_000, broken: 2, stillOpen: 0, keptPct: 50,
    });
    const cycle = section(r, 'orderCycle');
    expect(cycle.rows.map((x) => [x.label, x.values])).toEqual([
      [MODEM, { completed: 2, avgCycleDays: 16, p90CycleDays: 29, cancelled: 1, cancelRate: 33.3 }],
      [NET, { completed: 4, avgCycleDays: 17, p90CycleDays: 36, cancelled: 0, cancelRate: 0 }],
      [ROUTER, { completed: 10, avgCycleDays: 5.5, p90CycleDays: 9, cancelled: 0, cancelRate: 0 }],
    ]);
    expect(cycle.total?.values).toEqual({ completed: 16, avgCycleDays: 9.7, p90CycleDays: 29, cancelled: 1, cancelRate: 5.9 });
  });

  it('July against June; August (running) ages today and keeps a future promise open', async () => {
    const db = s.current.server.db;
    const july = await runReport(db, 'postSales', { period: '2026-07', compare: 'previous', language: 'en' }, NOW);
    expect(section(july, 'receivablesAgeing').rows.map((x) => [x.key, x.values.invoices, x.values.openIdr])).toEqual([
      ['current', 1, 900_000], ['d1_30', 1, 1_500_000], ['d31_60', 0, 0], ['d61_90', 1, 1_000_000], ['d90_plus', 2, 3_400_000],
    ]);
    const collection = section(july, 'collection').rows[0];
    expect(collection?.values).toEqual({
      openStartIdr: 6_500_000, invoicedIdr: 900_000, collectedIdr: 600_000, collectedLateIdr: 600_000, undatedIdr: 0,
      collectionRate: 8.1, openEndIdr: 6_800_000,
    });
    expect(collection?.compare).toMatchObject({ collectedIdr: 1_400_000, openEndIdr: 6_500_000 });
    expect(section(july, 'promises').rows[0]?.values).toEqual({
      promised: 2, promisedIdr: 900_000, kept: 1, keptIdr: 600_000, broken: 1, stillOpen: 0, keptPct: 50,
    });
    // June's products stay as rows, to be compared with.
    expect(section(july, 'orderCycle').rows.map((x) => [x.label, x.values.completed, x.values.avgCycleDays, x.compare?.completed])).toEqual([
      [MODEM, 1, 21, 2], [NET, 0, null, 4], [ROUTER, 0, null, 10],
    ]);

    const august = await runReport(db, 'postSales', { period: '2026-08', compare: 'none', language: 'id' }, NOW);
    // 15 August: G (due 4 August) is 11 days overdue, B 36 days.
    expect(section(august, 'receivablesAgeing').rows.map((x) => [x.key, x.values.openIdr])).toEqual([
      ['current', 0], ['d1_30', 900_000], ['d31_60', 1_500_000], ['d61_90', 0], ['d90_plus', 4_400_000],
    ]);
    expect(section(august, 'receivablesAgeing').total?.label).toBe('Sisa tagihan pada akhir 15 Agustus 2026');
    expect(section(august, 'promises').rows[0]?.values).toMatchObject({ promised: 1, kept: 0, broken: 0, stillOpen: 1, keptPct: null });
    // The first half of the year: June's and earlier flows; open at its end is June's.
    const s1 = await runReport(db, 'postSales', { period: '2026-S1', compare: 'none', language: 'en' }, NOW);
    expect(section(s1, 'collection').rows[0]?.values).toMatchObject({ openStartIdr: 0, undatedIdr: 1_100_000, openEndIdr: 6_500_000 });
  });

  it('drill-down: the invoices of a bucket, the period\'s payments, its promises, a product\'s orders; roles', async () => {
    const lead = await s.current.login('lead1', 'lead1-pass');
    const drill = async (sec: string, key: string, token = lead) =>
      s.current.api(`/reports/postSales/drill?period=2026-06&section=${sec}&key=${encodeURIComponent(key)}&language=en`, { token });
    const bucket = await drill('receivablesAgeing', 'd1_30');
    expect(bucket.status).toBe(200);
    expect((bucket.body as { rows: unknown[] }).rows).toEqual([{
      invoiceNo: 'INV-A', customer: budi.name, issuedOn: '2026-05-01', dueOn: '2026-05-31', daysPastDue: 30, amountIdr: 1_000_000, openIdr: 600_000,
    }]);
    const old = (await drill('receivablesAgeing', 'd90_plus')).body as { total: number; rows: { invoiceNo: string; customer: string }[] };
    expect(old.rows.map((x) => [x.invoiceNo, x.customer])).toEqual([['INV-C', other.name]]);
    const payments = (await drill('collection', 'payments')).body as { rows: { paidOn: string; invoiceNo: string; amountIdr: number; late: string }[] };
    expect(payments.rows.map((x) => [x.paidOn, x.invoiceNo, x.amountIdr, x.late])).toEqual([
      ['2026-06-20', 'INV-B', 500_000, 'No'], ['2026-06-25', 'INV-E', 700_000, 'Yes'], ['2026-06-30', 'INV-A', 400_000, 'Yes'],
    ]);
    const promises = (await drill('promises', 'promises')).body as { rows: { promisedOn: string; invoiceNo: string; madeOn: string; paidInWindowIdr: number; outcome: string }[] };
    expect(promises.rows.map((x) => [x.promisedOn, x.invoiceNo, x.madeOn, x.paidInWindowIdr, x.outcome])).toEqual([
      ['2026-06-15', 'INV-C', '2026-06-05', 0, 'Broken'], ['2026-06-26', 'INV-E', '2026-06-16', 700_000, 'Kept'],
      ['2026-06-28', 'INV-B', '2026-06-25', 0, 'Broken'], ['2026-06-30', 'INV-A', '2026-06-20', 400_000, 'Kept'],
    ]);
    const modems = (await drill('orderCycle', MODEM)).body as { total: number; rows: { orderNo: string; at: string; outcome: string; cycleDays: number | null }[] };
    expect(modems.rows.map((x) => [x.orderNo, x.outcome, x.cycleDays])).toEqual([['O4', 'Cancelled', null], ['O3', 'Completed', 3], ['O1', 'Completed', 29]]);
    expect(modems.rows.at(-1)?.at).toBe('2026-06-30T16:59:00.000Z');
    const page = (await s.current.api(`/reports/postSales/drill?period=2026-06&section=orderCycle&key=${encodeURIComponent(ROUTER)}&offset=8&limit=5`, { token: lead }))
      .body as { total: number; rows: { orderNo: string }[] };
    expect([page.total, page.rows.length]).toEqual([10, 2]);
    const csv = await fetch(`${s.current.server.url}/api/v1/reports/postSales/drill/export?period=2026-06&section=promises&key=promises&format=csv&language=en`,
      { headers: { authorization: `Bearer ${lead}` } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split('\n')).toHaveLength(5);
    const file = await fetch(`${s.current.server.url}/api/v1/reports/postSales/export?period=2026-06&format=xlsx&language=en`,
      { headers: { authorization: `Bearer ${lead}` } });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    book.worksheets[0]?.eachRow((row) => { cells.push(...(row.values as unknown[])); });
    expect(cells).toEqual(expect.arrayContaining(['Receivables ageing', 'Open at the end of 30 June 2026', 6_500_000, 17.7, 9.7]));
    const pdf = await fetch(`${s.current.server.url}/api/v1/reports/postSales/export?period=2026-06&format=pdf&language=id`,
      { headers: { authorization: `Bearer ${lead}` } });
    expect([pdf.status, (await pdf.arrayBuffer()).byteLength > 1000]).toEqual([200, true]);
    expect((await drill('byTeam', 'x')).status).toBe(404);
    expect((await drill('receivablesAgeing', 'd200')).status).toBe(404);

    const admin = await s.current.login('admin1', 'admin1-pass');
    expect((await s.current.api('/reports/postSales?period=2026-06', { token: admin })).status).toBe(200);
    for (const [user, pass] of [['agent1', 'agent1-pass'], ['sales1', 'sales1-pass']] as const) {
      const token = await s.current.login(user, pass);
      expect((await s.current.api('/reports/postSales?period=2026-06', { token })).status).toBe(403);
      expect((await drill('promises', 'promises', token)).status).toBe(403);
    }
    const manager = await s.current.login('salesmgr1', 'salesmgr1-pass');
    expect((await s.current.api('/reports/postSales?period=2026-06', { token: manager })).status).toBe(200);
  });

  it('folding again changes nothing; a feed\'s new payment and a moved delivery refold their days', async () => {
    const db = s.current.server.db;
    const before = await june();
    expect((await june()).sections).toEqual(before.sections);
    // F's system sends its payments again with 1 000 000 more on 10 June: F is closed in June.
    const fed = await applyFeedBatch(db, 'invoices', [{
      invoiceNo: 'INV-F', customerNo: budi.no, amountIdr: 1_200_000, issuedAt: '2026-04-15', dueDate: '2026-05-15',
      payments: [{ ref: 'F1', amountIdr: 200_000, paidAt: '2026-05-10' }, { ref: 'F2', amountIdr: 1_000_000, paidAt: '2026-06-10' }],
    }], 'test');
    expect(fed.updated).toBe(1);
    // O2's delivery was really on 29 June (19 days): it moves from July to June.
    await db.query(
      `UPDATE orders SET status_history = $2::jsonb WHERE id = $1`,
      [orders.get('O2') ?? null, JSON.stringify([{ status: 'placed', at: '2026-06-10T03:00:00.000Z' }, { status: 'delivered', at: '2026-06-29T03:00:00.000Z' }])]);
    const after = await june();
    expect(section(after, 'receivablesAgeing').rows.find((x) => x.key === 'd31_60')?.values).toEqual({ invoices: 0, openIdr: 0, openShare: 0 });
    expect(section(after, 'collection').rows[0]?.values).toMatchObject({ collectedIdr: 2_400_000, collectedLateIdr: 1_900_000, openEndIdr: 5_500_000 });
    expect(section(after, 'orderCycle').rows.find((x) => x.key === MODEM)?.values).toEqual({ completed: 3, avgCycleDays: 17, p90CycleDays: 29, cancelled: 1, cancelRate: 25 });
    const july = await runReport(db, 'postSales', { period: '2026-07', compare: 'none', language: 'en' }, NOW);
    expect(section(july, 'orderCycle').rows).toEqual([]);
    // A deleted invoice leaves the ageing and takes its promises with it.
    await db.query("DELETE FROM receivables WHERE invoice_no = 'INV-C'");
    const without = await june();
    expect(section(without, 'receivablesAgeing').rows.find((x) => x.key === 'd90_plus')?.values.openIdr).toBe(0);
    expect(section(without, 'promises').rows[0]?.values).toMatchObject({ promised: 3, broken: 1 });
  });
});
