// Working a case with the customer, through the sync push on both engines, with a real SMS
// gateway and SMTP sink on loopback: an internal note is a timeline event marked internal and
// never sent; a reply composed from an approved paragraph reaches the gateway once with
// exactly the previewed text; resolving notifies the customer once with the approved
// paragraph's text (variables filled) even when the mutation is pushed again; a retired
// paragraph sends nothing and says why on the case; a failing gateway leaves the case
// resolved and the failure on the message. Bad input: empty, huge, script injection (stored
// as text), another agent's case, an agent changing the notification setting.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { paragraphId } from '../../../src/server/replies/seed-paragraphs.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { startMailSink, startSmsGateway, type MailSink, type SmsGateway } from '../../support/replies-mail-sink.js';
import { forEachDatabase } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface PushAnswer { results: { id: string; status: string; error: { code: string; message: string } | null }[] }

forEachDatabase('case notes, replies and notifications', (engine) => {
  let t: TestServer & { database: { drop(): Promise<void> } };
  let sink: MailSink;
  let gateway: SmsGateway;
  let agent1: string;
  let agent2: string;
  let lead: string;
  let admin: string;

  beforeAll(async () => {
    sink = await startMailSink();
    gateway = await startSmsGateway();
    t = await startTestServer(engine, {
      seedDemo: { customers: 3, interactionsMean: 1, seed: 5 },
      messaging: { ...DEFAULT_MESSAGING, smtpUrl: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`, smsGatewayUrl: gateway.url, sendTimeoutMs: 5_000 },
    });
    [agent1, agent2, lead, admin] = await Promise.all([
      t.login('agent1', 'agent1-pass'), t.login('agent2', 'agent2-pass'), t.login('lead1', 'lead1-pass'), t.login('admin1', 'admin1-pass'),
    ]);
  });
  afterAll(async () => {
    await t?.server.close();
    await t?.database.drop();
    await sink?.close();
    await gateway?.close();
  });

  const db = () => t.server.db;
  const push = async (token: string, mutations: { name: string; args: unknown; id?: string }[], clientId = randomUUID()) => {
    const body = { clientId, mutations: mutations.map((m) => ({ id: randomUUID(), baseVersions: {}, createdAt: new Date().toISOString(), ...m })) };
    const res = await t.api('/sync/push', { method: 'POST', token, body: JSON.stringify(body) });
    expect(res.status, res.text).toBe(200);
    return { answer: res.body as PushAnswer, body };
  };
  const one = async (token: string, name: string, args: unknown) => (await push(token, [{ name, args }])).answer.results[0]!;
  /** Until the dispatcher has taken every message written by a push and each has an outcome. */
  const settled = async () => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [row] = await db().query<{ n: number }>(
        "SELECT count(*)::int AS n FROM outbound_messages WHERE pending_delivery OR (status = 'queued' AND case_id IS NOT NULL)");
      if (row?.n === 0) return;
      if (Date.now() > deadline) throw new Error(`${row?.n} case messages still waiting`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const fileCase = async (token: string, subject: string) => {
    const id = randomUUID();
    const r = await one(token, 'case.create', {
      id, eventId: randomUUID(), customerId: BUDI.id, category: 'complaint', subject, description: 'Sudah lapor dua kali.',
      priority: 'urgent', createdAt: new Date().toISOString(),
    });
    expect(r.status, JSON.stringify(r.error)).toBe('applied');
    const [row] = await db().query<{ case_no: string }>('SELECT case_no FROM cases WHERE id = $1', [id]);
    return { id, caseNo: row!.case_no };
  };
  const move = (caseId: string, from: string, to: string, eventId = randomUUID()) => ({ caseId, eventId, from, to, note: '', at: new Date().toISOString() });
  const smsTo = (text: string) => gateway.requests.filter((r) => r.text.includes(text));

  it('an internal note is an event marked internal, never sent; script text is stored as text', async () => {
    const k = await fileCase(agent1, `Catatan ${randomUUID().slice(0, 8)}`);
    const before = gateway.requests.length + sink.mails.length;
    const eventId = randomUUID();
    const body = '<script>alert("x")</script> Pelanggan minta ditelepon sore — 🙏';
    expect((await one(agent1, 'case.note', { caseId: k.id, eventId, body, at: new Date().toISOString() })).status).toBe('applied');
    const [event] = await db().query<{ channel: string; subject: string; body: string; disposition: string }>(
      'SELECT channel, subject, body, disposition FROM interactions WHERE id = $1', [eventId]);
    expect(event).toMatchObject({ channel: 'case', body, disposition: 'internal' });
    expect(event?.subject).toMatch(new RegExp(`^${k.caseNo} · .* · Internal note$`));
    // Replayed by another client: still one event.
    expect((await one(agent1, 'case.note', { caseId: k.id, eventId, body, at: new Date().toISOString() })).status).toBe('applied');
    const [n] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM interactions WHERE id = $1', [eventId]);
    expect(n?.n).toBe(1);
    await settled();
    expect(gateway.requests.length + sink.mails.length).toBe(before);
    // Agent 2 reads it in the customer's history (another agent's view after sync).
    const history = await t.api(`/customers/${BUDI.id}/interactions?limit=50`, { token: agent2 });
    expect(history.text).toContain(`${k.caseNo} · `);
  });

  it('bad notes and replies are refused for good with a reason', async () => {
    const k = await fileCase(agent1, `Salah ${randomUUID().slice(0, 8)}`);
    const note = (over: Record<string, unknown>) => ({ caseId: k.id, eventId: randomUUID(), body: 'ok', at: new Date().toISOString(), ...over });
    const empty = await one(agent1, 'case.note', note({ body: '   ' }));
    expect(empty).toMatchObject({ status: 'rejected', error: { code: 'INVALID_INPUT' } });
    expect(empty.error?.message).toContain('note is required');
    const huge = await one(agent1, 'case.note', note({ body: 'x'.repeat(10_001) }));
    expect(huge.error?.message).toContain('longer than 10000');
    const unknown = await one(agent1, 'case.note', note({ caseId: randomUUID() }));
    expect(unknown.error?.code).toBe('NOT_FOUND');
    // Another agent's case: refused; a lead may.
    const other = await one(agent2, 'case.note', note({}));
    expect(other).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    expect(other.error?.message).toContain('assigned to someone else');
    expect((await one(lead, 'case.note', note({}))).status).toBe('applied');
    const reply = (over: Record<string, unknown>) => ({
      caseId: k.id, messageId: randomUUID(), eventId: randomUUID(), channel: 'sms', to: BUDI.mobile, template: 'Halo', previewText: 'Halo',
      at: new Date().toISOString(), ...over,
    });
    expect((await one(agent2, 'case.reply', reply({}))).error?.code).toBe('FORBIDDEN');
    // Not the customer's number, a preview that is not what the server renders, a huge body.
    expect((await one(agent1, 'case.reply', reply({ to: '+628999999999' }))).error?.message).toContain('not one of the customer');
    expect((await one(agent1, 'case.reply', reply({ previewText: 'Something else' }))).error?.code).toBe('CONFLICT');
    expect((await one(agent1, 'case.reply', reply({ template: 'x'.repeat(50_001), previewText: 'x' }))).error?.message).toContain('longer than 50000');
    // A retired paragraph in a reply.
    // A paragraph not approved (a lead's draft) in a reply.
    const draft = await t.api('/replies/paragraphs', {
      method: 'POST', token: lead,
      body: JSON.stringify({ title: 'Draf balasan', shortcut: `draf-${randomUUID().slice(0, 8)}`, category: 'complaint', channels: ['sms'], language: 'id', body: 'Halo' }),
    });
    expect(draft.status, draft.text).toBe(201);
    const unapproved = await one(agent1, 'case.reply', reply({ paragraphIds: [(draft.body as { id: string }).id] }));
    expect(unapproved).toMatchObject({ status: 'rejected', error: { code: 'CONFLICT' } });
    expect(unapproved.error?.message).toContain('No longer approved: Draf balasan');
    await settled();
    expect(smsTo('Halo')).toHaveLength(0);
  });

  it('a reply from an approved paragraph is sent once with exactly the previewed text; a replay sends nothing more', async () => {
    const k = await fileCase(agent1, `Balasan ${randomUUID().slice(0, 8)}`);
    const template = 'Halo {{customer.salutation}} {{customer.first_name}},\n\nKasus {{case.number}} ({{case.subject}}) sedang ditangani oleh tim terkait.';
    const [subject] = await db().query<{ subject: string }>('SELECT subject FROM cases WHERE id = $1', [k.id]);
    const preview = `Halo Bapak Budi,\n\nKasus ${k.caseNo} (${subject!.subject}) sedang ditangani oleh tim terkait.`;
    const args = {
      caseId: k.id, messageId: randomUUID(), eventId: randomUUID(), channel: 'sms', to: '0812 3456 7890', template,
      paragraphIds: [paragraphId(19)], previewText: preview, at: new Date().toISOString(),
    };
    const first = await push(agent1, [{ name: 'case.reply', args }]);
    expect(first.answer.results[0]?.status).toBe('applied');
    await settled();
    // The same push again (answer lost) and the same reply from a new mutation id.
    await t.api('/sync/push', { method: 'POST', token: agent1, body: JSON.stringify(first.body) });
    expect((await one(agent1, 'case.reply', args)).status).toBe('applied');
    await settled();
    expect(smsTo(preview)).toEqual([{ to: BUDI.mobile, text: preview, reference: args.messageId }]);
    const [row] = await db().query<{ status: string; interaction_id: string; case_id: string }>(
      'SELECT status, interaction_id, case_id FROM outbound_messages WHERE id = $1', [args.messageId]);
    expect(row).toEqual({ status: 'sent', interaction_id: args.eventId, case_id: k.id });
    const [event] = await db().query<{ subject: string; disposition: string; channel: string }>(
      'SELECT subject, disposition, channel FROM interactions WHERE id = $1', [args.eventId]);
    expect(event).toMatchObject({ channel: 'sms', disposition: 'sent' });
    expect(event?.subject.startsWith(`${k.caseNo} · `)).toBe(true);
  });

  it('resolving notifies the customer once with the approved paragraph, variables filled, even when pushed again', async () => {
    const subject = `Internet mati ${randomUUID().slice(0, 8)}`;
    const k = await fileCase(agent1, subject);
    const a = move(k.id, 'open', 'resolved');
    const first = await push(agent1, [{ name: 'case.setStatus', args: a }]);
    expect(first.answer.results[0]?.status).toBe('applied');
    await settled();
    await t.api('/sync/push', { method: 'POST', token: agent1, body: JSON.stringify(first.body) });
    expect((await one(agent1, 'case.setStatus', a)).status).toBe('applied');
    await settled();
    const expected = `Yth. Bapak Budi Santoso, kasus ${k.caseNo} (${subject}) telah selesai. Hubungi kami bila masalah muncul kembali.`;
    expect(smsTo(k.caseNo)).toEqual([{ to: BUDI.mobile, text: expected, reference: expect.any(String) }]);
    const [note] = await db().query<{ outcome: string; to_status: string }>('SELECT outcome, to_status FROM case_notifications WHERE status_event_id = $1', [a.eventId]);
    expect(note).toEqual({ outcome: 'queued', to_status: 'resolved' });
    // Reopened and resolved again: a new transition, a new notification.
    expect((await one(agent1, 'case.setStatus', move(k.id, 'resolved', 'in_progress'))).status).toBe('applied');
    expect((await one(agent1, 'case.setStatus', move(k.id, 'in_progress', 'resolved'))).status).toBe('applied');
    await settled();
    expect(smsTo(k.caseNo)).toHaveLength(2);
  });

  it('a retired paragraph sends nothing and the case says why; a failing gateway leaves the case resolved', async () => {
    const waiting = paragraphId(43); // "Kabar kasus: menunggu jawaban Anda" (id)
    const [p] = await db().query<{ shortcut: string; language: string }>('SELECT shortcut, language FROM reply_paragraphs WHERE id = $1', [waiting]);
    expect(p).toEqual({ shortcut: 'case-status-waiting', language: 'id' });
    const retire = await t.api(`/replies/paragraphs/${waiting}/retire`, { method: 'POST', token: lead, body: '{}' });
    expect(retire.status, retire.text).toBe(200);
    const k = await fileCase(agent1, `Menunggu ${randomUUID().slice(0, 8)}`);
    const a = move(k.id, 'open', 'waiting_customer');
    expect((await one(agent1, 'case.setStatus', a)).status).toBe('applied');
    await settled();
    expect(smsTo(k.caseNo)).toHaveLength(0);
    const [why] = await db().query<{ outcome: string; reason: string }>('SELECT outcome, reason FROM case_notifications WHERE status_event_id = $1', [a.eventId]);
    expect(why?.outcome).toBe('skipped');
    expect(why?.reason).toContain('retired, not approved');
    const [event] = await db().query<{ subject: string; body: string }>(
      "SELECT subject, body FROM interactions WHERE subject LIKE $1 AND disposition = 'not_notified'", [`${k.caseNo} · %`]);
    expect(event?.body).toContain('Kabar kasus: menunggu jawaban Anda');
    const [status] = await db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [k.id]);
    expect(status?.status).toBe('waiting_customer');

    gateway.failing = true;
    try {
      const r = move(k.id, 'waiting_customer', 'resolved');
      expect((await one(agent1, 'case.setStatus', r)).status).toBe('applied');
      await settled();
      const [msg] = await db().query<{ status: string; error: string }>(
        'SELECT m.status, m.error FROM case_notifications n JOIN outbound_messages m ON m.id = n.message_id WHERE n.status_event_id = $1', [r.eventId]);
      expect(msg?.status).toBe('failed');
      expect(msg?.error).toContain('503');
      const [after] = await db().query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [k.id]);
      expect(after?.status).toBe('resolved');
    } finally {
      gateway.failing = false;
    }
  });

  it('the notification setting: off sends nothing; an agent may not change it; a bad value is refused', async () => {
    const put = (token: string, body: unknown) => t.api('/admin/settings', { method: 'PUT', token, body: JSON.stringify(body) });
    const off = {
      caseNotifications: {
        in_progress: { enabled: false, shortcut: 'case-status-progress', channel: 'sms' },
        waiting_customer: { enabled: false, shortcut: 'case-status-waiting', channel: 'sms' },
        resolved: { enabled: false, shortcut: 'case-status-resolved', channel: 'email' },
      },
    };
    expect((await put(agent1, off)).status).toBe(403);
    expect((await put(admin, { caseNotifications: { resolved: { enabled: true, shortcut: '<script>', channel: 'sms' } } })).status).toBe(400);
    expect((await put(admin, off)).status).toBe(200);
    try {
      const k = await fileCase(agent1, `Tanpa kabar ${randomUUID().slice(0, 8)}`);
      expect((await one(agent1, 'case.setStatus', move(k.id, 'open', 'resolved'))).status).toBe('applied');
      await settled();
      expect(smsTo(k.caseNo)).toHaveLength(0);
      const [n] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM case_notifications WHERE case_id = $1', [k.id]);
      expect(n?.n).toBe(0);
      // E-mail instead of SMS: the approved paragraph arrives at the SMTP sink.
      await put(admin, { caseNotifications: { ...off.caseNotifications, resolved: { enabled: true, shortcut: 'case-status-resolved', channel: 'email' } } });
      const m = await fileCase(agent1, `Lewat e-mail ${randomUUID().slice(0, 8)}`);
      expect((await one(agent1, 'case.setStatus', move(m.id, 'open', 'resolved'))).status).toBe('applied');
      await settled();
      const mail = sink.mails.find((x) => x.subject?.startsWith(m.caseNo));
      expect(mail?.text).toContain(`kasus ${m.caseNo}`);
    } finally {
      await put(admin, { caseNotifications: null });
    }
  });
});
