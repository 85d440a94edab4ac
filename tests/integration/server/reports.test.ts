// Reports on hand-made data with known answers, through the real server and database: the
// service figures by team and the total for June 2026 (a call answered on 30 June 23:59
// Jakarta counts in June even though it ends in July; one answered at 00:00:10 on 1 July
// counts in July), the fold idempotent and incremental, today's figures equal to the live
// floor's, complaints by category with SLA met, resolution time and reopen rate, the exports
// read back (XLSX with exceljs, PDF with pdfjs-dist, CSV) holding the same figures and
// audited, a lead's drill-down limited to their teams, bad input refused, and a schedule
// mailed on the first working day (1 January 2027 is a holiday) to the test SMTP server.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { floorSnapshot } from '../../../src/server/floor/snapshot.js';
import { foldServiceEvents } from '../../../src/server/reports/service-rollup.js';
import { runReport } from '../../../src/server/reports/run.js';
import { sweepSchedules } from '../../../src/server/reports/schedules.js';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { localDay } from '../../../src/shared/report-periods.js';
import { type Db } from '../../../src/server/db/db.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';
import { section, twoTeams } from '../helpers/reports.js';
import { startMailSink } from '../../support/replies-mail-sink.js';
import { pdfText } from '../../support/pdf-text.js';

const sec = (iso: string, plus: number) => new Date(Date.parse(iso) + plus * 1000);

interface Call { queue: string; enqueued: string; answerAfter?: number; abandonAfter?: number; doneAfter?: number; agent?: string; kind?: string; tier?: string; cancel?: boolean }

async function addCall(db: Db, c: Call): Promise<string> {
  const id = randomUUID();
  const kind = c.kind ?? 'call';
  await db.query(
    `INSERT INTO cc_tasks (id, kind, source_ref, queue_code, status, from_address, tier, enqueued_at, not_before, agent_id)
     VALUES ($1, $2, $3, $4, 'done', '+6281200000', $5, $6, $6, $7)`,
    [id, kind, `t-${id}`, c.queue, c.tier ?? 'gold', new Date(c.enqueued), c.agent ?? null]);
  const ev = async (at: Date, event: string, detail: Record<string, unknown> = {}, agent: string | null = null) => db.query(
    'INSERT INTO cc_events (at, event, task_id, agent_id, queue_code, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
    [at, event, id, agent, c.queue, JSON.stringify(detail)]);
  await ev(new Date(c.enqueued), 'enqueued', { kind });
  if (c.answerAfter !== undefined) await ev(sec(c.enqueued, c.answerAfter), 'answered', {}, c.agent ?? null);
  if (c.abandonAfter !== undefined) await ev(sec(c.enqueued, c.abandonAfter), 'abandoned', { outcome: 'caller_left' });
  if (c.doneAfter !== undefined) await ev(sec(c.enqueued, c.doneAfter), 'done', { outcome: 'handled' }, c.agent ?? null);
  if (c.cancel) await ev(sec(c.enqueued, 40), 'cancelled', { outcome: 'converted_to_callback' });
  return id;
}

