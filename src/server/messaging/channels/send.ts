// An agent's answer on a conversation: free text (from reply paragraphs and their own words)
// or, on WhatsApp, an approved template. Free text outside WhatsApp's 24-hour window is
// refused (CONFLICT, details.reason WHATSAPP_WINDOW_CLOSED) before anything is written. The
// message is stored first ('queued', with its timeline interaction), then sent through the
// channel's adapter and marked sent or failed; the idempotency key makes a repeated request
// answer the first message instead of sending again.
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import {
  MAX_CONVERSATION_TEXT, WINDOW_CLOSED, fillTemplate, type ConversationMessage, type ConversationSend,
} from '../../../shared/messaging-channels.js';
import { can } from '../../../shared/permissions.js';
import { MAX_SMS_SEGMENTS, countSms } from '../../../shared/replies/sms.js';
import { withWriteTransaction } from '../../db/write-transaction.js';
import { assertParagraphsApproved } from '../send.js';
import { adapterFor, type ChannelContext } from './context.js';
import { loadTemplate } from './templates.js';
import { loadConversationRow, toMessage, type ConversationRow, type MessageRow } from './view.js';
import { serviceWindow } from './window.js';

interface Prepared { body: string; template: { name: string; language: string; params: string[] } | null; paragraphIds: string[] }

async function prepare(ctx: ChannelContext, conversation: ConversationRow, req: ConversationSend): Promise<Prepared> {
  if (req.kind === 'template') {
    if (conversation.channel !== 'whatsapp') throw new SapaError('INVALID_INPUT', 'Templates are for WhatsApp; send an SMS as text');
    const template = await loadTemplate(ctx.db, req.templateId);
    if (!template || !template.active) throw new SapaError('NOT_FOUND', 'That WhatsApp template is not (or no longer) approved for use');
    const params = req.params.map((p) => p.trim());
    if (params.length !== template.paramCount || params.some((p) => p === '')) {
      throw new SapaError('INVALID_INPUT', `The template needs ${template.paramCount} filled-in value(s)`, { paramCount: template.paramCount });
    }
    // WhatsApp refuses template values with new lines, tabs or more than four spaces in a row.
    if (params.some((p) => /[\n\t]| {5,}/.test(p))) throw new SapaError('INVALID_INPUT', 'Template values cannot contain line breaks or tabs');
    return { body: fillTemplate(template.body, params), template: { name: template.name, language: template.language, params }, paragraphIds: template.paragraphId ? [template.paragraphId] : [] };
  }
  const body = req.text.trim();
  if (body === '') throw new SapaError('INVALID_INPUT', 'The message is empty');
  if (body.length > MAX_CONVERSATION_TEXT) {
    throw new SapaError('TOO_LARGE', `A message may have at most ${MAX_CONVERSATION_TEXT} characters`, { length: body.length });
  }
  if (conversation.channel === 'sms') {
    const count = countSms(body);
    if (count.segments > MAX_SMS_SEGMENTS) throw new SapaError('TOO_LARGE', `An SMS may use at most ${MAX_SMS_SEGMENTS} segments (this one needs ${count.segments})`, count);
  }
  const window = serviceWindow(conversation.channel, conversation.last_inbound_at ? new Date(conversation.last_inbound_at) : null, ctx.clock());
  if (!window.freeFormAllowed) {
    throw new SapaError('CONFLICT',
      'The customer wrote more than 24 hours ago: WhatsApp allows only an approved template until they write again',
      { reason: WINDOW_CLOSED, windowEndsAt: window.endsAt?.toISOString() ?? null });
  }
  await assertParagraphsApproved(ctx.db, req.paragraphIds);
  return { body, template: null, paragraphIds: [...new Set(req.paragraphIds)] };
}

