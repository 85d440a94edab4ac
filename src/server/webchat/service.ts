// What happens to a web chat, from both sides: started by a visitor (a task of kind 'chat'
// in the widget's queue), taken by the agent who accepted the offer (the router's task is
// finished so the agent may take more, up to their chat capacity), answered, transferred,
// ended — its transcript then an interaction in the customer's timeline.
import { createHash, randomInt } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import { toE164 } from '../../shared/phone.js';
import { type AgentChatSummary, type ChatMessage, type ChatTransfer, type StartChatRequest } from '../../shared/webchat.js';
import { completeTask } from '../contact-center/agent-commands.js';
import { type ContactCenter } from '../contact-center/contact-center.js';
import { createTask } from '../contact-center/intake.js';
import { type Db } from '../db/db.js';
import { type MessagingContext } from '../messaging/send.js';
import { type ServerSettings } from '../settings/server-settings.js';
import { findOrLinkCustomer } from '../messaging/channels/customer-link.js';
import { findOrCreateCustomer } from './customers.js';
import { type ChatHub } from './hub.js';
import { appendMessage, type ConversationRow, conversationById, insertConversation, type NewMessage } from './store.js';
import { transcriptText } from './transcript.js';

const OTP_TTL_MS = 10 * 60_000;
const OTP_TRIES = 5;

export interface WebchatDeps {
  db: Db;
  cc: ContactCenter;
  hub: ChatHub;
  settings: ServerSettings;
  messaging: () => MessagingContext | null;
}

export function phoneOf(input: string | undefined): string | null {
  if (!input) return null;
  const e164 = toE164(input);
  if (!e164) throw new SapaError('INVALID_INPUT', 'Not a phone number', ['phone: not a valid number']);
  return e164;
}

export async function startChat(d: WebchatDeps, r: StartChatRequest, origin: string): Promise<{ conversationId: string; token: string }> {
  const now = d.cc.ctx.clock();
  const phoneE164 = phoneOf(r.phone);
  const email = r.email?.toLowerCase() ?? null;
  const { widgetQueue } = await d.settings.effective();
  const { customerId, known } = await findOrCreateCustomer(d.db, { name: r.name, phoneE164, email, language: r.language }, now);
  const { id, token } = await insertConversation(d.db, { name: r.name, phoneE164, email, language: r.language, origin, customerId, queueCode: widgetQueue }, now);
  await createTask(d.cc.ctx, {
    kind: 'chat', sourceRef: id, queueCode: widgetQueue, customerId, from: phoneE164 ?? email ?? '',
    // The subject is what the agent reads on the offer: the visitor's name, as typed (React renders it as text).
    subject: r.name, needsIdentityCheck: known,
  });
  return { conversationId: id, token };
}

/** Writes a message (committed before it answers), then hands it to the listening streams. `mustBeAgent`: see appendMessage. */
export async function post(d: WebchatDeps, conversationId: string, m: NewMessage, by: 'customer' | 'agent', mustBeAgent?: string): Promise<ChatMessage> {
  const { holderId, ...message } = await appendMessage(d.db, conversationId, m, d.cc.ctx.clock(), mustBeAgent);
  d.hub.changed(conversationId, 'message', by, { message, agentId: holderId });
  return message;
}

async function mustBeMine(d: WebchatDeps, userId: string, id: string): Promise<ConversationRow> {
  const c = await conversationById(d.db, id);
  if (!c || c.agent_id !== userId) throw new SapaError('NOT_FOUND', `No chat ${id} of yours`);
  return c;
}

export { mustBeMine };

/** Browser sharing started from a chat: its code to the customer's widget (an open chat of the agent's, with this customer). */
export async function offerCobrowse(d: WebchatDeps, userId: string, chatId: string, customerId: string, code: string): Promise<void> {
  const c = await mustBeMine(d, userId, chatId);
  if (c.status !== 'active') throw new SapaError('CONFLICT', 'This chat has ended');
  if (c.customer_id !== customerId) throw new SapaError('INVALID_INPUT', 'This chat is with another customer', ['chatId: another customer']);
  d.hub.changed(c.id, 'cobrowse', 'agent', { code });
}

