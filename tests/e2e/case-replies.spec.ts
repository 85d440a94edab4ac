// Working a complaint with the customer. Agent A files a complaint for Budi (Platinum) from
// the customer screen, adds an internal note (markup in it stays text), replies by SMS from
// an approved paragraph through the composer on the case, and resolves it: the test SMS
// gateway receives the reply with exactly the previewed text and then the resolved
// notification with exactly the approved paragraph's text, case number and subject filled
// in, once each; the profile's complaint count is one more. Agent B on another desktop sees
// the internal note on the case after sync. Then an e-mail from Budi arrives through the
// real SMTP ingress, and "Make a case" files it in one step, linked to the e-mail.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startFaultProxy } from '../faults/fault-proxy.js';
import { startBrowserHost } from './support/browser-host.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';
import { serverLogin } from './support/server-api.js';
import { mailToIngress, startSmsGateway, type SmsGateway } from '../support/replies-mail-sink.js';
import { fileURLToPath } from 'node:url';
import { type Page } from '@playwright/test';

// With SAPA_WRITE_SCREENSHOTS=1 it writes docs/images/case-detail-en.png and case-detail-id.png.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = process.env.SAPA_WRITE_SCREENSHOTS === '1';

const BUDI_EMAIL = 'budi.santoso@example.co.id';

const startHost = (serverUrl: string) => startBrowserHost(serverUrl, 'case-replies');

const complaintCount = (page: Page) =>
  new SingleScreen(page).profile().locator('.sapa-fact', { hasText: 'Complaints (last 90 days)' }).getByRole('definition');

