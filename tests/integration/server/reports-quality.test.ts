// The quality report on hand-made evaluations with known answers, through the real server and
// database (both engines): June 2026 by team and agent — the standing score is the re-score's
// when a dispute was re-scored, a failed fatal item counts (score 0), an evaluation submitted
// on 30 June 23:59 Jakarta is June's and one at 1 July 00:00:30 July's — the fold incremental
// (a re-score made later moves its original's day), a lead's drill-down limited to their
// teams, an XLSX export read back, and the report refused to an agent.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { runReport } from '../../../src/server/reports/run.js';
import { type Db } from '../../../src/server/db/db.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';
import { section, twoTeams } from '../helpers/reports.js';

forEachDatabase('reports: quality', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 4, seed: 19, interactionsMean: 0 } });
  const ids = new Map<string, string>();
  let teamT = '';
  let teamU = '';
  const evals = new Map<string, string>();
  let version = '';
  let interaction = '';
  let lead = '';
  let agent = '';

  async function evaluate(db: Db, name: string, o: { agent: string; evaluator: string; score: number; fatal?: boolean; at: string | Date; rescoreOf?: string }) {
    const id = randomUUID();
    evals.set(name, id);
    await db.query(
      `INSERT INTO quality_evaluations (id, interaction_id, agent_id, evaluator_id, form_version_id, rescore_of, answers, score, result, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, '{}'::jsonb, $7, $8::jsonb, $9)`,
      [id, interaction, ids.get(o.agent) ?? null, ids.get(o.evaluator) ?? null, version, o.rescoreOf ?? null, o.score,
        JSON.stringify({ total: o.score, sections: [], fatalFailed: o.fatal ?? false, criticalFailedSections: [], failedItems: [] }), new Date(o.at)]);
    return id;
  }
  async function dispute(db: Db, original: string, at: string | Date, rescore?: { id: string; at: string | Date }) {
    await db.query(
      `INSERT INTO quality_disputes (evaluation_id, agent_id, reason, disputed_at, window_hours, rescore_id, resolved_at)
       SELECT id, agent_id, 'Tidak setuju', $2, 72, $3::uuid, $4::timestamptz FROM quality_evaluations WHERE id = $1`,
      [original, new Date(at), rescore?.id ?? null, rescore ? new Date(rescore.at) : null]);
  }

  beforeAll(async () => {
    const db = s.current.server.db;
    ({ teamT, teamU } = await twoTeams(db, ids));
    const [customer] = await db.query<{ id: string }>('SELECT id FROM customers LIMIT 1');
    interaction = randomUUID();
    await db.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id) VALUES ($1, $2, 'phone', 'inbound', $3, $4)`,
      [interaction, customer?.id ?? null, new Date('2026-06-01T03:00:00Z'), ids.get('agent1') ?? null]);
    const form = randomUUID();
    version = randomUUID();
    await db.query("INSERT INTO quality_forms (id, name_id, name_en) VALUES ($1, 'Mutu', 'Quality')", [form]);
    await db.query("INSERT INTO quality_form_versions (id, form_id, version, definition) VALUES ($1, $2, 1, '{}'::jsonb)", [version, form]);
    // agent1 (Tim Tagihan): 80; 60 disputed and re-scored 70; a fatal item failed (0).
    await evaluate(db, 'e1', { agent: 'agent1', evaluator: 'lead1', score: 80, at: '2026-06-05T03:00:00Z' });
    const e2 = await evaluate(db, 'e2', { agent: 'agent1', evaluator: 'lead1', score: 60, at: '2026-06-06T03:00:00Z' });
    const r2 = await evaluate(db, 'r2', { agent: 'agent1', evaluator: 'admin1', score: 70, at: '2026-06-09T03:00:00Z', rescoreOf: e2 });
    await dispute(db, e2, '2026-06-07T03:00:00Z', { id: r2, at: '2026-06-09T03:00:00Z' });
    await evaluate(db, 'e3', { agent: 'agent1', evaluator: 'lead1', score: 0, fatal: true, at: '2026-06-12T03:00:00Z' });
    // agent2 (Tim Jaringan): 90 at 30 June 23:59 Jakarta, disputed, not yet re-scored: June's.
    const e4 = await evaluate(db, 'e4', { agent: 'agent2', evaluator: 'lead1', score: 90, at: '2026-06-30T16:59:00Z' });
    await dispute(db, e4, '2026-07-01T02:00:00Z');
    // 75 at 1 July 00:00:30 Jakarta: July's.
    await evaluate(db, 'e5', { agent: 'agent2', evaluator: 'lead1', score: 75, at: '2026-06-30T17:00:30Z' });
    lead = await s.current.login('lead1', 'lead1-pass');
    agent = await s.current.login('agent1', 'agent1-pass');
  });

  it('June 2026 by team and agent and in total; 30 June 23:59 in June, 1 July 00:00:30 in July', async () => {
    const db = s.current.server.db;
    const june = await runReport(db, 'quality', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    const byTeam = section(june, 'qualityByTeam');
    expect(byTeam.rows.map((r) => [r.label, r.values])).toEqual([
      ['Tim Jaringan', { evaluations: 1, avgScore: 90, fatalRate: 0, disputed: 1, disputeRate: 100, rescored: 0, scoreChanged: 0 }],
      ['Tim Tagihan', { evaluations: 3, avgScore: 50, fatalRate: 33.3, disputed: 1, disputeRate: 33.3, rescored: 1, scoreChanged: 1 }],
    ]);
    expect(byTeam.total?.values).toEqual({ evaluations: 4, avgScore: 60, fatalRate: 25, disputed: 2, disputeRate: 50, rescored: 1, scoreChanged: 1 });
    const byAgent = section(june, 'qualityByAgent');
    expect(byAgent.rows.find((r) => r.key === ids.get('agent1'))?.values.avgScore).toBe(50);
    const july = await runReport(db, 'quality', { period: '2026-07', compare: 'previous', language: 'en' }, new Date());
    expect(section(july, 'qualityByAgent').total?.values).toMatchObject({ evaluations: 1, avgScore: 75 });
    expect(section(july, 'qualityByAgent').total?.compare).toMatchObject({ evaluations: 4, avgScore: 60 });
  });

  it('folding again changes nothing; a dispute re-scored later moves its original\'s day', async () => {
    const db = s.current.server.db;
    const before = await runReport(db, 'quality', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    const again = await runReport(db, 'quality', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    expect(again.sections).toEqual(before.sections);
    // e1 (80) disputed now and re-scored 40: agent1's standing scores 40 + 70 + 0.
    const now = new Date();
    const r1 = await evaluate(db, 'r1', { agent: 'agent1', evaluator: 'admin1', score: 40, at: now, rescoreOf: evals.get('e1') });
    await dispute(db, evals.get('e1') ?? '', now, { id: r1, at: now });
    const after = await runReport(db, 'quality', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    expect(section(after, 'qualityByTeam').rows.find((r) => r.key === teamT)?.values)
      .toEqual({ evaluations: 3, avgScore: 36.7, fatalRate: 33.3, disputed: 2, disputeRate: 66.7, rescored: 2, scoreChanged: 2 });
  });

  it('drill-down: a lead lists their team\'s evaluations, not another team\'s; XLSX read back; an agent is refused', async () => {
    const drill = await s.current.api(`/reports/quality/drill?period=2026-06&section=qualityByTeam&key=${teamT}&language=en`, { token: lead });
    expect(drill.status).toBe(200);
    const page = drill.body as { total: number; rows: { score: number; fatal: string; dispute: string; evaluator: string }[] };
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => [r.score, r.fatal, r.dispute])).toEqual([[40, 'No', 'Re-scored'], [70, 'No', 'Re-scored'], [0, 'Yes', '—']]);
    const other = await s.current.api(`/reports/quality/drill?period=2026-06&section=qualityByTeam&key=${teamU}`, { token: lead });
    expect((other.body as { total: number }).total).toBe(0);
    const file = await fetch(`${s.current.server.url}/api/v1/reports/quality/export?period=2026-06&format=xlsx&language=en`,
      { headers: { authorization: `Bearer ${lead}` } });
    expect(file.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    book.worksheets[0]?.eachRow((row) => { cells.push(...(row.values as unknown[])); });
    expect(cells).toContain('Quality by team');
    expect(cells).toContain(36.7);
    expect((await s.current.api('/reports/quality?period=2026-06', { token: agent })).status).toBe(403);
    // A sales manager reads the sales reports, not the contact center's (REPORT_ROLES).
    const manager = await s.current.login('salesmgr1', 'salesmgr1-pass');
    expect((await s.current.api('/reports/quality?period=2026-06', { token: manager })).status).toBe(403);
    expect((await s.current.api(`/reports/quality/drill?period=2026-06&section=qualityByTeam&key=${teamT}`, { token: manager })).status).toBe(403);
    expect((await s.current.api('/reports/quality/drill?period=2026-06&section=byTeam&key=x', { token: lead })).status).toBe(404);
  });
});
