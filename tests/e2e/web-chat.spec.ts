// Web chat and "call me" from the company's site, end to end with real browsers: a plain
// HTML page served from ANOTHER local origin embeds the widget with one script tag. The
// customer reads the public FAQ (a paragraph a lead marked), opens a chat with a name that
// holds markup; the agent is offered it (the name shown as text, no element made of it),
// accepts, answers with a chat paragraph from the reply library; the customer sees the
// answer, reloads, and the conversation is still there; the agent ends it and the
// transcript is in the customer's timeline. A second customer asks to be called 15 minutes
// later (the server's test clock set to a working morning): a call-back task due then, the
// confirmation SMS at the gateway, and its cancel link, opened in the browser, cancels it.
// With SAPA_WRITE_SCREENSHOTS=1 it writes docs/images/web-widget-{id,en}.png (a phone) and
// web-chat-dock-{en,id}.png (the agent's desktop, 1366×768).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './support/fixtures.js';
import { AgentStatus, cancelOpenTasks, offerPanel, restoreQueues, setQueues } from './support/contact-center.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';
import { allInteractions, serverLogin } from './support/server-api.js';
import { startSmsGateway, type SmsGateway } from '../support/replies-mail-sink.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = process.env.SAPA_WRITE_SCREENSHOTS === '1';
const NAME = 'Sari <img src=x onerror="window.__pwned=1">';
/** Monday 4 January 2027, 09:00 WIB: a working morning for the server's test clock. */
const WORKING_MORNING = Date.parse('2027-01-04T02:00:00.000Z');

