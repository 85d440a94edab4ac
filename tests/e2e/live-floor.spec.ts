// The lead's live floor through the real server, live socket, core and renderer: an agent
// changes status on a second desktop and the lead's floor shows it within a few seconds,
// without a reload (the server's "floor changed" push; the slow poll is 30 s, longer than
// this test waits); the wall board shows the queue tiles and the state counts, in
// Indonesian, and Esc leaves it. The lead leads a team made here with agent1 in it.
// With SAPA_WRITE_SCREENSHOTS=1 it writes docs/images/floor-en.png and floor-wallboard-id.png.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/fixtures.js';
import { AgentStatus } from './support/contact-center.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage } from './support/pages.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = process.env.SAPA_WRITE_SCREENSHOTS === '1';
const LEAD = { username: 'lead1', password: 'lead1-pass' };
const AGENT_NAME = 'Sari Wulandari';

test.describe('live floor', () => {
  const teamId = randomUUID();
  test.beforeEach(async () => {
    await withServerDb(async (db) => {
      await db.query("UPDATE cc_agent_state SET chosen = 'offline', reason = NULL, derived = 'offline', ready_since = NULL");
      await db.query("INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, (SELECT id FROM users WHERE username = 'lead1')) ON CONFLICT (id) DO NOTHING",
        [teamId, `Lantai ${teamId.slice(0, 4)}`]);
      await db.query('UPDATE users SET team_id = $1 WHERE username = $2', [teamId, DEMO.agent.username]);
    });
  });
  test.afterEach(async () => {
    await withServerDb(async (db) => {
      await db.query('UPDATE users SET team_id = NULL WHERE team_id = $1', [teamId]);
      await db.query('DELETE FROM teams WHERE id = $1', [teamId]);
      await db.query("UPDATE cc_agent_state SET chosen = 'offline', reason = NULL, derived = 'offline', ready_since = NULL");
    });
  });

  test("a lead's floor shows an agent's status change within seconds, without a reload", async ({ page, desktop, secondDesktop, browser }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(LEAD.username, LEAD.password);
    await page.getByRole('navigation').getByRole('link', { name: 'Floor', exact: true }).click();
    const floor = page.getByRole('region', { name: 'Agents on the floor' });
    const row = floor.getByRole('row', { name: AGENT_NAME });
    await expect(row).toBeVisible();
    await expect(floor.getByRole('region', { name: 'Queues' }).getByRole('group', { name: 'Billing' })).toContainText('Service level (20 s)');
    await expect(floor.getByRole('region', { name: 'Queues' })).toContainText('Abandons under 5 s are left out (docs/reports.md)');
    // A marker a reload would wipe.
    await page.evaluate(() => { (window as unknown as { floorMarker: number }).floorMarker = 42; });

    const agentPage = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await agentPage.goto(secondDesktop.url);
    await new LoginPage(agentPage).signIn(DEMO.agent.username, DEMO.agent.password);
    await new AgentStatus(agentPage).choose('Ready', /^Ready/);
    await expect(row.getByText('Ready', { exact: true })).toBeVisible({ timeout: 5_000 });
    await new AgentStatus(agentPage).choose('Not ready: break', /^Not ready/);
    await expect(row.getByText('Not ready (break)', { exact: true })).toBeVisible({ timeout: 5_000 });
    if (shots) await page.screenshot({ path: path.join(ROOT, 'docs/images/floor-en.png') });
    // Time in state ticks on screen.
    const cell = row.getByRole('cell').nth(2);
    const first = await cell.textContent();
    await expect.poll(() => cell.textContent(), { timeout: 5_000 }).not.toBe(first);
    expect(await page.evaluate(() => (window as unknown as { floorMarker?: number }).floorMarker)).toBe(42);
    await agentPage.context().close();
  });

  test('the wall board shows the tiles in large type, in Indonesian; Esc leaves it', async ({ page, desktop }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(LEAD.username, LEAD.password);
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
    await page.getByRole('navigation').getByRole('link', { name: 'Pantauan agen', exact: true }).click();
    await page.getByRole('button', { name: 'Papan dinding' }).click();
    await expect(page).toHaveURL(/#\/floor\/wallboard$/);
    const board = page.getByRole('region', { name: 'Papan dinding lantai' });
    const queues = board.getByRole('region', { name: 'Antrean' });
    await expect(queues.getByRole('group', { name: 'Tagihan' })).toContainText('Tingkat layanan (20 s)');
    await expect(queues.getByRole('group', { name: 'Tagihan' })).toContainText('Menunggu');
    await expect(board.getByRole('group', { name: 'Luring' })).toContainText(/\d+/);
    await expect(board.getByRole('button')).toHaveCount(0);
    if (shots) await page.screenshot({ path: path.join(ROOT, 'docs/images/floor-wallboard-id.png') });
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/#\/floor$/);
    await expect(page.getByRole('region', { name: 'Agen yang bertugas' })).toBeVisible();
    await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' });
  });
});
