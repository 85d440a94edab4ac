// SMS and WhatsApp conversations against the real server, router and database (PostgreSQL
// and PGlite), with a local stand-in for Meta's Cloud API and a test SMS gateway: a signed
// inbound WhatsApp webhook becomes a message task the agent is offered, the customer found by
// number; the agent's answer reaches the stand-in in the documented format; statuses move the
// message on (never back); a forged or missing signature is refused and writes nothing; free
// text after 24 hours is refused with a clear code while an approved template goes through;
// SMS inbound with any written number form, the answer at the gateway, its delivery report;
// duplicates, malformed and huge bodies, unicode and markup kept as text.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { contactCenterOf } from '../../../src/server/app.js';
import { type ContactCenter } from '../../../src/server/contact-center/contact-center.js';
import { routeAll } from '../../../src/server/contact-center/router-step.js';
import { LIVE_PATH } from '../../../src/server/live/live-hub.js';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { findOrLinkCustomer } from '../../../src/server/messaging/channels/customer-link.js';
import { type AgentTask, type TaskOffer } from '../../../src/shared/contact-center.js';
import { type Conversation, type ConversationMessage, type WhatsappTemplate } from '../../../src/shared/messaging-channels.js';
import { startSmsGateway, type SmsGateway } from '../../support/replies-mail-sink.js';
import {
  STAND_IN_PHONE_ID, STAND_IN_TOKEN, inboundWebhook, signature, startWhatsappStandIn, statusWebhook, type WhatsappStandIn,
} from '../../support/whatsapp-stand-in.js';
import { addAgent, addCustomer, testClock, type TestAgent } from '../helpers/contact-center.js';
import { forEachDatabase } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;
const APP_SECRET = 'meta-app-secret-for-tests';
const VERIFY_TOKEN = 'verify-token-for-tests';
const SMS_SECRET = 'sms-gateway-shared-secret';

