// Exactly-once sends against the real server on PostgreSQL and PGlite, a real SMTP sink and
// SMS gateway, and the desktop's real server client (src/main/core/remote/server-client.ts)
// with its failover: a send whose answer never comes back (the request reached the server
// and was delivered; the desktop timed out) is repeated on the next server URL with the
// same idempotency key, and the sink still receives one mail. Retries keep their key too,
// and a retry of a message that is being sent right now is refused.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServerClient } from '../../../src/main/core/remote/server-client.js';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { type OutboundMessage } from '../../../src/shared/replies/messages.js';
import { startMailSink, startSmsGateway, type MailSink, type SmsGateway } from '../../support/replies-mail-sink.js';
import { forEachDatabase } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/**
 * A server URL whose answers are lost: every request is passed on to the real server and
 * its answer awaited (`answered` counts them), but nothing is ever sent back to the client
 * — what a desktop sees when the network drops after the server has done the work.
 */
async function startAnswerLosingProxy(target: string): Promise<{ url: string; answered: number; upstreamDone: Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let done = () => undefined as void;
  const proxy = {
    url: '', answered: 0, upstreamDone: new Promise<void>((resolve) => (done = resolve)),
    close: async () => undefined as void,
  };
  const server: Server = createServer((req: IncomingMessage, _res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void (async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
      const upstream = await fetch(`${target}${req.url ?? ''}`, { method: req.method ?? 'GET', headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
      await upstream.arrayBuffer();
      proxy.answered += 1;
      done();
      // …and the answer is dropped on the floor.
    })());
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  proxy.close = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  return proxy;
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

forEachDatabase('exactly-once sends', (engine) => {
  let t: TestServer & { database: { drop(): Promise<void> } };
  let sink: MailSink;
  let gateway: SmsGateway;
  let agent: string;

  beforeAll(async () => {
    sink = await startMailSink();
    gateway = await startSmsGateway();
    t = await startTestServer(engine, {
      seedDemo: { customers: 3, interactionsMean: 1, seed: 5 },
      messaging: { ...DEFAULT_MESSAGING, smtpUrl: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`, smsGatewayUrl: gateway.url, sendTimeoutMs: 5_000 },
    });
    agent = await t.login('agent1', 'agent1-pass');
  });
  afterAll(async () => {
    await t?.server.close();
    await t?.database.drop();
    await sink?.close();
    await gateway?.close();
  });

  const post = (path: string, body: unknown) => t.api(path, { method: 'POST', body: JSON.stringify(body), token: agent });
  const email = (text: string, key = randomUUID()) => ({
    customerId: BUDI.id, channel: 'email' as const, to: BUDI.email, template: text, previewText: text, subject: text, idempotencyKey: key,
    blanks: {}, paragraphIds: [], caseId: null, orderId: null,
  });
  const mailsWith = (subject: string) => sink.mails.filter((m) => m.subject === subject).length;
  const outboundWith = async (body: string) =>
    ((await t.api(`/customers/${BUDI.id}/messages`, { token: agent })).body as { outbound: OutboundMessage[] }).outbound.filter((m) => m.body === body);

  it('a duplicate send after a timeout is delivered once at the SMTP sink (failover repeats the same key)', async () => {
    const lossy = await startAnswerLosingProxy(t.server.url);
    try {
      // The desktop's server client: first URL loses answers, second is the server itself.
      const client = createServerClient([lossy.url, t.server.url], quiet);
      const text = `Konfirmasi pembayaran ${randomUUID()}`;
      const sent = await client.call('messages.send', { body: email(text) }, { token: agent, timeoutMs: 2_000 });
      // The first attempt reached the server; wait until its work is done, so both are over.
      await lossy.upstreamDone;
      expect(lossy.answered).toBe(1);
      expect(client.currentUrl()).toBe(t.server.url);
      // Each attempt awaited the sink's 250 before answering: any duplicate would be here now.
      expect(mailsWith(text)).toBe(1);
      const stored = await outboundWith(text);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ id: sent.id, status: 'sent', attempts: 1 });
    } finally {
      await lossy.close();
    }
  });

  it('the same key again answers the first message without sending; reused for another message it is refused', async () => {
    const text = `Terima kasih ${randomUUID()}`;
    const key = randomUUID();
    const first = await post('/messages/send', email(text, key));
    expect(first.status).toBe(200);
    const again = await post('/messages/send', email(text, key));
    expect(again.status).toBe(200);
    expect((again.body as OutboundMessage).id).toBe((first.body as OutboundMessage).id);
    expect(mailsWith(text)).toBe(1);
    const other = await post('/messages/send', email(`${text} (lain)`, key));
    expect(other.status).toBe(409);
    expect((other.body as { message: string }).message).toMatch(/idempotency key/i);
    expect(mailsWith(`${text} (lain)`)).toBe(0);
    // A send without a key is refused at the boundary.
    const { idempotencyKey: _omitted, ...keyless } = email(`${text} tanpa kunci`);
    expect((await post('/messages/send', keyless)).status).toBe(400);
  });

  it('a retry is delivered once per key, and a retry of a message being sent right now is refused', async () => {
    gateway.failing = true;
    const text = `SMS coba lagi ${randomUUID()}`;
    const failed = (await post('/messages/send', { ...email(text), channel: 'sms', to: BUDI.mobile, subject: undefined })).body as OutboundMessage;
    expect(failed.status).toBe('failed');
    gateway.failing = false;

    // The gateway is slow: while the first retry waits for it, the message is being sent.
    const release = gateway.hold();
    const arrivedBefore = gateway.arrived;
    const retryKey = randomUUID();
    const firstRetry = post(`/messages/${failed.id}/retry`, { idempotencyKey: retryKey });
    while (gateway.arrived === arrivedBefore) await new Promise((r) => setTimeout(r, 20));
    const second = await post(`/messages/${failed.id}/retry`, { idempotencyKey: randomUUID() });
    expect(second.status).toBe(409);
    expect((second.body as { code: string; message: string })).toMatchObject({
      code: 'CONFLICT', message: 'This message is being sent right now; wait for the outcome before retrying',
    });
    // The first retry's own repeat (same key) is not refused: it answers the message as it is now.
    const repeat = await post(`/messages/${failed.id}/retry`, { idempotencyKey: retryKey });
    expect(repeat.status).toBe(200);
    expect((repeat.body as OutboundMessage).status).toBe('queued');
    release();
    const done = await firstRetry;
    expect((done.body as OutboundMessage)).toMatchObject({ status: 'sent', attempts: 2 });
    const afterwards = await post(`/messages/${failed.id}/retry`, { idempotencyKey: retryKey });
    expect((afterwards.body as OutboundMessage)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(gateway.requests.filter((r) => r.text === text)).toHaveLength(1);
    // Sent is final: a new retry is refused.
    expect((await post(`/messages/${failed.id}/retry`, { idempotencyKey: randomUUID() })).status).toBe(409);
  });
});
