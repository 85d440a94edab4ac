// outbound_messages rows: record (with its timeline interaction), mark delivered or failed.
// Each step is its own write transaction: the row exists before delivery is attempted, so
// a failed or interrupted send is never lost — it stays 'queued'/'failed' and retryable.
import { v7 as uuidv7 } from 'uuid';
import { type OutboundMessage } from '../../shared/replies/messages.js';
import { type SendChannel } from '../../shared/replies/schemas.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';

export interface OutboundRow {
  id: string; customer_id: string; channel: SendChannel; to_address: string; subject: string | null; body: string;
  paragraph_ids: string[]; status: OutboundMessage['status']; error: string | null; attempts: number;
  provider_id: string | null; thread_id: string | null; interaction_id: string; agent_id: string | null;
  auto_ack: boolean; created_at: Date | string; sent_at: Date | string | null;
  /** When the current delivery attempt began (a recent one on a 'queued' row: being sent now). */
  attempt_started_at: Date | string | null;
}

export function toOutbound(r: OutboundRow): OutboundMessage {
  return {
    id: r.id, customerId: r.customer_id, channel: r.channel, to: r.to_address, subject: r.subject, body: r.body,
    paragraphIds: r.paragraph_ids, status: r.status, error: r.error, attempts: r.attempts,
    interactionId: r.interaction_id, autoAck: r.auto_ack, createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
  };
}

export interface NewOutbound {
  customerId: string; channel: SendChannel; to: string; subject: string | null; body: string;
  paragraphIds: string[]; threadId: string | null; agent: { id: string; displayName: string } | null;
  autoAck: boolean; timelineSubject: string;
  /** A case reply or notification (cases/case-messages.ts): ids chosen by the caller, the case it is about, and delivery left to the dispatcher after the caller's transaction commits. */
  id?: string; interactionId?: string; caseId?: string | null; pendingDelivery?: boolean;
}

export async function recordOutbound(db: Db, m: NewOutbound): Promise<OutboundRow> {
  return withWriteTransaction(db, (tx) => insertOutbound(tx, m));
}

/** recordOutbound inside a write transaction the caller holds (send.ts stores its idempotency key with it). */
export async function insertOutbound(tx: Db, m: NewOutbound): Promise<OutboundRow> {
  const id = m.id ?? uuidv7();
  const interactionId = m.interactionId ?? uuidv7();
  await tx.query(
    `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body, disposition)
     VALUES ($1, $2, $3, 'outbound', now(), $4, $5, $6, $7, 'queued')`,
    [interactionId, m.customerId, m.channel, m.agent?.id ?? null, m.agent?.displayName ?? null, m.timelineSubject, m.body]);
  const [row] = await tx.query<OutboundRow>(
    `INSERT INTO outbound_messages (id, customer_id, channel, to_address, subject, body, paragraph_ids, status, thread_id,
       interaction_id, agent_id, auto_ack, attempt_started_at, case_id, pending_delivery)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', $8, $9, $10, $11, CASE WHEN $13 THEN NULL ELSE now() END, $12, $13) RETURNING *`,
    [id, m.customerId, m.channel, m.to, m.subject, m.body, m.paragraphIds, m.threadId, interactionId, m.agent?.id ?? null, m.autoAck,
      m.caseId ?? null, m.pendingDelivery ?? false]);
  if (m.paragraphIds.length > 0) {
    await tx.query('UPDATE reply_paragraphs SET usage_count = usage_count + 1 WHERE id = ANY($1::uuid[])', [m.paragraphIds]);
  }
  if (!row) throw new Error('outbound insert returned nothing');
  return row;
}

/** Stores the outcome of one delivery attempt on the message and its timeline interaction. */
export async function recordAttempt(
  db: Db, id: string, outcome: { ok: true; providerId: string } | { ok: false; error: string },
): Promise<OutboundRow> {
  return withWriteTransaction(db, async (tx) => {
    const [row] = await tx.query<OutboundRow>(
      `UPDATE outbound_messages SET attempts = attempts + 1, status = $2, error = $3, provider_id = COALESCE($4, provider_id),
         sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END
       WHERE id = $1 RETURNING *`,
      [id, outcome.ok ? 'sent' : 'failed', outcome.ok ? null : outcome.error.slice(0, 500), outcome.ok ? outcome.providerId : null]);
    if (!row) throw new Error(`outbound message ${id} vanished`);
    await tx.query('UPDATE interactions SET disposition = $2, ended_at = now() WHERE id = $1',
      [row.interaction_id, outcome.ok ? 'sent' : 'failed']);
    if (outcome.ok && row.channel === 'email' && !row.auto_ack) {
      // Answering stops the SLA clock of the customer's open inbound mail (the auto-ack does not).
      await tx.query(
        `UPDATE inbound_messages SET answered_at = now()
         WHERE answered_at IS NULL AND (customer_id = $1 OR ($2::uuid IS NOT NULL AND thread_id = $2))`,
        [row.customer_id, row.thread_id]);
    }
    return row;
  });
}
