// Sending a composed message: the server renders the template again with its own records
// and refuses anything but exactly the text the agent previewed; then records the message
// (and its timeline interaction) and attempts delivery. Exactly once: the request's
// idempotency key is stored with the message (idempotency.ts), and a retry claims the
// message before delivering so two retries cannot both send it.
import { SapaError } from '../../shared/errors.js';
import { can } from '../../shared/permissions.js';
import { type SessionUser } from '../../shared/http.js';
import { toE164 } from '../../shared/phone.js';
import { type InboundMessage, type OutboundMessage, type SendRequest } from '../../shared/replies/messages.js';
import { MAX_MESSAGE_BODY } from '../../shared/replies/schemas.js';
import { MAX_SMS_SEGMENTS, countSms } from '../../shared/replies/sms.js';
import { renderTemplate } from '../../shared/replies/template.js';
import { buildVariables } from '../../shared/replies/variables.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { type MessagingConfig } from './config.js';
import { assertMayAnswer } from './take-inbound.js';
import { earlierResult, rememberRequest, requestHash, type RequestKey } from './idempotency.js';
import { insertOutbound, recordAttempt, toOutbound, type OutboundRow } from './outbound-store.js';
import { type Transports } from './transports.js';

export interface MessagingContext {
  db: Db; transports: Transports;
  /** As started (environment or the test's): timeouts, ingress, mail authentication. */
  config: MessagingConfig;
  /** The config with the admin's server settings applied: read when a message goes out or comes in. */
  live(): Promise<MessagingConfig>;
  /**
   * Hears every stored inbound mail with its envelope recipients (the contact center's
   * e-mail source queues a task for a queue's address). Set after the router starts; a
   * failure here is logged by the caller and never loses the mail (it is stored already).
   */
  onInbound?: (message: InboundMessage, recipients: readonly string[]) => Promise<void>;
}

interface CustomerFacts {
  id: string; full_name: string; salutation: 'Bapak' | 'Ibu' | null; tier: 'platinum' | 'gold' | 'silver' | 'regular';
  customer_no: string; language: 'id' | 'en'; emails: string[]; phones: { e164: string }[];
}

export async function loadCustomerFacts(db: Db, id: string): Promise<CustomerFacts> {
  const [c] = await db.query<CustomerFacts>(
    'SELECT id, full_name, salutation, tier, customer_no, language, emails, phones FROM customers WHERE id = $1', [id]);
  if (!c) throw new SapaError('NOT_FOUND', `Customer ${id} was not found`);
  return c;
}

const DEFAULT_SUBJECT = { id: 'Balasan dari Layanan Pelanggan', en: 'Reply from Customer Care' } as const;

export async function sendMessage(ctx: MessagingContext, user: SessionUser, req: SendRequest): Promise<OutboundMessage> {
  if (req.template.length > MAX_MESSAGE_BODY) {
    throw new SapaError('TOO_LARGE', `A message may have at most ${MAX_MESSAGE_BODY} characters`, { length: req.template.length });
  }
  const { db } = ctx;
  const { idempotencyKey, ...content } = req;
  const request: RequestKey = { key: idempotencyKey, kind: 'send', userId: user.id, hash: requestHash(content) };
  // A repeat answers the first result before anything else: rendering again could differ
  // (the date moved on) and must not turn a delivered message into an error.
  const earlier = await earlierResult(db, request);
  if (earlier) return toOutbound(earlier);
  const { customer, text, to, threadId, subject } = await checkMessage(db, user, req);
  const recorded = await withWriteTransaction(db, async (tx) => {
    // Write transactions are serialised (one lock), so a repeat that raced past the check
    // above while this one was validating finds the key here.
    const raced = await earlierResult(tx, request);
    if (raced) return { row: raced, repeated: true };
    const row = await insertOutbound(tx, {
      customerId: customer.id, channel: req.channel, to, subject, body: text, paragraphIds: [...new Set(req.paragraphIds)],
      threadId, agent: { id: user.id, displayName: user.displayName }, autoAck: false,
      timelineSubject: subject ?? text.slice(0, 80),
    });
    await rememberRequest(tx, request, row.id);
    return { row, repeated: false };
  });
  if (recorded.repeated) return toOutbound(recorded.row);
  return toOutbound(await deliver(ctx, recorded.row));
}

/** What messages.send checks, without the idempotency key (case replies check the same: cases/notes-replies.ts). */
export type MessageDraft = Omit<SendRequest, 'idempotencyKey'>;

