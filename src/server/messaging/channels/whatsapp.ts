// WhatsApp through Meta's WhatsApp Business Cloud API, in its documented formats:
//  - webhooks: POST with X-Hub-Signature-256 = "sha256=" + HMAC-SHA256(app secret, raw body);
//    body { object: "whatsapp_business_account", entry: [{ id, changes: [{ field: "messages",
//    value: { messaging_product, metadata: { phone_number_id }, contacts: [{ profile: { name }, wa_id }],
//    messages: [{ from, id, timestamp, type, text: { body } }], statuses: [{ id, status, timestamp,
//    recipient_id, errors: [{ code, title }] }] } }] }] }
//  - sending: POST {base}/{version}/{phone-number-id}/messages, bearer token, JSON
//    { messaging_product: "whatsapp", recipient_type: "individual", to, type: "text", text: { preview_url: false, body } }
//    or type "template" with template: { name, language: { code }, components: [{ type: "body", parameters: [{ type: "text", text }] }] };
//    the answer { messages: [{ id: "wamid…" }] }, an error { error: { message, code } }.
// The base URL is a setting, so tests point it at a local stand-in that speaks this format.
import { SapaError } from '../../../shared/errors.js';
import {
  type InboundText, type MessagingChannel, type Obj, type ParsedWebhook, type StatusUpdate, arr, isObj, parseJsonBody, str,
} from './channel.js';
import { type WhatsappSettings } from './settings.js';
import { signatureMatches } from './signature.js';

const SEND_TIMEOUT_MS = 15_000;
const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);


/** What an agent sees of a message type we do not show (an image, a location …). */
function textOf(m: Obj): string {
  if (m.type === 'text' && isObj(m.text)) return str(m.text.body) ?? '';
  if (m.type === 'button' && isObj(m.button)) return str(m.button.text) ?? '';
  if (m.type === 'interactive' && isObj(m.interactive)) {
    const reply = isObj(m.interactive.button_reply) ? m.interactive.button_reply : isObj(m.interactive.list_reply) ? m.interactive.list_reply : null;
    if (reply) return str(reply.title) ?? '';
  }
  const caption = isObj(m[String(m.type)]) ? str((m[String(m.type)] as Obj).caption) : null;
  return `[${String(m.type ?? 'unknown').slice(0, 30)}]${caption ? ` ${caption}` : ''}`;
}

export function parseWhatsappWebhook(raw: Buffer): ParsedWebhook {
  const body = parseJsonBody(raw);
  if (!isObj(body) || body.object !== 'whatsapp_business_account' || !Array.isArray(body.entry)) {
    throw new SapaError('INVALID_INPUT', 'Not a WhatsApp Business Account webhook', ['object: expected "whatsapp_business_account" with entry[]']);
  }
  const messages: InboundText[] = [];
  const statuses: StatusUpdate[] = [];
  for (const entry of arr(body.entry)) {
    if (!isObj(entry)) continue;
    for (const change of arr(entry.changes)) {
      if (!isObj(change) || change.field !== 'messages' || !isObj(change.value)) continue;
      const value = change.value;
      const names = new Map<string, string>();
      for (const c of arr(value.contacts)) {
        if (isObj(c) && str(c.wa_id) && isObj(c.profile) && str(c.profile.name)) names.set(String(c.wa_id), String(c.profile.name));
      }
      for (const m of arr(value.messages)) {
        if (!isObj(m) || !str(m.id) || !str(m.from)) continue;
        const from = String(m.from);
        messages.push({ providerId: String(m.id).slice(0, 200), from, name: names.get(from)?.slice(0, 200) ?? null, text: textOf(m) });
      }
      for (const s of arr(value.statuses)) {
        if (!isObj(s) || !str(s.id) || !STATUSES.has(String(s.status))) continue;
        const error = arr(s.errors).find(isObj);
        statuses.push({
          providerId: String(s.id).slice(0, 200), reference: null, status: s.status as StatusUpdate['status'],
          error: error ? `${String(error.code ?? '')} ${String(error.title ?? error.message ?? '')}`.trim().slice(0, 500) : null,
        });
      }
    }
  }
  return { messages, statuses };
}

/** WhatsApp numbers are digits with the country code, no "+". */
const waNumber = (e164: string): string => e164.replace(/^\+/, '');

export function whatsappChannel(settings: WhatsappSettings): MessagingChannel {
  const post = async (payload: Obj): Promise<{ providerId: string }> => {
    if (!settings.phoneNumberId || !settings.accessToken) {
      throw new Error('WhatsApp is not configured (phone number id and access token: docs/messaging-channels.md)');
    }
    const url = `${settings.graphBaseUrl.replace(/\/+$/, '')}/${settings.apiVersion}/${settings.phoneNumberId}/messages`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.accessToken}` },
      body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...payload }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    const text = await response.text();
    const answer = parseJsonBody(Buffer.from(text));
    if (!response.ok) {
      const error = isObj(answer) && isObj(answer.error) ? answer.error : null;
      throw new Error(`WhatsApp answered ${response.status}${error ? `: ${String(error.code ?? '')} ${String(error.message ?? '')}` : ''}`.slice(0, 500));
    }
    const first = isObj(answer) ? arr(answer.messages).find(isObj) : undefined;
    const id = first ? str(first.id) : null;
    if (!id) throw new Error('WhatsApp accepted the request but gave no message id');
    return { providerId: id };
  };
  return {
    channel: 'whatsapp',
    verifySignature: (raw, headers) => signatureMatches(headers['x-hub-signature-256'], settings.appSecret, raw),
    parseWebhook: parseWhatsappWebhook,
    sendText: (m) => post({ to: waNumber(m.to), type: 'text', text: { preview_url: false, body: m.text } }),
    sendTemplate: (m) => post({
      to: waNumber(m.to), type: 'template',
      template: {
        name: m.name, language: { code: m.language },
        ...(m.params.length > 0 ? { components: [{ type: 'body', parameters: m.params.map((text) => ({ type: 'text', text })) }] } : {}),
      },
    }),
  };
}