export async function takeChat(d: WebchatDeps, userId: string, taskId: string): Promise<AgentChatSummary> {
  const [task] = await d.db.query<{ kind: string; source_ref: string; agent_id: string | null; status: string }>(
    'SELECT kind, source_ref, agent_id, status FROM cc_tasks WHERE id = $1', [taskId]);
  if (!task || task.kind !== 'chat' || task.agent_id !== userId) throw new SapaError('NOT_FOUND', `No chat task ${taskId} of yours`);
  const conversationId = task.source_ref.split(':')[0] ?? '';
  const c = await conversationById(d.db, conversationId);
  if (!c) throw new SapaError('NOT_FOUND', 'The chat of this task is gone');
  if (c.status === 'ended') {
    if (task.status === 'assigned') await completeTask(d.cc.ctx, userId, taskId, { kind: 'chat' });
    throw new SapaError('CONFLICT', 'The customer has left this chat');
  }
  await d.db.query("UPDATE webchat_conversations SET agent_id = $2, status = 'active' WHERE id = $1", [c.id, userId]);
  if (task.status === 'assigned') await completeTask(d.cc.ctx, userId, taskId, { kind: 'chat' });
  await appendMessage(d.db, c.id, { author: 'system', body: 'agent_joined', agentId: userId }, d.cc.ctx.clock());
  d.hub.changed(c.id, 'status', 'agent');
  const [row] = await summaries(d.db, userId, c.id);
  if (!row) throw new SapaError('INTERNAL', 'taken chat not found');
  return row;
}

export async function summaries(db: Db, userId: string, onlyId?: string): Promise<AgentChatSummary[]> {
  const rows = await db.query<{ id: string; visitor_name: string; customer_id: string | null; verified: boolean; status: AgentChatSummary['status']; unread: number; last_at: Date | null; created_at: Date }>(
    `SELECT c.id, c.visitor_name, c.customer_id, c.verified, c.status, c.created_at,
            (SELECT count(*)::int FROM webchat_messages m WHERE m.conversation_id = c.id AND m.author = 'customer' AND m.seq > c.agent_read_seq) AS unread,
            (SELECT max(at) FROM webchat_messages m WHERE m.conversation_id = c.id) AS last_at
       FROM webchat_conversations c
      WHERE c.agent_id = $1 AND c.status = 'active' AND ($2::uuid IS NULL OR c.id = $2)
      ORDER BY c.created_at`, [userId, onlyId ?? null]);
  return rows.map((r) => ({
    id: r.id, name: r.visitor_name, customerId: r.customer_id, verified: r.verified, status: r.status, unread: r.unread,
    lastAt: new Date(r.last_at ?? r.created_at).toISOString(),
  }));
}

/** To another agent (offered to them first) or another queue: back in the queue as a new chat task. */
export async function transferChat(d: WebchatDeps, userId: string, id: string, to: ChatTransfer): Promise<void> {
  const c = await mustBeMine(d, userId, id);
  if (c.status !== 'active') throw new SapaError('CONFLICT', 'Only an open chat can be transferred');
  let queueCode = c.queue_code;
  let preferred: string | null = null;
  if ('queueCode' in to) {
    const [q] = await d.db.query<{ code: string }>('SELECT code FROM queues WHERE code = $1 AND active', [to.queueCode]);
    if (!q) throw new SapaError('NOT_FOUND', `No active queue "${to.queueCode}"`);
    queueCode = q.code;
  } else {
    if (to.agentId === userId) throw new SapaError('INVALID_INPUT', 'A chat cannot be transferred to yourself', ['agentId: yourself']);
    const [u] = await d.db.query<{ id: string }>('SELECT id FROM users WHERE id = $1 AND disabled_at IS NULL AND $2 = ANY(queues)', [to.agentId, c.queue_code]);
    if (!u) throw new SapaError('NOT_FOUND', 'That agent does not work this chat\'s queue');
    preferred = u.id;
  }
  const transfers = c.transfers + 1;
  await d.db.query("UPDATE webchat_conversations SET agent_id = NULL, status = 'waiting', queue_code = $2, transfers = $3 WHERE id = $1", [c.id, queueCode, transfers]);
  await createTask(d.cc.ctx, {
    kind: 'chat', sourceRef: `${c.id}:t${transfers}`, queueCode, customerId: c.customer_id, from: c.phone_e164 ?? c.email ?? '',
    subject: c.visitor_name, preferredAgentId: preferred, needsIdentityCheck: !c.verified && c.customer_id !== null,
  });
  await appendMessage(d.db, c.id, { author: 'system', body: 'transferred' }, d.cc.ctx.clock());
  d.hub.changed(c.id, 'status', 'agent');
}