export interface CheckedMessage {
  customer: CustomerFacts; text: string; to: string; threadId: string | null; subject: string | null;
}

/**
 * Renders the draft again with the server's records and refuses anything but exactly the
 * previewed text, a paragraph no longer approved, a recipient not the customer's, an SMS too
 * long. `db` may be a transaction (a case reply is checked inside its sync push).
 */
export async function checkMessage(db: Db, user: SessionUser, req: MessageDraft): Promise<CheckedMessage> {
  const customer = await loadCustomerFacts(db, req.customerId);
  const [kase] = req.caseId
    ? await db.query<{ case_no: string; subject: string }>('SELECT case_no, subject FROM cases WHERE id = $1 AND customer_id = $2', [req.caseId, customer.id])
    : [];
  if (req.caseId && !kase) throw new SapaError('NOT_FOUND', 'The case does not belong to this customer');
  const [order] = req.orderId
    ? await db.query<{ order_no: string; status: string }>('SELECT order_no, status FROM orders WHERE id = $1 AND customer_id = $2', [req.orderId, customer.id])
    : [];
  if (req.orderId && !order) throw new SapaError('NOT_FOUND', 'The order does not belong to this customer');

  const values = buildVariables({
    customer: { fullName: customer.full_name, salutation: customer.salutation, tier: customer.tier, customerNo: customer.customer_no, language: customer.language },
    agent: { displayName: user.displayName },
    case: kase ? { caseNo: kase.case_no, subject: kase.subject } : null,
    order: order ? { orderNo: order.order_no, status: order.status } : null,
    now: new Date(),
  });
  const rendered = renderTemplate(req.template, values, req.blanks);
  if (rendered.problems.length > 0) {
    throw new SapaError('INVALID_INPUT', 'The message has template errors', { problems: rendered.problems });
  }
  if (rendered.unresolved.length > 0) {
    throw new SapaError('INVALID_INPUT', `Variables without a value: ${rendered.unresolved.join(', ')}`, { unresolved: rendered.unresolved });
  }
  if (rendered.missingBlanks.length > 0) {
    throw new SapaError('INVALID_INPUT', `Fill in: ${rendered.missingBlanks.join(', ')}`, { missingBlanks: rendered.missingBlanks });
  }
  await assertParagraphsApproved(db, req.paragraphIds);
  if (rendered.text !== req.previewText) {
    throw new SapaError('CONFLICT', 'The customer or case changed since the preview; check the preview and send again', {
      text: rendered.text,
    });
  }
  const text = rendered.text.trim();
  if (text === '') throw new SapaError('INVALID_INPUT', 'The message is empty');

  let to = req.to.trim();
  if (req.channel === 'email') {
    to = to.toLowerCase();
    if (!customer.emails.map((e) => e.toLowerCase()).includes(to)) {
      throw new SapaError('INVALID_INPUT', 'That address is not one of the customer\'s e-mail addresses', { to });
    }
  } else if (req.channel === 'sms') {
    const e164 = toE164(to);
    if (!e164 || !customer.phones.some((p) => p.e164 === e164)) {
      throw new SapaError('INVALID_INPUT', 'That number is not one of the customer\'s phone numbers', { to });
    }
    to = e164;
    const count = countSms(text);
    if (count.segments > MAX_SMS_SEGMENTS) {
      throw new SapaError('TOO_LARGE', `An SMS may use at most ${MAX_SMS_SEGMENTS} segments (this one needs ${count.segments})`, count);
    }
  }

  let threadId: string | null = null;
  if (req.inboundId) {
    const [inbound] = await db.query<{ thread_id: string | null; owner_id: string | null }>(
      'SELECT thread_id, owner_id FROM inbound_messages WHERE id = $1 AND customer_id = $2', [req.inboundId, customer.id]);
    if (!inbound) throw new SapaError('NOT_FOUND', 'The e-mail being answered was not found for this customer');
    assertMayAnswer(inbound.owner_id, user.id);
    threadId = inbound.thread_id;
  }
  const subject = req.channel === 'email' ? (req.subject?.trim() || DEFAULT_SUBJECT[customer.language]) : null;
  return { customer, text, to, threadId, subject };
}

