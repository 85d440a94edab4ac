// Filing a complaint from the customer screen. Agent A files one for a Platinum customer:
// the priority offered is Urgent, the case shows at once with its SLA clock, lands in the
// timeline, and the profile's complaint count is one more. A's link to the server is cut
// (a TCP fault proxy sits between A's core and the server), A files a second case; when the
// link returns, agent B on another desktop sees it once, numbered by the server. Between the
// two, A works the first case to Resolved: the clock stops and each move is in the timeline.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startFaultProxy } from '../faults/fault-proxy.js';
import { desktopKeyEnv } from '../support/desktop-key.js';
import { freePort, startProcess } from './support/processes.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';

async function startHost(serverUrl: string) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-e2e-cases-'));
  const port = await freePort();
  const host = await startProcess(
    'src/main/host/cli.ts',
    { SAPA_SERVER_URLS: serverUrl, SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir), SAPA_HOST_PORT: String(port) },
    `http://127.0.0.1:${port}/`, 'browser host',
  );
  return { url: host.url, stop: async () => { await host.stop(); await rm(dataDir, { recursive: true, force: true }); } };
}

const complaintCount = (page: Page) =>
  new SingleScreen(page).profile().locator('.sapa-fact', { hasText: 'Complaints (last 90 days)' }).getByRole('definition');

async function fileCase(page: Page, subject: string, description: string): Promise<void> {
  await page.getByRole('tab', { name: 'Cases' }).click();
  await page.getByRole('button', { name: 'New case' }).click();
  const form = page.getByRole('form', { name: 'New case' });
  await form.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Complaint' });
  // Budi is Platinum: a complaint is offered as Urgent.
  await expect(form.getByRole('combobox', { name: 'Priority' })).toHaveValue('urgent');
  await form.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await form.getByRole('textbox', { name: 'Description' }).fill(description);
  await form.getByRole('textbox', { name: 'Subject' }).press('Enter');
  await expect(form).toHaveCount(0);
}

test('an agent files a complaint for a Platinum customer; one filed offline arrives once', async ({ browser }) => {
  const serverUrl = process.env.SAPA_E2E_SERVER_URL ?? '';
  const proxy = await startFaultProxy(Number(new URL(serverUrl).port));
  const hostA = await startHost(proxy.url);
  const hostB = await startHost(serverUrl);
  const contextA = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  const contextB = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  try {
    const pageA = await contextA.newPage();
    const pageB = await contextB.newPage();
    await pageA.goto(hostA.url);
    await pageB.goto(hostB.url);
    await new LoginPage(pageA).signIn('agent1', 'agent1-pass');
    await new LoginPage(pageB).signIn('agent2', 'agent2-pass');
    for (const page of [pageA, pageB]) await new SingleScreen(page).openCustomer(DEMO.customer.e164, DEMO.customer.name);
    const stamp = Date.now().toString(36);
    const before = Number(await complaintCount(pageA).innerText());

    // Online: the case is numbered by the server, shows its clock, and is in the timeline.
    const subject = `Internet mati ${stamp}`;
    await fileCase(pageA, subject, 'Sudah lapor dua kali.');
    const cases = pageA.getByRole('table', { name: 'Cases' });
    const row = cases.getByRole('row', { name: new RegExp(subject) });
    await expect(row).toContainText('Urgent');
    await expect(row).toContainText(/\d+ h \d+ min left/);
    await expect(row.getByRole('cell').first()).toHaveText(/^K-\d{7}$/, { timeout: 10_000 });
    await expect(complaintCount(pageA)).toHaveText(String(before + 1));
    await pageA.getByRole('tab', { name: 'History' }).click();
    await expect(new SingleScreen(pageA).entries().filter({ hasText: subject })).toHaveCount(1);
    await pageA.screenshot({ path: test.info().outputPath('cases-en.png') });

    // The agent works it: in progress, then resolved; the clock stops, each move in the timeline.
    await pageA.getByRole('tab', { name: 'Cases' }).click();
    const caseNo = await row.getByRole('cell').first().innerText();
    await row.getByRole('combobox', { name: `Move case ${caseNo}` }).selectOption({ label: 'In progress (or reopen)' });
    await expect(row).toContainText('In progress');
    await row.getByRole('combobox', { name: `Move case ${caseNo}` }).selectOption({ label: 'Resolved' });
    await expect(row.getByRole('cell').nth(2)).toHaveText('Resolved');
    await expect(row).toContainText('Done');
    await pageA.getByRole('tab', { name: 'History' }).click();
    await expect(new SingleScreen(pageA).entries().filter({ hasText: `${caseNo} · ${subject} · In progress → Resolved` })).toHaveCount(1, { timeout: 20_000 });
    await pageA.getByRole('tab', { name: 'Cases' }).click();

    // Offline: the case shows at once, waiting to send; B does not have it yet.
    proxy.set('drop');
    const offline = `Tagihan ganda ${stamp}`;
    await fileCase(pageA, offline, 'Dicatat saat jaringan putus.');
    const offlineRow = cases.getByRole('row', { name: new RegExp(offline) });
    await expect(offlineRow).toContainText('Waiting to send');
    await pageA.screenshot({ path: test.info().outputPath('cases-tab-en.png') });
    await expect(pageA.getByRole('status', { name: 'Sync status' })).toContainText('1 change waiting');

    // The line returns: B sees the case once, numbered; A's outbox empties.
    proxy.set('pass');
    await pageB.getByRole('tab', { name: 'Cases' }).click();
    const casesB = pageB.getByRole('table', { name: 'Cases' });
    await expect(casesB.getByRole('row', { name: new RegExp(offline) })).toHaveCount(1, { timeout: 20_000 });
    await expect(casesB.getByRole('row', { name: new RegExp(offline) }).getByRole('cell').first()).toHaveText(/^K-\d{7}$/, { timeout: 20_000 });
    await expect(pageA.getByRole('status', { name: 'Sync status' })).toContainText('0 changes waiting', { timeout: 20_000 });
    await expect(offlineRow.getByRole('cell').first()).toHaveText(/^K-\d{7}$/, { timeout: 20_000 });
    await expect(complaintCount(pageB)).toHaveText(String(before + 2), { timeout: 20_000 });
  } finally {
    await contextA.close();
    await contextB.close();
    await hostA.stop();
    await hostB.stop();
    await proxy.close();
  }
});
