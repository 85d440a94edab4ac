// Inbound messages and delivery reports, whatever the channel: a message is matched to its
// customer by number (customer-link.ts), joins the contact's open conversation or opens one,
// is stored once (the provider's id is unique per channel: a redelivered webhook is the same
// message), becomes an interaction in the customer's timeline, and the conversation waits in
// the queue as one `message` task. Follow-ups join that task while it is live; once the agent
// has completed it, the next message opens a new conversation and a new task.
import { v7 as uuidv7 } from 'uuid';
import { MAX_CONVERSATION_TEXT, type ConversationChannel } from '../../../shared/messaging-channels.js';
import { toE164 } from '../../../shared/phone.js';
import { createTask } from '../../contact-center/intake.js';
import { type Db } from '../../db/db.js';
import { withWriteTransaction } from '../../db/write-transaction.js';
import { type InboundText, type StatusUpdate } from './channel.js';
import { type ChannelContext } from './context.js';
import { findOrLinkCustomer } from './customer-link.js';

export interface ReceiveResult { conversationId: string | null; duplicate: boolean; taskId: string | null; refused?: string }

interface OpenRow { id: string; customer_id: string | null; task_id: string | null; task_status: string | null }

/** A WhatsApp "from" is digits with the country code; an SMS sender any written form. */
export function senderNumber(channel: ConversationChannel, from: string): string | null {
  const digits = from.trim();
  return toE164(channel === 'whatsapp' && /^\d+$/.test(digits) ? `+${digits}` : digits);
}

export function clip(text: string): string {
  return text.length > MAX_CONVERSATION_TEXT ? `${text.slice(0, MAX_CONVERSATION_TEXT)} […]` : text;
}

export async function receiveInbound(ctx: ChannelContext, channel: ConversationChannel, m: InboundText): Promise<ReceiveResult> {
  const contact = senderNumber(channel, m.from);
  if (!contact) return { conversationId: null, duplicate: false, taskId: null, refused: 'not a valid phone number' };
  const now = ctx.clock();
  const body = clip(m.text.replace(/\u0000/g, ''));
  const stored = await withWriteTransaction(ctx.db, async (tx) => {
    const [again] = await tx.query<{ conversation_id: string }>(
      'SELECT conversation_id FROM conversation_messages WHERE channel = $1 AND provider_id = $2', [channel, m.providerId]);
    if (again) return { conversationId: again.conversation_id, duplicate: true, customerId: null, needsTask: false };
    const conversation = await openConversation(tx, channel, contact, m.name, now);
    let interactionId: string | null = null;
    if (conversation.customer_id) {
      interactionId = uuidv7();
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, subject, body, disposition)
         VALUES ($1, $2, $3, 'inbound', $4, $5, $6, 'received')`,
        [interactionId, conversation.customer_id, channel, now, body.slice(0, 80), body]);
    }
    await tx.query(
      `INSERT INTO conversation_messages (id, conversation_id, channel, direction, provider_id, body, status, interaction_id, created_at)
       VALUES ($1, $2, $3, 'inbound', $4, $5, 'received', $6, $7)`,
      [uuidv7(), conversation.id, channel, m.providerId, body, interactionId, now]);
    await tx.query('UPDATE conversations SET last_inbound_at = $2, contact_name = COALESCE($3, contact_name) WHERE id = $1',
      [conversation.id, now, m.name]);
    return { conversationId: conversation.id, duplicate: false, customerId: conversation.customer_id, needsTask: conversation.task_id === null };
  });
  if (stored.duplicate || !stored.needsTask) {
    const [row] = await ctx.db.query<{ task_id: string | null; agent_id: string | null; status: string | null }>(
      'SELECT c.task_id, t.agent_id, t.status FROM conversations c LEFT JOIN cc_tasks t ON t.id = c.task_id WHERE c.id = $1', [stored.conversationId]);
    // The agent working this conversation sees the new message at once (live socket; their view's poll is the safety net).
    if (!stored.duplicate && row?.agent_id && row.status === 'assigned' && stored.conversationId) {
      await ctx.router.bus.publish([{ k: 'push', userId: row.agent_id, push: { type: 'conversation_changed', conversationId: stored.conversationId } }]);
    }
    return { conversationId: stored.conversationId, duplicate: stored.duplicate, taskId: row?.task_id ?? null };
  }
  // One task per conversation (kind + source reference): two deliveries at once make one.
  const { taskId } = await createTask(ctx.router, {
    kind: 'message', sourceRef: stored.conversationId, queueCode: ctx.queueCode, customerId: stored.customerId,
    from: contact, subject: `${channel === 'whatsapp' ? 'WhatsApp' : 'SMS'}: ${body.slice(0, 200)}`,
  });
  await ctx.db.query('UPDATE conversations SET task_id = $2 WHERE id = $1 AND task_id IS NULL', [stored.conversationId, taskId]);
  return { conversationId: stored.conversationId, duplicate: false, taskId };
}

/**
 * The contact's open conversation on this channel, or a new one. A conversation whose task
 * has ended (the agent completed it, or it was cancelled) is closed here, lazily, so the
 * contact center needs to know nothing of conversations.
 */
async function openConversation(tx: Db, channel: ConversationChannel, contact: string, name: string | null, now: Date): Promise<OpenRow> {
  const [open] = await tx.query<OpenRow>(
    `SELECT c.id, c.customer_id, c.task_id, t.status AS task_status
     FROM conversations c LEFT JOIN cc_tasks t ON t.id = c.task_id
     WHERE c.channel = $1 AND c.contact = $2 AND c.status = 'open' FOR UPDATE OF c`, [channel, contact]);
  if (open && (open.task_id === null || ['waiting', 'reserved', 'assigned'].includes(open.task_status ?? ''))) return open;
  if (open) await tx.query(`UPDATE conversations SET status = 'closed', closed_at = $2 WHERE id = $1`, [open.id, now]);
  const link = await findOrLinkCustomer(tx, { phone: contact });
  const id = uuidv7();
  await tx.query(
    `INSERT INTO conversations (id, channel, contact, contact_name, customer_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, channel, contact, name, link.customerId, now]);
  return { id, customer_id: link.customerId, task_id: null, task_status: null };
}

/** Delivery order: a status never goes back (a late "delivered" after "read" changes nothing). */
const RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3 };

/** Applies a delivery report to our outbound message; answers whether one changed. */
export async function applyStatus(ctx: ChannelContext, channel: ConversationChannel, s: StatusUpdate): Promise<boolean> {
  const now = ctx.clock();
  return withWriteTransaction(ctx.db, async (tx) => {
    const [row] = await tx.query<{ id: string; status: string; interaction_id: string | null }>(
      `SELECT id, status, interaction_id FROM conversation_messages
       WHERE channel = $1 AND direction = 'outbound' AND ((provider_id = $2 AND $2 <> '') OR id::text = $3) FOR UPDATE`,
      [channel, s.providerId, s.reference ?? '']);
    if (!row) return false;
    const from = RANK[row.status];
    const advances = s.status === 'failed' ? row.status === 'queued' || row.status === 'sent' : from !== undefined && RANK[s.status]! > from;
    if (!advances) return false;
    await tx.query('UPDATE conversation_messages SET status = $2, error = $3, status_at = $4 WHERE id = $1',
      [row.id, s.status, s.status === 'failed' ? (s.error ?? 'failed') : null, now]);
    if (row.interaction_id) await tx.query('UPDATE interactions SET disposition = $2 WHERE id = $1', [row.interaction_id, s.status]);
    return true;
  });
}