/** Refuses paragraphs that are unknown or no longer approved (CONFLICT, `details.retired`); also the WhatsApp/SMS conversations' sends. */
export async function assertParagraphsApproved(db: Db, paragraphIds: readonly string[]): Promise<void> {
  if (paragraphIds.length === 0) return;
  const unusable = await db.query<{ id: string; title: string }>(
    `SELECT id, title FROM reply_paragraphs WHERE id = ANY($1::uuid[]) AND status <> 'approved'`, [paragraphIds]);
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM reply_paragraphs WHERE id = ANY($1::uuid[])', [paragraphIds]);
  if (unusable.length > 0 || n !== new Set(paragraphIds).size) {
    throw new SapaError('CONFLICT', `No longer approved: ${unusable.map((p) => p.title).join(', ') || 'unknown paragraph'}`, {
      retired: unusable.map((p) => p.id),
    });
  }
}

/** One delivery attempt; the outcome is stored either way. */
export async function deliver(ctx: MessagingContext, row: OutboundRow): Promise<OutboundRow> {
  try {
    let providerId = '';
    if (row.channel === 'email') {
      const domain = /@([^>\s]+)/.exec((await ctx.live()).mailFrom)?.[1] ?? 'sapa.example';
      const [parent] = row.thread_id
        ? await ctx.db.query<{ message_id: string | null }>(
          'SELECT message_id FROM inbound_messages WHERE thread_id = $1 ORDER BY received_at DESC LIMIT 1', [row.thread_id])
        : [];
      ({ providerId } = await ctx.transports.email({
        to: row.to_address, subject: row.subject ?? '', text: row.body, messageId: `<${row.id}@${domain}>`,
        inReplyTo: parent?.message_id ?? null,
      }));
    } else if (row.channel === 'sms') {
      ({ providerId } = await ctx.transports.sms({ to: row.to_address, text: row.body, reference: row.id }));
    }
    // Chat: the message is delivered by showing it in the chat session; recording it is the send.
    return await recordAttempt(ctx.db, row.id, { ok: true, providerId });
  } catch (error) {
    return recordAttempt(ctx.db, row.id, { ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * How long a 'queued' message counts as being sent now. An attempt ends within a few send
 * timeouts; a message still 'queued' long after (the server stopped mid-send) may be retried.
 */
export function staleAttemptMs(config: MessagingConfig): number {
  return Math.max(5 * 60_000, 4 * config.sendTimeoutMs);
}

export async function retryMessage(ctx: MessagingContext, user: SessionUser, id: string, idempotencyKey: string): Promise<OutboundMessage> {
  const { db } = ctx;
  const request: RequestKey = { key: idempotencyKey, kind: 'retry', userId: user.id, hash: requestHash({ id }) };
  const earlier = await earlierResult(db, request);
  if (earlier) return toOutbound(earlier);
  const claimed = await withWriteTransaction(db, async (tx) => {
    const raced = await earlierResult(tx, request);
    if (raced) return { row: raced, repeated: true };
    const [row] = await tx.query<OutboundRow & { busy: boolean }>(
      `SELECT *, (status = 'queued' AND attempt_started_at IS NOT NULL
                  AND attempt_started_at > now() - $2 * interval '1 millisecond') AS busy
       FROM outbound_messages WHERE id = $1 FOR UPDATE`, [id, staleAttemptMs(ctx.config)]);
    if (!row) throw new SapaError('NOT_FOUND', `Message ${id} was not found`);
    if (row.agent_id !== user.id && !can(user.role, 'messages.retryAny')) {
      throw new SapaError('FORBIDDEN', 'Only the agent who wrote this message, leads and admins may send it again');
    }
    if (row.status === 'sent') throw new SapaError('CONFLICT', 'This message was already sent', { status: row.status });
    if (row.busy) {
      throw new SapaError('CONFLICT', 'This message is being sent right now; wait for the outcome before retrying', { status: row.status });
    }
    // Claim it: from here on it is 'queued' (being sent) and a second retry is refused above.
    const [mine] = await tx.query<OutboundRow>(
      `UPDATE outbound_messages SET status = 'queued', attempt_started_at = now(), pending_delivery = false WHERE id = $1 RETURNING *`, [id]);
    if (!mine) throw new SapaError('NOT_FOUND', `Message ${id} was not found`);
    await rememberRequest(tx, request, id);
    return { row: mine, repeated: false };
  });
  if (claimed.repeated) return toOutbound(claimed.row);
  return toOutbound(await deliver(ctx, claimed.row));
}
