// Inbound e-mail a stranger could abuse, against the real server on PostgreSQL and PGlite
// with its real SMTP ingress: the size limit is enforced (552, nothing stored), SPF/DKIM/
// DMARC are checked for real by mailauth — the DNS answers come from a table of published-
// format records (no internet here) and the good mail is signed with a DKIM key made in
// this test — and the verdict is stored with the message; auto-acknowledgements stop at
// the per-sender daily cap while the mail itself is still stored.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { type InboundMessage } from '../../../src/shared/replies/messages.js';
import { fixtureResolver } from '../../support/dns-fixture.js';
import { rawMailToIngress, smtpConversation, startMailSink, type MailSink } from '../../support/replies-mail-sink.js';
import { forEachDatabase } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const address = s.address();
  s.close();
  return typeof address === 'object' && address ? address.port : 0;
}

const MAX_BYTES = 64 * 1024;
const ACK_CAP = 2;
// Budi's mail provider, as it would publish itself: only its own servers (192.0.2.0/24,
// not this machine) send for it, it signs with selector s2026, and DMARC says reject.
const DOMAIN = BUDI.email.split('@')[1] ?? 'example.co.id';
const SELECTOR = 's2026';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const resolver = fixtureResolver({
  [DOMAIN]: ['v=spf1 ip4:192.0.2.0/24 -all'],
  [`_dmarc.${DOMAIN}`]: ['v=DMARC1; p=reject; rua=mailto:dmarc@example.co.id'],
  [`${SELECTOR}._domainkey.${DOMAIN}`]: [`v=DKIM1; k=rsa; p=${publicKey}`],
});

