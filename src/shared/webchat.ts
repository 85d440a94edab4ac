// Web chat and "call me" from the company's site (issue 17): what the public widget sends
// and reads (src/widget/ → src/server/webchat/public-routes.ts) and what the agent's desktop
// sees of a chat (webchat-routes.ts). Everything a customer types is text: limits here are
// the server's limits, checked again by the database.
import { z } from 'zod';
import { Language, Timestamp } from './domain.js';

/** Largest chat message (characters). */
export const MAX_CHAT_MESSAGE = 2_000;
export const MAX_VISITOR_NAME = 80;

const NoControl = (s: string) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);
export const ChatText = z.string().trim().min(1, 'empty message').max(MAX_CHAT_MESSAGE, `at most ${MAX_CHAT_MESSAGE} characters`)
  .refine(NoControl, 'control characters are not allowed');
export const VisitorName = z.string().trim().min(1).max(MAX_VISITOR_NAME).refine(NoControl, 'control characters are not allowed');
export const VisitorPhone = z.string().trim().min(6).max(32).regex(/^[+0-9 ()-]+$/, 'digits, spaces, + - ( ) only');
export const VisitorEmail = z.string().trim().max(254).email();

/** The proof of work the widget did for this request (spam resistance, docs/web-widget.md). */
export const PowSolution = z.object({ challenge: z.string().min(10).max(300), nonce: z.string().min(1).max(20) }).strict();

export const StartChatRequest = z.object({
  name: VisitorName,
  phone: VisitorPhone.optional(),
  email: VisitorEmail.optional(),
  language: Language,
  /** Honeypot: a field hidden from people; a bot that fills it is refused. */
  website: z.string().max(200).optional(),
  pow: PowSolution,
}).strict().refine((r) => r.phone !== undefined || r.email !== undefined, { message: 'a phone number or an e-mail address', path: ['phone'] });
export type StartChatRequest = z.infer<typeof StartChatRequest>;

export const CHAT_AUTHORS = ['customer', 'agent', 'system'] as const;
export const ChatMessage = z.object({
  seq: z.number().int().positive(),
  author: z.enum(CHAT_AUTHORS),
  /** The agent's display name (agent messages), null otherwise. */
  agentName: z.string().nullable(),
  body: z.string(),
  at: Timestamp,
  file: z.object({ id: z.uuid(), name: z.string(), mime: z.string() }).nullable(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const CHAT_STATUSES = ['waiting', 'active', 'ended'] as const;
export const ChatStatus = z.enum(CHAT_STATUSES);

/** The customer's view of their conversation (after a reload too). */
export const CustomerConversation = z.object({
  id: z.uuid(),
  status: ChatStatus,
  name: z.string(),
  language: Language,
  verified: z.boolean(),
  agentName: z.string().nullable(),
  /** The last of the customer's messages the agent has read. */
  agentReadSeq: z.number().int(),
  messages: z.array(ChatMessage),
});
export type CustomerConversation = z.infer<typeof CustomerConversation>;

export const CallMeRequest = z.object({
  name: VisitorName,
  phone: VisitorPhone,
  /** 'asap', or one of the slots the widget was offered (working hours). */
  when: z.union([z.literal('asap'), Timestamp]),
  language: Language,
  website: z.string().max(200).optional(),
  pow: PowSolution,
}).strict();
export type CallMeRequest = z.infer<typeof CallMeRequest>;

export const WidgetConfig = z.object({
  uploadMaxBytes: z.number().int(),
  powBits: z.number().int(),
  /** A form sent sooner than this after its challenge is refused (the widget waits out the rest). */
  minFillMs: z.number().int(),
  /** A fresh challenge for the next form the customer sends. */
  challenge: z.string(),
  /** Call-me slots within working hours (next few working days, half-hourly). */
  slots: z.array(Timestamp),
  /** Open now (working hours): otherwise the widget says when an agent will answer. */
  openNow: z.boolean(),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;

export const FaqEntry = z.object({ id: z.uuid(), title: z.string(), body: z.string(), category: z.string() });
export type FaqEntry = z.infer<typeof FaqEntry>;

// ---------------------------------------------------------------- the agent's side

export const AgentChatSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  customerId: z.uuid().nullable(),
  verified: z.boolean(),
  status: ChatStatus,
  unread: z.number().int().nonnegative(),
  lastAt: Timestamp,
});
export type AgentChatSummary = z.infer<typeof AgentChatSummary>;

export const AgentConversation = z.object({
  id: z.uuid(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  customerId: z.uuid().nullable(),
  verified: z.boolean(),
  language: Language,
  status: ChatStatus,
  origin: z.string(),
  messages: z.array(ChatMessage),
  /** The last agent message the customer has read. */
  customerReadSeq: z.number().int(),
  /** The customer typed within the last few seconds. */
  customerTyping: z.boolean(),
});
export type AgentConversation = z.infer<typeof AgentConversation>;

export const AgentChatSend = z.object({ body: ChatText, paragraphId: z.uuid().optional() }).strict();
export const ChatRead = z.object({ seq: z.number().int().nonnegative() }).strict();
export const ChatTransfer = z.union([
  z.object({ agentId: z.uuid() }).strict(),
  z.object({ queueCode: z.string().min(1).max(60) }).strict(),
]);
export type ChatTransfer = z.infer<typeof ChatTransfer>;
export const ChatEnd = z.object({ mailTranscript: z.boolean() }).strict();
export const ChatTake = z.object({ taskId: z.uuid() }).strict();
export const TransferTargets = z.object({
  agents: z.array(z.object({ id: z.uuid(), name: z.string() })),
  queues: z.array(z.object({ code: z.string(), labelId: z.string(), labelEn: z.string() })),
});
export const ChatCapacity = z.number().int().min(0).max(10);
