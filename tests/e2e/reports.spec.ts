// Reports end to end. Two teams of new agents take calls this quarter (written into the
// contact center's event log, as the router writes them): lead 1's team handles three calls
// in 2:00, 3:20 and 2:40 (AHT 2:40, over the 2.5-minute target), the other team one in 1:40.
// Lead 1 opens the quarterly service report, sees AHT against 2:30 by team, drills into their
// team's calls, exports XLSX and PDF — both read back here (exceljs, pdfjs-dist) hold the same
// figures — and schedules the monthly report to themselves. The test clock (the e2e server runs
// with SAPA_TEST_CLOCK=1) then reaches the first working day of next month: the mail arrives
// at the test SMTP server with last month's report attached.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { type Download } from '@playwright/test';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { serverLogin } from './support/server-api.js';
import { startMailSink } from '../support/replies-mail-sink.js';
import { pdfText } from '../support/pdf-text.js';
import { DEFAULT_SLA } from '../../src/shared/replies/sla.js';
import { localDay, nextPeriod, periodContaining, periodLabel } from '../../src/shared/report-periods.js';
import { formatFigure } from '../../src/shared/report-format.js';
import { sendMomentOf } from '../../src/server/reports/schedules.js';

async function adminCall(path: string, method: string, body: unknown): Promise<unknown> {
  const token = await serverLogin(DEMO.admin.username, DEMO.admin.password);
  const res = await fetch(`${process.env.SAPA_E2E_SERVER_URL}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function rowsOf(bytes: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

const bytesOf = async (d: Download) => readFile(await d.path());

test('a lead reads the quarterly service report by team, drills into the calls, exports XLSX and PDF, and gets the monthly report by mail', async ({ page, desktop }) => {
  test.setTimeout(180_000);
  const tag = randomUUID().slice(0, 6);
  const teamA = `Tim Laporan ${tag}`;
  const teamB = `Tim Lain ${tag}`;
  const sink = await startMailSink();
  let scheduleIds: string[] = [];
  const [teamAId, teamBId] = [randomUUID(), randomUUID()];
  await withServerDb(async (db) => {
    await db.query("INSERT INTO teams (id, name, lead_user_id) SELECT $1, $2, id FROM users WHERE username = 'lead1'", [teamAId, teamA]);
    await db.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [teamBId, teamB]);
    await db.query("UPDATE users SET email = 'dewi.lestari@sapa.example' WHERE username = 'lead1'");
    const agents = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of agents.entries()) {
      await db.query("INSERT INTO users (id, username, display_name, role, password_hash, team_id) VALUES ($1, $2, $3, 'agent', 'x', $4)",
        [id, `rep-${tag}-${i}`, `Agen Laporan ${tag} ${i}`, i < 2 ? teamAId : teamBId]);
    }
    // Ten minutes ago (this quarter), one call after another: [agent, wait s, handle s].
    const calls: [string, number, number][] = [[agents[0] ?? '', 10, 120], [agents[1] ?? '', 15, 200], [agents[0] ?? '', 20, 160], [agents[2] ?? '', 5, 100]];
    let t = Date.now() - 10 * 60_000;
    for (const [agent, wait, handle] of calls) {
      const id = randomUUID();
      await db.query(
        `INSERT INTO cc_tasks (id, kind, source_ref, queue_code, status, from_address, tier, enqueued_at, not_before, agent_id)
         VALUES ($1, 'call', $2, 'billing', 'done', '+6281299990000', 'gold', $3, $3, $4)`, [id, `rep-${id}`, new Date(t), agent]);
      const ev = (at: number, event: string, detail: object, who: string | null) => db.query(
        "INSERT INTO cc_events (at, event, task_id, agent_id, queue_code, detail) VALUES ($1, $2, $3, $4, 'billing', $5::jsonb)",
        [new Date(at), event, id, who, JSON.stringify(detail)]);
      await ev(t, 'enqueued', { kind: 'call' }, null);
      await ev(t + wait * 1000, 'answered', {}, agent);
      await ev(t + (wait + handle) * 1000, 'done', { outcome: 'handled' }, agent);
      t += 20_000;
    }
  });
  try {
    await adminCall('/admin/settings', 'PUT', { smtpHost: '127.0.0.1', smtpPort: sink.port });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn('lead1', 'lead1-pass');
    await new Shell(page).go('Reports');
    await expect(page.getByRole('heading', { name: 'Reports', exact: true })).toBeVisible();

    // The quarterly service report, by team.
    const choose = page.getByRole('search', { name: 'Report and period' });
    await choose.getByLabel('Report').selectOption({ label: 'Service' });
    await choose.getByLabel('Period type').selectOption({ label: 'Quarterly (Triwulan)' });
    const quarter = periodContaining('quarter', localDay(new Date()));
    await expect(choose.getByLabel('Period', { exact: true })).toHaveValue(quarter.key);
    await expect(choose.getByLabel('Period', { exact: true }).locator('option:checked')).toHaveText(periodLabel(quarter, 'en'));
    await choose.getByLabel('Breakdown').selectOption({ label: 'Calls by team' });
    const table = page.getByRole('table', { name: 'Calls by team' });
    await expect(table.getByRole('columnheader', { name: 'Avg handle time (target 2:30)' })).toBeVisible();
    const rowA = table.getByRole('row', { name: new RegExp(teamA) });
    const rowB = table.getByRole('row', { name: new RegExp(teamB) });
    await expect(rowA.locator('[data-column="aht"]')).toHaveText('2:40 ▲', { timeout: 20_000 });
    await expect(rowA.locator('[data-column="aht"]').getByLabel('2:40, over target')).toBeVisible();
    await expect(rowA.locator('[data-column="answered"]')).toHaveText('3');
    await expect(rowB.locator('[data-column="aht"]')).toHaveText('1:40');
    // The chart's table view lists the same AHT.
    await page.getByRole('button', { name: 'Chart data as table' }).click();
    await expect(page.getByRole('table', { name: /Chart data: Calls by team/ }).getByRole('row', { name: new RegExp(teamA) })).toContainText('2:40');

    // Drill into lead 1's team: its three calls with their handle times.
    await rowA.getByRole('button', { name: `Show the records behind ${teamA} (Calls by team)` }).click();
    const drill = page.getByRole('region', { name: `${teamA} — Calls by team: records` });
    const calls = drill.getByRole('table');
    await expect(calls.getByRole('row')).toHaveCount(4);
    await expect(calls).toContainText('2:00');
    await expect(calls).toContainText('3:20');
    await expect(calls).toContainText('2:40');
    await expect(drill).toContainText('1–3 of 3');

    // XLSX and PDF: the same figures, read back.
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`sapa-service-${quarter.key}.xlsx`);
    const sheet = await rowsOf(await bytesOf(xlsx));
    const a = sheet.find((r) => r[0] === teamA);
    // Name, offered, answered, abandoned, short, SL, abandonment, ASA, AHT (s), within 2:30.
    expect(a?.slice(0, 3)).toEqual([teamA, 3, 3]);
    expect(a?.[8]).toBe(160);
    expect(sheet.find((r) => r[0] === teamB)?.[8]).toBe(100);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
    const text = await pdfText(new Uint8Array(await bytesOf(pdf)));
    expect(text).toContain(periodLabel(quarter, 'en'));
    expect(text).toMatch(new RegExp(`${teamA}\\s+3\\s+3\\s+0\\s+0\\s+100.0 %\\s+0.0 %\\s+0:15\\s+2:40 !`));
    expect(text).toMatch(new RegExp(`${teamB}\\s+1\\s+1\\s+0\\s+0\\s+100.0 %\\s+0.0 %\\s+0:05\\s+1:40`));
    const audited = await withServerDb(async (db) => (await db.query<{ format: string }>(
      "SELECT details->>'format' AS format FROM audit_log WHERE action = 'report_exported' AND actor_id = (SELECT id FROM users WHERE username = 'lead1') ORDER BY id DESC LIMIT 2")).rows);
    expect(audited.map((r) => r.format)).toEqual(['pdf', 'xlsx']);

    // Schedule the monthly report to lead 1.
    await page.getByRole('button', { name: 'Scheduled reports' }).click();
    const form = page.getByRole('form', { name: 'New scheduled report' });
    await form.getByLabel('Every').selectOption({ label: 'Monthly' });
    await form.getByLabel('Format').selectOption({ label: 'XLSX' });
    await form.getByRole('checkbox', { name: 'Dewi Lestari <dewi.lestari@sapa.example>' }).check();
    await form.getByRole('button', { name: 'Schedule report' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Scheduled: it is mailed on the first working day' })).toBeVisible();
    const list = page.getByRole('table', { name: 'Scheduled reports' });
    await expect(list.getByRole('row', { name: /Service.*Monthly.*XLSX.*Dewi Lestari/ })).toBeVisible();
    scheduleIds = await withServerDb(async (db) => (await db.query<{ id: string }>('SELECT id FROM report_schedules')).rows.map((r) => r.id));

    // The test clock reaches the first working day of next month (from opening time): the mail arrives.
    const month = periodContaining('month', localDay(new Date()));
    const sendAt = sendMomentOf(nextPeriod(month), DEFAULT_SLA);
    expect(sink.mails).toHaveLength(0);
    await adminCall('/test/clock', 'POST', { offsetMs: sendAt.getTime() - Date.now() + 60_000 });
    const mail = await sink.waitFor(1, 30_000);
    expect(mail.subject).toBe(`Sapa report: Service, ${periodLabel(month, 'en')}`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toContain('dewi.lestari@sapa.example');
    const attachment = mail.attachments.find((x) => x.filename === `sapa-service-${month.key}.xlsx`);
    expect(attachment).toBeDefined();
    const mailed = await rowsOf(attachment?.content ?? Buffer.alloc(0));
    expect(mailed.find((r) => r[0] === teamA)?.[8]).toBe(160);
    await expect.poll(() => withServerDb(async (db) => (await db.query<{ k: string }>(
      'SELECT last_sent_key AS k FROM report_schedules WHERE id = $1', [scheduleIds[0]])).rows[0]?.k)).toBe(month.key);

    // The same report in Bahasa Indonesia, at 1366×768: Indonesian labels and number formats.
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
    await expect(page.getByRole('heading', { name: 'Laporan', exact: true })).toBeVisible();
    const idTable = page.getByRole('table', { name: 'Panggilan per tim', exact: true });
    await expect(idTable.getByRole('columnheader', { name: 'Rata-rata waktu penanganan (target 2:30)' })).toBeVisible();
    await expect(idTable.getByRole('row', { name: new RegExp(teamA) }).locator('[data-column="serviceLevel"]')).toHaveText('100,0 %');
    await expect(idTable.getByRole('row', { name: new RegExp(teamA) }).locator('[data-column="aht"]')).toHaveText('2:40 ▲');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    if (process.env.SAPA_WRITE_SCREENSHOTS === '1') await page.screenshot({ path: 'docs/images/reports-id.png' });
  } finally {
    await adminCall('/test/clock', 'POST', { offsetMs: 0 }).catch(() => undefined);
    await adminCall('/admin/settings', 'PUT', { smtpHost: null }).catch(() => undefined);
    await withServerDb(async (db) => {
      await db.query('DELETE FROM report_schedules WHERE id = ANY($1::uuid[])', [scheduleIds]);
    });
    await sink.close();
  }
});

// The quality report: lead 1's team has three evaluations this month (80, 90 and a failed
// fatal item, 0) — average 56.7, fatal-item rate 33.3 % — and lead 1 drills into them.
test('a lead reads the monthly quality report by team and drills into the evaluations', async ({ page, desktop }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 6);
  const team = `Tim Mutu ${tag}`;
  const teamId = randomUUID();
  await withServerDb(async (db) => {
    await db.query("INSERT INTO teams (id, name, lead_user_id) SELECT $1, $2, id FROM users WHERE username = 'lead1'", [teamId, team]);
    const agents = [randomUUID(), randomUUID()];
    for (const [i, id] of agents.entries()) {
      await db.query("INSERT INTO users (id, username, display_name, role, password_hash, team_id) VALUES ($1, $2, $3, 'agent', 'x', $4)",
        [id, `qa-${tag}-${i}`, `Agen Mutu ${tag} ${i}`, teamId]);
    }
    const [form, version, interaction] = [randomUUID(), randomUUID(), randomUUID()];
    await db.query("INSERT INTO quality_forms (id, name_id, name_en) VALUES ($1, 'Mutu e2e', 'Quality e2e')", [form]);
    await db.query("INSERT INTO quality_form_versions (id, form_id, version, definition) VALUES ($1, $2, 1, '{}'::jsonb)", [version, form]);
    await db.query(
      "INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id) SELECT $1, id, 'call_in', 'inbound', now(), $2 FROM customers LIMIT 1",
      [interaction, agents[0]]);
    const scores: [string, number, boolean][] = [[agents[0] ?? '', 80, false], [agents[0] ?? '', 90, false], [agents[1] ?? '', 0, true]];
    for (const [i, [agent, score, fatal]] of scores.entries()) {
      await db.query(
        `INSERT INTO quality_evaluations (id, interaction_id, agent_id, evaluator_id, form_version_id, answers, score, result, submitted_at)
         SELECT $1, $2, $3, id, $4, '{}'::jsonb, $5, $6::jsonb, $7 FROM users WHERE username = 'lead1'`,
        [randomUUID(), interaction, agent, version, score,
          JSON.stringify({ total: score, sections: [], fatalFailed: fatal, criticalFailedSections: [], failedItems: [] }), new Date(Date.now() - (10 - i) * 60_000)]);
    }
  });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn('lead1', 'lead1-pass');
  await new Shell(page).go('Reports');
  const choose = page.getByRole('search', { name: 'Report and period' });
  await choose.getByLabel('Report').selectOption({ label: 'Quality' });
  await choose.getByLabel('Period type').selectOption({ label: 'Monthly' });
  await choose.getByLabel('Breakdown').selectOption({ label: 'Quality by team' });
  const table = page.getByRole('table', { name: 'Quality by team' });
  const row = table.getByRole('row', { name: new RegExp(team) });
  await expect(row.locator('[data-column="evaluations"]')).toHaveText('3', { timeout: 20_000 });
  await expect(row.locator('[data-column="avgScore"]')).toHaveText('56.7 %');
  await expect(row.locator('[data-column="fatalRate"]')).toHaveText('33.3 %');
  await page.getByRole('button', { name: 'Chart data as table' }).click();
  await expect(page.getByRole('table', { name: /Chart data: Quality by team/ }).getByRole('row', { name: new RegExp(team) })).toContainText('56.7');

  await row.getByRole('button', { name: `Show the records behind ${team} (Quality by team)` }).click();
  const drill = page.getByRole('region', { name: `${team} — Quality by team: records` });
  await expect(drill.getByRole('table').getByRole('row')).toHaveCount(4);
  await expect(drill).toContainText('1–3 of 3');
  await expect(drill.getByRole('row', { name: new RegExp(`Agen Mutu ${tag} 1`) })).toContainText('Yes');

  await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
  const idRow = page.getByRole('table', { name: 'Kualitas per tim', exact: true }).getByRole('row', { name: new RegExp(team) });
  await expect(idRow.locator('[data-column="avgScore"]')).toHaveText('56,7 %');
});

test('a sales manager is offered only the sales-side reports, reads won against target by team and drills into the deals', async ({ page, desktop }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 6);
  const team = `Tim Jual ${tag}`;
  const teamId = randomUUID();
  const rep = randomUUID();
  const monthStart = `${localDay(new Date()).slice(0, 8)}01`;
  await withServerDb(async (db) => {
    await db.query("INSERT INTO teams (id, name, lead_user_id) SELECT $1, $2, id FROM users WHERE username = 'salesmgr1'", [teamId, team]);
    await db.query("INSERT INTO users (id, username, display_name, role, password_hash, team_id) VALUES ($1, $2, $3, 'sales_rep', 'x', $4)",
      [rep, `rep-${tag}`, `Wiraniaga ${tag}`, teamId]);
    await db.query(
      `INSERT INTO opportunities (id, opportunity_no, customer_id, title, stage_code, value_idr, expected_close, owner_id, closed_at)
       SELECT $1, $2, (SELECT id FROM customers LIMIT 1), $3, (SELECT code FROM opportunity_stages WHERE kind = 'won'), 150000000, $4::date, $5, now()`,
      [randomUUID(), `OPP-E2E-${tag}`, `Paket kantor ${tag}`, monthStart, rep]);
    await db.query(
      "INSERT INTO sales_budgets (id, kind, period_kind, period_start, team_id, amount_idr) VALUES ($1, 'target', 'month', $2::date, $3, 300000000)",
      [randomUUID(), monthStart, teamId]);
  });
  // The specs share one server: the team, its rep and their deal go again at the end, so the
  // sales specs after this one see salesmgr1's board as the demo made it.
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn('salesmgr1', 'salesmgr1-pass');
    await new Shell(page).go('Reports');
    const choose = page.getByRole('search', { name: 'Report and period' });
    // The contact center's reports are not offered (the server refuses them with 403 anyway).
    await expect(choose.getByLabel('Report').locator('option')).toHaveText(['Sales', 'Post-sales', 'Customers']);
    await choose.getByLabel('Report').selectOption({ label: 'Sales' });
    await choose.getByLabel('Period type').selectOption({ label: 'Monthly' });
    await choose.getByLabel('Breakdown').selectOption({ label: 'Won against target by team' });
    const row = page.getByRole('table', { name: 'Won against target by team' }).getByRole('row', { name: new RegExp(team) });
    await expect(row.locator('[data-column="salesWon"]')).toHaveText('1', { timeout: 20_000 });
    await expect(row.locator('[data-column="salesWonValue"]')).toHaveText(formatFigure('idr', 150_000_000, 'en'));
    // Half the target: under it, marked so.
    await expect(row.locator('[data-column="salesTargetPct"]')).toHaveText('50.0 % ▼');
    await expect(row.locator('[data-column="salesTargetPct"]').getByLabel('50.0 %, under target')).toBeVisible();
    // The page fits 1366 px: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);

    await row.getByRole('button', { name: `Show the records behind ${team} (Won against target by team)` }).click();
    const drill = page.getByRole('region', { name: `${team} — Won against target by team: records` });
    await expect(drill).toContainText(`Paket kantor ${tag}`);
    await expect(drill).toContainText(`Wiraniaga ${tag}`);

    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
    const idRow = page.getByRole('table', { name: 'Menang terhadap target per tim', exact: true }).getByRole('row', { name: new RegExp(team) });
    await expect(idRow.locator('[data-column="salesTargetPct"]')).toHaveText('50,0 % ▼');
    await expect(idRow.locator('[data-column="salesWonValue"]')).toHaveText(formatFigure('idr', 150_000_000, 'id'));
  } finally {
    await withServerDb(async (db) => {
      await db.query('DELETE FROM opportunities WHERE owner_id = $1', [rep]);
      await db.query('DELETE FROM sales_budgets WHERE team_id = $1', [teamId]);
      await db.query('DELETE FROM users WHERE id = $1', [rep]);
      await db.query('DELETE FROM teams WHERE id = $1', [teamId]);
    });
  }
});