forEachDatabase('reports', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 12, seed: 19, interactionsMean: 0 } });
  const ids = new Map<string, string>();
  let teamT = '';
  let teamU = '';
  let lead = '';
  let admin = '';
  let agent = '';

  beforeAll(async () => {
    const db = s.current.server.db;
    ({ teamT, teamU } = await twoTeams(db, ids));
    const a1 = ids.get('agent1');
    const a2 = ids.get('agent2');
    // June 2026 (times in UTC; Jakarta is +7).
    await addCall(db, { queue: 'billing', enqueued: '2026-06-10T03:00:00Z', answerAfter: 10, doneAfter: 130, agent: a1 });
    await addCall(db, { queue: 'billing', enqueued: '2026-06-10T03:10:00Z', answerAfter: 30, doneAfter: 230, agent: a1, tier: 'platinum' });
    await addCall(db, { queue: 'billing', enqueued: '2026-06-10T04:00:00Z', abandonAfter: 8 });
    await addCall(db, { queue: 'billing', enqueued: '2026-06-10T04:05:00Z', abandonAfter: 3 });
    // Answered 30 June 23:59:00 Jakarta, done 1 July 00:02:00: June's.
    await addCall(db, { queue: 'network', enqueued: '2026-06-30T16:58:30Z', answerAfter: 30, doneAfter: 210, agent: a2 });
    // Answered 1 July 00:00:10 Jakarta: July's.
    await addCall(db, { queue: 'network', enqueued: '2026-06-30T16:59:50Z', answerAfter: 20, doneAfter: 120, agent: a2 });
    // Not calls, or not ended waiting: left out.
    await addCall(db, { queue: 'billing', enqueued: '2026-06-11T03:00:00Z', answerAfter: 5, doneAfter: 600, agent: a1, kind: 'email' });
    await addCall(db, { queue: 'billing', enqueued: '2026-06-11T04:00:00Z', cancel: true });
    lead = await s.current.login('lead1', 'lead1-pass');
    admin = await s.current.login('admin1', 'admin1-pass');
    agent = await s.current.login('agent1', 'agent1-pass');
  });

  it('service figures of June 2026 by team and in total, with the 30 June 23:59 call in June and the 1 July 00:00 one in July', async () => {
    const db = s.current.server.db;
    const june = await runReport(db, 'service', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    const byTeam = section(june, 'byTeam');
    const t = byTeam.rows.find((r) => r.label === 'Tim Tagihan');
    const u = byTeam.rows.find((r) => r.label === 'Tim Jaringan');
    const none = byTeam.rows.find((r) => r.key === '');
    expect(t?.values).toMatchObject({ offered: 2, answered: 2, abandoned: 0, serviceLevel: 50, asa: 20, aht: 160, handledInTarget: 50 });
    expect(u?.values).toMatchObject({ offered: 1, answered: 1, serviceLevel: 0, asa: 30, aht: 180, handledInTarget: 0 });
    expect(none?.label).toBe('No team');
    expect(none?.values).toMatchObject({ offered: 2, answered: 0, abandoned: 1, shortAbandoned: 1, aht: null });
    // Total: SL = 1 in 20 s / (3 answered + 1 abandoned ≥ 5 s); the short abandon is out.
    expect(byTeam.total?.values).toEqual({
      offered: 5, answered: 3, abandoned: 1, shortAbandoned: 1, serviceLevel: 25, abandonment: 25, asa: 23.3, aht: 166.7, handledInTarget: 33.3,
    });
    expect(byTeam.columns.find((c) => c.key === 'aht')?.target).toEqual({ value: 150, better: 'below' });
    const july = await runReport(db, 'service', { period: '2026-07', compare: 'previous', language: 'id' }, new Date());
    expect(section(july, 'byQueue').total?.values).toMatchObject({ answered: 1, serviceLevel: 100, aht: 100 });
    expect(section(july, 'byQueue').total?.compare).toMatchObject({ answered: 3, aht: 166.7 });
    // Semester I holds June, Quarter III holds July; the tier dimension reads the task's tier.
    const s1 = await runReport(db, 'service', { period: '2026-S1', compare: 'none', language: 'id' }, new Date());
    expect(section(s1, 'byQueue').total?.values.answered).toBe(3);
    expect(section(s1, 'byTier').rows.find((r) => r.key === 'platinum')).toMatchObject({ label: 'Platinum', values: { answered: 1, aht: 200 } });
    expect(section(s1, 'byTier').rows.find((r) => r.key === 'gold')?.values.answered).toBe(2);
  });

  it('folding again changes nothing; a call done later updates its day', async () => {
    const db = s.current.server.db;
    const rows = async () => db.query<{ n: string; h: number }>('SELECT count(*) AS n, sum(handle_sec) AS h FROM report_service_daily');
    await foldServiceEvents(db, new Date());
    const before = await rows();
    await foldServiceEvents(db, new Date());
    expect(await rows()).toEqual(before);
    const id = await addCall(db, { queue: 'vip', enqueued: '2026-06-20T05:00:00Z', answerAfter: 4, agent: ids.get('agent1') });
    let june = await runReport(db, 'service', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    expect(section(june, 'byQueue').rows.find((r) => r.key === 'vip')?.values).toMatchObject({ answered: 1, aht: null });
    await db.query("INSERT INTO cc_events (at, event, task_id, queue_code, detail) VALUES ($1, 'done', $2, 'vip', '{}')", [new Date('2026-06-20T05:01:04Z'), id]);
    june = await runReport(db, 'service', { period: '2026-06', compare: 'none', language: 'en' }, new Date());
    expect(section(june, 'byQueue').rows.find((r) => r.key === 'vip')?.values).toMatchObject({ answered: 1, aht: 60, handledInTarget: 100 });
  });

  it('today in the report equals today on the live floor, queue by queue', async () => {
    const db = s.current.server.db;
    const now = new Date();
    const base = new Date(Math.max(now.getTime() - 30 * 60_000, Date.parse(`${localDay(now)}T00:00:00+07:00`)));
    const at = (m: number) => new Date(base.getTime() + m * 1000).toISOString();
    await addCall(db, { queue: 'general', enqueued: at(0), answerAfter: 12, doneAfter: 90, agent: ids.get('agent1') });
    await addCall(db, { queue: 'general', enqueued: at(5), answerAfter: 45, agent: ids.get('agent2') });
    await addCall(db, { queue: 'general', enqueued: at(9), abandonAfter: 25 });
    await addCall(db, { queue: 'general', enqueued: at(12), abandonAfter: 2 });
    await addCall(db, { queue: 'billing', enqueued: at(15), answerAfter: 3, agent: ids.get('agent1') });
    const adminUser = { id: ids.get('admin1') ?? '', username: 'admin1', displayName: 'Admin', role: 'admin' as const };
    const floor = await floorSnapshot(db, adminUser, new Date());
    const today = localDay(new Date());
    const report = await runReport(db, 'service', { period: `${today}_${today}`, compare: 'none', language: 'en' }, new Date());
    for (const q of floor.queues) {
      const row = section(report, 'byQueue').rows.find((r) => r.key === q.queueCode);
      const got = row ? { answered: row.values.answered, abandoned: row.values.abandoned, shortAbandoned: row.values.shortAbandoned, sl: row.values.serviceLevel, ab: row.values.abandonment }
        : { answered: 0, abandoned: 0, shortAbandoned: 0, sl: null, ab: null };
      expect(got, q.queueCode).toEqual({ answered: q.answered, abandoned: q.abandoned, shortAbandoned: q.shortAbandoned, sl: q.serviceLevel, ab: q.abandonment });
    }
    expect(floor.queues.find((q) => q.queueCode === 'general')).toMatchObject({ answered: 2, abandoned: 1, shortAbandoned: 1, serviceLevel: 33.3 });
  });

  it('complaints by category and channel: SLA met, resolution hours, reopen rate; repeat complainants', async () => {
    const db = s.current.server.db;
    const [c1, c2] = (await db.query<{ id: string }>('SELECT id FROM customers ORDER BY id LIMIT 2')).map((r) => r.id);
    const add = async (customer: string | undefined, category: string, channel: string, opened: string, dueH: number, resolvedH: number | null, reopened = 0) => {
      const id = randomUUID();
      const o = new Date(opened);
      await db.query(
        `INSERT INTO cases (id, case_no, customer_id, category, subject, priority, status, opened_at, sla_due_at, resolved_at, source_channel, reopened_count)
         VALUES ($1, $2, $3, $4, 'x', 'normal', $5, $6, $7, $8, $9, $10)`,
        [id, `R-${id.slice(0, 8)}`, customer ?? null, category, resolvedH === null ? 'open' : 'resolved', o, new Date(o.getTime() + dueH * 3_600_000),
          resolvedH === null ? null : new Date(o.getTime() + resolvedH * 3_600_000), channel, reopened]);
    };
    await add(c1, 'complaint', 'phone', '2026-05-04T02:00:00Z', 8, 4);
    await add(c1, 'complaint', 'email', '2026-05-05T02:00:00Z', 8, 10, 1);
    await add(c1, 'complaint', 'phone', '2026-05-06T02:00:00Z', 8, null);
    await add(c2, 'billing', 'phone', '2026-05-07T02:00:00Z', 24, 6);
    // 31 May 23:30 Jakarta: May; 1 June 00:30 Jakarta: June.
    await add(c2, 'complaint', 'sms', '2026-05-31T16:30:00Z', 8, 2);
    await add(c2, 'complaint', 'sms', '2026-05-31T17:30:00Z', 8, 2);
    const may = await runReport(db, 'complaints', { period: '2026-05', compare: 'none', language: 'en' }, new Date());
    const complaint = section(may, 'byCategory').rows.find((r) => r.key === 'complaint');
    expect(complaint?.label).toBe('Complaint');
    expect(complaint?.values).toEqual({ filed: 4, resolved: 3, slaMet: 66.7, resolutionHours: 5.3, reopenRate: 33.3 });
    expect(section(may, 'byChannel').rows.find((r) => r.key === 'sms')?.values.filed).toBe(1);
    expect(section(may, 'byCategory').total?.values).toMatchObject({ filed: 5, resolved: 4 });
    expect(section(may, 'repeat').rows).toEqual([expect.objectContaining({ key: c1, values: { cases: 3 } })]);
  });

  it('exports XLSX, PDF and CSV with the same figures, each audited', async () => {
    const q = 'period=2026-06&language=id';
    const xlsx = await fetch(`${s.current.server.url}/api/v1/reports/service/export?${q}&format=xlsx`, { headers: { authorization: `Bearer ${lead}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('sapa-service-2026-06.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const cells: unknown[][] = [];
    sheet?.eachRow((row) => cells.push((row.values as unknown[]).slice(1)));
    expect(cells[0]?.[0]).toBe('Sapa — Layanan — Juni 2026');
    const team = cells.find((r) => r[0] === 'Tim Tagihan');
    // Name, offered, answered, abandoned, short, SL, abandonment, ASA, AHT, within 2:30 (June
    // with the late-done vip call of the test before: 120, 200 and 60 s).
    expect(team).toEqual(['Tim Tagihan', 3, 3, 0, 0, 66.7, 0, 14.7, 126.7, 66.7]);
    const other = cells.find((r) => r[0] === 'Tim Jaringan');
    expect(other?.[8]).toBe(180);

    const pdf = await fetch(`${s.current.server.url}/api/v1/reports/service/export?${q}&format=pdf`, { headers: { authorization: `Bearer ${lead}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain('Juni 2026');
    expect(text).toMatch(/Tim Tagihan\s+3\s+3\s+0\s+0\s+66,7 %\s+0,0 %\s+0:15\s+2:07\s+66,7 %/);
    // Over the 2:30 target: marked.
    expect(text).toMatch(/Tim Jaringan\s+1\s+1\s+0\s+0\s+0,0 %\s+0,0 %\s+0:30\s+3:00 !/);

    const csv = await s.current.api(`/reports/service/export?${q}&format=csv`, { token: lead });
    expect(csv.text).toContain('Tim Tagihan,3,3,0,0,"66,7 %","0,0 %",0:15,2:07,"66,7 %"');

    const audit = await s.current.server.db.query<{ action: string; details: { format: string } }>(
      "SELECT action, details FROM audit_log WHERE action = 'report_exported' AND actor_id = $1 ORDER BY id", [ids.get('lead1') ?? null]);
    expect(audit.map((a) => a.details.format)).toEqual(['xlsx', 'pdf', 'csv']);
  });

  it('drill-down: a lead lists their team\'s calls, not another team\'s; an XLSX of the list', async () => {
    const drill = await s.current.api(`/reports/service/drill?period=2026-Q2&section=byTeam&key=${teamT}`, { token: lead });
    expect(drill.status).toBe(200);
    const page = drill.body as { total: number; rows: { agent: string; handle: number; wait: number }[] };
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.handle)).toEqual([120, 200, 60]);
    const other = await s.current.api(`/reports/service/drill?period=2026-Q2&section=byTeam&key=${teamU}`, { token: lead });
    expect((other.body as { total: number }).total).toBe(0);
    const asAdmin = await s.current.api(`/reports/service/drill?period=2026-Q2&section=byTeam&key=${teamU}`, { token: admin });
    expect((asAdmin.body as { total: number }).total).toBe(1);
    const file = await fetch(`${s.current.server.url}/api/v1/reports/service/drill/export?period=2026-Q2&section=byTeam&key=${teamT}&format=xlsx`,
      { headers: { authorization: `Bearer ${lead}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets[0]?.rowCount).toBe(4);
  });

  it('refuses bad input and other roles', async () => {
    expect((await s.current.api('/reports/service?period=2026-13', { token: lead })).status).toBe(400);
    const backwards = await s.current.api('/reports/service?period=2026-10-10_2026-10-01', { token: lead });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('ends before it starts');
    expect((await s.current.api('/reports/service?period=%3Cscript%3E', { token: lead })).status).toBe(400);
    expect((await s.current.api('/reports/nope?period=2026', { token: lead })).status).toBe(400);
    // The sales report is the sales managers': a lead is refused.
    expect((await s.current.api('/reports/sales?period=2026', { token: lead })).status).toBe(403);
    expect((await s.current.api('/reports/service?period=2026', { token: agent })).status).toBe(403);
    expect((await s.current.api('/reports/service/drill?period=2026&section=email&key=x', { token: lead })).status).toBe(404);
    const noMail = await s.current.api('/reports/schedules', {
      method: 'POST', token: lead,
      body: JSON.stringify({ report: 'service', periodKind: 'month', format: 'xlsx', language: 'id', recipientIds: [ids.get('lead1')] }),
    });
    expect(noMail.status).toBe(400);
    expect(noMail.text).toContain('has no e-mail address');
    const toAgent = await s.current.api('/reports/schedules', {
      method: 'POST', token: lead,
      body: JSON.stringify({ report: 'service', periodKind: 'month', format: 'xlsx', language: 'id', recipientIds: [ids.get('agent1')] }),
    });
    expect(toAgent.text).toContain('is not a lead or an admin');
  });

  it('a monthly schedule mails last month\'s report on the first working day, once, with the attachment', async () => {
    const db = s.current.server.db;
    const sink = await startMailSink();
    try {
      await db.query("UPDATE users SET email = 'dewi.lestari@sapa.example' WHERE username = 'lead1'");
      const created = await s.current.api('/reports/schedules', {
        method: 'POST', token: lead,
        body: JSON.stringify({ report: 'service', periodKind: 'month', format: 'xlsx', language: 'id', recipientIds: [ids.get('lead1')] }),
      });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      // Pretend it was made in December 2026: December's report is due in January.
      await db.query("UPDATE report_schedules SET last_sent_key = '2026-11' WHERE id = $1", [id]);
      const mail = async () => ({ ...DEFAULT_MESSAGING, smtpUrl: `smtp://127.0.0.1:${sink.port}` });
      // 1 January 2027 is a holiday; Saturday 2 January opens at 08:00 (the SLA calendar).
      expect(await sweepSchedules(db, new Date('2027-01-01T05:00:00Z'), mail)).toBe(0);
      expect(await sweepSchedules(db, new Date('2027-01-02T00:59:00Z'), mail)).toBe(0);
      expect(await sweepSchedules(db, new Date('2027-01-02T01:00:00Z'), mail)).toBe(1);
      expect(await sweepSchedules(db, new Date('2027-01-02T03:00:00Z'), mail)).toBe(0);
      const got = await sink.waitFor(1);
      expect(got.subject).toBe('Laporan Sapa: Layanan, Desember 2026');
      expect(got.attachments.map((a) => a.filename)).toEqual(['sapa-service-2026-12.xlsx']);
      expect(sink.mails).toHaveLength(1);
      const list = await s.current.api('/reports/schedules', { token: lead });
      expect((list.body as { items: { id: string; lastSentKey: string }[] }).items.find((x) => x.id === id)?.lastSentKey).toBe('2026-12');
    } finally {
      await sink.close();
    }
  });
  it('a sales manager neither sees nor deletes the contact center\'s schedules, and is offered as a recipient with their role', async () => {
    const db = s.current.server.db;
    await db.query("UPDATE users SET email = 'dewi.lestari@sapa.example' WHERE username = 'lead1'");
    const created = await s.current.api('/reports/schedules', {
      method: 'POST', token: lead,
      body: JSON.stringify({ report: 'complaints', periodKind: 'quarter', format: 'csv', language: 'en', recipientIds: [ids.get('lead1')] }),
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const manager = await s.current.login('salesmgr1', 'salesmgr1-pass');
    const theirs = await s.current.api('/reports/schedules', { token: manager });
    expect(theirs.status).toBe(200);
    const body = theirs.body as { items: { id: string }[]; recipients: { name: string; role: string }[] };
    expect(body.items.map((x) => x.id)).not.toContain(id);
    expect(new Set(body.recipients.map((r) => r.role))).toEqual(new Set(['lead', 'sales_manager', 'admin']));
    expect((await s.current.api(`/reports/schedules/${id}`, { method: 'DELETE', token: manager })).status).toBe(404);
    const leads = await s.current.api('/reports/schedules', { token: lead });
    expect((leads.body as { items: { id: string }[] }).items.map((x) => x.id)).toContain(id);
    expect((await s.current.api(`/reports/schedules/${id}`, { method: 'DELETE', token: lead })).status).toBe(200);
  });
});
