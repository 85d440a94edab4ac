// Inbound e-mail: matched to the customer by sender address (unmatched mail waits to be
// assigned), recorded as an inbound interaction, given an SLA deadline in working time,
// threaded by Message-ID / In-Reply-To / References, stored with its SPF/DKIM/DMARC verdict,
// and acknowledged at most once per thread and a few times per sender a day.
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import { type InboundMessage } from '../../shared/replies/messages.js';
import { DEFAULT_SLA, SlaSettings, addWorkingMinutes } from '../../shared/replies/sla.js';
import { renderTemplate } from '../../shared/replies/template.js';
import { buildVariables } from '../../shared/replies/variables.js';
import { type Db } from '../db/db.js';
import { AUTO_ACK_SHORTCUT } from '../replies/seed-paragraphs.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { type AuthVerdict, type MailAuthResult } from './mail-auth.js';
import { recordOutbound } from './outbound-store.js';
import { deliver, loadCustomerFacts, type MessagingContext } from './send.js';

export interface IncomingMail {
  from: string; subject: string | null; text: string; messageId: string | null;
  /** In-Reply-To first, then References, newest last. */
  parents: string[]; receivedAt: Date;
  /** The ingress's SPF/DKIM/DMARC verdict (mail-auth.ts). */
  auth: MailAuthResult;
}

export interface InboundRow {
  id: string; customer_id: string | null; from_address: string; subject: string | null; body: string;
  received_at: Date | string; due_at: Date | string; answered_at: Date | string | null;
  auth_verdict: AuthVerdict; auth_summary: string | null; owner_id: string | null; interaction_id?: string | null;
}

export function toInbound(r: InboundRow): InboundMessage {
  return {
    id: r.id, customerId: r.customer_id, from: r.from_address, subject: r.subject, body: r.body,
    receivedAt: new Date(r.received_at).toISOString(), dueAt: new Date(r.due_at).toISOString(),
    answeredAt: r.answered_at === null ? null : new Date(r.answered_at).toISOString(),
    authVerdict: r.auth_verdict, authSummary: r.auth_summary, ownerId: r.owner_id ?? null, interactionId: r.interaction_id ?? null,
  };
}

export async function loadSla(db: Db): Promise<SlaSettings> {
  const [row] = await db.query<{ settings: unknown }>('SELECT settings FROM sla_settings WHERE id = 1');
  const parsed = SlaSettings.safeParse(row?.settings);
  return parsed.success ? parsed.data : DEFAULT_SLA;
}

export async function saveSla(db: Db, settings: SlaSettings): Promise<void> {
  await db.query(
    `INSERT INTO sla_settings (id, settings) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET settings = EXCLUDED.settings`,
    [JSON.stringify(settings)]);
}

const MAX_INBOUND_BODY = 100_000;

