// Messaging channels (SMS and WhatsApp): one conversation per channel + customer number, its
// messages with their delivery status, the WhatsApp 24-hour customer-service window, the
// admins' list of approved WhatsApp templates and the channels' settings. The HTTP routes
// (spread into ROUTES) and the desktop methods (spread into `methods`) are here too. The
// server is src/server/messaging/channels/ (docs/messaging-channels.md, decision 0034).
import { z } from 'zod';
import { Timestamp } from './domain.js';

export const CONVERSATION_CHANNELS = ['sms', 'whatsapp'] as const;
export const ConversationChannel = z.enum(CONVERSATION_CHANNELS);
export type ConversationChannel = z.infer<typeof ConversationChannel>;

/** received (inbound); queued → sent → delivered → read, or failed (outbound). */
export const MESSAGE_STATUSES = ['received', 'queued', 'sent', 'delivered', 'read', 'failed'] as const;
export const ConversationMessageStatus = z.enum(MESSAGE_STATUSES);
export type ConversationMessageStatus = z.infer<typeof ConversationMessageStatus>;

/** WhatsApp lets a business answer freely for 24 hours after the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 3_600_000;
/** Longest text we send or store from a customer (WhatsApp's own limit is 4096). */
export const MAX_CONVERSATION_TEXT = 4096;

/** The error `details.reason` of a free-form send refused outside the window (CONFLICT). */
export const WINDOW_CLOSED = 'WHATSAPP_WINDOW_CLOSED' as const;

export const ConversationMessage = z.object({
  id: z.uuid(),
  direction: z.enum(['inbound', 'outbound']),
  channel: ConversationChannel,
  body: z.string(),
  templateName: z.string().nullable(),
  status: ConversationMessageStatus,
  error: z.string().nullable(),
  agentName: z.string().nullable(),
  createdAt: Timestamp,
  statusAt: Timestamp.nullable(),
});
export type ConversationMessage = z.infer<typeof ConversationMessage>;

export const WhatsappTemplate = z.object({
  id: z.uuid(),
  /** As registered with Meta: lower-case letters, digits and _. */
  name: z.string().regex(/^[a-z0-9_]{1,512}$/),
  /** Meta's language code: id, en, en_US … */
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/),
  /** What the template says, with {{1}}, {{2}} … where the agent fills in values. */
  body: z.string().min(1).max(1024),
  paragraphId: z.uuid().nullable(),
  active: z.boolean(),
  /** How many {{n}} values the agent fills in. */
  paramCount: z.number().int().nonnegative(),
});
export type WhatsappTemplate = z.infer<typeof WhatsappTemplate>;

export const WhatsappTemplateInput = WhatsappTemplate.omit({ id: true, paramCount: true }).extend({
  id: z.uuid().optional(),
  paragraphId: z.uuid().nullable().default(null),
  active: z.boolean().default(true),
}).strict();
export type WhatsappTemplateInput = z.infer<typeof WhatsappTemplateInput>;

export const Conversation = z.object({
  id: z.uuid(),
  channel: ConversationChannel,
  /** The customer's number, E.164. */
  contact: z.string(),
  contactName: z.string().nullable(),
  customerId: z.uuid().nullable(),
  status: z.enum(['open', 'closed']),
  lastInboundAt: Timestamp.nullable(),
  /** WhatsApp: free text may be sent until then; null for SMS (no window) or no inbound yet. */
  windowEndsAt: Timestamp.nullable(),
  /** False on WhatsApp outside the 24-hour window: only a template may go out. */
  freeFormAllowed: z.boolean(),
  taskId: z.uuid().nullable(),
  messages: z.array(ConversationMessage),
  /** The active templates (WhatsApp), for the composer. */
  templates: z.array(WhatsappTemplate),
});
export type Conversation = z.infer<typeof Conversation>;

export const ConversationSend = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    // Length is checked by the server (TOO_LARGE), not here, so a huge text gets a clear code.
    text: z.string(),
    paragraphIds: z.array(z.uuid()).max(20).default([]),
    idempotencyKey: z.string().min(8).max(100),
  }).strict(),
  z.object({
    kind: z.literal('template'),
    templateId: z.uuid(),
    params: z.array(z.string().max(1000)).max(10).default([]),
    idempotencyKey: z.string().min(8).max(100),
  }).strict(),
]);
export type ConversationSend = z.infer<typeof ConversationSend>;

