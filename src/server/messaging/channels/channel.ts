// The one adapter interface every messaging channel implements (SMS on our HTTP gateway,
// WhatsApp on the Business Cloud API): check a webhook's signature, read it into normalised
// inbound messages and delivery-status updates, send a text or an approved template. The
// conversation logic (conversations.ts, send.ts) speaks only this interface.
import { type ConversationChannel } from '../../../shared/messaging-channels.js';

export interface InboundText {
  /** The provider's message id (WhatsApp wamid, the gateway's id): a redelivery repeats it. */
  providerId: string;
  /** The sender's number as the provider wrote it (normalised to E.164 by the caller). */
  from: string;
  /** The sender's profile name, when the provider gives one. */
  name: string | null;
  text: string;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface StatusUpdate {
  /** The provider's id of our outbound message. */
  providerId: string;
  /** Our own message id, when the provider echoes it (the SMS gateway's `reference`). */
  reference: string | null;
  status: DeliveryStatus;
  error: string | null;
}

export interface ParsedWebhook { messages: InboundText[]; statuses: StatusUpdate[] }

export interface OutboundText { to: string; text: string; reference: string }
export interface OutboundTemplate { to: string; name: string; language: string; params: readonly string[]; text: string; reference: string }

export interface MessagingChannel {
  readonly channel: ConversationChannel;
  /** True when the raw body carries a valid signature of this channel's secret. */
  verifySignature(raw: Buffer, headers: Record<string, string | string[] | undefined>): boolean;
  /** Throws SapaError INVALID_INPUT on a body that is not this channel's webhook format. */
  parseWebhook(raw: Buffer): ParsedWebhook;
  sendText(message: OutboundText): Promise<{ providerId: string }>;
  sendTemplate(message: OutboundTemplate): Promise<{ providerId: string }>;
}

/** Small readers of untrusted webhook JSON (both adapters). */
export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A webhook's JSON, or undefined when it is not JSON. */
export function parseJsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
