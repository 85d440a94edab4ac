// E-mails and call-backs as contact-center tasks, through the real SMTP ingress, router,
// live socket, core and renderer. An inbound mail to a queue's address is offered to exactly
// one of two ready agents, with the customer already on screen; after accepting, the other
// agent never gets it and may not answer it. A due call-back is offered, its number is
// dialled from the task card (this e2e layer has no Kamailio: the softphone is not
// registered, so the dial reaches the softphone's dial function, which declines and copies
// the number — the SIP layer's tests carry the INVITE), and its outcome lands in the
// customer's timeline and on the call-back row.
// With SAPA_WRITE_SCREENSHOTS=1 it writes docs/images/cc-offer-en.png (an e-mail), cc-offer-id.png (a call-back)
// and cc-my-queue-{id,en}.png.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { BUDI } from '../../src/server/seed/budi.js';
import { mailToIngress } from '../support/replies-mail-sink.js';
import { test, expect } from './support/fixtures.js';
import { AgentStatus, cancelOpenTasks, offerPanel, restoreQueues, setQueues, taskOf } from './support/contact-center.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LEAD = { username: 'lead1', password: 'lead1-pass' };
const shots = process.env.SAPA_WRITE_SCREENSHOTS === '1';

function smtpPort(): number {
  const port = Number(process.env.SAPA_E2E_SMTP_PORT);
  if (!port) throw new Error('the e2e global setup did not start the SMTP ingress');
  return port;
}