/** Ends the chat (either side): the transcript goes to the timeline once; mailed on request. */
export async function endChat(d: WebchatDeps, c: ConversationRow, by: 'customer' | 'agent', mail: boolean): Promise<{ interactionId: string | null; mailed: boolean }> {
  const now = d.cc.ctx.clock();
  const ended = await d.db.transaction(async (tx) => {
    const [row] = await tx.query<ConversationRow>('SELECT * FROM webchat_conversations WHERE id = $1 FOR UPDATE', [c.id]);
    if (!row) throw new SapaError('NOT_FOUND', 'No such conversation');
    if (row.status === 'ended') return { row, interactionId: row.interaction_id, first: false };
    const interactionId = row.customer_id ? uuidv7() : null;
    await tx.query("UPDATE webchat_conversations SET status = 'ended', ended_at = $2, interaction_id = $3 WHERE id = $1", [c.id, now, interactionId]);
    return { row, interactionId, first: true };
  });
  if (!ended.first) return { interactionId: ended.interactionId, mailed: false };
  await appendMessage(d.db, c.id, { author: 'system', body: by === 'customer' ? 'customer_left' : 'agent_ended' }, now);
  // Waiting still (nobody took it): its task leaves the queue.
  await d.db.query(
    "UPDATE cc_tasks SET status = 'cancelled', ended_at = $2, outcome = 'customer_left' WHERE kind = 'chat' AND split_part(source_ref, ':', 1) = $1 AND status = 'waiting'",
    [c.id, now]);
  const text = await transcriptText(d.db, ended.row);
  if (ended.interactionId && ended.row.customer_id) {
    const [agent] = ended.row.agent_id ? await d.db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [ended.row.agent_id]) : [];
    await d.db.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, subject, body, duration_sec)
       VALUES ($1, $2, 'chat', 'inbound', $3, $4, $5, $6, $7, $8, $9)`,
      [ended.interactionId, ended.row.customer_id, ended.row.created_at, now, ended.row.agent_id, agent?.display_name ?? null,
        `Web chat (${ended.row.origin})`, text, Math.max(0, Math.round((now.getTime() - new Date(ended.row.created_at).getTime()) / 1000))]);
  }
  d.hub.changed(c.id, 'status', by, { agentId: ended.row.agent_id });
  let mailed = false;
  const messaging = d.messaging();
  if (mail && ended.row.email && messaging) {
    const subject = ended.row.language === 'id' ? 'Transkrip percakapan Anda' : 'Your chat transcript';
    await messaging.transports.email({ to: ended.row.email, subject, text, messageId: `<${uuidv7()}@sapa.webchat>` });
    mailed = true;
  }
  return { interactionId: ended.interactionId, mailed };
}

const otpHash = (conversationId: string, code: string) => createHash('sha256').update(`${conversationId}:${code}`).digest('hex');

/** A one-time code to the visitor's phone (SMS gateway) or e-mail (the mail relay). */
export async function sendOtp(d: WebchatDeps, c: ConversationRow): Promise<{ channel: 'sms' | 'email' }> {
  const messaging = d.messaging();
  if (!messaging) throw new SapaError('INTERNAL', 'Messaging is not running');
  if (c.verified) throw new SapaError('CONFLICT', 'Already verified');
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = d.cc.ctx.clock();
  await d.db.query('UPDATE webchat_conversations SET otp_hash = $2, otp_expires_at = $3, otp_tries = 0 WHERE id = $1',
    [c.id, otpHash(c.id, code), new Date(now.getTime() + OTP_TTL_MS)]);
  const text = c.language === 'id' ? `Kode verifikasi chat Anda: ${code}. Berlaku 10 menit.` : `Your chat verification code: ${code}. Valid for 10 minutes.`;
  if (c.phone_e164) {
    await messaging.transports.sms({ to: c.phone_e164, text, reference: `webchat-otp-${c.id}` });
    return { channel: 'sms' };
  }
  if (!c.email) throw new SapaError('INVALID_INPUT', 'No phone or e-mail to send a code to');
  await messaging.transports.email({ to: c.email, subject: c.language === 'id' ? 'Kode verifikasi' : 'Verification code', text, messageId: `<${uuidv7()}@sapa.webchat>` });
  return { channel: 'email' };
}

export async function verifyOtp(d: WebchatDeps, c: ConversationRow, code: string): Promise<{ verified: boolean }> {
  const now = d.cc.ctx.clock();
  if (!c.otp_hash || !c.otp_expires_at || new Date(c.otp_expires_at) < now) throw new SapaError('CONFLICT', 'No code is pending: ask for a new one');
  if (c.otp_tries >= OTP_TRIES) throw new SapaError('RATE_LIMITED', 'Too many wrong codes: ask for a new one');
  if (otpHash(c.id, code) !== c.otp_hash) {
    await d.db.query('UPDATE webchat_conversations SET otp_tries = otp_tries + 1 WHERE id = $1', [c.id]);
    return { verified: false };
  }
  // Proven: the chat belongs to the customer with this contact on file (now linked for sure).
  const customerId = (await findOrLinkCustomer(d.db, { phone: c.phone_e164, email: c.email })).customerId ?? c.customer_id;
  await d.db.query('UPDATE webchat_conversations SET verified = true, otp_hash = NULL, customer_id = $2 WHERE id = $1', [c.id, customerId]);
  await d.db.query("UPDATE cc_tasks SET needs_identity_check = false WHERE kind = 'chat' AND split_part(source_ref, ':', 1) = $1 AND status IN ('waiting', 'reserved', 'assigned')", [c.id]);
  await appendMessage(d.db, c.id, { author: 'system', body: 'verified' }, now);
  d.hub.changed(c.id, 'status', 'customer', { agentId: c.agent_id });
  return { verified: true };
}
