// A local stand-in for Meta's WhatsApp Business Cloud API (the real one cannot be reached
// from here), speaking its documented formats: it takes POST /{version}/{phone-number-id}/messages
// with a bearer token and answers { messaging_product, contacts, messages: [{ id: "wamid…" }] },
// refusing a wrong token or a body without messaging_product "whatsapp" as Meta does
// ({ error: { message, type, code } }). It records every request. Beside it, the webhook
// bodies Meta sends, and their X-Hub-Signature-256.
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';

export interface GraphRequest { path: string; authorization: string | undefined; body: Record<string, unknown> }

export interface WhatsappStandIn {
  /** The base URL to configure as graphBaseUrl (no version). */
  url: string;
  requests: GraphRequest[];
  close(): Promise<void>;
}

export const STAND_IN_PHONE_ID = '109876543210987';
export const STAND_IN_TOKEN = 'EAAG-stand-in-token-0123456789';

export async function startWhatsappStandIn(): Promise<WhatsappStandIn> {
  const stand: WhatsappStandIn = { url: '', requests: [], close: async () => undefined };
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const fail = (status: number, message: string, code: number) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message, type: 'OAuthException', code } }));
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        fail(400, 'Invalid JSON', 100);
        return;
      }
      stand.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
      if (req.method !== 'POST' || !new RegExp(`^/v\\d+\\.\\d+/${STAND_IN_PHONE_ID}/messages$`).test(req.url ?? '')) {
        fail(404, 'Unknown path', 803);
        return;
      }
      if (req.headers.authorization !== `Bearer ${STAND_IN_TOKEN}`) {
        fail(401, 'Invalid OAuth access token', 190);
        return;
      }
      if (body.messaging_product !== 'whatsapp' || typeof body.to !== 'string' || !['text', 'template'].includes(String(body.type))) {
        fail(400, '(#100) Invalid parameter', 100);
        return;
      }
      const id = `wamid.HBgN${String(stand.requests.length).padStart(6, '0')}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
        messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }],
      }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  stand.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  stand.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return stand;
}

/** Meta's webhook envelope around one `messages` change value. */
function envelope(value: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{
      id: '102290129340398',
      changes: [{
        field: 'messages',
        value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '6221500123', phone_number_id: STAND_IN_PHONE_ID }, ...value },
      }],
    }],
  });
}

/** Meta's webhook body for one inbound text message. */
export function inboundWebhook(m: { from: string; id: string; text: string; name?: string; timestamp?: number }): string {
  return envelope({
    contacts: [{ profile: { name: m.name ?? 'Pelanggan' }, wa_id: m.from }],
    messages: [{ from: m.from, id: m.id, timestamp: String(m.timestamp ?? Math.floor(Date.now() / 1000)), type: 'text', text: { body: m.text } }],
  });
}

/** Meta's webhook body for one status of a message we sent. */
export function statusWebhook(s: { id: string; status: 'sent' | 'delivered' | 'read' | 'failed'; to: string; error?: { code: number; title: string } }): string {
  return envelope({
    statuses: [{
      id: s.id, status: s.status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: s.to,
      ...(s.error ? { errors: [{ code: s.error.code, title: s.error.title }] } : {}),
    }],
  });
}

/** X-Hub-Signature-256 (and our SMS gateway's X-Sapa-Signature): sha256=HMAC-SHA256(secret, raw body). */
export function signature(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
