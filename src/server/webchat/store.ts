// Web chat rows (migration 039): conversations, their numbered messages, files. The seq of a
// message is taken under the conversation's row lock, so both sides see one order.
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import { type AgentConversation, type ChatMessage, type CustomerConversation } from '../../shared/webchat.js';
import { type Db } from '../db/db.js';

export interface ConversationRow {
  id: string; customer_id: string | null; visitor_name: string; phone_e164: string | null; email: string | null;
  language: 'id' | 'en'; origin: string; verified: boolean; queue_code: string; status: 'waiting' | 'active' | 'ended';
  agent_id: string | null; customer_read_seq: number; agent_read_seq: number; transfers: number; created_at: Date;
  otp_hash: string | null; otp_expires_at: Date | null; otp_tries: number; interaction_id: string | null;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function conversationByToken(db: Db, token: string): Promise<ConversationRow> {
  const [row] = await db.query<ConversationRow>('SELECT * FROM webchat_conversations WHERE token_hash = $1', [hashToken(token)]);
  if (!row) throw new SapaError('UNAUTHENTICATED', 'No conversation with this token');
  return row;
}

export async function conversationById(db: Db, id: string): Promise<ConversationRow | null> {
  const [row] = await db.query<ConversationRow>('SELECT * FROM webchat_conversations WHERE id = $1', [id]);
  return row ?? null;
}

export interface NewConversation {
  name: string; phoneE164: string | null; email: string | null; language: 'id' | 'en'; origin: string;
  customerId: string | null; queueCode: string;
}

export async function insertConversation(db: Db, c: NewConversation, now: Date): Promise<{ id: string; token: string }> {
  const id = uuidv7();
  const token = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO webchat_conversations (id, token_hash, customer_id, visitor_name, phone_e164, email, language, origin, queue_code, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'waiting', $10)`,
    [id, hashToken(token), c.customerId, c.name, c.phoneE164, c.email, c.language, c.origin, c.queueCode, now]);
  return { id, token };
}

interface MessageRow { seq: number; author: ChatMessage['author']; agent_name: string | null; body: string; at: Date; file_id: string | null; file_name: string | null; mime: string | null }

const MESSAGE_SELECT = `SELECT m.seq, m.author, u.display_name AS agent_name, m.body, m.at, f.id AS file_id, f.name AS file_name, f.mime
  FROM webchat_messages m LEFT JOIN users u ON u.id = m.agent_id
  LEFT JOIN webchat_files f ON f.conversation_id = m.conversation_id AND f.message_seq = m.seq`;

const toMessage = (r: MessageRow): ChatMessage => ({
  seq: r.seq, author: r.author, agentName: r.author === 'agent' ? r.agent_name : null, body: r.body, at: new Date(r.at).toISOString(),
  file: r.file_id ? { id: r.file_id, name: r.file_name ?? '', mime: r.mime ?? '' } : null,
});

export async function messagesOf(db: Db, conversationId: string, afterSeq = 0): Promise<ChatMessage[]> {
  const rows = await db.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT 1000`, [conversationId, afterSeq]);
  return rows.map(toMessage);
}

export interface NewMessage {
  author: ChatMessage['author']; agentId?: string | null; body: string; paragraphId?: string | null;
  file?: { mime: string; name: string; bytes: Buffer } | undefined;
}

/** Appends a message (refused on an ended chat); answers it as both sides will read it. */
export async function appendMessage(db: Db, conversationId: string, m: NewMessage, now: Date): Promise<ChatMessage> {
  // One transaction, no read-back: the message is answered from what was written (the hot path of a chat).
  const { seq, agentName } = await db.transaction(async (tx) => {
    const [c] = await tx.query<{ status: string; agent_name: string | null }>(
      `SELECT c.status, (SELECT display_name FROM users WHERE id = $2) AS agent_name FROM webchat_conversations c WHERE c.id = $1 FOR UPDATE OF c`,
      [conversationId, m.agentId ?? null]);
    if (!c) throw new SapaError('NOT_FOUND', 'No such conversation');
    if (c.status === 'ended' && m.author !== 'system') throw new SapaError('CONFLICT', 'This chat has ended');
    const [next] = await tx.query<{ n: number }>(
      `INSERT INTO webchat_messages (conversation_id, seq, id, author, agent_id, body, paragraph_id, at)
       SELECT $1, COALESCE(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7 FROM webchat_messages WHERE conversation_id = $1
       RETURNING seq AS n`,
      [conversationId, uuidv7(), m.author, m.agentId ?? null, m.body, m.paragraphId ?? null, now]);
    const n = next?.n ?? 1;
    if (m.file) {
      await tx.query('INSERT INTO webchat_files (id, conversation_id, message_seq, mime, name, bytes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [fileIdFor(m.file), conversationId, n, m.file.mime, m.file.name, m.file.bytes as unknown as string, now]);
    }
    return { seq: n, agentName: c.agent_name };
  });
  return {
    seq, author: m.author, agentName: m.author === 'agent' ? agentName : null, body: m.body, at: now.toISOString(),
    file: m.file ? { id: fileIdFor(m.file), name: m.file.name, mime: m.file.mime } : null,
  };
}

const fileIds = new WeakMap<object, string>();
/** The id of a file being written (taken once, so the answer names the row written). */
function fileIdFor(file: object): string {
  let id = fileIds.get(file);
  if (!id) { id = uuidv7(); fileIds.set(file, id); }
  return id;
}

async function agentName(db: Db, agentId: string | null): Promise<string | null> {
  if (!agentId) return null;
  const [u] = await db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [agentId]);
  return u?.display_name ?? null;
}

export async function customerView(db: Db, c: ConversationRow): Promise<CustomerConversation> {
  return {
    id: c.id, status: c.status, name: c.visitor_name, language: c.language, verified: c.verified,
    agentName: await agentName(db, c.agent_id), agentReadSeq: c.agent_read_seq, messages: await messagesOf(db, c.id),
  };
}

export async function agentView(db: Db, c: ConversationRow, customerTyping: boolean): Promise<AgentConversation> {
  return {
    id: c.id, name: c.visitor_name, phone: c.phone_e164, email: c.email, customerId: c.customer_id, verified: c.verified,
    language: c.language, status: c.status, origin: c.origin, messages: await messagesOf(db, c.id),
    customerReadSeq: c.customer_read_seq, customerTyping,
  };
}

export async function fileOf(db: Db, conversationId: string, fileId: string): Promise<{ mime: string; name: string; bytes: Buffer }> {
  const [f] = await db.query<{ mime: string; name: string; bytes: Buffer }>(
    'SELECT mime, name, bytes FROM webchat_files WHERE id = $1 AND conversation_id = $2', [fileId, conversationId]);
  if (!f) throw new SapaError('NOT_FOUND', 'No such file in this chat');
  return { mime: f.mime, name: f.name, bytes: Buffer.from(f.bytes) };
}
