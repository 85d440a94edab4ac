// HTTP bodies of the reply library and of messaging (server ↔ core); the routes are in ../routes.ts.
import { z } from 'zod';
import { Timestamp } from '../domain.js';
import { ParagraphInput, ParagraphRevision, ReplyParagraph, SendChannel } from './schemas.js';

export const SaveParagraphRequest = ParagraphInput.extend({
  /** Edits only: the revision the lead started from (a stale one is refused with CONFLICT). */
  baseRevision: z.number().int().positive().optional(),
  /** Approve in the same step (leads and admins). */
  approve: z.boolean().default(false),
});
export type SaveParagraphRequest = z.infer<typeof SaveParagraphRequest>;

export const RevisionsResponse = z.object({ revisions: z.array(ParagraphRevision) });

export const SendRequest = z.object({
  customerId: z.uuid(),
  channel: SendChannel,
  /** E-mail address or E.164 number; must be one of the customer's (chat: ignored). */
  to: z.string().min(1).max(254),
  subject: z.string().max(300).optional(),
  /** The composed template ({{…}} still in it); the server renders it again. */
  template: z.string().min(1),
  blanks: z.record(z.string().max(40), z.string().max(2_000)).default({}),
  paragraphIds: z.array(z.uuid()).max(50).default([]),
  caseId: z.uuid().nullable().default(null),
  orderId: z.uuid().nullable().default(null),
  /** The text the agent saw; the server refuses to send anything else (CONFLICT). */
  previewText: z.string(),
  /** Answering this inbound e-mail (threads the reply, stops its SLA clock). */
  inboundId: z.uuid().optional(),
  /**
   * Made by the client before the first attempt and kept for every repeat of the same send
   * (timeout, failover to another server, second click): the server sends once per key.
   */
  idempotencyKey: z.uuid(),
});
export type SendRequest = z.infer<typeof SendRequest>;

/** messages.retry: a new key per retry the agent asks for; repeats of that retry keep it. */
export const RetryRequest = z.object({ idempotencyKey: z.uuid() });
export type RetryRequest = z.infer<typeof RetryRequest>;

export const MessageStatus = z.enum(['queued', 'sent', 'failed']);
export const OutboundMessage = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  channel: SendChannel,
  to: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  paragraphIds: z.array(z.uuid()),
  status: MessageStatus,
  error: z.string().nullable(),
  attempts: z.number().int(),
  interactionId: z.uuid(),
  autoAck: z.boolean(),
  createdAt: Timestamp,
  sentAt: Timestamp.nullable(),
});
export type OutboundMessage = z.infer<typeof OutboundMessage>;

export const InboundMessage = z.object({
  id: z.uuid(),
  customerId: z.uuid().nullable(),
  from: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  receivedAt: Timestamp,
  /** Response due (working time); compare with answeredAt or now. */
  dueAt: Timestamp,
  answeredAt: Timestamp.nullable(),
  /**
   * SPF/DKIM/DMARC at arrival: 'pass' = the sender's domain vouches for it; 'fail' = its own
   * records say it did not send it (forged or altered); 'none' = could not be checked.
   * Anything but 'pass' is shown as "sender not verified".
   */
  authVerdict: z.enum(['pass', 'fail', 'none']),
  /** e.g. "spf=fail dkim=none dmarc=fail". */
  authSummary: z.string().nullable(),
  /** The agent who took it (an accepted e-mail task): only they may answer it. */
  ownerId: z.uuid().nullable().default(null),
  /** The mail's event in the customer's timeline (null while unmatched): a case made from it links to it. */
  interactionId: z.uuid().nullable().default(null),
});
export type InboundMessage = z.infer<typeof InboundMessage>;

export const CustomerMessagesResponse = z.object({
  outbound: z.array(OutboundMessage),
  inbound: z.array(InboundMessage),
});
export type CustomerMessagesResponse = z.infer<typeof CustomerMessagesResponse>;

export const InboxResponse = z.object({
  open: z.array(InboundMessage),
  /** Share answered within target over the last 30 days (null when nothing arrived). */
  withinTargetRatio: z.number().nullable(),
  targetRatio: z.number(),
  targetMinutes: z.number().int(),
});
export type InboxResponse = z.infer<typeof InboxResponse>;

export const AssignRequest = z.object({ customerId: z.uuid() });
export const ParagraphResponse = ReplyParagraph;
