// Desktop API of web chat (spread into `methods` in api.ts). Online only, like the contact
// center: core passes each call to the server (webchat-routes.ts); the renderer polls the
// open chat every second (docs/decisions/0038-web-widget.md says why not a push yet).
import { z } from 'zod';
import { AgentChatSend, AgentChatSummary, AgentConversation, ChatEnd, ChatMessage, ChatRead, ChatTake, ChatTransfer, TransferTargets } from './webchat.js';

const Empty = z.object({}).strict();
const Id = z.object({ id: z.uuid() }).strict();
const Ok = z.object({ ok: z.literal(true) });

export const webchatMethods = {
  'chat.mine': { input: Empty, output: z.object({ chats: z.array(AgentChatSummary) }) },
  'chat.take': { input: ChatTake, output: AgentChatSummary },
  'chat.conversation': { input: Id, output: AgentConversation },
  'chat.send': { input: AgentChatSend.extend({ id: z.uuid() }).strict(), output: ChatMessage },
  'chat.typing': { input: Id, output: Ok },
  'chat.read': { input: ChatRead.extend({ id: z.uuid() }).strict(), output: Ok },
  'chat.transfer': { input: z.object({ id: z.uuid(), to: ChatTransfer }).strict(), output: Ok },
  'chat.transferTargets': { input: Empty, output: TransferTargets },
  'chat.end': { input: ChatEnd.extend({ id: z.uuid() }).strict(), output: z.object({ interactionId: z.uuid().nullable(), mailed: z.boolean() }) },
  'replies.setPublicFaq': { input: z.object({ id: z.uuid(), public: z.boolean() }).strict(), output: z.object({ public: z.boolean() }) },
  'replies.publicFaqIds': { input: Empty, output: z.object({ ids: z.array(z.uuid()) }) },
} as const;
