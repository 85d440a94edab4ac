// Web chat rows (migration 039): conversations, their numbered messages, files. The seq of a
// message is taken under the conversation's row lock, so both sides see one order.
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import { type AgentConversation, type ChatMessage, type CustomerConversation } from '../../shared/webchat.js';
import { type Db, type SqlParam } from '../db/db.js';

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

const TOKEN_CACHE_MAX = 20_000;

/**
 * A token's conversation id, remembered (it never changes: a token names one conversation
 * for its life), so a customer's message costs no lookup; an unknown token is asked of the
 * database each time, and the oldest entries go past the limit.
 */
export function conversationIdCache(db: Db) {
  const ids = new Map<string, string>();
  return {
    async idOf(token: string): Promise<string> {
      const hash = hashToken(token);
      const known = ids.get(hash);
      if (known) return known;
      const [row] = await db.query<{ id: string }>('SELECT id FROM webchat_conversations WHERE token_hash = $1', [hash]);
      if (!row) throw new SapaError('UNAUTHENTICATED', 'No conversation with this token');
      if (ids.size >= TOKEN_CACHE_MAX) ids.delete(ids.keys().next().value ?? '');
      ids.set(hash, row.id);
      return row.id;
    },
  };
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

/**
 * Appends a message (refused on an ended chat; with `mustBeAgent` for an agent's message,
 * refused unless the chat is open and theirs); answers it as both sides will read it, with
 * the agent holding the chat (holderId, not for the wire). One
 * statement, committed before it answers, nothing read back (the hot path of a chat): the
 * conversation's row is share-locked (so a chat being ended waits, or is seen ended) and the
 * next number taken. Two writers of one chat at the same instant may take the same number:
 * the later skips its insert (ON CONFLICT) and writes again holding the row's update lock, in
 * a transaction whose statement then sees every number committed before (the rare path).
 */
export async function appendMessage(db: Db, conversationId: string, m: NewMessage, now: Date, mustBeAgent?: string): Promise<ChatMessage & { holderId: string | null }> {
  const fileId = m.file ? uuidv7() : null;
  const params: SqlParam[] = [conversationId, uuidv7(), m.author, m.agentId ?? null, m.body, m.paragraphId ?? null, now, mustBeAgent ?? null];
  let fileInsert = '';
  if (m.file) {
    params.push(fileId, m.file.mime, m.file.name, m.file.bytes as unknown as string);
    fileInsert = `, f AS (INSERT INTO webchat_files (id, conversation_id, message_seq, mime, name, bytes, created_at)
        SELECT $9, $1, seq, $10, $11, $12, $7 FROM m)`;
  }
  const sql = `WITH c AS (
       SELECT id, agent_id FROM webchat_conversations
        WHERE id = $1 AND ($3 = 'system' OR status <> 'ended') AND ($8::uuid IS NULL OR (agent_id = $8 AND status = 'active'))
        FOR SHARE),
     m AS (INSERT INTO webchat_messages (conversation_id, seq, id, author, agent_id, body, paragraph_id, at)
       SELECT id, (SELECT COALESCE(max(seq), 0) + 1 FROM webchat_messages WHERE conversation_id = $1), $2, $3, $4, $5, $6, $7 FROM c
       ON CONFLICT (conversation_id, seq) DO NOTHING RETURNING seq)${fileInsert}
     SELECT (SELECT count(*) FROM c)::int AS open, (SELECT seq FROM m) AS seq, (SELECT display_name FROM users WHERE id = $4) AS agent_name,
            (SELECT agent_id FROM c) AS holder_id`;
  type Row = { open: number; seq: number | null; agent_name: string | null; holder_id: string | null };
  let [row] = await db.query<Row>(sql, params);
  if (row?.open && row.seq === null) {
    row = await db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM webchat_conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      return (await tx.query<Row>(sql, params))[0];
    });
  }
  if (!row?.open || row.seq === null) throw await refusalOf(db, conversationId, mustBeAgent);
  return {
    seq: row.seq, author: m.author, agentName: m.author === 'agent' ? row.agent_name : null, body: m.body, at: now.toISOString(),
    file: m.file && fileId ? { id: fileId, name: m.file.name, mime: m.file.mime } : null,
    holderId: row.holder_id,
  };
}

/** Why a message was not written (the rare path, so asked after the fact). */
async function refusalOf(db: Db, conversationId: string, mustBeAgent: string | undefined): Promise<SapaError> {
  const [c] = await db.query<{ status: string; agent_id: string | null }>('SELECT status, agent_id FROM webchat_conversations WHERE id = $1', [conversationId]);
  if (!c) return new SapaError('NOT_FOUND', 'No such conversation');
  if (mustBeAgent && c.agent_id !== mustBeAgent) return new SapaError('NOT_FOUND', `No chat ${conversationId} of yours`);
  return new SapaError('CONFLICT', 'This chat has ended');
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