async function putSettings(body: unknown): Promise<void> {
  const admin = await serverLogin(DEMO.admin.username, DEMO.admin.password);
  const res = await fetch(`${process.env.SAPA_E2E_SERVER_URL}/api/v1/admin/settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`PUT /admin/settings: ${res.status} ${await res.text()}`);
}

async function waitForSms(gateway: SmsGateway, match: (text: string) => boolean, n = 1): Promise<void> {
  await expect.poll(() => gateway.requests.filter((r) => match(r.text)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(n);
}

test('a complaint gets an internal note and an SMS reply (offline), is resolved, and the customer is notified with the approved text', async ({ page, secondDesktop, browser }) => {
  const gateway = await startSmsGateway();
  await putSettings({ smsGatewayUrl: gateway.url });
  const proxy = await startFaultProxy(Number(new URL(process.env.SAPA_E2E_SERVER_URL ?? '').port));
  const hostA = await startHost(proxy.url);
  const contextB = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(hostA.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
    const screen = new SingleScreen(page);
    await screen.openCustomer(DEMO.customer.e164, DEMO.customer.name);
    const before = Number(await complaintCount(page).innerText());

    // File the complaint.
    const subject = `Internet putus ${Date.now().toString(36)}`;
    await page.getByRole('tab', { name: 'Cases' }).click();
    await page.getByRole('button', { name: 'New case' }).click();
    const form = page.getByRole('form', { name: 'New case' });
    await form.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Complaint' });
    await expect(form.getByRole('combobox', { name: 'Source' })).toHaveValue('phone');
    await form.getByRole('textbox', { name: 'Subject' }).fill(subject);
    await form.getByRole('textbox', { name: 'Description' }).fill('Modem mati sejak pagi.');
    await form.getByRole('textbox', { name: 'Subject' }).press('Enter');
    const row = page.getByRole('table', { name: 'Cases' }).getByRole('row', { name: new RegExp(subject) });
    await expect(row.getByRole('cell').first()).toHaveText(/^K-\d{7}$/, { timeout: 20_000 });
    const caseNo = await row.getByRole('cell').first().innerText();
    await expect(complaintCount(page)).toHaveText(String(before + 1));

    // Offline from here: the note and the reply wait in the outbox.
    proxy.set('drop');
    // An internal note: markup stays text, never sent.
    await row.getByRole('button', { name: `Open case ${caseNo}` }).click();
    const detail = page.getByRole('region', { name: `Case ${caseNo}` });
    await detail.getByRole('button', { name: 'Add internal note' }).click();
    const noteText = `Jangan telepon sebelum jam 10 <b>penting</b><script>alert(1)</script> ${randomUUID().slice(0, 6)}`;
    await detail.getByRole('textbox', { name: 'Internal note' }).fill(noteText);
    await detail.getByRole('button', { name: 'Save note' }).click();
    const events = detail.getByRole('list', { name: 'Case events' });
    await expect(events.getByRole('listitem').filter({ hasText: 'Internal note' })).toContainText(noteText);
    await expect(page.locator('b', { hasText: 'penting' })).toHaveCount(0);

    // A reply by SMS from an approved paragraph, composed on the case.
    await detail.getByRole('button', { name: 'Reply to customer' }).click();
    const composer = page.getByRole('region', { name: 'Reply composer' });
    await expect(composer.getByRole('status', { name: `Replying on case ${caseNo}` })).toBeVisible();
    await composer.locator('label', { hasText: /^SMS$/ }).click();
    const search = composer.getByRole('combobox', { name: 'Search reply paragraphs' });
    await search.fill('/keluhan-proses');
    await composer.getByRole('listbox', { name: 'Reply paragraphs found' }).getByRole('option', { name: 'Keluhan sedang diproses' }).click();
    const preview = composer.getByTestId('composer-preview');
    await expect(preview).toHaveText(`Kasus ${caseNo} (${subject}) sedang ditangani oleh tim terkait.`);
    const previewed = await preview.innerText();
    await composer.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(composer.getByRole('status').filter({ hasText: 'Reply saved on the case' })).toBeVisible();
    await expect(events.getByRole('listitem').filter({ hasText: 'Reply' })).toContainText('Waiting to send');
    await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('2 changes waiting');
    expect(gateway.requests.filter((r) => r.text.includes(caseNo))).toHaveLength(0);
    // The line returns: the outbox empties and the reply leaves once.
    proxy.set('pass');
    await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('0 changes waiting', { timeout: 30_000 });
    await waitForSms(gateway, (text) => text === previewed);
    await expect(events.getByRole('listitem').filter({ hasText: 'Reply' }).filter({ hasText: 'Sent' })).toHaveCount(1, { timeout: 20_000 });

    // Resolve it: the customer's SMS is the approved paragraph with the case filled in.
    await row.getByRole('combobox', { name: `Move case ${caseNo}` }).selectOption({ label: 'Resolved' });
    await expect(row.getByRole('cell').nth(2)).toHaveText('Resolved');
    const approved = `Yth. Bapak Budi Santoso, kasus ${caseNo} (${subject}) telah selesai. Hubungi kami bila masalah muncul kembali.`;
    await waitForSms(gateway, (text) => text === approved);
    await expect(events.getByRole('listitem').filter({ hasText: 'Customer notified' })).toContainText('Sent', { timeout: 20_000 });
    const toBudi = gateway.requests.filter((r) => r.text.includes(caseNo));
    expect(toBudi.map((r) => r.text)).toEqual([previewed, approved]);
    expect(toBudi.every((r) => r.to === DEMO.customer.e164)).toBe(true);
    await expect(complaintCount(page)).toHaveText(String(before + 1));
    await page.screenshot({ path: shots ? path.join(ROOT, 'docs/images/case-detail-en.png') : test.info().outputPath('case-replies-en.png') });

    // Agent B on another desktop sees the note on the case after sync.
    const pageB = await contextB.newPage();
    await pageB.goto(secondDesktop.url);
    await new LoginPage(pageB).signIn('agent2', 'agent2-pass');
    await new SingleScreen(pageB).openCustomer(DEMO.customer.e164, DEMO.customer.name);
    await pageB.getByRole('tab', { name: 'Cases' }).click();
    const rowB = pageB.getByRole('table', { name: 'Cases' }).getByRole('row', { name: new RegExp(subject) });
    await rowB.getByRole('button', { name: `Open case ${caseNo}` }).click();
    const eventsB = pageB.getByRole('region', { name: `Case ${caseNo}` }).getByRole('list', { name: 'Case events' });
    await expect(eventsB.getByRole('listitem').filter({ hasText: 'Internal note' })).toContainText(noteText, { timeout: 20_000 });
    // Nothing more reached the customer.
    expect(gateway.requests.filter((r) => r.text.includes(caseNo))).toHaveLength(2);
  } finally {
    await contextB.close();
    await hostA.stop();
    await proxy.close();
    await putSettings({ smsGatewayUrl: null });
    await gateway.close();
  }
});

test('an inbound e-mail becomes a case in one step, linked to the e-mail', async ({ page, desktop }) => {
  const port = Number(process.env.SAPA_E2E_SMTP_PORT);
  const subject = `Keluhan tagihan ganda ${Date.now().toString(36)}`;
  const body = 'Saya ditagih dua kali bulan ini. Mohon dicek.';
  await mailToIngress(port, { from: BUDI_EMAIL, subject, text: body });
  await expect.poll(async () => withServerDb(async (db) => (await db.query<{ interaction_id: string | null }>(
    'SELECT interaction_id FROM inbound_messages WHERE subject = $1', [subject])).rows[0]?.interaction_id ?? null), { timeout: 20_000 }).not.toBeNull();

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const screen = new SingleScreen(page);
  await screen.openCustomer(DEMO.customer.e164, DEMO.customer.name);
  const composer = page.getByRole('region', { name: 'Reply composer' });
  await composer.getByRole('button', { name: `Make a case of the e-mail “${subject}”` }).click();
  await expect(composer.getByRole('status').filter({ hasText: 'Case filed from this e-mail' })).toBeVisible();

  await page.getByRole('tab', { name: 'Cases' }).click();
  const row = page.getByRole('table', { name: 'Cases' }).getByRole('row', { name: new RegExp(subject) });
  await expect(row.getByRole('cell').first()).toHaveText(/^K-\d{7}$/, { timeout: 20_000 });
  await expect(row).toContainText('Complaint');
  const caseNo = await row.getByRole('cell').first().innerText();
  await row.getByRole('button', { name: `Open case ${caseNo}` }).click();
  const detail = page.getByRole('region', { name: `Case ${caseNo}` });
  await expect(detail).toContainText('Source: E-mail');
  await expect(detail.getByRole('list', { name: 'Case events' }).getByRole('listitem').filter({ hasText: 'Opened' })).toContainText(body);
  await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
  const detailId = page.getByRole('region', { name: `Kasus ${caseNo}` });
  await expect(detailId).toContainText('Sumber: E-mail');
  await expect(detailId.getByRole('button', { name: 'Tambah catatan internal' })).toBeVisible();
  await detailId.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots ? path.join(ROOT, 'docs/images/case-detail-id.png') : test.info().outputPath('case-detail-id.png') });
  await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' });

  // The case's interaction is the e-mail's, and it came from e-mail.
  const link = await withServerDb(async (db) => (await db.query<{ linked: boolean; source_channel: string; description: string }>(
    `SELECT k.interaction_id = m.interaction_id AS linked, k.source_channel, k.description
     FROM cases k, inbound_messages m WHERE k.case_no = $1 AND m.subject = $2`, [caseNo, subject])).rows[0]);
  expect(link).toEqual({ linked: true, source_channel: 'email', description: body });

  // The same one step from the E-mail inbox.
  const second = `Tagihan belum turun ${Date.now().toString(36)}`;
  await mailToIngress(port, { from: BUDI_EMAIL, subject: second, text: 'Mohon koreksi tagihan.' });
  await page.getByRole('link', { name: 'E-mail inbox' }).click();
  const inbox = page.getByRole('table', { name: 'Waiting e-mails' });
  await inbox.getByRole('button', { name: `Make a case of the e-mail “${second}”` }).click({ timeout: 30_000 });
  await expect(inbox.getByRole('status').filter({ hasText: 'Case filed from this e-mail' })).toBeVisible();
  await expect.poll(async () => withServerDb(async (db) => (await db.query<{ linked: boolean }>(
    `SELECT k.interaction_id = m.interaction_id AS linked FROM cases k, inbound_messages m
     WHERE k.subject = $1 AND m.subject = $1`, [second])).rows[0]?.linked ?? false), { timeout: 20_000 }).toBe(true);
});
