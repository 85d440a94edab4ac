// Who is listening to a web chat on this instance (the customer's event stream), and who
// typed when. A change is delivered in place to this instance's listeners the moment it is
// committed (a new message carried whole, so a stream writes it without reading it back),
// then published on the contact center's bus (NOTIFY sapa_cc with PostgreSQL) for the other
// instances, which skip what they sent themselves; what the customer did also reaches the
// holding agent's desktop as a push (live socket). Every instance's hub keeps the typing
// marks it hears, for the agent's polled view.
import { randomUUID } from 'node:crypto';
import { type ChatMessage } from '../../shared/webchat.js';
import { type BusMessage, type CcBus } from '../contact-center/bus.js';

export type ChatEventWhat = 'message' | 'typing' | 'read' | 'status' | 'cobrowse';
/**
 * 'closed': the server is shutting down (the stream ends; the widget reconnects elsewhere).
 * `message`: the new message, when known (absent when it was too large for a NOTIFY payload).
 */
export type ChatListener = (what: ChatEventWhat | 'closed', by: 'customer' | 'agent', message?: ChatMessage, code?: string) => void;

const TYPING_SHOWN_MS = 5_000;
/** A NOTIFY payload is limited to 8,000 bytes: a longer message travels as "read it from the database". */
const PAYLOAD_MAX_BYTES = 7_500;

export interface ChatHub {
  listen(conversationId: string, listener: ChatListener): () => void;
  /**
   * After a commit. `message`: the new message, handed to the streams whole. `agentId`: the
   * agent holding the chat, told on their live socket when the customer changed something.
   */
  changed(conversationId: string, what: ChatEventWhat, by: 'customer' | 'agent', extra?: { message?: ChatMessage; agentId?: string | null; code?: string }): void;
  typing(conversationId: string, by: 'customer' | 'agent'): boolean;
  listeners(): number;
  close(): void;
}

export function createChatHub(bus: CcBus): ChatHub {
  const self = randomUUID();
  const byConversation = new Map<string, Set<ChatListener>>();
  const typedAt = new Map<string, { customer: number; agent: number }>();
  let count = 0;
  const deliver = (conversationId: string, what: ChatEventWhat, by: 'customer' | 'agent', message?: ChatMessage, code?: string) => {
    if (what === 'typing') {
      const t = typedAt.get(conversationId) ?? { customer: 0, agent: 0 };
      t[by] = Date.now();
      typedAt.set(conversationId, t);
    } else if (what === 'message') {
      // A sent message ends the "typing…" of its author.
      const t = typedAt.get(conversationId);
      if (t) t[by] = 0;
    }
    for (const l of byConversation.get(conversationId) ?? []) l(what, by, message, code);
  };
  const stop = bus.subscribe((m) => {
    if (m.k === 'webchat' && m.from !== self) deliver(m.conversationId, m.what, m.by, m.message, m.code);
  });
  // Old typing marks go (a chat nobody types in any more).
  const sweep = setInterval(() => {
    const old = Date.now() - TYPING_SHOWN_MS;
    for (const [id, t] of typedAt) if (t.customer < old && t.agent < old) typedAt.delete(id);
  }, 30_000);
  sweep.unref();
  return {
    listen(conversationId, listener) {
      let set = byConversation.get(conversationId);
      if (!set) { set = new Set(); byConversation.set(conversationId, set); }
      set.add(listener);
      count += 1;
      return () => {
        if (set.delete(listener)) count -= 1;
        if (set.size === 0) byConversation.delete(conversationId);
      };
    },
    changed(conversationId, what, by, extra = {}) {
      const { message, agentId, code } = extra;
      deliver(conversationId, what, by, message, code);
      const carried = message && Buffer.byteLength(JSON.stringify(message)) <= PAYLOAD_MAX_BYTES ? { message } : {};
      const out: BusMessage[] = [{ k: 'webchat', conversationId, what, by, from: self, ...carried, ...(code ? { code } : {}) }];
      if (by === 'customer' && agentId && what !== 'cobrowse') out.push({ k: 'push', userId: agentId, push: { type: 'chat_changed', conversationId, what } });
      void bus.publish(out);
    },
    typing(conversationId, by) {
      return Date.now() - (typedAt.get(conversationId)?.[by] ?? 0) < TYPING_SHOWN_MS;
    },
    listeners: () => count,
    close() {
      stop();
      clearInterval(sweep);
      for (const set of byConversation.values()) for (const l of [...set]) l('closed', 'agent');
      byConversation.clear();
    },
  };
}
