// The customers report on hand-made customers with known answers, through the real server and
// database (both engines): the base by tier (new, lost when the last contract ends, won back,
// deleted, moved between tiers), the lifecycle movement, lifetime value by the tier held on the
// payment's day — a customer created on 30 June 23:59 Jakarta is June's (and Semester I's), one
// at 1 July 00:00 July's — the fold incremental and idempotent, the drill-down, and the report
// refused to an agent and a sales rep. The triggers stamp events with the time of writing, so
// each step's events are moved to the step's hand-made time before the first fold reads them.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../../src/server/reports/run.js';
import { type Db } from '../../../src/server/db/db.js';
import { loadMigrations, migrate } from '../../../src/server/db/migrate.js';
import { createPgliteDb } from '../../../src/server/db/pglite-db.js';
import { foldCustomers } from '../../../src/server/reports/customers-rollup.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';
import { section } from '../helpers/reports.js';

forEachDatabase('reports: customers', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 2, seed: 19, interactionsMean: 0 } });
  const ids = new Map<string, string>();
  const idOf = (name: string) => ids.get(name) ?? '';
  let lead = '';

  /** Runs `write`, then dates the history events it wrote at `when`. */
  async function at(db: Db, when: string, write: () => Promise<unknown>) {
    const [last] = await db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM customer_lifecycle_events');
    await write();
    await db.query('UPDATE customer_lifecycle_events SET at = $1 WHERE id > $2::bigint', [new Date(when), last?.id ?? '0']);
  }
  const customer = (db: Db, name: string, tier: string, lifecycle: string) => {
    const id = randomUUID();
    ids.set(name, id);
    return db.query('INSERT INTO customers (id, customer_no, full_name, tier, lifecycle) VALUES ($1, $2, $3, $4, $5)',
      [id, `T-${name}`, `Pelanggan ${name}`, tier, lifecycle]);
  };
  const contract = (db: Db, name: string, no: string) => db.query(
    `INSERT INTO contracts (id, contract_no, customer_id, product, start_date, monthly_fee_idr, status)
     VALUES ($1, $2, $3, 'FIBER-100', '2026-05-10', 300000, 'active')`, [randomUUID(), no, idOf(name)]);
  const invoice = (db: Db, no: string, name: string, paid: number, payments: { ref: string; amountIdr: number; paidAt: string }[], issued: string) =>
    db.query(
      `INSERT INTO receivables (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status, payments)
       VALUES ($1, $2, $3, 5000000, $4, $5::date, $5::date + 30, 'open', $6::jsonb)`,
      [randomUUID(), no, idOf(name), paid, issued, JSON.stringify(payments)]);

  beforeAll(async () => {
    const db = s.current.server.db;
    // The demo seed's customers are left out of the hand-made answers.
    await db.query(`TRUNCATE customer_lifecycle_events, customer_contract_state, report_customers_changes, report_customers_daily,
      report_customers_stage_daily, report_customer_payments, report_customers_paid_daily, report_customers_payment_changes`);
    // 10 May: A gold customer, B gold prospect, C silver customer, D platinum loyal with a contract.
    await at(db, '2026-05-10T03:00:00Z', async () => {
      await customer(db, 'A', 'gold', 'customer');
      await customer(db, 'B', 'gold', 'prospect');
      await customer(db, 'C', 'silver', 'customer');
      await customer(db, 'D', 'platinum', 'loyal');
      await contract(db, 'D', 'K-D1');
    });
    await at(db, '2026-06-05T03:00:00Z', () => db.query("UPDATE customers SET lifecycle = 'customer' WHERE id = $1", [idOf('B')]));
    await at(db, '2026-06-10T03:00:00Z', () => db.query("UPDATE customers SET tier = 'platinum' WHERE id = $1", [idOf('A')]));
    // D's only contract ends: lost.
    await at(db, '2026-06-15T03:00:00Z', () => db.query("UPDATE contracts SET status = 'ended' WHERE contract_no = 'K-D1'"));
    // 30 June 23:59 Jakarta: June's; 1 July 00:00 Jakarta: July's.
    await at(db, '2026-06-30T16:59:00Z', () => customer(db, 'E', 'regular', 'suspect'));
    await at(db, '2026-06-30T17:00:00Z', () => customer(db, 'F', 'regular', 'prospect'));
    // D wins a contract again: won back. C's record is deleted: leaves the base.
    await at(db, '2026-07-03T03:00:00Z', () => contract(db, 'D', 'K-D2'));
    await at(db, '2026-07-05T03:00:00Z', () => db.query('DELETE FROM customers WHERE id = $1', [idOf('C')]));
    // Payments: A's on 20 May (gold then) and 20 June (platinum then); B's invoice paid without
    // lines (dated its issue day, 2 June); E's on 2 July.
    await invoice(db, 'INV-A', 'A', 1_500_000, [{ ref: 'p1', amountIdr: 1_000_000, paidAt: '2026-05-20' }, { ref: 'p2', amountIdr: 500_000, paidAt: '2026-06-20' }], '2026-05-01');
    await invoice(db, 'INV-B', 'B', 300_000, [], '2026-06-02');
    await invoice(db, 'INV-E', 'E', 200_000, [{ ref: 'p3', amountIdr: 200_000, paidAt: '2026-07-02' }], '2026-07-01');
    lead = await s.current.login('lead1', 'lead1-pass');
  });

  const values = (r: { key: string; values: Record<string, number | null> }[]) => Object.fromEntries(r.map((x) => [x.key, x.values]));

  it('June 2026: the base by tier, the lifecycle movement and lifetime value; 30 June 23:59 is June\'s', async () => {
    const db = s.current.server.db;
    const june = await runReport(db, 'customers', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    const base = section(june, 'customersByTier');
    expect(values(base.rows)).toEqual({
      platinum: { atStart: 1, new: 0, regained: 0, lost: 1, movedIn: 1, movedOut: 0, atEnd: 1, netChange: 0 },
      gold: { atStart: 2, new: 0, regained: 0, lost: 0, movedIn: 0, movedOut: 1, atEnd: 1, netChange: -1 },
      silver: { atStart: 1, new: 0, regained: 0, lost: 0, movedIn: 0, movedOut: 0, atEnd: 1, netChange: 0 },
      regular: { atStart: 0, new: 1, regained: 0, lost: 0, movedIn: 0, movedOut: 0, atEnd: 1, netChange: 1 },
    });
    expect(base.total?.values).toEqual({ atStart: 4, new: 1, regained: 0, lost: 1, movedIn: 1, movedOut: 1, atEnd: 4, netChange: 0 });
    const stages = section(june, 'lifecycleMovement');
    expect(stages.rows.map((r) => r.label)).toEqual(['New customers', 'Suspect', 'Prospect', 'Customer', 'Loyal', 'Advocate']);
    expect(values(stages.rows)['']).toEqual({ toSuspect: 1, toProspect: 0, toCustomer: 0, toLoyal: 0, toAdvocate: 0, moved: 1 });
    expect(values(stages.rows).prospect).toEqual({ toSuspect: 0, toProspect: 0, toCustomer: 1, toLoyal: 0, toAdvocate: 0, moved: 1 });
    expect(stages.total?.values).toEqual({ toSuspect: 1, toProspect: 0, toCustomer: 1, toLoyal: 0, toAdvocate: 0, moved: 2 });
    const ltv = section(june, 'lifetimeValue');
    expect(values(ltv.rows)).toEqual({
      platinum: { customers: 1, paidToDate: 500_000, avgLtv: 500_000, paidInPeriod: 500_000 },
      gold: { customers: 1, paidToDate: 1_300_000, avgLtv: 1_300_000, paidInPeriod: 300_000 },
      silver: { customers: 1, paidToDate: 0, avgLtv: 0, paidInPeriod: 0 },
      regular: { customers: 1, paidToDate: 0, avgLtv: 0, paidInPeriod: 0 },
    });
    expect(ltv.total?.values).toEqual({ customers: 4, paidToDate: 1_800_000, avgLtv: 450_000, paidInPeriod: 800_000 });
  });

  it('Semester I from an empty start; July compared with June: 1 July 00:00 new, won back, deleted', async () => {
    const db = s.current.server.db;
    const s1 = await runReport(db, 'customers', { period: '2026-S1', compare: 'none', language: 'en' }, new Date());
    expect(values(section(s1, 'customersByTier').rows)).toMatchObject({
      platinum: { atStart: 0, new: 1, lost: 1, movedIn: 1, atEnd: 1 },
      gold: { atStart: 0, new: 2, movedOut: 1, atEnd: 1 },
      regular: { atStart: 0, new: 1, atEnd: 1 },
    });
    const july = await runReport(db, 'customers', { period: '2026-07', compare: 'previous', language: 'en' }, new Date());
    const base = section(july, 'customersByTier');
    expect(values(base.rows)).toEqual({
      platinum: { atStart: 1, new: 0, regained: 1, lost: 0, movedIn: 0, movedOut: 0, atEnd: 2, netChange: 1 },
      gold: { atStart: 1, new: 0, regained: 0, lost: 0, movedIn: 0, movedOut: 0, atEnd: 1, netChange: 0 },
      silver: { atStart: 1, new: 0, regained: 0, lost: 1, movedIn: 0, movedOut: 0, atEnd: 0, netChange: -1 },
      regular: { atStart: 1, new: 1, regained: 0, lost: 0, movedIn: 0, movedOut: 0, atEnd: 2, netChange: 1 },
    });
    expect(base.total?.compare).toEqual({ atStart: 4, new: 1, regained: 0, lost: 1, movedIn: 1, movedOut: 1, atEnd: 4, netChange: 0 });
    expect(values(section(july, 'lifecycleMovement').rows)['']).toMatchObject({ toProspect: 1, moved: 1 });
    expect(section(july, 'lifetimeValue').total?.values).toEqual({ customers: 5, paidToDate: 2_000_000, avgLtv: 400_000, paidInPeriod: 200_000 });
  });

  it('folding again changes nothing; a payment line added later enters its day\'s tier', async () => {
    const db = s.current.server.db;
    const before = await runReport(db, 'customers', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    const again = await runReport(db, 'customers', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    expect(again.sections).toEqual(before.sections);
    await db.query(
      `UPDATE receivables SET paid_idr = 1600000, payments = payments || '[{"ref":"p4","amountIdr":100000,"paidAt":"2026-06-25"}]'::jsonb
        WHERE invoice_no = 'INV-A'`);
    const after = await runReport(db, 'customers', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    expect(values(section(after, 'lifetimeValue').rows).platinum).toEqual({ customers: 1, paidToDate: 600_000, avgLtv: 600_000, paidInPeriod: 600_000 });
    expect(values(section(after, 'lifetimeValue').rows).gold).toEqual(values(section(before, 'lifetimeValue').rows).gold);
  });

  it('drill-down lists the customers behind a row; an agent and a sales rep are refused', async () => {
    const drill = await s.current.api('/reports/customers/drill?period=2026-06&section=customersByTier&key=platinum&language=en', { token: lead });
    expect(drill.status).toBe(200);
    const page = drill.body as { total: number; rows: { customerNo: string; event: string; fromTier: string | null; toTier: string }[] };
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => [r.customerNo, r.event, r.fromTier, r.toTier])).toEqual([
      ['T-A', 'Moved in', 'Gold', 'Platinum'], ['T-D', 'Lost (last contract ended)', 'Platinum', 'Platinum'],
    ]);
    const gold = await s.current.api('/reports/customers/drill?period=2026-06&section=customersByTier&key=gold&language=en', { token: lead });
    expect((gold.body as { rows: { event: string }[] }).rows.map((r) => r.event)).toEqual(['Moved out']);
    const fresh = await s.current.api('/reports/customers/drill?period=2026-06&section=lifecycleMovement&key=&language=en', { token: lead });
    expect((fresh.body as { rows: { customerNo: string; toStage: string }[] }).rows).toMatchObject([{ customerNo: 'T-E', toStage: 'Suspect' }]);
    const july = await s.current.api('/reports/customers/drill?period=2026-07&section=customersByTier&key=silver&language=en', { token: lead });
    expect((july.body as { rows: { customer: string; event: string }[] }).rows).toMatchObject([{ customer: '(deleted)', event: 'Record deleted' }]);
    expect((await s.current.api('/reports/customers/drill?period=2026-06&section=lifetimeValue&key=gold', { token: lead })).status).toBe(404);
    for (const who of ['agent1', 'sales1']) {
      const token = await s.current.login(who, `${who}-pass`);
      expect((await s.current.api('/reports/customers?period=2026-06', { token })).status).toBe(403);
      expect((await s.current.api('/reports/customers/drill?period=2026-06&section=customersByTier&key=gold', { token })).status).toBe(403);
    }
  });
});

