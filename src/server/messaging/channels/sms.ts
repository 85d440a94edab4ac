// SMS on our HTTP gateway. Outbound is the existing transport (POST JSON { to, text,
// reference } to the gateway URL, 2xx with { id }: ../transports.ts). Inbound and delivery
// reports come to POST /api/v1/webhooks/sms in this contract (docs/messaging-channels.md):
//   header  X-Sapa-Signature: sha256=<hex HMAC-SHA256 of the raw body with the shared secret>
//   body    { "messages": [{ "id": "gw-1", "from": "+62812…", "text": "…" }],
//             "reports":  [{ "id": "gw-2", "reference": "<our message id>", "status": "sent"|"delivered"|"failed", "error": "…" }] }
// Either list may be left out. A report names our message by the gateway's id or our reference.
import { SapaError } from '../../../shared/errors.js';
import { type Transports } from '../transports.js';
import {
  type InboundText, type MessagingChannel, type ParsedWebhook, type StatusUpdate, isObj, parseJsonBody, str,
} from './channel.js';
import { signatureMatches } from './signature.js';

const REPORT_STATUSES = new Set(['sent', 'delivered', 'failed']);

export function parseSmsWebhook(raw: Buffer): ParsedWebhook {
  const body = parseJsonBody(raw);
  if (!isObj(body) || (body.messages !== undefined && !Array.isArray(body.messages)) || (body.reports !== undefined && !Array.isArray(body.reports))) {
    throw new SapaError('INVALID_INPUT', 'Not an SMS gateway webhook', ['expected { messages?: [...], reports?: [...] }']);
  }
  const problems: string[] = [];
  const messages: InboundText[] = [];
  for (const [i, m] of ((body.messages as unknown[] | undefined) ?? []).entries()) {
    if (!isObj(m) || !str(m.id) || !str(m.from) || typeof m.text !== 'string') {
      problems.push(`messages[${i}]: needs id, from and text`);
      continue;
    }
    messages.push({ providerId: String(m.id).slice(0, 200), from: String(m.from).slice(0, 64), name: null, text: m.text });
  }
  const statuses: StatusUpdate[] = [];
  for (const [i, r] of ((body.reports as unknown[] | undefined) ?? []).entries()) {
    if (!isObj(r) || (!str(r.id) && !str(r.reference)) || !REPORT_STATUSES.has(String(r.status))) {
      problems.push(`reports[${i}]: needs id or reference, and status sent, delivered or failed`);
      continue;
    }
    statuses.push({
      providerId: str(r.id)?.slice(0, 200) ?? '', reference: str(r.reference)?.slice(0, 100) ?? null,
      status: r.status as StatusUpdate['status'], error: str(r.error)?.slice(0, 500) ?? null,
    });
  }
  if (problems.length > 0) throw new SapaError('INVALID_INPUT', 'The SMS webhook has malformed entries', problems);
  return { messages, statuses };
}

export function smsChannel(transports: Transports, inboundSecret: string | null): MessagingChannel {
  return {
    channel: 'sms',
    verifySignature: (raw, headers) => signatureMatches(headers['x-sapa-signature'], inboundSecret, raw),
    parseWebhook: parseSmsWebhook,
    sendText: (m) => transports.sms({ to: m.to, text: m.text, reference: m.reference }),
    // SMS has no approved templates: the filled-in text goes as it is.
    sendTemplate: (m) => transports.sms({ to: m.to, text: m.text, reference: m.reference }),
  };
}
