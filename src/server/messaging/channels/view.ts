// A conversation as the agent's screen shows it: its messages with their delivery status,
// whether free text may go out now (the WhatsApp window) and the templates for when not.
import { SapaError } from '../../../shared/errors.js';
import { type Conversation, type ConversationMessage } from '../../../shared/messaging-channels.js';
import { type Db } from '../../db/db.js';
import { type ChannelContext } from './context.js';
import { listTemplates } from './templates.js';
import { serviceWindow } from './window.js';

export interface ConversationRow {
  id: string; channel: 'sms' | 'whatsapp'; contact: string; contact_name: string | null; customer_id: string | null;
  status: 'open' | 'closed'; last_inbound_at: Date | string | null; task_id: string | null;
}
export interface MessageRow {
  id: string; direction: 'inbound' | 'outbound'; channel: 'sms' | 'whatsapp'; body: string; template_name: string | null;
  status: ConversationMessage['status']; error: string | null; agent_name: string | null; created_at: Date | string; status_at: Date | string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function toMessage(r: MessageRow): ConversationMessage {
  return {
    id: r.id, direction: r.direction, channel: r.channel, body: r.body, templateName: r.template_name, status: r.status,
    error: r.error, agentName: r.agent_name, createdAt: new Date(r.created_at).toISOString(), statusAt: iso(r.status_at),
  };
}

export async function loadConversationRow(db: Db, id: string): Promise<ConversationRow> {
  const [row] = await db.query<ConversationRow>('SELECT * FROM conversations WHERE id = $1', [id]);
  if (!row) throw new SapaError('NOT_FOUND', `Conversation ${id} was not found`);
  return row;
}

export async function conversationView(ctx: ChannelContext, id: string): Promise<Conversation> {
  const row = await loadConversationRow(ctx.db, id);
  const messages = await ctx.db.query<MessageRow>(
    'SELECT * FROM conversation_messages WHERE conversation_id = $1 ORDER BY created_at, id LIMIT 500', [id]);
  const window = serviceWindow(row.channel, row.last_inbound_at ? new Date(row.last_inbound_at) : null, ctx.clock());
  return {
    id: row.id, channel: row.channel, contact: row.contact, contactName: row.contact_name, customerId: row.customer_id,
    status: row.status, lastInboundAt: iso(row.last_inbound_at), windowEndsAt: iso(window.endsAt), freeFormAllowed: window.freeFormAllowed,
    taskId: row.task_id, messages: messages.map(toMessage),
    templates: row.channel === 'whatsapp' ? await listTemplates(ctx.db, true) : [],
  };
}
