// The reply library and messaging against the real server on PostgreSQL and PGlite, with a
// real SMTP server and a real HTTP SMS gateway on loopback.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { paragraphId } from '../../../src/server/replies/seed-paragraphs.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { type OutboundMessage } from '../../../src/shared/replies/messages.js';
import { type ReplyParagraph } from '../../../src/shared/replies/schemas.js';
import { type PullResponse } from '../../../src/shared/sync.js';
import { forEachDatabase } from '../helpers/databases.js';
import { fixtureResolver } from '../../support/dns-fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { mailToIngress, startMailSink, startSmsGateway, type MailSink, type SmsGateway } from '../../support/replies-mail-sink.js';

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const address = s.address();
  s.close();
  return typeof address === 'object' && address ? address.port : 0;
}

const TAGIHAN = paragraphId(6); // "Rincian tagihan bulan ini" with {{?jumlah}} and {{?jatuh_tempo}}
const SALAM = paragraphId(1);

forEachDatabase('replies and messaging', (engine) => {
  let t: TestServer & { database: { drop(): Promise<void> } };
  let sink: MailSink;
  let gateway: SmsGateway;
  let ingressPort: number;
  let agent: string;
  let lead: string;

  beforeAll(async () => {
    sink = await startMailSink();
    gateway = await startSmsGateway();
    ingressPort = await freePort();
    t = await startTestServer(engine, {
      seedDemo: { customers: 3, interactionsMean: 1, seed: 5 },
      messaging: {
        ...DEFAULT_MESSAGING, smtpUrl: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`, smsGatewayUrl: gateway.url,
        ingressPort, sendTimeoutMs: 5_000,
        // No DNS records for these senders: mail is 'none' (not verified), as with no internet.
        mailAuth: { resolver: fixtureResolver({}), trustReceived: false },
      },
    });
    agent = await t.login('agent1', 'agent1-pass');
    lead = await t.login('lead1', 'lead1-pass');
  });
  afterAll(async () => {
    await t?.server.close();
    await t?.database.drop();
    await sink?.close();
    await gateway?.close();
  });

  const post = (path: string, body: unknown, token = agent) =>
    t.api(path, { method: 'POST', body: JSON.stringify(body), token });
  const send = (over: Record<string, unknown>) => post('/messages/send', {
    customerId: BUDI.id, channel: 'email', to: BUDI.email, template: 'Halo', previewText: 'Halo', idempotencyKey: randomUUID(), ...over,
  });

  it('replicates the demo library through the pull', async () => {
    const res = await t.api('/sync/pull?cursor=0&limit=50000', { token: agent });
    const body = res.body as PullResponse;
    expect(body.changes.reply_paragraphs.length).toBeGreaterThanOrEqual(40);
    const tagihan = body.changes.reply_paragraphs.find((p) => p.id === TAGIHAN);
    expect(tagihan?.body).toContain('{{?jumlah}}');
    expect(tagihan?.status).toBe('approved');
  });

  it('sends an e-mail with exactly the rendered text; it lands in the timeline and counts usage', async () => {
    const template = 'Yth. {{customer.salutation}} {{customer.name}},\n\nTagihan Rp {{?jumlah}}.\n\n{{agent.name}}';
    const expected = 'Yth. Bapak Budi Santoso,\n\nTagihan Rp 350.000.\n\nSari Wulandari';
    const refused = await send({ template, previewText: expected, paragraphIds: [SALAM, TAGIHAN] });
    expect(refused.status).toBe(400);
    expect((refused.body as { details: { missingBlanks: string[] } }).details.missingBlanks).toEqual(['jumlah']);

    const before = sink.mails.length;
    const res = await send({ template, previewText: expected, blanks: { jumlah: '350.000' }, paragraphIds: [SALAM, TAGIHAN], subject: 'Tagihan' });
    expect(res.status).toBe(200);
    const message = res.body as OutboundMessage;
    expect(message.status).toBe('sent');
    const mail = await sink.waitFor(before + 1);
    expect(mail.text?.trim()).toBe(expected);
    expect(mail.subject).toBe('Tagihan');
    expect(mail.html).toContain('Budi Santoso');

    const history = await t.api(`/customers/${BUDI.id}/interactions?limit=5`, { token: agent });
    const first = (history.body as { items: { id: string; body: string; disposition: string; direction: string }[] }).items[0];
    expect(first).toMatchObject({ id: message.interactionId, body: expected, disposition: 'sent', direction: 'outbound' });

    const pull = (await t.api('/sync/pull?cursor=0&limit=50000', { token: agent })).body as PullResponse;
    expect(pull.changes.reply_paragraphs.find((p) => p.id === TAGIHAN)?.usageCount).toBe(1);
  });

  it('refuses a preview that differs from what would be sent, unknown variables, broken braces and 100 kB', async () => {
    const stale = await send({ template: 'Halo {{customer.name}}', previewText: 'Halo Budi' });
    expect(stale.status).toBe(409);
    for (const template of ['Halo {{customer.shoe_size}}', 'Halo {{customer.name', 'Halo {{ {{customer.name}} }}', 'a }} b']) {
      const res = await send({ template, previewText: template });
      expect(res.status, template).toBe(400);
      expect((res.body as { details: { problems: unknown[] } }).details.problems.length).toBeGreaterThan(0);
    }
    const huge = 'x'.repeat(100_000);
    const tooLarge = await send({ template: huge, previewText: huge });
    expect(tooLarge.status).toBe(413);
    const wrongAddress = await send({ to: 'someone@else.example' });
    expect(wrongAddress.status).toBe(400);
  });

  it('escapes HTML and script in the e-mail HTML part; SMS carries the plain text', async () => {
    const template = 'Lihat <script>alert(1)</script> & <b>tebal</b>';
    const before = sink.mails.length;
    expect((await send({ template, previewText: template })).status).toBe(200);
    const mail = await sink.waitFor(before + 1);
    expect(mail.text?.trim()).toBe(template);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const sms = await send({ channel: 'sms', to: '0812 3456 7890', template, previewText: template });
    expect(sms.status).toBe(200);
    expect(gateway.requests.at(-1)).toMatchObject({ to: BUDI.mobile, text: template });
  });

  it('a failed SMS is recorded as failed, visible, and goes out on retry', async () => {
    gateway.failing = true;
    const res = await send({ channel: 'sms', to: BUDI.mobile, template: 'Coba lagi', previewText: 'Coba lagi' });
    expect(res.status).toBe(200);
    const failed = res.body as OutboundMessage;
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('503');
    const listed = await t.api(`/customers/${BUDI.id}/messages`, { token: agent });
    expect((listed.body as { outbound: OutboundMessage[] }).outbound.find((m) => m.id === failed.id)?.status).toBe('failed');
    gateway.failing = false;
    const retried = await post(`/messages/${failed.id}/retry`, { idempotencyKey: randomUUID() });
    expect((retried.body as OutboundMessage)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(gateway.requests.at(-1)?.text).toBe('Coba lagi');
    expect((await post(`/messages/${failed.id}/retry`, { idempotencyKey: randomUUID() })).status).toBe(409);
  });

  it('a paragraph retired while composing blocks the send; leads edit with revisions, agents may not', async () => {
    const created = await post('/replies/paragraphs', {
      title: 'Sementara', shortcut: 'sementara', category: 'billing', channels: ['email'], language: 'id', body: 'Teks sementara', approve: true,
    }, lead);
    expect(created.status).toBe(201);
    const p = created.body as ReplyParagraph;
    expect((await post('/replies/paragraphs', { ...created.body as object }, agent)).status).toBe(403);
    const edited = await t.api(`/replies/paragraphs/${p.id}`, {
      method: 'PUT', token: lead,
      body: JSON.stringify({ title: 'Sementara', shortcut: 'sementara', category: 'billing', channels: ['email'], language: 'id', body: 'Teks baru', baseRevision: 1, approve: true }),
    });
    expect((edited.body as ReplyParagraph).revision).toBe(2);
    expect((await post(`/replies/paragraphs/${p.id}/retire`, {}, lead)).status).toBe(200);
    const res = await send({ template: 'Teks baru', previewText: 'Teks baru', paragraphIds: [p.id] });
    expect(res.status).toBe(409);
    expect((res.body as { details: { retired: string[] } }).details.retired).toEqual([p.id]);
    const revisions = await t.api(`/replies/paragraphs/${p.id}/revisions`, { token: agent });
    expect((revisions.body as { revisions: { status: string }[] }).revisions.map((r) => r.status)).toEqual(['approved', 'approved', 'retired']);
    const bad = await post('/replies/paragraphs', {
      title: 'Rusak', shortcut: 'rusak', category: 'billing', channels: ['email'], language: 'id', body: 'Halo {{pelanggan.nama}}',
    }, lead);
    expect(bad.status).toBe(400);
  });

  it('inbound e-mail becomes an interaction with an SLA deadline; one auto-ack per thread; unmatched waits', async () => {
    const before = sink.mails.length;
    await mailToIngress(ingressPort, { from: BUDI.email, subject: 'Tagihan ganda', text: 'Tagihan saya tertagih dua kali.', messageId: '<m1@budi.example>' });
    const ack = await sink.waitFor(before + 1);
    expect(ack.to && 'text' in ack.to ? ack.to.text : '').toContain(BUDI.email);
    expect(ack.text).toContain('Bapak Budi Santoso');
    expect(ack.inReplyTo).toBe('<m1@budi.example>');
    // A follow-up in the same thread: recorded, but no second acknowledgement.
    await mailToIngress(ingressPort, { from: BUDI.email, subject: 'Re: Tagihan ganda', text: 'Ada kabar?', messageId: '<m2@budi.example>', inReplyTo: '<m1@budi.example>' });
    await mailToIngress(ingressPort, { from: 'stranger@nowhere.example', subject: 'Halo', text: 'Siapa saya?' });
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.mails.length).toBe(before + 1);
    const inbox = (await t.api('/messages/inbox', { token: agent })).body as { open: { id: string; from: string; customerId: string | null; dueAt: string; receivedAt: string }[] };
    expect(inbox.open.filter((m) => m.from === BUDI.email)).toHaveLength(2);
    const stranger = inbox.open.find((m) => m.from === 'stranger@nowhere.example') as { id: string; customerId: string | null } | undefined;
    expect(stranger?.customerId).toBeNull();
    for (const m of inbox.open) expect(Date.parse(m.dueAt)).toBeGreaterThan(Date.parse(m.receivedAt));
    // The unmatched mail is given to a customer; it cannot be given twice.
    const assigned = await post(`/messages/inbound/${stranger?.id}/assign`, { customerId: BUDI.id });
    expect(assigned.status).toBe(200);
    expect((assigned.body as { customerId: string }).customerId).toBe(BUDI.id);
    expect((await post(`/messages/inbound/${stranger?.id}/assign`, { customerId: BUDI.id })).status).toBe(409);
    const history = await t.api(`/customers/${BUDI.id}/interactions?limit=3&channels=email`, { token: agent });
    expect((history.body as { items: { subject: string; direction: string }[] }).items.map((i) => i.subject)).toContain('Re: Tagihan ganda');
    // Answering stops the clock.
    expect((await send({ template: 'Sudah kami koreksi.', previewText: 'Sudah kami koreksi.' })).status).toBe(200);
    const after = (await t.api('/messages/inbox', { token: agent })).body as { open: { from: string }[] };
    expect(after.open.filter((m) => m.from === BUDI.email)).toHaveLength(0);
    expect(after.open.filter((m) => m.from === 'stranger@nowhere.example')).toHaveLength(0);
  });
});
