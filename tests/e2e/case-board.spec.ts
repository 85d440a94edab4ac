// The lead's case board, end to end. Agent 1 (in a team lead 1 leads) files a complaint for
// the demo Platinum customer: the case shows its resolution and response clocks. The test
// clock (the e2e server runs with SAPA_TEST_CLOCK=1; POST /test/clock, admins) runs the
// server's case clock just past the due time and sweeps: the case escalates to the team lead.
// Before that, in its warning window, the agent's home warns "due soon".
// Lead 1 opens the case board: the escalated case is there, overdue rows first, and the team,
// category, tier and "escalated only" filters find it (a Gold filter does not); the row says
// to whom and when it escalated; the lead reassigns it and opens the customer from the row.
// The same board in Bahasa Indonesia fits 1366×768. With SAPA_WRITE_SCREENSHOTS=1 it writes
// docs/images/case-board-en.png and case-board-id.png.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Page } from '@playwright/test';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { cutLabels } from './support/layout.js';
import { DEMO, LoginPage, Shell, SingleScreen } from './support/pages.js';
import { freePort, startProcess } from './support/processes.js';
import { serverLogin } from './support/server-api.js';
import { desktopKeyEnv } from '../support/desktop-key.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = process.env.SAPA_WRITE_SCREENSHOTS === '1';

/** A third desktop (the fixture gives two): the board in Bahasa Indonesia on its own core. */
async function startHost() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-e2e-case-board-'));
  const port = await freePort();
  const host = await startProcess(
    'src/main/host/cli.ts',
    { SAPA_SERVER_URLS: process.env.SAPA_E2E_SERVER_URL ?? '', SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir), SAPA_HOST_PORT: String(port) },
    `http://127.0.0.1:${port}/`, 'browser host',
  );
  return { url: host.url, stop: async () => { await host.stop(); await rm(dataDir, { recursive: true, force: true }); } };
}

async function setCaseClock(offsetMs: number): Promise<{ escalated: number }> {
  const token = await serverLogin(DEMO.admin.username, DEMO.admin.password);
  const res = await fetch(`${process.env.SAPA_E2E_SERVER_URL}/api/v1/test/clock`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ offsetMs }),
  });
  if (!res.ok) throw new Error(`test clock: ${res.status} ${await res.text()}`);
  return (await res.json()) as { escalated: number };
}

async function fileComplaint(page: Page, subject: string): Promise<void> {
  await page.getByRole('tab', { name: 'Cases' }).click();
  await page.getByRole('button', { name: 'New case' }).click();
  const form = page.getByRole('form', { name: 'New case' });
  await form.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Complaint' });
  await expect(form.getByRole('combobox', { name: 'Priority' })).toHaveValue('urgent');
  await form.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await form.getByRole('textbox', { name: 'Subject' }).press('Enter');
  await expect(form).toHaveCount(0);
}

