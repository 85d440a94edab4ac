// The sales report on hand-made opportunities, visits, costs, budgets and targets with known
// answers, through the real server and database (both engines): June 2026 by stage, team and
// owner — an opportunity won on 30 June 23:59 Jakarta is June's (and Semester I's), one won on
// 1 July 00:00 July's; the same for a visit — the pipeline as June's last day left it, though
// an opportunity moved on since; a quarter's target covering its months; a sales manager's
// drill-down limited to their team; a target set through the Budgets route; the report
// refused to an agent and a lead.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { localDay, periodContaining } from '../../../src/shared/report-periods.js';
import { runReport } from '../../../src/server/reports/run.js';
import { type Db } from '../../../src/server/db/db.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';
import { section } from '../helpers/reports.js';

const M = 1_000_000;
const JAKARTA = '00000000-0000-4000-8000-00000000b101';

forEachDatabase('reports: sales', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 4, seed: 19, interactionsMean: 0 } });
  const ids = new Map<string, string>();
  const opp = new Map<string, string>();
  let surabaya = '';
  let customer = '';
  let manager = '';
  let admin = '';

  async function opportunity(db: Db, name: string, o: { owner: string; stage: string; value: number; closedAt?: string }) {
    const id = randomUUID();
    opp.set(name, id);
    await db.query(
      `INSERT INTO opportunities (id, opportunity_no, customer_id, title, stage_code, value_idr, expected_close, owner_id, closed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, '2026-07-31', $7, $8, '2026-05-01T03:00:00Z')`,
      [id, `OPP-T-${name}`, customer, `Deal ${name}`, o.stage, o.value, ids.get(o.owner) ?? null, o.closedAt ? new Date(o.closedAt) : null]);
  }
  async function visit(db: Db, owner: string, at: string, status: string) {
    const start = new Date(at);
    await db.query(
      `INSERT INTO sales_visits (id, owner_id, customer_id, purpose, planned_start, planned_end, status) VALUES ($1, $2, $3, 'Presentasi', $4, $5, $6)`,
      [randomUUID(), ids.get(owner) ?? null, customer, start, new Date(start.getTime() + 3_600_000), status]);
  }
  async function cost(db: Db, owner: string, budget: string, amount: number, on: string) {
    await db.query(
      `INSERT INTO sales_costs (id, owner_id, budget, category, amount_idr, spent_on) VALUES ($1, $2, $3, 'transport', $4, $5::date)`,
      [randomUUID(), ids.get(owner) ?? null, budget, amount, on]);
  }
  async function plan(db: Db, kind: string, periodKind: string, start: string, holder: { team?: string; user?: string }, amount: number) {
    await db.query(
      `INSERT INTO sales_budgets (id, kind, period_kind, period_start, team_id, user_id, amount_idr) VALUES ($1, $2, $3, $4::date, $5, $6, $7)`,
      [randomUUID(), kind, periodKind, start, holder.team ?? null, holder.user ?? null, amount]);
  }

  beforeAll(async () => {
    const db = s.current.server.db;
    surabaya = randomUUID();
    await db.query("INSERT INTO teams (id, name) VALUES ($1, 'Sales Surabaya')", [surabaya]);
    await db.query(`INSERT INTO users (id, username, display_name, role, password_hash, team_id) VALUES ($1, 'sales3', 'Joko Susilo', 'sales_rep', 'x', $2)`,
      [randomUUID(), surabaya]);
    for (const r of await db.query<{ id: string; username: string }>('SELECT id, username FROM users')) ids.set(r.username, r.id);
    customer = (await db.query<{ id: string }>('SELECT id FROM customers ORDER BY id LIMIT 1'))[0]?.id ?? '';
    // Sales Jakarta (sales1, sales2; led by salesmgr1) and Sales Surabaya (sales3).
    await opportunity(db, 'o1', { owner: 'sales1', stage: 'won', value: 100 * M, closedAt: '2026-06-10T03:00:00Z' });
    await opportunity(db, 'o2', { owner: 'sales1', stage: 'won', value: 50 * M, closedAt: '2026-06-30T16:59:00Z' }); // 30 June 23:59 WIB
    await opportunity(db, 'o3', { owner: 'sales2', stage: 'won', value: 70 * M, closedAt: '2026-06-30T17:00:00Z' }); // 1 July 00:00 WIB
    await opportunity(db, 'o4', { owner: 'sales2', stage: 'lost', value: 20 * M, closedAt: '2026-06-15T03:00:00Z' });
    await opportunity(db, 'o5', { owner: 'sales3', stage: 'won', value: 30 * M, closedAt: '2026-06-20T03:00:00Z' });
    await opportunity(db, 'o6', { owner: 'sales1', stage: 'qualify', value: 10 * M });
    await opportunity(db, 'o7', { owner: 'sales1', stage: 'negotiate', value: 40 * M });
    await opportunity(db, 'o8', { owner: 'sales2', stage: 'propose', value: 25 * M });
    await opportunity(db, 'o9', { owner: 'sales3', stage: 'negotiate', value: 60 * M });
    await visit(db, 'sales1', '2026-06-05T02:00:00Z', 'done');
    await visit(db, 'sales1', '2026-06-06T02:00:00Z', 'checked_in');
    await visit(db, 'sales1', '2026-06-07T02:00:00Z', 'planned');
    await visit(db, 'sales1', '2026-06-08T02:00:00Z', 'cancelled');
    await visit(db, 'sales2', '2026-06-30T16:59:00Z', 'done'); // June
    await visit(db, 'sales2', '2026-06-30T17:00:00Z', 'done'); // July
    await cost(db, 'sales1', 'prospecting', 2 * M, '2026-06-05');
    await cost(db, 'sales1', 'cost', 500_000, '2026-06-30');
    await cost(db, 'sales2', 'cost', 1 * M, '2026-07-01');
    await plan(db, 'prospecting', 'month', '2026-06-01', { team: JAKARTA }, 5 * M);
    await plan(db, 'cost', 'month', '2026-06-01', { team: JAKARTA }, 1 * M);
    await plan(db, 'prospecting', 'month', '2026-06-01', { user: ids.get('sales1') ?? '' }, 4 * M);
    // sales1's target: 120 M for June, 300 M for Q2 (which covers June in a quarterly report).
    await plan(db, 'target', 'month', '2026-06-01', { user: ids.get('sales1') ?? '' }, 120 * M);
    await plan(db, 'target', 'quarter', '2026-04-01', { user: ids.get('sales1') ?? '' }, 300 * M);
    manager = await s.current.login('salesmgr1', 'salesmgr1-pass');
    admin = await s.current.login('admin1', 'admin1-pass');
    // The team's June target through the Budgets screen's route (a manager, for the team they lead).
    const set = await s.current.api('/sales/budgets', {
      method: 'PUT', token: manager, body: JSON.stringify({ kind: 'target', period: '2026-06', teamId: JAKARTA, amountIdr: 200 * M }),
    });
    expect(set.status).toBe(200);
    // June's last fold: the pipeline as 30 June 23:00 WIB left it.
    await runReport(db, 'sales', { period: '2026-06', compare: 'none', language: 'en' }, new Date('2026-06-30T16:00:00Z'));
    // Since then o6 moved on to the proposal.
    await db.query("UPDATE opportunities SET stage_code = 'propose' WHERE id = $1", [opp.get('o6') ?? null]);
  });

  it('June 2026: won against target by team and owner; 30 June 23:59 in June, 1 July 00:00 in July', async () => {
    const june = await runReport(s.current.server.db, 'sales', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    const byTeam = section(june, 'salesWonByTeam');
    expect(byTeam.rows.map((r) => [r.label, r.values])).toEqual([
      ['Sales Jakarta', { salesWon: 2, salesWonValue: 150 * M, salesTarget: 200 * M, salesTargetPct: 75, salesLost: 1, salesWinRate: 66.7 }],
      ['Sales Surabaya', { salesWon: 1, salesWonValue: 30 * M, salesTarget: null, salesTargetPct: null, salesLost: 0, salesWinRate: 100 }],
    ]);
    expect(byTeam.total?.values).toEqual({ salesWon: 3, salesWonValue: 180 * M, salesTarget: 200 * M, salesTargetPct: 90, salesLost: 1, salesWinRate: 75 });
    const byOwner = section(june, 'salesWonByOwner');
    expect(byOwner.rows.map((r) => [r.label, r.values.salesWon, r.values.salesWonValue, r.values.salesTarget, r.values.salesTargetPct, r.values.salesWinRate])).toEqual([
      ['Bima Saputra', 2, 150 * M, 120 * M, 125, 100],
      ['Joko Susilo', 1, 30 * M, null, null, 100],
      ['Lina Marlina', 0, 0, null, null, 0],
    ]);
    const july = await runReport(s.current.server.db, 'sales', { period: '2026-07', compare: 'previous', language: 'en' }, new Date());
    // The comparison's owners keep their rows (at 0 in July), as in every report.
    expect(section(july, 'salesWonByOwner').rows.map((r) => [r.label, r.values.salesWon, r.values.salesWonValue]))
      .toEqual([['Bima Saputra', 0, 0], ['Joko Susilo', 0, 0], ['Lina Marlina', 1, 70 * M]]);
    expect(section(july, 'salesWonByTeam').total?.compare).toMatchObject({ salesWon: 3, salesWonValue: 180 * M });
    // Semester I holds June's 30 June 23:59 win, not the 1 July one.
    const s1 = await runReport(s.current.server.db, 'sales', { period: '2026-S1', compare: 'none', language: 'en' }, new Date());
    expect(section(s1, 'salesWonByTeam').total?.values).toMatchObject({ salesWon: 3, salesWonValue: 180 * M, salesLost: 1 });
  });

  it('a quarter\'s target covers its months; visits planned vs realised; budgets vs spend', async () => {
    const db = s.current.server.db;
    const q2 = await runReport(db, 'sales', { period: '2026-Q2', compare: 'none', language: 'en' }, new Date());
    expect(section(q2, 'salesWonByOwner').rows.find((r) => r.key === ids.get('sales1'))?.values)
      .toMatchObject({ salesWonValue: 150 * M, salesTarget: 300 * M, salesTargetPct: 50 });
    const june = await runReport(db, 'sales', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    const visits = section(june, 'salesVisitsByOwner');
    expect(visits.rows.map((r) => [r.label, r.values])).toEqual([
      ['Bima Saputra', { salesVisitsPlanned: 3, salesVisitsRealised: 2, salesRealisationPct: 66.7 }],
      ['Lina Marlina', { salesVisitsPlanned: 1, salesVisitsRealised: 1, salesRealisationPct: 100 }],
    ]);
    expect(visits.total?.values).toEqual({ salesVisitsPlanned: 4, salesVisitsRealised: 3, salesRealisationPct: 75 });
    expect(section(june, 'salesBudgetsByTeam').rows.map((r) => [r.label, r.values])).toEqual([
      ['Sales Jakarta', {
        salesProspectingBudget: 5 * M, salesProspectingSpent: 2 * M, salesProspectingPct: 40,
        salesCostBudget: 1 * M, salesCostSpent: 500_000, salesCostPct: 50,
      }],
    ]);
    expect(section(june, 'salesBudgetsByOwner').rows.map((r) => [r.label, r.values])).toEqual([
      ['Bima Saputra', {
        salesProspectingBudget: 4 * M, salesProspectingSpent: 2 * M, salesProspectingPct: 50,
        salesCostBudget: null, salesCostSpent: 500_000, salesCostPct: null,
      }],
    ]);
    const july = await runReport(db, 'sales', { period: '2026-07', compare: 'none', language: 'en' }, new Date());
    expect(section(july, 'salesVisitsByOwner').total?.values).toMatchObject({ salesVisitsPlanned: 1, salesVisitsRealised: 1 });
    expect(section(july, 'salesBudgetsByOwner').rows.map((r) => [r.label, r.values.salesCostSpent])).toEqual([['Lina Marlina', 1 * M]]);
  });

  it('the pipeline at June\'s end and now; folding again changes nothing; a re-dated visit leaves its first day', async () => {
    const db = s.current.server.db;
    const june = await runReport(db, 'sales', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    const byStage = section(june, 'salesPipelineByStage');
    expect(byStage.rows.map((r) => [r.label, r.values, r.drill])).toEqual([
      ['Qualify', { salesOpen: 1, salesValue: 10 * M, salesWeighted: 1 * M }, false],
      ['Proposal', { salesOpen: 1, salesValue: 25 * M, salesWeighted: 10 * M }, false],
      ['Negotiation', { salesOpen: 2, salesValue: 100 * M, salesWeighted: 70 * M }, false],
    ]);
    expect(byStage.total?.values).toEqual({ salesOpen: 4, salesValue: 135 * M, salesWeighted: 81 * M });
    expect(section(june, 'salesPipelineByOwner').rows.find((r) => r.key === ids.get('sales1'))?.values)
      .toEqual({ salesOpen: 2, salesValue: 50 * M, salesWeighted: 29 * M });
    const thisMonth = periodContaining('month', localDay(new Date())).key;
    const now = await runReport(db, 'sales', { period: thisMonth, compare: 'none', language: 'en' }, new Date());
    expect(section(now, 'salesPipelineByStage').rows.map((r) => [r.key, r.values.salesOpen, r.values.salesValue, r.drill])).toEqual([
      ['qualify', 0, 0, true], ['propose', 2, 35 * M, true], ['negotiate', 2, 100 * M, true],
    ]);
    const again = await runReport(db, 'sales', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    expect(again.sections).toEqual(june.sections);
    // sales1's planned visit of 7 June moves to 1 July: June loses it, July gains it.
    await db.query("UPDATE sales_visits SET planned_start = '2026-07-01T02:00:00Z', planned_end = '2026-07-01T03:00:00Z' WHERE planned_start = '2026-06-07T02:00:00Z'");
    const moved = await runReport(db, 'sales', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    expect(section(moved, 'salesVisitsByOwner').rows.find((r) => r.key === ids.get('sales1'))?.values)
      .toEqual({ salesVisitsPlanned: 2, salesVisitsRealised: 2, salesRealisationPct: 100 });
    await db.query("UPDATE sales_visits SET planned_start = '2026-06-07T02:00:00Z', planned_end = '2026-06-07T03:00:00Z' WHERE planned_start = '2026-07-01T02:00:00Z'");
  });

  it('drill-down within the manager\'s team; the current pipeline\'s records; agents and leads refused', async () => {
    const drill = await s.current.api(`/reports/sales/drill?period=2026-06&section=salesWonByTeam&key=${JAKARTA}&language=en`, { token: manager });
    expect(drill.status).toBe(200);
    const page = drill.body as { total: number; rows: { salesOpportunity: string; salesStage: string; salesValue: number; team: string }[] };
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => [r.salesOpportunity, r.salesStage, r.salesValue])).toEqual([
      ['OPP-T-o1 Deal o1', 'Won', 100 * M], ['OPP-T-o4 Deal o4', 'Lost', 20 * M], ['OPP-T-o2 Deal o2', 'Won', 50 * M],
    ]);
    const other = await s.current.api(`/reports/sales/drill?period=2026-06&section=salesWonByTeam&key=${surabaya}`, { token: manager });
    expect((other.body as { total: number }).total).toBe(0);
    const asAdmin = await s.current.api(`/reports/sales/drill?period=2026-06&section=salesWonByTeam&key=${surabaya}`, { token: admin });
    expect((asAdmin.body as { total: number }).total).toBe(1);
    const visits = await s.current.api(`/reports/sales/drill?period=2026-06&section=salesVisitsByOwner&key=${ids.get('sales1')}&language=en`, { token: manager });
    expect((visits.body as { rows: { status: string }[] }).rows.map((r) => r.status)).toEqual(['Done', 'Checked in', 'Planned']);
    const costs = await s.current.api(`/reports/sales/drill?period=2026-06&section=salesBudgetsByOwner&key=${ids.get('sales1')}&language=en`, { token: manager });
    expect((costs.body as { rows: unknown[] }).rows).toEqual([
      { at: '2026-06-05', salesOwner: 'Bima Saputra', team: 'Sales Jakarta', salesBudget: 'Prospecting', category: 'Transport', salesAmount: 2 * M, salesNote: '' },
      { at: '2026-06-30', salesOwner: 'Bima Saputra', team: 'Sales Jakarta', salesBudget: 'Costs', category: 'Transport', salesAmount: 500_000, salesNote: '' },
    ]);
    const thisMonth = periodContaining('month', localDay(new Date())).key;
    const open = await s.current.api(`/reports/sales/drill?period=${thisMonth}&section=salesPipelineByStage&key=propose`, { token: manager });
    expect((open.body as { rows: { salesOpportunity: string }[] }).rows.map((r) => r.salesOpportunity).sort()).toEqual(['OPP-T-o6 Deal o6', 'OPP-T-o8 Deal o8']);
    const csv = await fetch(`${s.current.server.url}/api/v1/reports/sales/drill/export?period=2026-06&section=salesWonByOwner&key=${ids.get('sales1')}&format=csv&language=en`,
      { headers: { authorization: `Bearer ${manager}` } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\n').filter((l) => l.includes('OPP-T-'))).toHaveLength(2);
    for (const format of ['xlsx', 'pdf', 'csv']) {
      const file = await fetch(`${s.current.server.url}/api/v1/reports/sales/export?period=2026-06&compare=previous&format=${format}&language=id`,
        { headers: { authorization: `Bearer ${manager}` } });
      expect(file.status).toBe(200);
      if (format === 'csv') expect(await file.text()).toContain('Menang terhadap target per tim');
      else expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await s.current.api('/reports/sales/drill?period=2026-06&section=salesNope&key=x', { token: manager })).status).toBe(404);
    for (const [user, pass] of [['agent1', 'agent1-pass'], ['lead1', 'lead1-pass'], ['sales1', 'sales1-pass']] as const) {
      const token = await s.current.login(user, pass);
      expect((await s.current.api('/reports/sales?period=2026-06', { token })).status).toBe(403);
      expect((await s.current.api(`/reports/sales/drill?period=2026-06&section=salesWonByTeam&key=${JAKARTA}`, { token })).status).toBe(403);
    }
    expect((await s.current.api('/reports/sales?period=2026-06', { token: manager })).status).toBe(200);
  });
});