test.describe('contact-center tasks', () => {
  let saved: Map<string, string[]> = new Map();
  test.afterEach(async () => {
    await cancelOpenTasks();
    await restoreQueues(saved);
    await withServerDb((db) => db.query("UPDATE cc_agent_state SET chosen = 'offline', reason = NULL, derived = 'offline', ready_since = NULL"));
  });

  test('an inbound e-mail is offered to one agent only; after accepting, the other never gets it', async ({ page, desktop, secondDesktop, browser }) => {
    await cancelOpenTasks();
    saved = await setQueues([DEMO.agent.username, LEAD.username], ['billing']);
    await page.setViewportSize({ width: 1366, height: 768 });
    const other = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
    await other.goto(secondDesktop.url);
    await new LoginPage(other).signIn(LEAD.username, LEAD.password);
    await new AgentStatus(page).choose('Ready', /^Ready/);
    await new AgentStatus(other).choose('Ready', /^Ready/);

    const subject = `Tagihan bulan ini dua kali ${randomUUID().slice(0, 6)}`;
    await mailToIngress(smtpPort(), { from: BUDI.email, to: 'tagihan@sapa.example', subject, text: 'Mohon dicek, tagihan saya tertagih dua kali.' });
    const inbound = await withServerDb(async (db) => (await db.query<{ id: string }>('SELECT id FROM inbound_messages WHERE subject = $1', [subject])).rows[0]?.id);
    if (!inbound) throw new Error('the ingress did not store the mail');

    // Whoever the router picks (the longest ready), exactly one desktop shows the offer.
    const title = /^Incoming e-mail$/;
    await expect.poll(async () => (await offerPanel(page, title).count()) + (await offerPanel(other, title).count())).toBe(1);
    const [winner, loser] = (await offerPanel(page, title).count()) === 1 ? [page, other] : [other, page];
    const offer = offerPanel(winner, title);
    await expect(offer).toContainText(subject);
    await expect(offer.getByRole('timer', { name: 'Time left to accept' })).toHaveText(/Accept within 0:\d\d/);
    // The customer is already on the single screen while the offer waits.
    const screen = new SingleScreen(winner);
    await expect(screen.profile().getByRole('heading', { name: new RegExp(DEMO.customer.name) })).toBeVisible();
    if (shots) await winner.screenshot({ path: path.join(ROOT, 'docs/images/cc-offer-en.png') });

    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect(offer).toHaveCount(0);
    const card = winner.getByRole('region', { name: 'E-mail task' });
    await expect(card).toContainText(subject);
    const winnerName = winner === page ? DEMO.agent.username : LEAD.username;
    await expect.poll(() => taskOf('email', inbound)).toEqual({ status: 'assigned', agent: winnerName });
    const owner = await withServerDb(async (db) => (await db.query<{ username: string }>(
      'SELECT u.username FROM inbound_messages m JOIN users u ON u.id = m.owner_id WHERE m.id = $1', [inbound])).rows[0]?.username);
    expect(owner).toBe(winnerName);
    // The other agent is still ready and offered nothing: the task is not theirs to get.
    await expect(loser.getByRole('status', { name: 'Routing state' })).toHaveText(/^Ready/);
    await expect(offerPanel(loser, title)).toHaveCount(0);

    await card.getByRole('button', { name: 'E-mail answered: done' }).click();
    await expect(card).toHaveCount(0);
    await expect.poll(() => taskOf('email', inbound)).toMatchObject({ status: 'done' });
    await other.context().close();
  });

  test('a due call-back is offered, dialled from the task card, and its outcome lands in the timeline', async ({ page, desktop }) => {
    await cancelOpenTasks();
    saved = await setQueues([DEMO.agent.username], ['general']);
    await page.setViewportSize({ width: 1366, height: 768 });
    const callbackId = randomUUID();
    const note = `Minta ditelepon soal paket ${callbackId.slice(0, 6)}`;
    await withServerDb(async (db) => {
      const customer = (await db.query<{ id: string }>('SELECT id FROM customers WHERE customer_no = $1', [BUDI.customerNo])).rows[0];
      const agent = (await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [DEMO.agent.username])).rows[0];
      await db.query(
        `INSERT INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, status, created_at)
         VALUES ($1, $2, $3, now() - interval '1 minute', $4, $5, 'open', now() - interval '1 day')`,
        [callbackId, customer?.id, DEMO.customer.e164, note, agent?.id]);
    });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
    // The call-back is due already: the offer may come before "Ready" is seen.
    await new AgentStatus(page).choose('Ready', /^(Ready|Reserved)/);

    const offer = offerPanel(page, /^Call-back due$/);
    await expect(offer).toContainText(note);
    const screen = new SingleScreen(page);
    await expect(screen.profile().getByRole('heading', { name: new RegExp(DEMO.customer.name) })).toBeVisible();
    if (shots) {
      await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
      await expect(offerPanel(page, /^Telepon balik jatuh tempo$/).getByRole('button', { name: 'Terima' })).toBeVisible();
      await page.screenshot({ path: path.join(ROOT, 'docs/images/cc-offer-id.png') });
      await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' });
    }
    await offer.getByRole('button', { name: 'Accept' }).click();

    const card = page.getByRole('region', { name: 'Call-back task' });
    await card.getByRole('button', { name: 'Call +62 812 3456 7890' }).click();
    // No SIP proxy in this layer: the softphone declines the dial and the number is copied.
    await expect(card.getByRole('status')).toHaveText(/^(\+62 812 3456 7890 copied|Could not copy \+62 812 3456 7890)/);
    await expect(page.getByRole('status', { name: 'Routing state' })).toHaveText(/^On a task/);

    await card.getByRole('radio', { name: 'Reached' }).check();
    await card.getByRole('textbox', { name: 'Note' }).fill('Pelanggan setuju pindah paket');
    await card.getByRole('button', { name: 'Save outcome' }).click();
    await expect(card).toHaveCount(0);
    await expect(screen.entries().filter({ hasText: 'Call-back: customer reached' }).first()).toBeVisible();
    // Accepted by the server too (a refused change would be taken back from the timeline).
    await expect(page.getByRole('status', { name: 'Sync status' })).toContainText('0 changes waiting');
    await expect(page.getByRole('status', { name: 'Sync status' })).not.toContainText('refused');
    await expect.poll(async () => withServerDb(async (db) => (await db.query<{ status: string }>(
      'SELECT status FROM callbacks WHERE id = $1', [callbackId])).rows[0]?.status), { timeout: 20_000 }).toBe('done');
    // …and on the server's timeline, once the outbox has pushed it.
    await expect.poll(async () => withServerDb(async (db) => (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM interactions WHERE subject = 'Call-back: customer reached' AND body = 'Pelanggan setuju pindah paket'")).rows[0]?.n), { timeout: 20_000 }).toBe(1);
  });

  test('My queue shows what waits per queue, with the oldest wait, in both languages', async ({ page, desktop }) => {
    await cancelOpenTasks();
    saved = await setQueues([DEMO.agent.username], ['billing', 'network']);
    await page.setViewportSize({ width: 1366, height: 768 });
    const subject = `Antre di jaringan ${randomUUID().slice(0, 6)}`;
    await mailToIngress(smtpPort(), { from: 'orang.lain@contoh.id', to: 'jaringan@sapa.example', subject, text: 'Internet mati.' });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Antrean saya' }).click();
    const table = page.getByRole('table', { name: 'Menunggu di antrean saya' });
    const network = table.getByRole('row', { name: /Jaringan/ });
    await expect(network.getByRole('cell').nth(1)).toHaveText('1');
    await expect(network.getByRole('cell').nth(3)).toHaveText(/^\d+:\d\d$/);
    if (shots) await page.screenshot({ path: path.join(ROOT, 'docs/images/cc-my-queue-id.png') });
    // Refreshed live: a second mail shows up without touching the page.
    await mailToIngress(smtpPort(), { from: 'orang.lain@contoh.id', to: 'jaringan@sapa.example', subject: `${subject} (2)`, text: 'Masih mati.' });
    await expect(network.getByRole('cell').nth(1)).toHaveText('2');
    await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' });
    await expect(page.getByRole('table', { name: 'Waiting in my queues' }).getByRole('row', { name: /Network/ })).toBeVisible();
    if (shots) await page.screenshot({ path: path.join(ROOT, 'docs/images/cc-my-queue-en.png') });
  });
});