forEachDatabase('messaging channels (SMS, WhatsApp)', (engine) => {
  let t: TestServer & { database: { drop(): Promise<void> } };
  let cc: ContactCenter;
  let stand: WhatsappStandIn;
  let gateway: SmsGateway;
  let admin: TestAgent;
  const clock = testClock(new Date());
  let n = 0;
  /** A fresh Indonesian mobile number per test, so conversations do not meet. */
  const nextNumber = () => `+62812${String(Date.now() % 1000).padStart(3, '0')}${String(++n).padStart(4, '0')}`;

  beforeAll(async () => {
    stand = await startWhatsappStandIn();
    gateway = await startSmsGateway();
    t = await startTestServer(engine, {
      contactCenter: { routeEveryMs: HOUR, reconcileEveryMs: HOUR, presenceTimeoutSec: 3600, clock: clock.now },
      messaging: { ...DEFAULT_MESSAGING, smsGatewayUrl: gateway.url, autoAck: false },
    });
    cc = contactCenterOf(t.server.app);
    admin = await addAgent(t.server.db, { queues: [], role: 'admin', extension: false });
    const saved = await as(admin, 'PUT', '/admin/messaging-channels', {
      whatsapp: { graphBaseUrl: stand.url, apiVersion: 'v21.0', phoneNumberId: STAND_IN_PHONE_ID, accessToken: STAND_IN_TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
      sms: { inboundSecret: SMS_SECRET },
    });
    expect(saved.status).toBe(200);
    // Secrets are never read back.
    expect(JSON.stringify(saved.body)).not.toContain(APP_SECRET);
    expect(saved.body).toMatchObject({ whatsapp: { appSecretSet: true, accessTokenSet: true, verifyTokenSet: true }, sms: { inboundSecretSet: true } });
  });
  afterAll(async () => {
    await t?.server.close();
    await t?.database.drop();
    await stand?.close();
    await gateway?.close();
  });

  const db = () => t.server.db;
  async function as<T = unknown>(agent: TestAgent, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await t.api(path, { method, token: agent.token, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: res.body as T };
  }
  async function post(path: string, body: string | Buffer, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const res = await t.api(path, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': 'application/json', ...headers } });
    return { status: res.status, body: res.body };
  }
  const whatsapp = (body: string, secret = APP_SECRET) => post('/webhooks/whatsapp', body, { 'x-hub-signature-256': signature(secret, body) });
  const sms = (body: string, secret = SMS_SECRET) => post('/webhooks/sms', body, { 'x-sapa-signature': signature(secret, body) });

  const working: TestAgent[] = [];
  /** The one ready agent of the general queue: the agents of earlier tests sign off. */
  async function readyAgent(): Promise<TestAgent> {
    for (const earlier of working.splice(0)) await as(earlier, 'PUT', '/cc/agents/me/state', { state: 'offline' });
    // Conversations of earlier tests left waiting would be offered first (older).
    await db().query("UPDATE cc_tasks SET status = 'cancelled', agent_id = NULL, reservation_id = NULL, reserved_until = NULL WHERE status IN ('waiting', 'reserved')");
    const agent = await addAgent(db(), { queues: ['general'] });
    working.push(agent);
    await as(agent, 'PUT', '/agents/me/status', { status: 'available' });
    expect((await as(agent, 'PUT', '/cc/agents/me/state', { state: 'ready' })).status).toBe(200);
    return agent;
  }
  /** Routes until the agent holds an offer of this task, accepts it and answers the task. */
  async function acceptTask(agent: TestAgent, taskId: string): Promise<AgentTask> {
    const offer = await vi.waitFor(async () => {
      await routeAll(cc.ctx);
      const o = (await as<{ offer: TaskOffer | null }>(agent, 'GET', '/cc/offers/mine')).body.offer;
      if (!o || o.taskId !== taskId) throw new Error('no offer of the task yet');
      return o;
    }, { timeout: 10_000, interval: 100 });
    expect(offer.kind).toBe('message');
    const accepted = await as<AgentTask>(agent, 'POST', '/cc/offers/accept', { reservationId: offer.reservationId });
    expect(accepted.status).toBe(200);
    return accepted.body;
  }
  const conversationOfTask = async (taskId: string) =>
    (await db().query<{ id: string }>('SELECT id FROM conversations WHERE task_id = $1', [taskId]))[0]?.id ?? '';
  const tasksFrom = (contact: string) => db().query<{ id: string; kind: string; customer_id: string | null; status: string }>(
    'SELECT t.id, t.kind, t.customer_id, t.status FROM cc_tasks t JOIN conversations c ON c.task_id = t.id WHERE c.contact = $1', [contact]);
  const wamid = () => `wamid.${randomUUID().replace(/-/g, '')}`;
  const digits = (e164: string) => e164.slice(1);

  it('verifies the webhook subscription with the verify token, and refuses a wrong one', async () => {
    const ok = await t.api(`/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('1158201444');
    expect((await t.api('/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1')).status).toBe(403);
    // The challenge is echoed only when it looks like Meta's: markup is not reflected.
    expect((await t.api(`/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=%3Cscript%3E`)).status).toBe(400);
  });

  it('turns a signed WhatsApp message into a task for the customer with that number; the answer reaches WhatsApp in the documented format; statuses follow', async () => {
    const phone = nextNumber();
    const customerId = await addCustomer(db(), { phone });
    const agent = await readyAgent();
    const id = wamid();
    const received = await whatsapp(inboundWebhook({ from: digits(phone), id, text: 'Selamat siang, tagihan saya dobel 🙏', name: 'Budi' }));
    expect(received.status).toBe(200);
    const [task, ...more] = await tasksFrom(phone);
    expect(more).toHaveLength(0);
    expect(task).toMatchObject({ kind: 'message', customer_id: customerId });
    expect(['waiting', 'reserved']).toContain(task?.status);

    const accepted = await acceptTask(agent, task!.id);
    expect(accepted).toMatchObject({ kind: 'message', customerId });
    const conversationId = accepted.sourceId ?? '';
    expect(conversationId).toBe(await conversationOfTask(task!.id));
    const view = await as<Conversation>(agent, 'GET', `/conversations/${conversationId}`);
    expect(view.body).toMatchObject({ channel: 'whatsapp', contact: phone, contactName: 'Budi', customerId, freeFormAllowed: true });
    expect(view.body.messages.map((m) => [m.direction, m.body, m.status])).toEqual([['inbound', 'Selamat siang, tagihan saya dobel 🙏', 'received']]);

    const before = stand.requests.length;
    const answer = 'Baik Bapak Budi, kami periksa tagihan Bapak sekarang.';
    const sent = await as<ConversationMessage>(agent, 'POST', `/conversations/${conversationId}/send`, { kind: 'text', text: answer, idempotencyKey: randomUUID() });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ direction: 'outbound', status: 'sent', body: answer });
    expect(stand.requests.slice(before)).toEqual([{
      path: `/v21.0/${STAND_IN_PHONE_ID}/messages`, authorization: `Bearer ${STAND_IN_TOKEN}`,
      body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: digits(phone), type: 'text', text: { preview_url: false, body: answer } },
    }]);

    // Both sides are in the customer's timeline.
    const timeline = await db().query<{ channel: string; direction: string; body: string; disposition: string }>(
      'SELECT channel, direction, body, disposition FROM interactions WHERE customer_id = $1 ORDER BY started_at, direction', [customerId]);
    expect(timeline.map((r) => [r.channel, r.direction, r.body])).toEqual([
      ['whatsapp', 'inbound', 'Selamat siang, tagihan saya dobel 🙏'], ['whatsapp', 'outbound', answer]]);

    // Delivered, then read; a late "delivered" does not take it back.
    const [{ provider_id: providerId } = { provider_id: '' }] = await db().query<{ provider_id: string }>(
      'SELECT provider_id FROM conversation_messages WHERE id = $1', [sent.body.id]);
    expect(providerId).toMatch(/^wamid\./);
    for (const status of ['delivered', 'read', 'delivered'] as const) {
      expect((await whatsapp(statusWebhook({ id: providerId, status, to: digits(phone) }))).status).toBe(200);
    }
    const after = await as<Conversation>(agent, 'GET', `/conversations/${conversationId}`);
    expect(after.body.messages.find((m) => m.id === sent.body.id)?.status).toBe('read');
    const [interaction] = await db().query<{ disposition: string }>(
      `SELECT disposition FROM interactions WHERE customer_id = $1 AND direction = 'outbound'`, [customerId]);
    expect(interaction?.disposition).toBe('read');

    // The same request again (a retried click) is the same message, not a second send.
    const key = randomUUID();
    const once = await as<ConversationMessage>(agent, 'POST', `/conversations/${conversationId}/send`, { kind: 'text', text: 'Sebentar ya.', idempotencyKey: key });
    const twice = await as<ConversationMessage>(agent, 'POST', `/conversations/${conversationId}/send`, { kind: 'text', text: 'Sebentar ya.', idempotencyKey: key });
    expect(twice.body.id).toBe(once.body.id);
    expect(stand.requests.filter((r) => (r.body.text as { body?: string } | undefined)?.body === 'Sebentar ya.')).toHaveLength(1);

    // Another agent may not answer this conversation.
    const other = await addAgent(db(), { queues: ['general'] });
    const refused = await as<{ code: string }>(other, 'POST', `/conversations/${conversationId}/send`, { kind: 'text', text: 'Saya bantu', idempotencyKey: randomUUID() });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });

  it('joins follow-ups and a redelivered webhook to the one conversation and task; after the task is done a new message opens a new one', async () => {
    const phone = nextNumber();
    await addCustomer(db(), { phone });
    const agent = await readyAgent();
    const first = inboundWebhook({ from: digits(phone), id: wamid(), text: 'Halo' });
    expect((await whatsapp(first)).status).toBe(200);
    expect((await whatsapp(first)).status).toBe(200);
    expect((await whatsapp(inboundWebhook({ from: digits(phone), id: wamid(), text: 'Ada yang bisa bantu?' }))).status).toBe(200);
    const tasks = await tasksFrom(phone);
    expect(tasks).toHaveLength(1);
    const [{ n: messages } = { n: 0 }] = await db().query<{ n: number }>(
      'SELECT count(*)::int AS n FROM conversation_messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.contact = $1', [phone]);
    expect(messages).toBe(2);

    const task = await acceptTask(agent, tasks[0]!.id);
    // A follow-up while the agent works it reaches their desktop at once on the live socket.
    const live = new WebSocket(`${t.server.url.replace('http', 'ws')}${LIVE_PATH}`);
    const pushes: { type: string; conversationId?: string }[] = [];
    await new Promise((ok) => live.once('open', ok));
    live.on('message', (data: Buffer) => pushes.push(JSON.parse(data.toString()) as { type: string }));
    live.send(JSON.stringify({ type: 'hello', token: agent.token }));
    await vi.waitFor(() => expect(pushes.some((p) => p.type === 'ready')).toBe(true), { timeout: 10_000 });
    expect((await whatsapp(inboundWebhook({ from: digits(phone), id: wamid(), text: 'Masih menunggu' }))).status).toBe(200);
    const conversationId = await conversationOfTask(task.taskId);
    await vi.waitFor(() => expect(pushes).toContainEqual({ type: 'conversation_changed', conversationId }), { timeout: 10_000 });
    live.close();
    expect((await as(agent, 'POST', `/cc/tasks/${task.taskId}/complete`, { kind: 'message' })).status).toBe(200);
    expect((await whatsapp(inboundWebhook({ from: digits(phone), id: wamid(), text: 'Satu lagi' }))).status).toBe(200);
    const again = await tasksFrom(phone);
    expect(again).toHaveLength(2);
    expect(again.filter((r) => r.status === 'done')).toHaveLength(1);
  });

  it('refuses a forged, a missing or a wrongly keyed signature, and writes nothing', async () => {
    const phone = nextNumber();
    const id = wamid();
    const body = inboundWebhook({ from: digits(phone), id, text: 'Palsu' });
    const forged = await post('/webhooks/whatsapp', body, { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await post('/webhooks/whatsapp', body, {})).status).toBe(401);
    expect((await whatsapp(body, 'another-apps-secret')).status).toBe(401);
    // Signed, then changed on the way: the signature no longer covers it.
    const tampered = await post('/webhooks/whatsapp', body.replace('Palsu', 'Asli!'), { 'x-hub-signature-256': signature(APP_SECRET, body) });
    expect(tampered.status).toBe(401);
    expect(await db().query('SELECT 1 FROM conversation_messages WHERE provider_id = $1', [id])).toHaveLength(0);
    expect(await db().query('SELECT 1 FROM conversations WHERE contact = $1', [phone])).toHaveLength(0);
  });

  it('answers malformed and huge bodies with clear errors; keeps unicode and markup as text', async () => {
    expect((await whatsapp('{"object": "whatsapp_business_account", "entry": [')).status).toBe(400);
    const wrong = await whatsapp(JSON.stringify({ object: 'page', entry: [] }));
    expect(wrong).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
    const huge = Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [], pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect((await post('/webhooks/whatsapp', huge, { 'x-hub-signature-256': signature(APP_SECRET, huge) })).status).toBe(413);

    const phone = nextNumber();
    const customerId = await addCustomer(db(), { phone });
    const text = '<script>alert("x")</script> Terima kasih 🙏🏽 — 谢谢 — ‫عربى‬';
    expect((await whatsapp(inboundWebhook({ from: digits(phone), id: wamid(), text, name: '<img src=x onerror=alert(1)>' }))).status).toBe(200);
    const [row] = await db().query<{ body: string }>(`SELECT body FROM interactions WHERE customer_id = $1 AND channel = 'whatsapp'`, [customerId]);
    expect(row?.body).toBe(text);
    const [conversation] = await db().query<{ contact_name: string }>('SELECT contact_name FROM conversations WHERE contact = $1', [phone]);
    expect(conversation?.contact_name).toBe('<img src=x onerror=alert(1)>');
    // A message longer than WhatsApp allows is kept, clipped, and marked so.
    const long = 'a'.repeat(10_000);
    const longPhone = nextNumber();
    expect((await whatsapp(inboundWebhook({ from: digits(longPhone), id: wamid(), text: long }))).status).toBe(200);
    const [clipped] = await db().query<{ body: string }>(
      'SELECT m.body FROM conversation_messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.contact = $1', [longPhone]);
    expect(clipped?.body.length).toBeLessThan(long.length);
    expect(clipped?.body.endsWith('[…]')).toBe(true);
  });

  it('refuses free text once 24 hours have passed since the customer wrote, and sends an approved template', async () => {
    const phone = nextNumber();
    await addCustomer(db(), { phone });
    const agent = await readyAgent();
    expect((await whatsapp(inboundWebhook({ from: digits(phone), id: wamid(), text: 'Tolong hubungi saya' }))).status).toBe(200);
    const [task] = await tasksFrom(phone);
    const accepted = await acceptTask(agent, task!.id);
    const conversationId = accepted.sourceId ?? '';
    const template = await as<WhatsappTemplate>(admin, 'POST', '/admin/whatsapp-templates', {
      name: 'tindak_lanjut_keluhan', language: 'id', body: 'Halo {{1}}, kami menindaklanjuti pesan Anda. Balas pesan ini untuk melanjutkan.',
    });
    expect(template.status).toBe(200);
    expect(template.body.paramCount).toBe(1);

    clock.advance(25 * 3600);
    const view = await as<Conversation>(agent, 'GET', `/conversations/${conversationId}`);
    expect(view.body.freeFormAllowed).toBe(false);
    expect(view.body.templates.map((x) => x.name)).toContain('tindak_lanjut_keluhan');
    const before = stand.requests.length;
    const refused = await as<{ code: string; message: string; details: { reason: string } }>(agent, 'POST', `/conversations/${conversationId}/send`,
      { kind: 'text', text: 'Maaf baru membalas', idempotencyKey: randomUUID() });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONFLICT');
    expect(refused.body.details.reason).toBe('WHATSAPP_WINDOW_CLOSED');
    expect(refused.body.message).toMatch(/24 hours/);
    expect(stand.requests.length).toBe(before);

    // A template with a missing value is refused; filled in, it goes out.
    expect((await as(agent, 'POST', `/conversations/${conversationId}/send`, { kind: 'template', templateId: template.body.id, params: [], idempotencyKey: randomUUID() })).status).toBe(400);
    const sent = await as<ConversationMessage>(agent, 'POST', `/conversations/${conversationId}/send`,
      { kind: 'template', templateId: template.body.id, params: ['Bapak Budi'], idempotencyKey: randomUUID() });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'sent', templateName: 'tindak_lanjut_keluhan', body: 'Halo Bapak Budi, kami menindaklanjuti pesan Anda. Balas pesan ini untuk melanjutkan.' });
    expect(stand.requests.slice(before).map((r) => r.body)).toEqual([{
      messaging_product: 'whatsapp', recipient_type: 'individual', to: digits(phone), type: 'template',
      template: { name: 'tindak_lanjut_keluhan', language: { code: 'id' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Bapak Budi' }] }] },
    }]);

    // The customer writes again: the window is open again.
    expect((await whatsapp(inboundWebhook({ from: digits(phone), id: wamid(), text: 'Ya, silakan' }))).status).toBe(200);
    expect((await as<Conversation>(agent, 'GET', `/conversations/${conversationId}`)).body.freeFormAllowed).toBe(true);
    clock.advance(-25 * 3600);
  });

  it('takes an inbound SMS in any written form of the number, sends the answer through the gateway, and applies its delivery report', async () => {
    const phone = nextNumber();
    const customerId = await addCustomer(db(), { phone });
    const agent = await readyAgent();
    // The gateway writes the number the way the network gave it: 0812-….
    const national = `0${phone.slice(3, 6)}-${phone.slice(6, 10)}-${phone.slice(10)}`;
    const inbound = JSON.stringify({ messages: [{ id: `gw-in-${randomUUID()}`, from: national, text: 'Paket saya belum aktif' }] });
    expect((await sms(inbound)).status).toBe(200);
    expect((await sms(inbound)).status).toBe(200);
    const [task, ...more] = await tasksFrom(phone);
    expect(more).toHaveLength(0);
    expect(task).toMatchObject({ kind: 'message', customer_id: customerId });
    const accepted = await acceptTask(agent, task!.id);
    const conversationId = accepted.sourceId ?? '';
    const view = await as<Conversation>(agent, 'GET', `/conversations/${conversationId}`);
    expect(view.body).toMatchObject({ channel: 'sms', freeFormAllowed: true, windowEndsAt: null, templates: [] });
    expect(view.body.messages).toHaveLength(1);

    const sent = await as<ConversationMessage>(agent, 'POST', `/conversations/${conversationId}/send`, { kind: 'text', text: 'Paket Anda aktif dalam 1 jam.', idempotencyKey: randomUUID() });
    expect(sent.body.status).toBe('sent');
    expect(gateway.requests.at(-1)).toEqual({ to: phone, text: 'Paket Anda aktif dalam 1 jam.', reference: sent.body.id });

    expect((await sms(JSON.stringify({ reports: [{ reference: sent.body.id, status: 'delivered' }] }))).status).toBe(200);
    expect((await as<Conversation>(agent, 'GET', `/conversations/${conversationId}`)).body.messages.at(-1)?.status).toBe('delivered');
    const [row] = await db().query<{ channel: string; disposition: string }>(
      `SELECT channel, disposition FROM interactions WHERE customer_id = $1 AND direction = 'outbound'`, [customerId]);
    expect(row).toEqual({ channel: 'sms', disposition: 'delivered' });

    // Forged, malformed: refused.
    expect((await sms(inbound, 'not-the-secret')).status).toBe(401);
    expect((await sms(JSON.stringify({ messages: [{ id: 'x' }] }))).status).toBe(400);
    expect((await sms(JSON.stringify({ reports: [{ reference: sent.body.id, status: 'exploded' }] }))).status).toBe(400);
  });

  it('finds the same customer by phone in any form or by e-mail, for every channel (the web chat too)', async () => {
    const phone = nextNumber();
    const customerId = await addCustomer(db(), { phone });
    const email = `pelanggan-${randomUUID().slice(0, 6)}@contoh.id`;
    await db().query('UPDATE customers SET emails = $2::jsonb WHERE id = $1', [customerId, JSON.stringify([email])]);
    expect((await findOrLinkCustomer(db(), { phone: `0${phone.slice(3)}` })).customerId).toBe(customerId);
    expect(await findOrLinkCustomer(db(), { email: email.toUpperCase() })).toMatchObject({ customerId, matchedBy: 'email' });
    expect(await findOrLinkCustomer(db(), { phone: 'bukan nomor', email: 'orang-lain@contoh.id' })).toMatchObject({ customerId: null, phone: null });
  });
});