/** The agent on the conversation's task answers it; leads and admins may step in. */
async function assertMaySend(ctx: ChannelContext, conversation: ConversationRow, user: SessionUser): Promise<void> {
  if (can(user.role, 'messages.retryAny')) return;
  const [task] = conversation.task_id
    ? await ctx.db.query<{ agent_id: string | null; status: string }>('SELECT agent_id, status FROM cc_tasks WHERE id = $1', [conversation.task_id])
    : [];
  if (!task || task.agent_id !== user.id || task.status !== 'assigned') {
    throw new SapaError('FORBIDDEN', 'Only the agent working this conversation (or a lead) may answer it');
  }
}

export async function sendOnConversation(ctx: ChannelContext, user: SessionUser, conversationId: string, req: ConversationSend): Promise<ConversationMessage> {
  const earlier = async () => (await ctx.db.query<MessageRow>(
    'SELECT * FROM conversation_messages WHERE agent_id = $1 AND idempotency_key = $2', [user.id, req.idempotencyKey]))[0];
  const repeat = await earlier();
  if (repeat) return toMessage(repeat);
  const conversation = await loadConversationRow(ctx.db, conversationId);
  await assertMaySend(ctx, conversation, user);
  const prepared = await prepare(ctx, conversation, req);
  const now = ctx.clock();
  const recorded = await withWriteTransaction(ctx.db, async (tx) => {
    const [raced] = await tx.query<MessageRow>(
      'SELECT * FROM conversation_messages WHERE agent_id = $1 AND idempotency_key = $2', [user.id, req.idempotencyKey]);
    if (raced) return { row: raced, repeated: true };
    let interactionId: string | null = null;
    if (conversation.customer_id) {
      interactionId = uuidv7();
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body, disposition)
         VALUES ($1, $2, $3, 'outbound', $4, $5, $6, $7, $8, 'queued')`,
        [interactionId, conversation.customer_id, conversation.channel, now, user.id, user.displayName, prepared.body.slice(0, 80), prepared.body]);
    }
    const [row] = await tx.query<MessageRow>(
      `INSERT INTO conversation_messages (id, conversation_id, channel, direction, body, template_name, status, agent_id, agent_name,
         paragraph_ids, interaction_id, idempotency_key, created_at)
       VALUES ($1, $2, $3, 'outbound', $4, $5, 'queued', $6, $7, $8, $9, $10, $11) RETURNING *`,
      [uuidv7(), conversation.id, conversation.channel, prepared.body, prepared.template?.name ?? null, user.id, user.displayName,
        prepared.paragraphIds, interactionId, req.idempotencyKey, now]);
    if (prepared.paragraphIds.length > 0) {
      await tx.query('UPDATE reply_paragraphs SET usage_count = usage_count + 1 WHERE id = ANY($1::uuid[])', [prepared.paragraphIds]);
    }
    if (!row) throw new SapaError('INTERNAL', 'message insert returned nothing');
    return { row, repeated: false };
  });
  if (recorded.repeated) return toMessage(recorded.row);
  const adapter = await adapterFor(ctx, conversation.channel);
  let outcome: { ok: true; providerId: string } | { ok: false; error: string };
  try {
    const reference = recorded.row.id;
    const sent = prepared.template
      ? await adapter.sendTemplate({ to: conversation.contact, ...prepared.template, text: prepared.body, reference })
      : await adapter.sendText({ to: conversation.contact, text: prepared.body, reference });
    outcome = { ok: true, providerId: sent.providerId };
  } catch (error) {
    outcome = { ok: false, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
  const [done] = await ctx.db.query<MessageRow & { interaction_id: string | null }>(
    `UPDATE conversation_messages SET status = CASE WHEN status = 'queued' THEN $2 ELSE status END, provider_id = $3, error = $4, status_at = $5
     WHERE id = $1 RETURNING *`,
    [recorded.row.id, outcome.ok ? 'sent' : 'failed', outcome.ok ? (outcome.providerId || null) : null, outcome.ok ? null : outcome.error, ctx.clock()]);
  if (!done) throw new SapaError('INTERNAL', 'the message vanished');
  if (done.interaction_id) await ctx.db.query('UPDATE interactions SET disposition = $2, ended_at = $3 WHERE id = $1', [done.interaction_id, done.status, ctx.clock()]);
  return toMessage(done);
}
