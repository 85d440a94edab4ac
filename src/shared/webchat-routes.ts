// The agent's side of web chat (issue 17): the desktop's HTTP routes, spread into ROUTES.
// The customer's side (the public widget endpoints) is not in this map: those routes have
// their own origin check, budgets and proof of work (src/server/webchat/public-routes.ts).
import { z } from 'zod';
import {
  AgentChatSend, AgentChatSummary, AgentConversation, ChatEnd, ChatMessage, ChatRead, ChatTake, ChatTransfer, TransferTargets,
} from './webchat.js';

const Id = z.object({ id: z.uuid() });
const Ok = z.object({ ok: z.literal(true) });

export const webchatRoutes = {
  /** The chats this agent holds now, with what they have not read yet. */
  'chat.mine': { method: 'GET', path: '/chat/conversations/mine', access: 'calls.handle', answer: z.object({ chats: z.array(AgentChatSummary) }) },
  /** After accepting a chat offer: the chat is this agent's, the router's task finished (capacity counts chats). */
  'chat.take': { method: 'POST', path: '/chat/take', access: 'calls.handle', body: ChatTake, answer: AgentChatSummary },
  'chat.conversation': { method: 'GET', path: '/chat/conversations/:id', access: 'calls.handle', params: Id, answer: AgentConversation },
  'chat.send': { method: 'POST', path: '/chat/conversations/:id/messages', access: 'calls.handle', params: Id, body: AgentChatSend, answer: ChatMessage },
  'chat.typing': { method: 'POST', path: '/chat/conversations/:id/typing', access: 'calls.handle', params: Id, answer: Ok },
  'chat.read': { method: 'POST', path: '/chat/conversations/:id/read', access: 'calls.handle', params: Id, body: ChatRead, answer: Ok },
  'chat.transfer': { method: 'POST', path: '/chat/conversations/:id/transfer', access: 'calls.handle', params: Id, body: ChatTransfer, answer: Ok },
  'chat.transferTargets': { method: 'GET', path: '/chat/transfer-targets', access: 'calls.handle', answer: TransferTargets },
  /** Ends the chat: its transcript becomes an interaction in the customer's timeline (and is mailed when asked). */
  'chat.end': {
    method: 'POST', path: '/chat/conversations/:id/end', access: 'calls.handle', params: Id, body: ChatEnd,
    answer: z.object({ interactionId: z.uuid().nullable(), mailed: z.boolean() }),
  },
  /** Leads: a paragraph shown (or not) as public FAQ in the site's widget. */
  'replies.setPublicFaq': {
    method: 'PUT', path: '/replies/paragraphs/:id/public-faq', access: 'replies.manage', params: Id,
    body: z.object({ public: z.boolean() }).strict(), answer: z.object({ public: z.boolean() }),
  },
  'replies.publicFaqIds': { method: 'GET', path: '/replies/public-faq', access: 'replies.manage', answer: z.object({ ids: z.array(z.uuid()) }) },
} as const;
