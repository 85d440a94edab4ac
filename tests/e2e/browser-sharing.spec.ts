// Browser sharing (docs/browser-sharing.md): a plain HTML page on another local origin loads
// the customer-side script from the Sapa server; the agent asks to share, the customer types
// the code and agrees. The agent sees the customer's page change (polled, within a second),
// points at an element and proposes a page; the customer opens it and sends a form there;
// a password and a card number typed on the page never reach the agent — checked in every
// frame the agent's window received from its desktop (which hands on all the server relayed);
// the customer ends the sharing and the agent's view stops. The timeline holds the session
// (pages counted, not their contents) and the form's field names.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import pg from 'pg';
import { test, expect } from './support/fixtures.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';
import { serverLogin } from './support/server-api.js';

const SERVER = process.env.SAPA_E2E_SERVER_URL ?? '';
const PASSWORD = 'Rahasia-Sekali-7391';
const CARD = '4111 1111 1111 1111';
const CARD_DIGITS = CARD.replace(/\s/g, '');

/** The company's site: two pages, each loading the script as a site would. */
function sitePage(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${title}</title></head><body>
<h1>${title}</h1>${body}
<button type="button" id="share" onclick="SapaCobrowse.start({ serverUrl: '${SERVER}' })">Bagikan layar ke agen</button>
<script src="${SERVER}/api/v1/widget/cobrowse.js"></script></body></html>`;
}
const HOME = sitePage('Toko Sapa', `
<p id="status">Status pesanan: diproses</p>
<button type="button" onclick="document.getElementById('status').textContent = 'Status pesanan: dikirim'">Perbarui status</button>
<label>Nama <input name="nama" type="text"></label>
<label>Kata sandi <input name="kunci" type="password"></label>
<label>Nomor kartu <input name="nomor" inputmode="numeric"></label>`);
const HELP = sitePage('Bantuan', `
<form name="kontak" onsubmit="event.preventDefault(); this.querySelector('output').textContent = 'Terkirim'">
  <label>Topik <input name="topik" type="text"></label>
  <label>Pesan <textarea name="pesan"></textarea></label>
  <button type="submit">Kirim</button> <output></output>
</form>`);

let site: Server;
let siteOrigin = '';
let adminToken = '';

async function putSettings(body: unknown): Promise<void> {
  const res = await fetch(`${SERVER}/api/v1/admin/settings`, {
    method: 'PUT', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

test.beforeAll(async () => {
  // The customer-side script as the server serves it (npm run build:cobrowse).
  execFileSync('npx', ['vite', 'build', '--config', 'vite.cobrowse.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  site = createServer((req, res) => {
    const page = req.url === '/' ? HOME : req.url === '/bantuan' ? HELP : null;
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  adminToken = await serverLogin(DEMO.admin.username, DEMO.admin.password);
  await putSettings({ widgetOrigins: [siteOrigin] });
});

test.afterAll(async () => {
  await putSettings({ widgetOrigins: null });
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

test('the agent follows the customer\'s page live; a password never reaches the agent; the customer ends it', async ({ page, desktop, browser }) => {
  // Everything the agent's window hears from its desktop: the relayed page events among it.
  const received: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))));
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const screen = new SingleScreen(page);
  await screen.openCustomer(DEMO.customer.e164, DEMO.customer.name);
  await page.getByRole('tab', { name: 'Browser sharing' }).click();
  await page.getByRole('button', { name: 'Start browser sharing' }).click();
  const codeText = await page.getByLabel(/^Sharing code/).innerText();
  const code = codeText.replace(/\D/g, '');
  expect(code).toMatch(/^\d{6}$/);
  await expect(page.getByText('Waiting for the customer to agree…')).toBeVisible();

  const customerContext = await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 720 } });
  const customer = await customerContext.newPage();
  try {
    await customer.goto(`${siteOrigin}/`);
    await customer.getByRole('button', { name: 'Bagikan layar ke agen' }).click();
    const consent = customer.getByRole('dialog', { name: 'Bagikan halaman ini dengan agen?' });
    await expect(consent).toBeVisible();
    // A wrong code first: the dialog says so and asks again.
    await consent.getByRole('textbox', { name: 'Kode berbagi dari agen (6 angka)' }).fill(code === '000000' ? '000001' : '000000');
    await consent.getByRole('button', { name: 'Ya, bagikan' }).click();
    await expect(customer.getByRole('alert')).toContainText('Kode salah');
    await consent.getByRole('textbox', { name: 'Kode berbagi dari agen (6 angka)' }).fill(code);
    await consent.getByRole('checkbox', { name: /Catat halaman yang saya buka/ }).check();
    await consent.getByRole('button', { name: 'Ya, bagikan' }).click();
    const bar = customer.getByRole('region', { name: 'Berbagi halaman' });
    await expect(bar).toContainText('Anda sedang berbagi halaman ini dengan');

    // The agent sees the page…
    const view = page.getByRole('region', { name: 'Customer\'s page (live)' });
    const replayed = view.locator('iframe').contentFrame();
    await expect(replayed.getByRole('heading', { name: 'Toko Sapa' })).toBeVisible();
    await expect(replayed.getByText('Status pesanan: diproses')).toBeVisible();
    // …and its change within a second.
    await customer.getByRole('button', { name: 'Perbarui status' }).click();
    await expect(replayed.getByText('Status pesanan: dikirim')).toBeVisible({ timeout: 1_000 });

    // Typing: the name comes through, the password and the card number do not.
    await customer.getByLabel('Nama').fill('Budi');
    await customer.getByLabel('Kata sandi').fill(PASSWORD);
    await customer.getByLabel('Nomor kartu').fill(CARD);
    await expect(replayed.getByLabel('Nama')).toHaveValue('Budi');
    await expect(replayed.getByLabel('Kata sandi')).toHaveValue('********');
    await expect(replayed.getByLabel('Nomor kartu')).toHaveValue('********');

    // The larger view lays the page over the screen, and back.
    await page.getByRole('button', { name: 'Larger view' }).click();
    await expect(page.getByRole('button', { name: 'Larger view' })).toHaveAttribute('aria-pressed', 'true');
    await expect(replayed.getByText('Status pesanan: dikirim')).toBeVisible();
    await page.getByRole('button', { name: 'Larger view' }).click();

    // Pointing at the heading highlights it on the customer's screen.
    await page.getByRole('button', { name: 'Point at an element' }).click();
    await replayed.getByRole('heading', { name: 'Toko Sapa' }).click();
    await expect(customer.getByRole('status').filter({ hasText: 'Agen menunjuk bagian halaman ini.' })).toHaveCount(1);
    await page.getByRole('button', { name: 'Point at an element' }).click();

    // A page of another site is refused on the agent's side; the help page is proposed.
    await page.getByRole('textbox', { name: 'Propose a page of the customer\'s site (path)' }).fill('https://evil.example/');
    await page.getByRole('button', { name: 'Propose' }).click();
    await expect(page.getByText('A path on the customer\'s site, starting with /')).toBeVisible();
    await page.getByRole('textbox', { name: 'Propose a page of the customer\'s site (path)' }).fill('/bantuan');
    await page.getByRole('button', { name: 'Propose' }).click();
    const proposal = customer.getByRole('dialog', { name: /Agen menyarankan membuka/ });
    await expect(proposal).toContainText(`${siteOrigin}/bantuan`);
    await proposal.getByRole('button', { name: 'Buka' }).click();
    await expect(customer).toHaveURL(`${siteOrigin}/bantuan`);
    // The next page resumes by itself: no second consent, the bar is back, the agent follows.
    await expect(customer.getByRole('region', { name: 'Berbagi halaman' })).toBeVisible();
    await expect(replayed.getByRole('heading', { name: 'Bantuan' })).toBeVisible();
    await expect(page.getByText(/pages seen: 2/)).toBeVisible();
    await customer.getByLabel('Topik').fill('Pengiriman terlambat');
    await customer.getByRole('button', { name: 'Kirim' }).click();
    await expect(customer.getByText('Terkirim')).toBeVisible();

    // The customer ends it: the agent's view stops and says so.
    await customer.getByRole('button', { name: 'Akhiri berbagi' }).click();
    await expect(customer.getByText('Berbagi halaman telah berakhir.')).toBeVisible();
    await expect(page.getByText('The customer ended the sharing. Their page is no longer shown.')).toBeVisible();
    await expect(view).toHaveCount(0);
  } finally {
    await customerContext.close();
  }

  // What the agent received: page events (the name typed came through), never the secrets.
  const all = received.join('\n');
  expect(all).toContain('Status pesanan: dikirim');
  expect(all).toContain('Budi');
  expect(all).not.toContain(PASSWORD);
  expect(all).not.toContain(CARD);
  expect(all).not.toContain(CARD_DIGITS);

  // The timeline: the session (pages counted, paths with the consent) and the form's field names, no contents.
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(screen.entries().filter({ hasText: 'Browser sharing · 2 pages' }).first()).toBeVisible();
  await expect(screen.entries().filter({ hasText: 'Web form: kontak' }).first()).toBeVisible();
  const db = new pg.Client({ connectionString: process.env.SAPA_E2E_DATABASE_URL });
  await db.connect();
  try {
    const rows = (await db.query<{ channel: string; subject: string; body: string }>(
      `SELECT channel, subject, body FROM interactions i JOIN customers c ON c.id = i.customer_id
       WHERE c.full_name = $1 AND channel IN ('cobrowse', 'web_form') AND i.started_at > now() - interval '10 minutes'
       ORDER BY started_at`, [DEMO.customer.name])).rows;
    const session = rows.find((r) => r.channel === 'cobrowse');
    const form = rows.find((r) => r.channel === 'web_form');
    expect(session?.body).toContain('• /bantuan');
    expect(form?.body).toBe('Fields: topik, pesan');
    for (const r of rows) {
      expect(r.body).not.toContain('Pengiriman terlambat');
      expect(r.body).not.toContain('Status pesanan');
    }
  } finally {
    await db.end();
  }
});
