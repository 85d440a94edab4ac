// The agent's side of web chat (src/shared/webchat-routes.ts): the chats they hold, one
// chat's messages and the customer's typing/read state (polled by the desktop), answering,
// transferring, ending. A chat is always the caller's own (404 otherwise), checked per request.
import { SapaError } from '../../shared/errors.js';
import { type RegisterRoute } from '../http/route.js';
import { setPublicFaq } from './faq.js';
import { endChat, mustBeMine, post, summaries, takeChat, transferChat, type WebchatDeps } from './service.js';
import { agentView } from './store.js';

export function registerWebchatAgentRoutes(register: RegisterRoute, d: WebchatDeps): void {
  register('chat.mine', async ({ user }) => ({ chats: await summaries(d.db, user.id) }));
  register('chat.take', async ({ user, body }) => takeChat(d, user.id, body.taskId));
  register('chat.conversation', async ({ user, params }) => {
    const c = await mustBeMine(d, user.id, params.id);
    return agentView(d.db, c, d.hub.typing(c.id, 'customer'));
  });
  register('chat.send', async ({ user, params, body }) => {
    const paragraphId = body.paragraphId ?? null;
    if (paragraphId) {
      const [p] = await d.db.query<{ id: string }>("SELECT id FROM reply_paragraphs WHERE id = $1 AND status = 'approved' AND 'chat' = ANY(channels)", [paragraphId]);
      if (!p) throw new SapaError('INVALID_INPUT', 'Not an approved chat paragraph', ['paragraphId: not a chat paragraph']);
    }
    // Whether the chat is open and the caller's is checked by the write itself (one statement).
    const message = await post(d, params.id, { author: 'agent', agentId: user.id, body: body.body, paragraphId }, 'agent', user.id);
    if (paragraphId) await d.db.query('UPDATE reply_paragraphs SET usage_count = usage_count + 1 WHERE id = $1', [paragraphId]);
    return message;
  });
  register('chat.typing', async ({ user, params }) => {
    const c = await mustBeMine(d, user.id, params.id);
    d.hub.changed(c.id, 'typing', 'agent');
    return { ok: true as const };
  });
  register('chat.read', async ({ user, params, body }) => {
    const c = await mustBeMine(d, user.id, params.id);
    await d.db.query('UPDATE webchat_conversations SET agent_read_seq = GREATEST(agent_read_seq, $2) WHERE id = $1', [c.id, body.seq]);
    d.hub.changed(c.id, 'read', 'agent');
    return { ok: true as const };
  });
  register('chat.transfer', async ({ user, params, body }) => {
    await transferChat(d, user.id, params.id, body);
    return { ok: true as const };
  });
  register('chat.transferTargets', async ({ user }) => {
    const agents = await d.db.query<{ id: string; name: string }>(
      "SELECT id, display_name AS name FROM users WHERE disabled_at IS NULL AND role IN ('agent', 'lead') AND id <> $1 ORDER BY display_name", [user.id]);
    const queues = await d.db.query<{ code: string; label_id: string; label_en: string }>('SELECT code, label_id, label_en FROM queues WHERE active ORDER BY code');
    return { agents, queues: queues.map((q) => ({ code: q.code, labelId: q.label_id, labelEn: q.label_en })) };
  });
  register('chat.end', async ({ user, params, body }) => {
    const c = await mustBeMine(d, user.id, params.id);
    return endChat(d, c, 'agent', body.mailTranscript);
  });
  register('replies.setPublicFaq', async ({ user, params, body }) => ({ public: await setPublicFaq(d.db, params.id, body.public, user.id) }));
  register('replies.publicFaqIds', async () => {
    const rows = await d.db.query<{ paragraph_id: string }>('SELECT paragraph_id FROM reply_public_faq ORDER BY marked_at');
    return { ids: rows.map((r) => r.paragraph_id) };
  });
}