/** Secrets are never read back: the view says whether one is set. */
export const ChannelSettingsView = z.object({
  whatsapp: z.object({
    graphBaseUrl: z.string(), apiVersion: z.string(), phoneNumberId: z.string().nullable(),
    accessTokenSet: z.boolean(), appSecretSet: z.boolean(), verifyTokenSet: z.boolean(),
  }),
  sms: z.object({ inboundSecretSet: z.boolean() }),
});
export type ChannelSettingsView = z.infer<typeof ChannelSettingsView>;

const Secret = z.string().min(8).max(500).nullable().optional();
/** A field left out keeps its value; null clears it (back to the environment's). */
export const ChannelSettingsInput = z.object({
  whatsapp: z.object({
    graphBaseUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
    apiVersion: z.string().regex(/^v\d{1,3}\.\d{1,2}$/).nullable().optional(),
    phoneNumberId: z.string().regex(/^\d{1,30}$/).nullable().optional(),
    accessToken: Secret, appSecret: Secret, verifyToken: Secret,
  }).strict().optional(),
  sms: z.object({ inboundSecret: Secret }).strict().optional(),
}).strict();
export type ChannelSettingsInput = z.infer<typeof ChannelSettingsInput>;

const IdParams = z.object({ id: z.uuid() });
const Ack = z.object({ ok: z.boolean() });

export const messagingChannelRoutes = {
  /**
   * The providers' webhooks: public, but each is signed (WhatsApp: X-Hub-Signature-256 with
   * the app secret; our SMS gateway: X-Sapa-Signature with the shared secret) and checked
   * over the raw body before anything is read. Registered by hand (raw body parser):
   * src/server/messaging/channels/webhooks.ts.
   */
  'webhooks.whatsappVerify': { method: 'GET', path: '/webhooks/whatsapp', access: 'public', answer: z.string() },
  'webhooks.whatsapp': { method: 'POST', path: '/webhooks/whatsapp', access: 'public', answer: Ack },
  'webhooks.sms': { method: 'POST', path: '/webhooks/sms', access: 'public', answer: Ack },

  'conversations.get': { method: 'GET', path: '/conversations/:id', access: 'messages.read', params: IdParams, answer: Conversation },
  'conversations.send': {
    method: 'POST', path: '/conversations/:id/send', access: 'messages.send', params: IdParams, body: ConversationSend, answer: ConversationMessage,
  },
  'whatsappTemplates.list': { method: 'GET', path: '/admin/whatsapp-templates', access: 'settings.manage', answer: z.object({ templates: z.array(WhatsappTemplate) }) },
  'whatsappTemplates.save': { method: 'POST', path: '/admin/whatsapp-templates', access: 'settings.manage', body: WhatsappTemplateInput, answer: WhatsappTemplate },
  'channelSettings.read': { method: 'GET', path: '/admin/messaging-channels', access: 'settings.manage', answer: ChannelSettingsView },
  'channelSettings.save': { method: 'PUT', path: '/admin/messaging-channels', access: 'settings.manage', body: ChannelSettingsInput, answer: ChannelSettingsView },
} as const;

/** Desktop methods: core passes each to its server route (src/main/core/messaging-channels.ts). */
export const messagingChannelMethods = {
  'conversations.get': { input: z.object({ id: z.uuid() }).strict(), output: Conversation },
  'conversations.send': { input: z.object({ id: z.uuid(), send: ConversationSend }).strict(), output: ConversationMessage },
  'admin.whatsappTemplates.list': { input: z.object({}).strict(), output: z.object({ templates: z.array(WhatsappTemplate) }) },
  'admin.whatsappTemplates.save': { input: WhatsappTemplateInput, output: WhatsappTemplate },
  'admin.channelSettings.get': { input: z.object({}).strict(), output: ChannelSettingsView },
  'admin.channelSettings.save': { input: ChannelSettingsInput, output: ChannelSettingsView },
} as const;

/** The {{n}} placeholders a template body has (its highest n). */
export function templateParamCount(body: string): number {
  let max = 0;
  for (const m of body.matchAll(/\{\{(\d{1,2})\}\}/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/** The template's text with the agent's values in, as the customer reads it (and the timeline keeps it). */
export function fillTemplate(body: string, params: readonly string[]): string {
  return body.replace(/\{\{(\d{1,2})\}\}/g, (whole, n: string) => params[Number(n) - 1] ?? whole);
}
