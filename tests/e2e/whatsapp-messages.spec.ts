// A WhatsApp message as a contact-center task, through the real server webhook, router, live
// socket, core and renderer, with a local stand-in for Meta's Cloud API: the customer's signed
// message is offered to the agent with the customer on screen; the agent answers with a reply
// paragraph and their own words; the stand-in receives the send in the documented format and
// both messages are in the customer's timeline. Once the customer's last message is more than
// 24 hours old, the composer says that only an approved template may go out (both languages),
// and the template the agent picks and fills in reaches the stand-in in Meta's template format.
// With SAPA_WRITE_SCREENSHOTS=1 it writes docs/images/whatsapp-conversation-{en,id}.png.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  STAND_IN_PHONE_ID, STAND_IN_TOKEN, inboundWebhook, signature, startWhatsappStandIn, type WhatsappStandIn,
} from '../support/whatsapp-stand-in.js';
import { test, expect } from './support/fixtures.js';
import { AgentStatus, cancelOpenTasks, offerPanel, restoreQueues, setQueues } from './support/contact-center.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';
import { serverLogin } from './support/server-api.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shots = process.env.SAPA_WRITE_SCREENSHOTS === '1';
const APP_SECRET = `e2e-app-secret-${randomUUID()}`;
const TEMPLATE = `tindak_lanjut_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
const api = (p: string) => `${process.env.SAPA_E2E_SERVER_URL}/api/v1${p}`;

test.describe('WhatsApp messages', () => {
  let stand: WhatsappStandIn;
  let saved: Map<string, string[]> = new Map();
  test.beforeAll(async () => {
    stand = await startWhatsappStandIn();
    const token = await serverLogin(DEMO.admin.username, DEMO.admin.password);
    const res = await fetch(api('/admin/messaging-channels'), {
      method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ whatsapp: { graphBaseUrl: stand.url, apiVersion: 'v21.0', phoneNumberId: STAND_IN_PHONE_ID, accessToken: STAND_IN_TOKEN, appSecret: APP_SECRET } }),
    });
    expect(res.status).toBe(200);
    const template = await fetch(api('/admin/whatsapp-templates'), {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: TEMPLATE, language: 'id', body: 'Halo {{1}}, kami menindaklanjuti pesan Anda. Balas pesan ini untuk melanjutkan.' }),
    });
    expect(template.status).toBe(200);
  });
  test.afterAll(async () => {
    await stand?.close();
  });
  test.afterEach(async () => {
    await cancelOpenTasks();
    await withServerDb((db) => db.query("UPDATE cc_tasks SET status = 'cancelled', ended_at = now() WHERE kind = 'message' AND status = 'assigned'"));
    await restoreQueues(saved);
    await withServerDb((db) => db.query("UPDATE cc_agent_state SET chosen = 'offline', reason = NULL, derived = 'offline', ready_since = NULL"));
  });

  test('an agent is offered a WhatsApp message, answers with a paragraph, and sees the 24-hour notice once the window has closed', async ({ page, desktop }) => {
    await cancelOpenTasks();
    saved = await setQueues([DEMO.agent.username], ['general']);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
    await new AgentStatus(page).choose('Ready', /^Ready/);

    const question = `Paket internet saya belum aktif ${randomUUID().slice(0, 6)} 🙏`;
    const body = inboundWebhook({ from: DEMO.customer.e164.slice(1), id: `wamid.${randomUUID().replace(/-/g, '')}`, text: question, name: 'Budi' });
    const delivered = await fetch(api('/webhooks/whatsapp'), {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature(APP_SECRET, body) }, body,
    });
    expect(delivered.status).toBe(200);

    const offer = offerPanel(page, /^Incoming message$/);
    await expect(offer).toContainText(question);
    const screen = new SingleScreen(page);
    await expect(screen.profile().getByRole('heading', { name: new RegExp(DEMO.customer.name) })).toBeVisible();
    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect(page.getByRole('region', { name: 'Message task' })).toBeVisible();

    const conversation = page.getByRole('region', { name: 'Conversation' });
    await expect(conversation.getByRole('list', { name: 'Messages' })).toContainText(question);
    await conversation.getByRole('combobox', { name: 'Search reply paragraphs' }).fill('/halo');
    await conversation.getByRole('listbox', { name: 'Reply paragraphs found' }).getByRole('option', { name: 'Salam singkat SMS' }).click();
    const message = conversation.getByRole('textbox', { name: 'Message' });
    await expect(message).toHaveValue('Halo Bapak Budi,');
    await message.press('End');
    await message.pressSequentially(' paket Anda kami aktifkan dalam 1 jam.');
    const answer = 'Halo Bapak Budi, paket Anda kami aktifkan dalam 1 jam.';
    await conversation.getByRole('button', { name: 'Send by WhatsApp' }).click();
    await expect(conversation.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: answer })).toContainText('Sent');

    // The stand-in got exactly Meta's documented send.
    const sends = stand.requests.filter((r) => (r.body.text as { body?: string } | undefined)?.body === answer);
    expect(sends).toEqual([{
      path: `/v21.0/${STAND_IN_PHONE_ID}/messages`, authorization: `Bearer ${STAND_IN_TOKEN}`,
      body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: DEMO.customer.e164.slice(1), type: 'text', text: { preview_url: false, body: answer } },
    }]);
    // Both messages are in Budi's timeline on the server.
    await expect.poll(async () => withServerDb(async (db) => (await db.query<{ direction: string }>(
      `SELECT i.direction FROM interactions i JOIN customers c ON c.id = i.customer_id
       WHERE c.customer_no = $1 AND i.channel = 'whatsapp' AND i.body IN ($2, $3) ORDER BY i.direction`,
      [(await db.query<{ customer_no: string }>("SELECT customer_no FROM customers WHERE phones @> '[{\"e164\": \"+6281234567890\"}]' ORDER BY customer_no LIMIT 1")).rows[0]?.customer_no, question, answer])).rows.map((r) => r.direction))).toEqual(['inbound', 'outbound']);
    if (shots) await page.screenshot({ path: path.join(ROOT, 'docs/images/whatsapp-conversation-en.png') });

    // A day and more later (the customer's message moved back 25 hours): only a template.
    await withServerDb((db) => db.query(
      `UPDATE conversations SET last_inbound_at = last_inbound_at - interval '25 hours' WHERE contact = $1 AND status = 'open'`, [DEMO.customer.e164]));
    // Moved in the database, not by the clock: the view learns it at its 15-second safety poll.
    await expect(conversation.getByRole('status').filter({ hasText: 'The 24-hour window has closed' }))
      .toContainText('WhatsApp allows only an approved template until the customer writes again', { timeout: 30_000 });
    await expect(conversation.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
    await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Bahasa Indonesia' });
    const percakapan = page.getByRole('region', { name: 'Percakapan' });
    await expect(percakapan.getByRole('status').filter({ hasText: 'Batas waktu 24 jam telah berakhir' }))
      .toContainText('hanya mengizinkan templat yang telah disetujui');
    if (shots) await page.screenshot({ path: path.join(ROOT, 'docs/images/whatsapp-conversation-id.png') });
    await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' });

    // An approved template still goes out, with the value the agent fills in.
    await conversation.getByRole('textbox', { name: 'Approved template' }).click();
    await page.getByRole('option', { name: `${TEMPLATE} (id)` }).click();
    await conversation.getByRole('textbox', { name: 'Value 1' }).fill('Bapak Budi');
    await conversation.getByRole('button', { name: 'Send template' }).click();
    const filled = 'Halo Bapak Budi, kami menindaklanjuti pesan Anda. Balas pesan ini untuk melanjutkan.';
    await expect(conversation.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: filled })).toContainText('Sent');
    expect(stand.requests.filter((r) => (r.body.template as { name?: string } | undefined)?.name === TEMPLATE).map((r) => r.body)).toEqual([{
      messaging_product: 'whatsapp', recipient_type: 'individual', to: DEMO.customer.e164.slice(1), type: 'template',
      template: { name: TEMPLATE, language: { code: 'id' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Bapak Budi' }] }] },
    }]);
  });

  test('an admin lists an approved WhatsApp template on the Settings page and takes it out of use', async ({ page, desktop }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
    await page.goto(`${desktop.url}/#/admin/settings`);
    const panel = page.getByRole('region', { name: 'WhatsApp templates' });
    // The channel configured in beforeAll: its secrets are set, never shown.
    await expect(panel).toContainText(`Phone number ID: ${STAND_IN_PHONE_ID}`);
    await expect(panel).not.toContainText(STAND_IN_TOKEN);
    const name = `konfirmasi_${randomUUID().slice(0, 8)}`;
    await panel.getByRole('textbox', { name: 'Template name' }).fill(name);
    await panel.getByRole('textbox', { name: 'Approved text' }).fill('Yth. {{1}}, pesanan {{2}} telah kami terima.');
    await panel.getByRole('button', { name: 'Add template' }).click();
    await expect(panel.getByRole('status')).toHaveText(`Template ${name} saved.`);
    const inUse = panel.getByRole('checkbox', { name: `${name} (id) in use` });
    await expect(inUse).toBeChecked();
    // A name Meta would not accept is refused with the reason.
    await panel.getByRole('textbox', { name: 'Template name' }).fill('Bukan Nama!');
    await panel.getByRole('textbox', { name: 'Approved text' }).fill('Teks');
    await expect(panel.getByText('Only lower-case letters, digits and _')).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Add template' })).toBeDisabled();
    if (shots) await panel.screenshot({ path: path.join(ROOT, 'docs/images/whatsapp-templates-en.png') });
    // The box follows the server: it changes once the save is answered.
    await inUse.click();
    await expect(inUse).not.toBeChecked();
    const active = await withServerDb(async (db) => (await db.query<{ active: boolean }>('SELECT active FROM whatsapp_templates WHERE name = $1', [name])).rows[0]?.active);
    expect(active).toBe(false);
  });
});
