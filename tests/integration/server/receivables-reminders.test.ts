// Reminders of an open invoice on a real server and database (both engines) with a real
// HTTP SMS gateway on loopback: an approved billing paragraph, its blanks filled from the
// invoice, sent once per idempotency key, recorded in the customer's timeline; a VVIP
// customer's reminder needs the collector's confirmation; agents, unapproved or non-billing
// paragraphs, another text than the preview, and paid invoices are refused. Also the
// invoices' customer rule of migration 031 (a statement-level check instead of the foreign key).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSession } from '../../../src/server/auth/sessions.js';
import { businessToday } from '../../../src/server/integrations/upsert.js';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { paragraphId } from '../../../src/server/replies/seed-paragraphs.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { type ReminderPreview } from '../../../src/shared/receivables.js';
import { type OutboundMessage } from '../../../src/shared/replies/messages.js';
import { startSmsGateway, type SmsGateway } from '../../support/replies-mail-sink.js';
import { forEachDatabase } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TAGIHAN = paragraphId(6); // "Rincian tagihan bulan ini": {{?jumlah}} and {{?jatuh_tempo}}
const SALAM = paragraphId(1); // a greeting: not a billing paragraph

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

forEachDatabase('receivables reminders', (engine) => {
  let t: TestServer & { database: { drop(): Promise<void> } };
  let gateway: SmsGateway;
  let lead: string;
  let agent: string;
  let invoiceId: string;
  let paidId: string;
  const due = addDays(businessToday(), -10);

  beforeAll(async () => {
    gateway = await startSmsGateway();
    t = await startTestServer(engine, {
      seedDemo: { customers: 3, interactionsMean: 0, seed: 5 },
      messaging: { ...DEFAULT_MESSAGING, smsGatewayUrl: gateway.url, sendTimeoutMs: 5_000 },
    });
    const db = t.server.db;
    const token = async (username: string) => {
      const [u] = await db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
      return (await createSession(db, u?.id ?? '', 600_000)).token;
    };
    lead = await token('lead1');
    agent = await token('agent1');
    await db.query('UPDATE customers SET vvip = false WHERE id = $1', [BUDI.id]);
    [{ id: invoiceId }] = await db.query<{ id: string }>(
      `INSERT INTO receivables (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status)
       VALUES (gen_random_uuid(), 'INV-REM-1', $1, 1500000, 500000, $2::date - 14, $2::date, 'overdue') RETURNING id`, [BUDI.id, due]) as [{ id: string }];
    [{ id: paidId }] = await db.query<{ id: string }>(
      `INSERT INTO receivables (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status)
       VALUES (gen_random_uuid(), 'INV-REM-2', $1, 100000, 100000, $2::date - 14, $2::date, 'paid') RETURNING id`, [BUDI.id, due]) as [{ id: string }];
  });
  afterAll(async () => {
    await t?.server.close();
    await t?.database.drop();
    await gateway?.close();
  });

  const post = (path: string, body: unknown, token = lead) => t.api(path, { method: 'POST', body: JSON.stringify(body), token });
  const preview = async (body: Record<string, unknown>, id = invoiceId): Promise<ReminderPreview> => {
    const res = await post(`/receivables/${id}/reminders/preview`, body);
    expect(res.status, res.text).toBe(200);
    return res.body as ReminderPreview;
  };

  it('previews an approved billing paragraph with the invoice filled in and sends it by SMS exactly once, into the timeline', async () => {
    const choices = await preview({ channel: 'sms' });
    expect(choices.to).toBe(BUDI.mobile);
    expect(choices.paragraphs.map((p) => p.id)).toContain(TAGIHAN);
    expect(choices.paragraphs.map((p) => p.id)).not.toContain(SALAM);
    expect(choices.paragraphs.every((p) => p.category.startsWith('billing'))).toBe(true);
    const [y, m, d] = due.split('-');
    const p = await preview({ channel: 'sms', paragraphId: TAGIHAN });
    expect(p.text).toBe(`Tagihan Anda untuk periode ini sebesar Rp 1.000.000 dengan jatuh tempo ${d}-${m}-${y}.`);
    expect(p.missingBlanks).toEqual([]);

    const key = randomUUID();
    const before = gateway.requests.length;
    const body = { channel: 'sms', paragraphId: TAGIHAN, previewText: p.text, idempotencyKey: key };
    const first = await post(`/receivables/${invoiceId}/reminders`, body);
    expect(first.status, first.text).toBe(200);
    const sent = first.body as OutboundMessage;
    expect(sent).toMatchObject({ status: 'sent', channel: 'sms', to: BUDI.mobile, body: p.text, paragraphIds: [TAGIHAN] });
    expect(gateway.requests.at(-1)).toMatchObject({ to: BUDI.mobile, text: p.text });
    // The same request again (a second click, a retry after a timeout): the same message, nothing sent.
    const again = await post(`/receivables/${invoiceId}/reminders`, body);
    expect((again.body as OutboundMessage).id).toBe(sent.id);
    expect(gateway.requests.length).toBe(before + 1);
    const timeline = await t.server.db.query<{ channel: string; customer_id: string }>(
      'SELECT channel, customer_id FROM interactions WHERE id = $1', [sent.interactionId]);
    expect(timeline).toEqual([{ channel: 'sms', customer_id: BUDI.id }]);
  });

  it('asks before a VVIP customer is reminded', async () => {
    await t.server.db.query('UPDATE customers SET vvip = true WHERE id = $1', [BUDI.id]);
    try {
      const p = await preview({ channel: 'sms', paragraphId: TAGIHAN });
      expect(p.vvip).toBe(true);
      const body = { channel: 'sms', paragraphId: TAGIHAN, previewText: p.text, idempotencyKey: randomUUID() };
      const before = gateway.requests.length;
      const refused = await post(`/receivables/${invoiceId}/reminders`, body);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'vvip' } });
      expect(gateway.requests.length).toBe(before);
      const confirmed = await post(`/receivables/${invoiceId}/reminders`, { ...body, confirmVvip: true });
      expect(confirmed.status, confirmed.text).toBe(200);
      expect(gateway.requests.length).toBe(before + 1);
    } finally {
      await t.server.db.query('UPDATE customers SET vvip = false WHERE id = $1', [BUDI.id]);
    }
  });

  it('refuses agents, a paragraph that is not an approved billing one, another text than the preview, a paid invoice, bad input', async () => {
    const p = await preview({ channel: 'sms', paragraphId: TAGIHAN });
    const body = { channel: 'sms', paragraphId: TAGIHAN, previewText: p.text, idempotencyKey: randomUUID() };
    expect((await post(`/receivables/${invoiceId}/reminders`, body, agent)).status).toBe(403);
    expect((await post(`/receivables/${invoiceId}/reminders/preview`, { channel: 'sms' }, agent)).status).toBe(403);
    expect((await post(`/receivables/${invoiceId}/reminders/preview`, { channel: 'sms', paragraphId: SALAM })).status).toBe(409);
    expect((await post(`/receivables/${invoiceId}/reminders`, { ...body, paragraphId: SALAM })).status).toBe(409);
    const other = await post(`/receivables/${invoiceId}/reminders`, { ...body, idempotencyKey: randomUUID(), previewText: '<script>alert(1)</script>' });
    expect(other.status).toBe(409);
    expect((await post(`/receivables/${paidId}/reminders`, { ...body, idempotencyKey: randomUUID() })).status).toBe(409);
    expect((await post(`/receivables/${randomUUID()}/reminders`, { ...body, idempotencyKey: randomUUID() })).status).toBe(404);
    expect((await post(`/receivables/${invoiceId}/reminders`, { ...body, channel: 'fax' })).status).toBe(400);
    expect((await post(`/receivables/${invoiceId}/reminders`, { ...body, blanks: { x: 'y'.repeat(501) } })).status).toBe(400);
    await t.server.db.query('UPDATE reply_paragraphs SET status = $2 WHERE id = $1', [TAGIHAN, 'retired']);
    try {
      expect((await post(`/receivables/${invoiceId}/reminders`, { ...body, idempotencyKey: randomUUID() })).status).toBe(409);
    } finally {
      await t.server.db.query('UPDATE reply_paragraphs SET status = $2 WHERE id = $1', [TAGIHAN, 'approved']);
    }
  });

  it('keeps the invoices\' customer rule without the foreign key: no invoice of an unknown customer; a deleted customer takes its invoices', async () => {
    const db = t.server.db;
    await expect(db.query(
      `INSERT INTO receivables (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status)
       VALUES (gen_random_uuid(), 'INV-ORPHAN', $1, 1, 0, '2026-01-01', '2026-01-15', 'open')`, [randomUUID()])).rejects.toThrow(/customer rule/);
    await expect(db.query("UPDATE receivables SET customer_id = $1 WHERE invoice_no = 'INV-REM-2'", [randomUUID()])).rejects.toThrow(/customer rule/);
    const [victim] = await db.query<{ id: string }>('SELECT id FROM customers WHERE id <> $1 ORDER BY customer_no LIMIT 1', [BUDI.id]);
    await db.query(
      `INSERT INTO receivables (id, invoice_no, customer_id, amount_idr, paid_idr, issued_at, due_date, status)
       VALUES (gen_random_uuid(), 'INV-GONE', $1, 1, 0, '2026-01-01', '2026-01-15', 'open')`, [victim?.id ?? '']);
    await db.query('DELETE FROM customers WHERE id = $1', [victim?.id ?? '']);
    expect(await db.query("SELECT id FROM receivables WHERE invoice_no = 'INV-GONE'")).toEqual([]);
  });
});