async function adminCall(pathname: string, method: 'PUT' | 'POST', body: unknown): Promise<unknown> {
  const admin = await serverLogin(DEMO.admin.username, DEMO.admin.password);
  const res = await fetch(`${process.env.SAPA_E2E_SERVER_URL}/api/v1${pathname}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The company's site: one page on its own origin, embedding the widget with one script tag. */
async function startSite(serverUrl: string): Promise<{ origin: string; close(): Promise<void> }> {
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Toko Contoh</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Toko Contoh</h1><p>Selamat datang.</p>
<script src="${serverUrl}/widget/loader.js" data-lang="id" async></script></body></html>`;
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

test.describe('web chat and call me', () => {
  let gateway: SmsGateway;
  let site: { origin: string; close(): Promise<void> };
  let saved = new Map<string, string[]>();

  test.beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'out/widget/loader.js')) || !existsSync(path.join(ROOT, 'out/widget/widget.js'))) {
      execFileSync('npm', ['run', 'build:widget'], { cwd: ROOT, stdio: 'inherit' });
    }
    gateway = await startSmsGateway();
    site = await startSite(process.env.SAPA_E2E_SERVER_URL ?? '');
    await adminCall('/admin/settings', 'PUT', { widgetOrigins: [site.origin], smsGatewayUrl: gateway.url, widgetQueue: 'general' });
    // A lead marked this paragraph as public FAQ (the same text agents insert).
    await withServerDb((db) => db.query(
      "INSERT INTO reply_public_faq (paragraph_id) SELECT id FROM reply_paragraphs WHERE shortcut = 'tagihan-lunas' ON CONFLICT DO NOTHING"));
  });
  test.afterAll(async () => {
    await adminCall('/test/clock', 'POST', { offsetMs: 0 });
    await adminCall('/admin/settings', 'PUT', { widgetOrigins: null, smsGatewayUrl: null, widgetQueue: null });
    await withServerDb((db) => db.query('DELETE FROM reply_public_faq'));
    await gateway?.close();
    await site?.close();
  });
  test.afterEach(async () => {
    await cancelOpenTasks();
    await restoreQueues(saved);
    await withServerDb((db) => db.query("UPDATE cc_agent_state SET chosen = 'offline', reason = NULL, derived = 'offline', ready_since = NULL"));
  });

  test('a customer chats from another origin; the agent answers with a paragraph; a reload keeps it; the transcript is in the timeline', async ({ page, desktop, browser }) => {
    await cancelOpenTasks();
    saved = await setQueues([DEMO.agent.username], ['general']);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
    await new AgentStatus(page).choose('Ready', /^Ready/);

    const customer = await (await browser.newContext({ viewport: { width: 390, height: 760 }, locale: 'id-ID' })).newPage();
    await customer.goto(site.origin);
    await customer.getByRole('button', { name: 'Chat dengan kami' }).click();
    const widget = customer.getByRole('dialog', { name: 'Layanan pelanggan' });
    await expect(widget).toBeVisible();
    // The public FAQ, searchable, before the chat starts.
    await widget.getByRole('searchbox', { name: 'Cari jawaban' }).fill('pembayaran');
    await expect(widget.getByText('Tagihan sudah kami terima')).toBeVisible();
    await widget.getByRole('textbox', { name: 'Nama' }).fill(NAME);
    await widget.getByRole('textbox', { name: 'Nomor telepon' }).fill('0813 7000 4242');
    await widget.getByRole('button', { name: 'Mulai chat' }).click();
    await expect(widget.getByRole('status')).toHaveText(/Menunggu agen/);
    await widget.getByRole('textbox', { name: 'Pesan' }).fill('Halo, internet saya mati sejak pagi.');
    await widget.getByRole('button', { name: 'Kirim', exact: true }).click();
    await expect(widget.getByRole('log', { name: 'Percakapan' })).toContainText('Halo, internet saya mati sejak pagi.');

    // The agent's offer names the customer as typed — as text: no element was made of it.
    const offer = offerPanel(page, /^Incoming web chat$/);
    await expect(offer).toContainText(NAME);
    await expect(offer.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await offer.getByRole('button', { name: 'Accept' }).click();
    const dock = page.getByRole('region', { name: 'Web chats' });
    await expect(dock.getByRole('log', { name: 'Chat messages' })).toContainText('Halo, internet saya mati sejak pagi.');
    await expect(dock.getByRole('tabpanel').getByText(NAME, { exact: true })).toBeVisible();
    await expect(dock.locator('img')).toHaveCount(0);
    // The customer was popped on the customer screen as for a call.
    const screen = new SingleScreen(page);
    await expect(screen.profile().getByRole('heading', { name: /Sari/ })).toBeVisible();

    // A chat paragraph from the reply library, then a line of free text.
    await dock.getByRole('combobox', { name: 'Search reply paragraphs' }).fill('halo');
    await dock.getByRole('option', { name: 'Salam singkat SMS' }).click();
    const answer = dock.getByRole('textbox', { name: 'Your answer' });
    await expect(answer).toHaveValue('Halo Bapak/Ibu Sari,');
    await answer.press('End');
    await answer.pressSequentially(' kami sedang memeriksa jaringan di area Anda.');
    await dock.getByRole('button', { name: 'Send', exact: true }).click();
    const said = 'Halo Bapak/Ibu Sari, kami sedang memeriksa jaringan di area Anda.';
    await expect(widget.getByRole('log', { name: 'Percakapan' })).toContainText(said);
    await expect(widget.getByRole('status')).toHaveText(/Anda terhubung dengan/);
    // The agent's screen shows the customer read it.
    await expect(dock.getByRole('log', { name: 'Chat messages' }).getByText('Read')).toBeVisible();

    if (shots) {
      await customer.screenshot({ path: path.join(ROOT, 'docs/images/web-widget-id.png') });
      await widget.getByRole('combobox', { name: 'Bahasa' }).selectOption('en');
      await expect(customer.getByRole('dialog', { name: 'Customer service' }).getByRole('status')).toHaveText(/You are chatting with/);
      await customer.screenshot({ path: path.join(ROOT, 'docs/images/web-widget-en.png') });
      await customer.getByRole('dialog', { name: 'Customer service' }).getByRole('combobox', { name: 'Language' }).selectOption('id');
      await page.screenshot({ path: path.join(ROOT, 'docs/images/web-chat-dock-en.png') });
      await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
      await expect(page.getByRole('region', { name: 'Chat web' })).toBeVisible();
      await page.screenshot({ path: path.join(ROOT, 'docs/images/web-chat-dock-id.png') });
      await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' });
    }
    // A reload: the widget reopens with the whole conversation.
    await customer.reload();
    const again = customer.getByRole('dialog', { name: 'Layanan pelanggan' });
    await expect(again.getByRole('log', { name: 'Percakapan' })).toContainText('Halo, internet saya mati sejak pagi.');
    await expect(again.getByRole('log', { name: 'Percakapan' })).toContainText(said);
    // …and it still goes both ways.
    await again.getByRole('textbox', { name: 'Pesan' }).fill('Terima kasih.');
    await again.getByRole('textbox', { name: 'Pesan' }).press('Enter');
    await expect(dock.getByRole('log', { name: 'Chat messages' })).toContainText('Terima kasih.');

    await dock.getByRole('button', { name: 'End chat' }).click();
    await expect(again.getByRole('status')).toHaveText(/Percakapan telah berakhir/);
    const customerId = await withServerDb(async (db) => (await db.query<{ customer_id: string }>(
      "SELECT customer_id FROM webchat_conversations WHERE phone_e164 = '+6281370004242' ORDER BY created_at DESC LIMIT 1")).rows[0]?.customer_id);
    expect(customerId).toBeTruthy();
    const token = await serverLogin(DEMO.agent.username, DEMO.agent.password);
    await expect.poll(async () => (await allInteractions(token, customerId!)).find((i) => i.channel === 'chat')?.body ?? '').toContain(said);
    await expect(screen.entries().filter({ hasText: 'Web chat' }).first()).toBeVisible({ timeout: 20_000 });
    await customer.context().close();
  });

  test('call me for 15 minutes later becomes a call-back task due then; the SMS arrives and its cancel link cancels it', async ({ browser }) => {
    const { now } = await adminCall('/test/clock', 'POST', { offsetMs: WORKING_MORNING - Date.now() }) as { now: string };
    const due = new Date(Math.ceil((Date.parse(now) + 10 * 60_000) / (15 * 60_000)) * 15 * 60_000).toISOString();
    expect(Date.parse(due) - WORKING_MORNING).toBe(15 * 60_000);

    const customer = await (await browser.newContext({ viewport: { width: 390, height: 760 }, locale: 'id-ID' })).newPage();
    await customer.goto(site.origin);
    await customer.getByRole('button', { name: 'Chat dengan kami' }).click();
    const widget = customer.getByRole('dialog', { name: 'Layanan pelanggan' });
    await widget.getByRole('tab', { name: 'Telepon saya' }).click();
    await expect(widget.getByRole('tab', { name: 'Telepon saya' })).toHaveAttribute('aria-selected', 'true');
    await widget.getByRole('textbox', { name: 'Nama' }).fill('Dewi Lestari');
    await widget.getByRole('textbox', { name: 'Nomor telepon' }).fill('0813 7000 5151');
    const when = widget.getByRole('combobox', { name: 'Kapan kami menelepon?' });
    await expect(when.locator(`option[value="${due}"]`)).toHaveCount(1);
    await when.selectOption(due);
    await widget.getByRole('button', { name: 'Minta ditelepon' }).click();
    await expect(widget.getByRole('status')).toContainText('Kami akan menelepon 0813 7000 5151');

    const task = await withServerDb(async (db) => (await db.query<{ status: string; not_before: Date; source_ref: string }>(
      `SELECT t.status, t.not_before, t.source_ref FROM cc_tasks t JOIN callbacks c ON c.id::text = t.source_ref
        WHERE t.kind = 'callback' AND c.phone_e164 = '+6281370005151' ORDER BY t.enqueued_at DESC LIMIT 1`)).rows[0]);
    expect(task?.status).toBe('waiting');
    expect(new Date(task!.not_before).toISOString()).toBe(due);

    await expect.poll(() => gateway.requests.filter((r) => r.to === '+6281370005151').length, { timeout: 20_000 }).toBe(1);
    const sms = gateway.requests.find((r) => r.to === '+6281370005151')!.text;
    expect(sms).toMatch(/^Kami akan menelepon \+62 813 7000 5151 pada .*09\.15 WIB\. Batalkan: http/);
    const link = /https?:\/\/\S+/.exec(sms)![0];
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 760 } })).newPage();
    await phone.goto(link);
    await expect(phone.getByRole('heading', { name: 'Permintaan telepon' })).toBeVisible();
    await phone.getByRole('button', { name: 'Batalkan permintaan' }).click();
    await expect(phone.getByRole('status')).toHaveText('Permintaan telepon Anda telah dibatalkan.');
    await expect.poll(async () => withServerDb(async (db) => (await db.query<{ status: string }>(
      "SELECT status FROM cc_tasks WHERE kind = 'callback' AND source_ref = $1", [task!.source_ref])).rows[0]?.status)).toBe('cancelled');
    expect(await withServerDb(async (db) => (await db.query<{ status: string }>('SELECT status FROM callbacks WHERE id = $1', [task!.source_ref])).rows[0]?.status)).toBe('cancelled');
    await phone.context().close();
    await customer.context().close();
  });
});