export async function receiveMail(ctx: MessagingContext, mail: IncomingMail): Promise<InboundMessage> {
  const { db } = ctx;
  const from = mail.from.trim().toLowerCase();
  const sla = await loadSla(db);
  const dueAt = addWorkingMinutes(mail.receivedAt, sla.targetMinutes, sla);
  const body = mail.text.length > MAX_INBOUND_BODY ? `${mail.text.slice(0, MAX_INBOUND_BODY)}\n[…]` : mail.text;
  const { row, newThread, threadId } = await withWriteTransaction(db, async (tx) => {
    // A redelivery (the sender's server timed out after our 250 and sent again): the same
    // Message-ID from the same sender is the mail already stored, not a second one — no
    // second timeline entry, acknowledgement or task. Write transactions are serialised,
    // so two deliveries at once cannot both miss it.
    if (mail.messageId) {
      const [again] = await tx.query<InboundRow & { thread_id: string }>(
        'SELECT * FROM inbound_messages WHERE message_id = $1 AND from_address = $2 LIMIT 1', [mail.messageId, from]);
      if (again) return { row: again, newThread: false, threadId: again.thread_id };
    }
    const [customer] = await tx.query<{ id: string }>(
      'SELECT id FROM customers WHERE emails @> jsonb_build_array($1::text) ORDER BY customer_no LIMIT 1', [from]);
    const customerId = customer?.id ?? null;
    let threadId: string | null = null;
    if (mail.parents.length > 0) {
      const [t] = await tx.query<{ thread_id: string }>(
        'SELECT thread_id FROM mail_thread_ids WHERE message_id = ANY($1::text[]) LIMIT 1', [mail.parents]);
      threadId = t?.thread_id ?? null;
    }
    const created = threadId === null;
    if (threadId === null) {
      threadId = uuidv7();
      await tx.query('INSERT INTO mail_threads (id, customer_id, subject) VALUES ($1, $2, $3)', [threadId, customerId, mail.subject]);
    }
    if (mail.messageId) {
      await tx.query('INSERT INTO mail_thread_ids (message_id, thread_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [mail.messageId, threadId]);
    }
    let interactionId: string | null = null;
    if (customerId) {
      interactionId = uuidv7();
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, subject, body, disposition)
         VALUES ($1, $2, 'email', 'inbound', $3, $4, $5, 'awaiting_reply')`,
        [interactionId, customerId, mail.receivedAt, mail.subject, body]);
    }
    const [inserted] = await tx.query<InboundRow>(
      `INSERT INTO inbound_messages (id, customer_id, from_address, subject, body, message_id, thread_id, interaction_id, received_at, due_at,
         auth_verdict, auth_summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
      [uuidv7(), customerId, from, mail.subject, body, mail.messageId, threadId, interactionId, mail.receivedAt, dueAt,
        mail.auth.verdict, mail.auth.summary]);
    if (!inserted) throw new SapaError('INTERNAL', 'inbound insert returned nothing');
    return { row: inserted, newThread: created, threadId };
  });
  // No acknowledgement to a sender whose own domain says it did not send this: the "customer"
  // is most likely forged, and an ack would be backscatter to a stranger.
  if ((await ctx.live()).autoAck && row.customer_id && newThread && mail.auth.verdict !== 'fail') {
    await sendAutoAck(ctx, row.customer_id, from, threadId, localDay(mail.receivedAt, sla));
  }
  return toInbound(row);
}

/** The call center's calendar day (YYYY-MM-DD) at `at`, in the SLA clock's UTC offset. */
function localDay(at: Date, sla: SlaSettings): string {
  return new Date(at.getTime() + sla.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * Counts one auto-acknowledgement to `address` on `day` unless the cap is reached. One
 * conditional upsert: two mails arriving together cannot both take the last one.
 */
async function claimAckAllowance(db: Db, address: string, day: string, cap: number): Promise<boolean> {
  if (cap <= 0) return false;
  const [row] = await db.query<{ sent: number }>(
    `INSERT INTO auto_ack_counts (address, day, sent) VALUES ($1, $2::date, 1)
     ON CONFLICT (address, day) DO UPDATE SET sent = auto_ack_counts.sent + 1 WHERE auto_ack_counts.sent < $3
     RETURNING sent`, [address, day, cap]);
  return row !== undefined;
}

/**
 * The auto-acknowledgement: at most once per thread, and at most `autoAckPerSenderPerDay`
 * to one address a day (a sender opening a new thread with every mail, or a mail loop with
 * another auto-responder, gets a few, not hundreds; their mails are still all stored). The
 * conditional UPDATE claims the thread first, so two server instances (or a redelivered
 * mail) cannot both send one.
 */
async function sendAutoAck(ctx: MessagingContext, customerId: string, to: string, threadId: string, day: string): Promise<void> {
  const [thread] = await ctx.db.query<{ id: string }>(
    `UPDATE mail_threads SET auto_ack_sent_at = now()
     WHERE id = $1 AND auto_ack_sent_at IS NULL RETURNING id`, [threadId]);
  if (!thread) return;
  if (!(await claimAckAllowance(ctx.db, to, day, (await ctx.live()).autoAckPerSenderPerDay))) return;
  const customer = await loadCustomerFacts(ctx.db, customerId);
  const [paragraph] = await ctx.db.query<{ id: string; body: string }>(
    `SELECT id, body FROM reply_paragraphs WHERE shortcut = $1 AND language = $2 AND status = 'approved' LIMIT 1`,
    [AUTO_ACK_SHORTCUT, customer.language]);
  if (!paragraph) return;
  const rendered = renderTemplate(paragraph.body, buildVariables({
    customer: { fullName: customer.full_name, salutation: customer.salutation, tier: customer.tier, customerNo: customer.customer_no, language: customer.language },
    agent: null, case: null, order: null, now: new Date(),
  }));
  if (!rendered.ready) return;
  const subject = customer.language === 'id' ? 'E-mail Anda telah kami terima' : 'We received your e-mail';
  const row = await recordOutbound(ctx.db, {
    customerId, channel: 'email', to, subject, body: rendered.text, paragraphIds: [paragraph.id], threadId: thread.id,
    agent: null, autoAck: true, timelineSubject: subject,
  });
  await deliver(ctx, row);
}

export async function assignInbound(db: Db, id: string, customerId: string): Promise<InboundMessage> {
  return withWriteTransaction(db, async (tx) => {
    const [current] = await tx.query<InboundRow & { interaction_id: string | null }>('SELECT * FROM inbound_messages WHERE id = $1 FOR UPDATE', [id]);
    if (!current) throw new SapaError('NOT_FOUND', `Inbound message ${id} was not found`);
    if (current.customer_id) throw new SapaError('CONFLICT', 'This e-mail already belongs to a customer');
    const interactionId = uuidv7();
    await tx.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, subject, body, disposition)
       VALUES ($1, $2, 'email', 'inbound', $3, $4, $5, 'awaiting_reply')`,
      [interactionId, customerId, current.received_at, current.subject, current.body]);
    const [row] = await tx.query<InboundRow>(
      'UPDATE inbound_messages SET customer_id = $2, interaction_id = $3 WHERE id = $1 RETURNING *', [id, customerId, interactionId]);
    if (!row) throw new SapaError('NOT_FOUND', `Inbound message ${id} was not found`);
    return toInbound(row);
  });
}
