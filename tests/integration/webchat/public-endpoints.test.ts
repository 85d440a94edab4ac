// The widget's public endpoints on a real server and database, with a real SMS gateway on
// loopback: a chat started from an allowed site becomes a chat task; the agent who holds it
// answers and the customer's event stream carries the answer; the transcript lands in the
// timeline. Call me: a slot in working hours → a call-back due then with its task, an SMS
// with a cancel link that cancels it. Bad input: a foreign origin, no origin, an oversized
// message, a flood from one address (429 for it, others not slowed), a script in a name
// (stored and answered as text), a fake file type, missing proof of work, the honeypot.
// Verification: a one-time code by SMS, kept hashed, with an expiry, a limit of wrong tries
// and a rate limit, links the chat to the customer (the same one a WhatsApp conversation named).
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LIVE_PATH } from '../../../src/server/live/live-hub.js';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { solvePow } from '../../../src/server/webchat/pow.js';
import { forEachDatabase } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { startSmsGateway, type SmsGateway } from '../../support/replies-mail-sink.js';

const SITE = 'http://shop.example.test:8080';
const FOREIGN = 'http://evil.example.test';
const BITS = 8;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

forEachDatabase('web chat public endpoints', (engine) => {
  let t: TestServer & { database: { drop(): Promise<void> } };
  let gateway: SmsGateway;
  let agent: string;
  let agentId: string;

  beforeAll(async () => {
    gateway = await startSmsGateway();
    t = await startTestServer(engine, {
      seedDemo: { customers: 3, interactionsMean: 1, seed: 5 },
      messaging: { ...DEFAULT_MESSAGING, smsGatewayUrl: gateway.url, sendTimeoutMs: 5_000 },
      webchat: { limits: { powBits: BITS, minFillMs: 200, startsPerIpPerMin: 5 } },
    });
    await t.server.db.query("INSERT INTO server_settings (key, value) VALUES ('widgetOrigins', $1::jsonb)", [JSON.stringify([SITE])]);
    agent = await t.login('agent1', 'agent1-pass');
    agentId = (await t.server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'agent1'"))[0]!.id;
  });
  afterAll(async () => {
    await t?.server.close();
    await t?.database.drop();
    await gateway?.close();
  });

  const inject = (o: { method: 'GET' | 'POST'; url: string; origin?: string | null; ip?: string; token?: string; body?: unknown; raw?: Buffer; headers?: Record<string, string> }) =>
    t.server.app.inject({
      method: o.method, url: `/api/v1${o.url}`, remoteAddress: o.ip ?? '10.1.1.1',
      headers: {
        ...(o.origin === null ? {} : { origin: o.origin ?? SITE }),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.raw ? { 'content-type': 'application/octet-stream' } : o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      ...(o.raw ? { payload: o.raw } : o.body !== undefined ? { payload: JSON.stringify(o.body) } : {}),
    });

  const solved = async (ip = '10.1.1.1') => {
    const config = await inject({ method: 'GET', url: '/webchat/config', ip });
    expect(config.statusCode, config.body).toBe(200);
    const { challenge } = config.json<{ challenge: string }>();
    await new Promise((r) => setTimeout(r, 250));
    return { challenge, nonce: solvePow(challenge, BITS) };
  };
  const start = async (name: string, ip = '10.1.1.1', extra: Record<string, unknown> = {}) =>
    inject({ method: 'POST', url: '/webchat/conversations', ip, body: { name, phone: '0812 9999 0001', language: 'id', pow: await solved(ip), ...extra } });

  it('a chat from an allowed site becomes a chat task; the agent answers, the stream carries it, the transcript lands in the timeline', async () => {
    const started = await start('Sari <script>alert(1)</script>');
    expect(started.statusCode, started.body).toBe(201);
    expect(started.headers['access-control-allow-origin']).toBe(SITE);
    const { conversationId, token } = started.json<{ conversationId: string; token: string }>();
    const [task] = await t.server.db.query<{ id: string; kind: string; status: string; subject: string }>(
      "SELECT id, kind, status, subject FROM cc_tasks WHERE kind = 'chat' AND source_ref = $1", [conversationId]);
    expect(task).toMatchObject({ kind: 'chat', status: 'waiting', subject: 'Sari <script>alert(1)</script>' });
    const sent = await inject({ method: 'POST', url: '/webchat/messages', token, body: { body: 'Halo, internet saya mati' } });
    expect(sent.statusCode, sent.body).toBe(201);

    // The router offered it and the agent accepted (done here in the database; the e2e goes through the router).
    await t.server.db.query("UPDATE cc_tasks SET status = 'assigned', agent_id = $2, assigned_at = now() WHERE id = $1", [task!.id, agentId]);
    const took = await t.api('/chat/take', { method: 'POST', token: agent, body: JSON.stringify({ taskId: task!.id }) });
    expect(took.status, took.text).toBe(200);
    const view = await t.api(`/chat/conversations/${conversationId}`, { token: agent });
    expect(view.status).toBe(200);

    // The agent's desktop hears the customer at once on its live socket (its poll is only the safety net).
    const live = new WebSocket(`${t.server.url.replace('http', 'ws')}${LIVE_PATH}`);
    const pushes: { type: string; conversationId?: string; what?: string }[] = [];
    await new Promise((ok) => live.once('open', ok));
    live.on('message', (data: Buffer) => pushes.push(JSON.parse(data.toString()) as { type: string }));
    live.send(JSON.stringify({ type: 'hello', token: agent }));
    await expect.poll(() => pushes.some((p) => p.type === 'ready')).toBe(true);
    expect((await inject({ method: 'POST', url: '/webchat/messages', token, body: { body: 'Masih mati' } })).statusCode).toBe(201);
    expect((await inject({ method: 'POST', url: '/webchat/typing', token })).statusCode).toBe(200);
    await expect.poll(() => pushes.filter((p) => p.type === 'chat_changed' && p.conversationId === conversationId).map((p) => p.what))
      .toEqual(expect.arrayContaining(['message', 'typing']));
    live.close();
    // The name is answered as the customer typed it: text, for the desktop to render as text.
    expect((view.body as { name: string }).name).toBe('Sari <script>alert(1)</script>');

    const controller = new AbortController();
    const stream = await fetch(`${t.server.url}/api/v1/webchat/stream?token=${token}`, { headers: { origin: SITE }, signal: controller.signal });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    let seen = '';
    const answer = await t.api(`/chat/conversations/${conversationId}/messages`, { method: 'POST', token: agent, body: JSON.stringify({ body: 'Baik, kami periksa sekarang.' }) });
    expect(answer.status, answer.text).toBe(200);
    while (!seen.includes('Baik, kami periksa sekarang.')) seen += new TextDecoder().decode((await reader.read()).value);
    controller.abort();

    // After a reload the customer reads the whole conversation back with the token.
    const again = await inject({ method: 'GET', url: '/webchat/conversation', token });
    expect(again.json<{ messages: { body: string }[] }>().messages.map((m) => m.body)).toEqual(
      expect.arrayContaining(['Halo, internet saya mati', 'Baik, kami periksa sekarang.']));

    const ended = await t.api(`/chat/conversations/${conversationId}/end`, { method: 'POST', token: agent, body: JSON.stringify({ mailTranscript: false }) });
    expect(ended.status, ended.text).toBe(200);
    const [row] = await t.server.db.query<{ channel: string; body: string }>(
      'SELECT channel, body FROM interactions WHERE id = $1', [(ended.body as { interactionId: string }).interactionId]);
    expect(row?.channel).toBe('chat');
    expect(row?.body).toContain('Halo, internet saya mati');
    expect(row?.body).toContain('Baik, kami periksa sekarang.');
    // Ended: the customer cannot write into it any more.
    expect((await inject({ method: 'POST', url: '/webchat/messages', token, body: { body: 'masih?' } })).statusCode).toBe(409);
  });

  it('refuses a foreign origin and a request without one, with no CORS grant', async () => {
    const foreign = await inject({ method: 'GET', url: '/webchat/config', origin: FOREIGN });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect((await inject({ method: 'GET', url: '/webchat/config', origin: null })).statusCode).toBe(403);
    const preflight = await t.server.app.inject({
      method: 'OPTIONS', url: '/api/v1/webchat/messages', headers: { origin: FOREIGN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses an oversized or empty message, a fake file type, missing proof of work and a filled honeypot', async () => {
    const { token } = (await start('Budi', '10.2.0.1')).json<{ token: string }>();
    const long = await inject({ method: 'POST', url: '/webchat/messages', token, body: { body: 'x'.repeat(2_001) } });
    expect(long.statusCode).toBe(400);
    expect(long.json<{ code: string }>().code).toBe('INVALID_INPUT');
    expect((await inject({ method: 'POST', url: '/webchat/messages', token, body: { body: 'x'.repeat(40_000) } })).statusCode).toBe(413);
    expect((await inject({ method: 'POST', url: '/webchat/messages', token, body: { body: '   ' } })).statusCode).toBe(400);
    // A text file named like an image: refused by its content.
    const fake = await inject({ method: 'POST', url: '/webchat/files', token, raw: Buffer.from('<html><script>x</script></html>'), headers: { 'x-file-name': 'foto.png' } });
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toMatch(/Only images/);
    const png = await inject({ method: 'POST', url: '/webchat/files', token, raw: PNG, headers: { 'x-file-name': 'foto.png' } });
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json<{ file: { mime: string } }>().file.mime).toBe('image/png');
    const noPow = await inject({ method: 'POST', url: '/webchat/conversations', ip: '10.2.0.2', body: { name: 'Bot', phone: '08123', language: 'id', pow: { challenge: 'x'.repeat(20), nonce: '1' } } });
    expect(noPow.statusCode).toBe(400);
    const honey = await start('Bot', '10.2.0.3', { website: 'http://spam' });
    expect(honey.statusCode).toBe(400);
    expect(honey.body).toMatch(/not filled in by a person/);
    // A challenge is spent once.
    const pow = await solved('10.2.0.4');
    const body = { name: 'Ani', email: 'ani@contoh.id', language: 'en', pow };
    expect((await inject({ method: 'POST', url: '/webchat/conversations', ip: '10.2.0.4', body })).statusCode).toBe(201);
    expect((await inject({ method: 'POST', url: '/webchat/conversations', ip: '10.2.0.4', body })).statusCode).toBe(400);
  });

  it('a flood from one address is refused with 429 while another address is not slowed', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await start(`Flood ${i}`, '10.9.9.9')).statusCode);
    expect(codes.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const other = await start('Tetangga', '10.9.9.10');
    expect(other.statusCode).toBe(201);
  });

  it('call me: a slot in working hours → a call-back due then, an SMS with a link that cancels it', async () => {
    const config = (await inject({ method: 'GET', url: '/webchat/config', ip: '10.3.0.1' })).json<{ slots: string[]; challenge: string }>();
    expect(config.slots.length).toBeGreaterThan(0);
    const slot = config.slots[0]!;
    await new Promise((r) => setTimeout(r, 250));
    const outside = await inject({ method: 'POST', url: '/webchat/callme', ip: '10.3.0.1', body: {
      name: 'Dewi', phone: '0813 1111 2222', when: '2026-12-06T20:00:00.000Z', language: 'id', pow: { challenge: config.challenge, nonce: solvePow(config.challenge, BITS) } } });
    expect(outside.statusCode).toBe(400);
    const asked = await inject({ method: 'POST', url: '/webchat/callme', ip: '10.3.0.1', body: {
      name: 'Dewi', phone: '0813 1111 2222', when: slot, language: 'id', pow: await solved('10.3.0.1') } });
    expect(asked.statusCode, asked.body).toBe(201);
    const { dueAt } = asked.json<{ dueAt: string }>();
    expect(dueAt).toBe(slot);
    const [task] = await t.server.db.query<{ status: string; not_before: Date; source_ref: string }>(
      "SELECT t.status, t.not_before, t.source_ref FROM cc_tasks t JOIN callbacks c ON c.id::text = t.source_ref WHERE t.kind = 'callback' AND c.phone_e164 = '+6281311112222'");
    expect(task?.status).toBe('waiting');
    expect(new Date(task!.not_before).toISOString()).toBe(slot);
    await expect.poll(() => gateway.requests.find((r) => r.to === '+6281311112222')?.text).toMatch(/Kami akan menelepon .* Batalkan: http/);
    const link = new URL(/https?:\/\/\S+/.exec(gateway.requests.find((r) => r.to === '+6281311112222')!.text)![0]);
    const page = await t.server.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Batalkan permintaan');
    // Opening the link does not cancel (a link preview fetches it); the button does.
    expect((await t.server.db.query<{ status: string }>('SELECT status FROM callbacks WHERE id = $1', [task!.source_ref]))[0]?.status).toBe('open');
    const cancel = await t.server.app.inject({ method: 'POST', url: link.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `t=${encodeURIComponent(link.searchParams.get('t')!)}` });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.body).toContain('telah dibatalkan');
    expect((await t.server.db.query<{ status: string }>('SELECT status FROM callbacks WHERE id = $1', [task!.source_ref]))[0]?.status).toBe('cancelled');
    expect((await t.server.db.query<{ status: string }>("SELECT status FROM cc_tasks WHERE kind = 'callback' AND source_ref = $1", [task!.source_ref]))[0]?.status).toBe('cancelled');
    // A forged token opens nothing.
    expect((await t.server.app.inject({ method: 'GET', url: `${link.pathname}?t=${'a'.repeat(30)}.${'b'.repeat(43)}` })).statusCode).toBe(404);
  });

  it('verification: a code by SMS (stored hashed) links the chat to the customer a WhatsApp conversation named; wrong, expired and too many codes are refused', async () => {
    const db = t.server.db;
    // An agent linked this number's WhatsApp conversation to a customer whose record lacks it.
    const [customer] = await db.query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no LIMIT 1');
    await db.query("INSERT INTO conversations (id, channel, contact, customer_id, status, created_at) VALUES ($1, 'whatsapp', '+6281277770001', $2, 'closed', now())",
      [uuidv7(), customer!.id]);
    const started = await start('Budi', '10.4.0.1', { phone: '0812-7777-0001' });
    expect(started.statusCode, started.body).toBe(201);
    const { conversationId, token } = started.json<{ conversationId: string; token: string }>();
    const linked = async () => (await db.query<{ customer_id: string; verified: boolean; otp_hash: string | null }>(
      'SELECT customer_id, verified, otp_hash FROM webchat_conversations WHERE id = $1', [conversationId]))[0]!;
    expect((await linked()).customer_id).toBe(customer!.id);
    const task = async () => (await db.query<{ needs_identity_check: boolean }>("SELECT needs_identity_check FROM cc_tasks WHERE kind = 'chat' AND source_ref = $1", [conversationId]))[0]!;
    expect((await task()).needs_identity_check).toBe(true);

    const sent = await inject({ method: 'POST', url: '/webchat/otp/send', ip: '10.4.0.1', token });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({ channel: 'sms' });
    await expect.poll(() => gateway.requests.find((r) => r.to === '+6281277770001')?.text).toMatch(/Kode verifikasi chat Anda: \d{6}/);
    const code = /(\d{6})/.exec(gateway.requests.find((r) => r.to === '+6281277770001')!.text)![1]!;
    // Only a hash of the code is kept.
    expect((await linked()).otp_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await linked()).otp_hash).not.toContain(code);
    expect((await inject({ method: 'POST', url: '/webchat/otp/verify', ip: '10.4.0.1', token, body: { code: 'abc' } })).statusCode).toBe(400);
    const wrong = await inject({ method: 'POST', url: '/webchat/otp/verify', ip: '10.4.0.1', token, body: { code: code === '000000' ? '111111' : '000000' } });
    expect(wrong.json()).toEqual({ verified: false });
    const right = await inject({ method: 'POST', url: '/webchat/otp/verify', ip: '10.4.0.1', token, body: { code } });
    expect(right.json()).toEqual({ verified: true });
    expect(await linked()).toMatchObject({ customer_id: customer!.id, verified: true, otp_hash: null });
    expect((await task()).needs_identity_check).toBe(false);
    // Used once: the same code again finds none pending; a verified chat asks for no new one.
    expect((await inject({ method: 'POST', url: '/webchat/otp/verify', ip: '10.4.0.1', token, body: { code } })).statusCode).toBe(409);
    expect((await inject({ method: 'POST', url: '/webchat/otp/send', ip: '10.4.0.1', token })).statusCode).toBe(409);

    // Another visitor: five wrong codes, then even the right one is refused; an expired code too.
    const other = (await start('Rina', '10.4.0.2', { phone: '0812 7777 0002' })).json<{ token: string; conversationId: string }>();
    expect((await inject({ method: 'POST', url: '/webchat/otp/send', ip: '10.4.0.2', token: other.token })).statusCode).toBe(200);
    await expect.poll(() => gateway.requests.some((r) => r.to === '+6281277770002')).toBe(true);
    const otherCode = /(\d{6})/.exec(gateway.requests.find((r) => r.to === '+6281277770002')!.text)![1]!;
    const bad = otherCode === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await inject({ method: 'POST', url: '/webchat/otp/verify', ip: '10.4.0.2', token: other.token, body: { code: bad } })).json()).toEqual({ verified: false });
    expect((await inject({ method: 'POST', url: '/webchat/otp/verify', ip: '10.4.0.2', token: other.token, body: { code: otherCode } })).statusCode).toBe(429);
    await db.query("UPDATE webchat_conversations SET otp_tries = 0, otp_expires_at = now() - interval '1 minute' WHERE id = $1", [other.conversationId]);
    expect((await inject({ method: 'POST', url: '/webchat/otp/verify', ip: '10.4.0.2', token: other.token, body: { code: otherCode } })).statusCode).toBe(409);
    // Codes per chat are rate-limited (five a minute).
    const sends = [];
    for (let i = 0; i < 5; i++) sends.push((await inject({ method: 'POST', url: '/webchat/otp/send', ip: '10.4.0.2', token: other.token })).statusCode);
    expect(sends).toContain(429);
  });

  it('browser sharing started from the chat: the code reaches the customer\'s stream as event: cobrowse; another customer\'s id is refused', async () => {
    const started = await start('Wati', '10.5.0.1', { phone: '0812 5555 0001' });
    expect(started.statusCode, started.body).toBe(201);
    const { conversationId, token } = started.json<{ conversationId: string; token: string }>();
    const [task] = await t.server.db.query<{ id: string; customer_id: string }>("SELECT id, customer_id FROM cc_tasks WHERE kind = 'chat' AND source_ref = $1", [conversationId]);
    await t.server.db.query("UPDATE cc_tasks SET status = 'assigned', agent_id = $2, assigned_at = now() WHERE id = $1", [task!.id, agentId]);
    expect((await t.api('/chat/take', { method: 'POST', token: agent, body: JSON.stringify({ taskId: task!.id }) })).status).toBe(200);
    const controller = new AbortController();
    const stream = await fetch(`${t.server.url}/api/v1/webchat/stream?token=${token}`, { headers: { origin: SITE }, signal: controller.signal });
    const reader = stream.body!.getReader();
    let seen = '';
    while (!seen.includes('event: status')) seen += new TextDecoder().decode((await reader.read()).value);
    const [other] = await t.server.db.query<{ id: string }>('SELECT id FROM customers WHERE id <> $1 LIMIT 1', [task!.customer_id]);
    const wrong = await t.api('/cobrowse/sessions', { method: 'POST', token: agent, body: JSON.stringify({ customerId: other!.id, chatId: conversationId }) });
    expect(wrong.status, wrong.text).toBe(400);
    const shared = await t.api('/cobrowse/sessions', { method: 'POST', token: agent, body: JSON.stringify({ customerId: task!.customer_id, chatId: conversationId }) });
    expect(shared.status, shared.text).toBe(201);
    const { code } = shared.body as { code: string };
    while (!seen.includes('event: cobrowse')) seen += new TextDecoder().decode((await reader.read()).value);
    expect(seen).toContain(`event: cobrowse\ndata: {"code":"${code}"}`);
    controller.abort();
  });
});