function rfc5322(m: { from: string; subject: string; text: string; messageId: string }): string {
  return [
    `From: ${m.from}`, 'To: cs@sapa.example', `Subject: ${m.subject}`, `Message-ID: ${m.messageId}`,
    `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit', '', m.text, '',
  ].join('\r\n');
}

async function signed(raw: string): Promise<string> {
  const { signatures, errors } = await dkimSign(raw, { signatureData: [{ signingDomain: DOMAIN, selector: SELECTOR, privateKey }] });
  if (errors.length > 0 || !signatures.startsWith('DKIM-Signature:')) throw new Error(`DKIM signing failed: ${JSON.stringify(errors)}`);
  return signatures + raw;
}

forEachDatabase('inbound e-mail security', (engine) => {
  let t: TestServer & { database: { drop(): Promise<void> } };
  let sink: MailSink;
  let ingressPort: number;
  let agent: string;

  beforeAll(async () => {
    sink = await startMailSink();
    ingressPort = await freePort();
    t = await startTestServer(engine, {
      seedDemo: { customers: 3, interactionsMean: 1, seed: 5 },
      messaging: {
        ...DEFAULT_MESSAGING, smtpUrl: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`, ingressPort, sendTimeoutMs: 5_000,
        ingressMaxBytes: MAX_BYTES, autoAckPerSenderPerDay: ACK_CAP, mailAuth: { resolver, trustReceived: false },
      },
    });
    agent = await t.login('agent1', 'agent1-pass');
  });
  afterAll(async () => {
    await t?.server.close();
    await t?.database.drop();
    await sink?.close();
  });

  const inbound = async (subject: string): Promise<InboundMessage[]> => {
    const res = await t.api(`/customers/${BUDI.id}/messages`, { token: agent });
    return (res.body as { inbound: InboundMessage[] }).inbound.filter((m) => m.subject === subject);
  };
  const acksTo = (address: string) => sink.mails.filter((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(address)).length;

  it('refuses a mail over the size limit with 552 and stores nothing, declared or not', async () => {
    const subject = `Lampiran besar ${randomUUID()}`;
    const big = rfc5322({ from: BUDI.email, subject, text: 'x'.repeat(76).concat('\n').repeat(Math.ceil((MAX_BYTES * 2) / 77)), messageId: '<big@x>' });
    // A client that does not declare the size: the whole DATA is read, then refused.
    const replies = await smtpConversation(ingressPort, [
      'EHLO client.example', `MAIL FROM:<${BUDI.email}>`, 'RCPT TO:<cs@sapa.example>', 'DATA', { data: big },
    ]);
    expect(replies[1]).toMatch(new RegExp(`^250[- ]SIZE ${MAX_BYTES}$`, 'm'));
    expect(replies.at(-2)).toMatch(/^354/);
    expect(replies.at(-1)).toMatch(/^552 /m);
    // A client that declares it is refused at MAIL FROM, before sending the data.
    const declared = await smtpConversation(ingressPort, ['EHLO client.example', `MAIL FROM:<${BUDI.email}> SIZE=${MAX_BYTES * 2}`]);
    expect(declared.at(-1)).toMatch(/^552 /m);
    expect(await inbound(subject)).toHaveLength(0);
    // Just under the limit is accepted (the limit is the limit, not a ban on attachments).
    const fits = rfc5322({ from: BUDI.email, subject: `${subject} kecil`, text: 'y'.repeat(70).concat('\n').repeat(400), messageId: '<small@x>' });
    const ok = await smtpConversation(ingressPort, ['EHLO client.example', `MAIL FROM:<${BUDI.email}>`, 'RCPT TO:<cs@sapa.example>', 'DATA', { data: fits }]);
    expect(ok.at(-1)).toMatch(/^250 /);
    expect(await inbound(`${subject} kecil`)).toHaveLength(1);
  });

  it('stores a forged mail (SPF and DMARC fail) marked unauthenticated and does not acknowledge it', async () => {
    const subject = `Ubah rekening ${randomUUID()}`;
    const acksBefore = acksTo(BUDI.email);
    await rawMailToIngress(ingressPort, BUDI.email,
      rfc5322({ from: `Budi Santoso <${BUDI.email}>`, subject, text: 'Mohon kirim dana ke rekening baru.', messageId: `<${randomUUID()}@forged>` }));
    const [stored] = await inbound(subject);
    expect(stored).toMatchObject({ authVerdict: 'fail', customerId: BUDI.id });
    expect(stored?.authSummary).toContain('spf=fail');
    expect(stored?.authSummary).toContain('dmarc=fail');
    // The ack goes out before the ingress answers 250, so "none arrived" is final here.
    expect(acksTo(BUDI.email)).toBe(acksBefore);
    // The lookups really happened, against the published records.
    expect(resolver.queries).toContain(`TXT ${DOMAIN}`);
    expect(resolver.queries).toContain(`TXT _dmarc.${DOMAIN}`);
  });

  it('marks a properly DKIM-signed mail authenticated, and one altered after signing not', async () => {
    const subject = `Tagihan ${randomUUID()}`;
    await rawMailToIngress(ingressPort, BUDI.email,
      await signed(rfc5322({ from: `Budi Santoso <${BUDI.email}>`, subject, text: 'Tagihan saya dobel.', messageId: `<${randomUUID()}@budi>` })));
    const [good] = await inbound(subject);
    expect(good?.authVerdict).toBe('pass');
    expect(good?.authSummary).toBe('spf=fail dkim=pass dmarc=pass');
    expect(resolver.queries).toContain(`TXT ${SELECTOR}._domainkey.${DOMAIN}`);

    const altered = `${subject} diubah`;
    const original = await signed(rfc5322({ from: `Budi Santoso <${BUDI.email}>`, subject: altered, text: 'Transfer Rp 100.000.', messageId: `<${randomUUID()}@budi>` }));
    await rawMailToIngress(ingressPort, BUDI.email, original.replace('Rp 100.000', 'Rp 900.000'));
    const [bad] = await inbound(altered);
    expect(bad?.authVerdict).toBe('fail');
    // mailauth calls a signature whose body hash no longer matches "neutral"; DMARC fails it.
    expect(bad?.authSummary).toBe('spf=fail dkim=neutral dmarc=fail');
    // The inbox shows the same verdicts.
    const inbox = (await t.api('/messages/inbox', { token: agent })).body as { open: InboundMessage[] };
    expect(inbox.open.find((m) => m.subject === subject)?.authVerdict).toBe('pass');
    expect(inbox.open.find((m) => m.subject === altered)?.authVerdict).toBe('fail');
  });

  it(`sends at most ${ACK_CAP} auto-acknowledgements to one sender a day; every mail is still stored`, async () => {
    // The signed mail above already took one of today's acknowledgements.
    const taken = acksTo(BUDI.email);
    expect(taken).toBe(1);
    const subjects = [1, 2, 3].map((n) => `Pertanyaan ${n} ${randomUUID()}`);
    for (const subject of subjects) {
      await rawMailToIngress(ingressPort, BUDI.email,
        await signed(rfc5322({ from: BUDI.email, subject, text: `Pertanyaan baru: ${subject}`, messageId: `<${randomUUID()}@budi>` })));
    }
    expect(acksTo(BUDI.email)).toBe(ACK_CAP);
    for (const subject of subjects) expect(await inbound(subject), subject).toHaveLength(1);
  });
});