test('an escalated complaint reaches the lead\'s case board, overdue first, filtered by team, category and tier; in Bahasa Indonesia too', async ({ browser, desktop, secondDesktop }) => {
  test.setTimeout(180_000);
  const tag = randomUUID().slice(0, 6);
  const teamName = `Tim kasus e2e ${tag}`;
  const teamId = randomUUID();
  const before = await withServerDb(async (db) => {
    const prior = (await db.query<{ team_id: string | null }>("SELECT team_id FROM users WHERE username = 'agent1'")).rows[0]?.team_id ?? null;
    await db.query("INSERT INTO teams (id, name, lead_user_id) SELECT $1, $2, id FROM users WHERE username = 'lead1'", [teamId, teamName]);
    await db.query("UPDATE users SET team_id = $1 WHERE username = 'agent1'", [teamId]);
    return prior;
  });
  const agentContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  const leadContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  const idContext = await browser.newContext({ locale: 'id-ID', viewport: { width: 1366, height: 768 } });
  const third = await startHost();
  try {
    // The agent files the complaint during the call: its clocks show at once.
    const agent = await agentContext.newPage();
    await agent.goto(desktop.url);
    await new LoginPage(agent).signIn(DEMO.agent.username, DEMO.agent.password);
    await new SingleScreen(agent).openCustomer(DEMO.customer.e164, DEMO.customer.name);
    const subject = `Internet mati lagi ${tag}`;
    await fileComplaint(agent, subject);
    const row = agent.getByRole('table', { name: 'Cases' }).getByRole('row', { name: new RegExp(subject) });
    await expect(row).toContainText(/\d+ h \d+ min left/);
    await expect(row.getByRole('cell').first()).toHaveText(/^K-\d{7}$/, { timeout: 20_000 });
    // The server's row brings the response clock (1 working hour for an urgent complaint).
    await expect(row).toContainText(/Response: \d+ h \d+ min left/, { timeout: 20_000 });
    const caseNo = await row.getByRole('cell').first().innerText();
    const due = await withServerDb(async (db) => (await db.query<{ due: Date }>('SELECT sla_due_at AS due FROM cases WHERE case_no = $1', [caseNo])).rows[0]?.due);
    if (!due) throw new Error(`no case ${caseNo} on the server`);

    // The warning before breach: once the case is in the last part of its target (here its
    // warning time is moved a minute into the past on the server), the agent's home says so.
    await withServerDb(async (db) => { await db.query("UPDATE cases SET warn_at = now() - interval '1 minute' WHERE case_no = $1", [caseNo]); });
    await new Shell(agent).go('Home');
    await expect(agent.getByRole('status', { name: 'Cases due soon' })).toContainText(`1 case is due soon: ${caseNo}`, { timeout: 20_000 });
    await expect(agent.getByRole('list', { name: 'My open cases' }).getByRole('listitem').filter({ hasText: caseNo })).toContainText('Due soon');

    // The test clock: a minute past the due time (not yet the next level's four hours).
    const swept = await setCaseClock(due.getTime() - Date.now() + 60_000);
    expect(swept.escalated).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => withServerDb(async (db) => (await db.query<{ level: number }>(
      'SELECT escalation_level AS level FROM cases WHERE case_no = $1', [caseNo])).rows[0]?.level)).toBe(1);

    // The lead's board.
    const lead = await leadContext.newPage();
    await lead.goto(secondDesktop.url);
    await new LoginPage(lead).signIn('lead1', 'lead1-pass');
    await new Shell(lead).go('Case board');
    await expect(lead.getByRole('heading', { name: 'Case board' })).toBeVisible();
    const filters = lead.getByRole('search', { name: 'Case filters' });
    const table = lead.getByRole('table', { name: 'Cases of my teams' });
    await filters.getByLabel('Team').selectOption({ label: teamName });
    await expect(table.getByRole('row').filter({ hasText: caseNo })).toHaveCount(1);
    // Overdue first: no row on time comes before an overdue one.
    const overdue = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.hasAttribute('data-overdue')));
    expect(overdue[0]).toBe(true);
    expect(overdue.indexOf(false) === -1 || !overdue.slice(overdue.indexOf(false)).includes(true)).toBe(true);

    await filters.getByLabel('Category').selectOption({ label: 'Complaint' });
    await filters.getByLabel('Tier').selectOption({ label: 'Platinum' });
    await filters.getByRole('checkbox', { name: 'Escalated only' }).check();
    const mine = table.getByRole('row').filter({ hasText: caseNo });
    await expect(mine).toContainText(DEMO.customer.name);
    await expect(mine).toContainText(/SLA overdue by \d+ h \d+ min/);
    await expect(mine).toContainText(/Team lead: Dewi Lestari, /);
    await expect(mine).toContainText('Sari Wulandari');
    if (shots) await lead.screenshot({ path: path.join(ROOT, 'docs/images/case-board-en.png') });
    await lead.screenshot({ path: test.info().outputPath('case-board-en.png') });
    // Another tier: the case is not there.
    await filters.getByLabel('Tier').selectOption({ label: 'Gold' });
    await expect(table.getByRole('row').filter({ hasText: caseNo })).toHaveCount(0);
    await filters.getByLabel('Tier').selectOption({ label: 'Platinum' });

    // The lead reassigns it (an event in the customer's timeline) and opens the customer from the row.
    await mine.getByRole('combobox', { name: `Reassign case ${caseNo}` }).selectOption({ label: 'Andi Pratama' });
    await expect(lead.getByRole('status').filter({ hasText: `Case ${caseNo} reassigned.` })).toBeVisible();
    // Andi is in none of the lead's teams: the case leaves the team's list, and stays on the
    // lead's board because it is escalated to them.
    await expect(table.getByRole('row').filter({ hasText: caseNo })).toHaveCount(0);
    await filters.getByLabel('Team').selectOption({ label: 'All my teams' });
    await expect(mine).toContainText('Andi Pratama');
    await expect.poll(async () => withServerDb(async (db) => (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM interactions WHERE channel = 'case' AND subject = $1", [`${caseNo} · ${subject} · assigned to Andi Pratama`])).rows[0]?.n)).toBe(1);
    await mine.getByRole('button', { name: `Open ${DEMO.customer.name} (case ${caseNo})` }).click();
    await expect(new SingleScreen(lead).profile().getByRole('heading', { name: new RegExp(DEMO.customer.name) })).toBeVisible();

    // The board in Bahasa Indonesia, keyboard first: the filters are reached with Tab.
    const id = await idContext.newPage();
    await id.goto(third.url);
    await new LoginPage(id).signIn('lead1', 'lead1-pass', 'id');
    await new Shell(id).go('Papan kasus');
    await expect(id.getByRole('heading', { name: 'Papan kasus' })).toBeVisible();
    const saringan = id.getByRole('search', { name: 'Saringan kasus' });
    await saringan.getByLabel('Kategori').selectOption({ label: 'Keluhan' });
    await saringan.getByLabel('Tingkat').focus();
    await id.keyboard.press('Tab');
    await expect(saringan.getByRole('checkbox', { name: 'Hanya yang dieskalasi' })).toBeFocused();
    await id.keyboard.press('Space');
    const baris = id.getByRole('table', { name: 'Kasus tim saya' }).getByRole('row').filter({ hasText: caseNo });
    await expect(baris).toContainText(/SLA terlambat \d+ j \d+ mnt/);
    await expect(baris).toContainText(/Ketua tim: Dewi Lestari, /);
    await expect(baris.getByRole('combobox', { name: `Alihkan kasus ${caseNo}` })).toBeVisible();
    expect(await id.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    expect(await cutLabels(id)).toEqual([]);
    if (shots) await id.screenshot({ path: path.join(ROOT, 'docs/images/case-board-id.png') });
    await id.screenshot({ path: test.info().outputPath('case-board-id.png') });
    // Nothing matches: the empty state says so.
    await saringan.getByLabel('Tingkat').selectOption({ label: 'Regular' });
    await expect(id.getByText('Tidak ada kasus yang cocok dengan saringan ini.')).toBeVisible();
  } finally {
    await setCaseClock(0);
    // The sweep dated its escalation events on the test clock, ahead of now: bring them back
    // to now, or they would sit on top of the customer's timeline in later specs.
    await withServerDb(async (db) => { await db.query("UPDATE interactions SET started_at = now() WHERE channel = 'case' AND started_at > now()"); });
    await withServerDb(async (db) => { await db.query("UPDATE users SET team_id = $1 WHERE username = 'agent1'", [before]); });
    await agentContext.close();
    await leadContext.close();
    await idContext.close();
    await third.stop();
  }
});

test('an admin sets a category × tier SLA target on Organisation → Case SLA: checked before saving, stored, audited', async ({ page, desktop }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
  await new Shell(page).go('Organisation');
  await page.getByRole('tab', { name: 'Case SLA' }).click();
  const form = page.getByRole('form', { name: 'Case SLA' });
  const matrix = form.getByRole('table', { name: 'SLA targets per category and tier' });
  // An empty cell shows the priority's hours it follows: a Gold complaint is High (2 h / 8 h).
  const response = matrix.getByRole('textbox', { name: 'Response hours, Complaint, Gold' });
  const resolution = matrix.getByRole('textbox', { name: 'Resolution hours, Complaint, Gold' });
  await expect(response).toHaveAttribute('placeholder', '2');
  await expect(resolution).toHaveAttribute('placeholder', '8');
  try {
    await response.fill('3');
    await resolution.fill('2');
    await form.getByRole('button', { name: 'Save SLA targets' }).click();
    await expect(form.getByRole('alert')).toContainText('the response target is longer than the resolution target');
    await resolution.fill('12');
    await form.getByRole('button', { name: 'Save SLA targets' }).click();
    await expect(form.getByRole('status')).toContainText('Saved');
    const stored = await withServerDb(async (db) => (await db.query<{ response_hours: number; resolution_hours: number }>(
      "SELECT response_hours::float8 AS response_hours, resolution_hours::float8 AS resolution_hours FROM case_sla_targets WHERE category = 'complaint' AND tier = 'gold'")).rows[0]);
    expect(stored).toEqual({ response_hours: 3, resolution_hours: 12 });
    const audited = await withServerDb(async (db) => (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action LIKE '%caseSla.save%'")).rows[0]?.n ?? 0);
    expect(audited).toBeGreaterThanOrEqual(1);
    // Emptied again, the cell follows the priority.
    await response.fill('');
    await resolution.fill('');
    await form.getByRole('button', { name: 'Save SLA targets' }).click();
    await expect(form.getByRole('status')).toContainText('Saved');
    await expect.poll(async () => withServerDb(async (db) => (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM case_sla_targets WHERE category = 'complaint' AND tier = 'gold'")).rows[0]?.n)).toBe(0);
  } finally {
    await withServerDb(async (db) => { await db.query("DELETE FROM case_sla_targets WHERE category = 'complaint' AND tier = 'gold'"); });
  }
});