// The migration's backfill (one engine: it is plain SQL): the customers that exist when it runs
// are in the base from that day as 'opening' (not new); one whose contracts have all ended is
// lost already, and comes back as won back with a new contract; payments made before it count.
describe('reports: customers backfill', () => {
  it('opening counts, the lost state and earlier payments from the data that exists', async () => {
    const db = await createPgliteDb();
    try {
      const all = await loadMigrations();
      const at = all.findIndex((m) => m.name.endsWith('_report_customers'));
      await migrate(db, all.slice(0, at));
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      await db.query(`INSERT INTO customers (id, customer_no, full_name, tier, lifecycle)
        VALUES ($1, 'C1', 'A', 'gold', 'customer'), ($2, 'C2', 'B', 'gold', 'loyal'), ($3, 'C3', 'C', 'silver', 'prospect')`, [a, b, c]);
      await db.query(`INSERT INTO contracts (id, contract_no, customer_id, product, start_date, monthly_fee_idr, status)
        VALUES ($1, 'K1', $3, 'X', '2025-01-01', 1, 'active'), ($2, 'K2', $4, 'X', '2025-01-01', 1, 'ended')`, [randomUUID(), randomUUID(), a, b]);
      await db.query(`INSERT INTO receivables (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status, payments)
        VALUES ($1, 'I1', $2, 100, 70, '2025-01-01', '2025-02-01', 'open', '[{"ref":"a","amountIdr":70,"paidAt":"2025-01-05"}]')`, [randomUUID(), a]);
      await migrate(db, all);
      await foldCustomers(db, new Date());
      const base = async () => Object.fromEntries((await db.query<{ tier: string; opening: number; regained: number }>(
        'SELECT tier, sum(opening)::int AS opening, sum(regained)::int AS regained FROM report_customers_daily GROUP BY tier'))
        .map((r) => [r.tier, [r.opening, r.regained]]));
      expect(await base()).toEqual({ gold: [1, 0], silver: [1, 0] });
      expect(await db.query('SELECT day::text, tier, paid_idr::int FROM report_customers_paid_daily'))
        .toEqual([{ day: '2025-01-05', tier: 'gold', paid_idr: 70 }]);
      await db.query(`INSERT INTO contracts (id, contract_no, customer_id, product, start_date, monthly_fee_idr, status)
        VALUES ($1, 'K3', $2, 'X', '2026-01-01', 1, 'active')`, [randomUUID(), b]);
      await foldCustomers(db, new Date());
      expect(await base()).toEqual({ gold: [1, 1], silver: [1, 0] });
    } finally {
      await db.close();
    }
  });
});
