// The endpoints the public widget reaches (no agent session): under /api/v1/webchat/.
// Every one checks the page's Origin against the admins' allowed sites (403 otherwise, and
// no CORS headers, so a foreign page's script cannot read an answer), spends the caller's
// per-address budget, validates its input with zod, and keeps to its size limits. The one
// exception is the call-me cancel page, opened from an SMS: its signed token is its key.
import cors from '@fastify/cors';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { CallMeRequest, type ChatMessage, ChatRead, ChatText, StartChatRequest, type WidgetConfig } from '../../shared/webchat.js';
import { STATUS_BY_CODE } from '../http/errors.js';
import { parseInput } from '../http/validate.js';
import { cancelCallMe, cancelPage, callMeSlots, requestCallMe, type CallMeDeps } from './callme.js';
import { publicFaq } from './faq.js';
import { type WebchatLimits, windowCounter } from './limits.js';
import { type PowGuard } from './pow.js';
import { endChat, post, sendOtp, startChat, verifyOtp, type WebchatDeps } from './service.js';
import { conversationByToken, conversationIdCache, customerView, fileOf, messagesOf, type ConversationRow } from './store.js';

const ALLOWED_MIME = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);
const STREAM_HEARTBEAT_MS = 20_000;
const ORIGINS_TTL_MS = 2_000;

export interface PublicDeps extends WebchatDeps, CallMeDeps {
  pow: PowGuard;
  limits: WebchatLimits;
}

function bearer(request: FastifyRequest): string {
  const h = request.headers.authorization;
  const token = h?.startsWith('Bearer ') ? h.slice(7) : (request.query as { token?: unknown } | undefined)?.token;
  if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw new SapaError('UNAUTHENTICATED', 'A conversation token is needed');
  return token;
}

function tooMany(reply: FastifyReply, seconds: number, what: string): never {
  reply.header('retry-after', String(seconds));
  throw new SapaError('RATE_LIMITED', `Too many ${what}; wait a moment`, { retryAfterSeconds: seconds });
}

export function registerWebchatPublicRoutes(api: FastifyInstance, d: PublicDeps): void {
  let origins: { list: Set<string>; until: number } | null = null;
  const allowedOrigins = async (): Promise<Set<string>> => {
    if (origins && origins.until > Date.now()) return origins.list;
    const { widgetOrigins } = await d.settings.effective();
    origins = { list: new Set(widgetOrigins), until: Date.now() + ORIGINS_TTL_MS };
    return origins.list;
  };
  const perIp = windowCounter(d.limits.requestsPerIpPerMin);
  const startsPerIp = windowCounter(d.limits.startsPerIpPerMin);
  const messagesPerChat = windowCounter(d.limits.messagesPerConversationPerMin);
  const typingPerChat = windowCounter(d.limits.typingPerConversationPerMin);

  // The cancel page from the SMS: no origin (a phone's browser), its token is the key.
  void api.register(async (open) => {
    open.get('/webchat/callme/cancel', async (request, reply) => {
      const t = parseInput(z.object({ t: z.string().min(10).max(500) }), request.query, 'query');
      return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
        .send(await cancelPage(d, t.t, false));
    });
    open.post('/webchat/callme/cancel', async (request, reply) => {
      const t = parseInput(z.object({ t: z.string().min(10).max(500) }), request.body, 'body');
      await cancelCallMe(d, t.t);
      return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(await cancelPage(d, t.t, true));
    });
    // A form post from the cancel page.
    if (!open.hasContentTypeParser('application/x-www-form-urlencoded')) open.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 2_000 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
  });

  void api.register(async (pub) => {
    // Origin first: a page not on the list is refused before anything else is read.
    pub.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (!origin || !(await allowedOrigins()).has(origin)) {
        return reply.status(STATUS_BY_CODE.FORBIDDEN).send({ code: 'FORBIDDEN', message: 'This web site may not use the Sapa chat widget' });
      }
      const wait = perIp.hit(request.ip);
      if (wait) tooMany(reply, wait, 'requests from this address');
      return undefined;
    });
    await pub.register(cors, {
      // Only reached for allowed origins (the hook above answered the others).
      origin: (origin, cb) => cb(null, origin ?? false),
      methods: ['GET', 'POST'],
      allowedHeaders: ['content-type', 'authorization', 'x-file-name', 'last-event-id'],
      maxAge: 600,
    });
    if (pub.hasContentTypeParser('application/octet-stream')) pub.removeContentTypeParser('application/octet-stream');
    pub.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

    const conversation = async (request: FastifyRequest): Promise<ConversationRow> => conversationByToken(d.db, bearer(request));
    const conversationIds = conversationIdCache(d.db);
    const originOf = (request: FastifyRequest) => request.headers.origin ?? '';

    pub.get('/webchat/config', async (): Promise<WidgetConfig> => {
      const s = await d.settings.effective();
      const { slots, openNow } = await callMeSlots(d);
      return { uploadMaxBytes: s.widgetUploadMaxBytes, powBits: d.limits.powBits, minFillMs: d.limits.minFillMs, challenge: await d.pow.challenge(), slots, openNow };
    });

    pub.get('/webchat/faq', async (request) => {
      const q = parseInput(z.object({ lang: z.enum(['id', 'en']), q: z.string().trim().max(100).optional() }), request.query, 'query');
      return { entries: await publicFaq(d.db, q.lang, q.q ?? '') };
    });

    pub.post('/webchat/conversations', { bodyLimit: 8_000 }, async (request, reply) => {
      const wait = startsPerIp.hit(request.ip);
      if (wait) tooMany(reply, wait, 'chats started from this address');
      const body = parseInput(StartChatRequest, request.body, 'body');
      await d.pow.check(body.pow, body.website);
      const started = await startChat(d, body, originOf(request));
      return reply.status(201).send(started);
    });

    pub.get('/webchat/conversation', async (request) => customerView(d.db, await conversation(request)));

    pub.post('/webchat/messages', { bodyLimit: 16_000 }, async (request, reply) => {
      // The hot path: the token's conversation from memory, then one statement (store.ts).
      const id = await conversationIds.idOf(bearer(request));
      const wait = messagesPerChat.hit(id);
      if (wait) tooMany(reply, wait, 'messages in this chat');
      const body = parseInput(z.object({ body: ChatText }).strict(), request.body, 'body');
      return reply.status(201).send(await post(d, id, { author: 'customer', body: body.body }, 'customer'));
    });

    pub.post('/webchat/files', async (request, reply) => {
      const c = await conversation(request);
      const wait = messagesPerChat.hit(c.id);
      if (wait) tooMany(reply, wait, 'messages in this chat');
      const max = (await d.settings.effective()).widgetUploadMaxBytes;
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new SapaError('INVALID_INPUT', 'Send the file as application/octet-stream', ['body: empty']);
      if (bytes.length > max) throw new SapaError('TOO_LARGE', `Files up to ${Math.floor(max / 1024)} KB`, { max });
      // The type by the content, never by the name or the header the browser sent.
      const sniffed = await fileTypeFromBuffer(bytes);
      if (!sniffed || !ALLOWED_MIME.has(sniffed.mime)) {
        throw new SapaError('INVALID_INPUT', 'Only images (PNG, JPEG, GIF, WebP) and PDF files', [`file: content is ${sniffed?.mime ?? 'not a known type'}`]);
      }
      const rawName = String(request.headers['x-file-name'] ?? 'file');
      let name = 'file';
      try { name = decodeURIComponent(rawName); } catch { /* a malformed name: keep the default */ }
      name = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 120) || 'file';
      const message = await post(d, c.id, { author: 'customer', body: name, file: { mime: sniffed.mime, name, bytes } }, 'customer');
      return reply.status(201).send(message);
    });

    pub.get('/webchat/files/:id', async (request, reply) => {
      const c = await conversation(request);
      const { id } = parseInput(z.object({ id: z.uuid() }), request.params, 'params');
      const f = await fileOf(d.db, c.id, id);
      return reply.type(f.mime).header('content-disposition', `inline; filename="${encodeURIComponent(f.name)}"`)
        .header('x-content-type-options', 'nosniff').send(f.bytes);
    });

    pub.post('/webchat/typing', async (request, reply) => {
      const c = await conversation(request);
      if (typingPerChat.hit(c.id)) return reply.status(202).send({ ok: true });
      d.hub.changed(c.id, 'typing', 'customer', { agentId: c.agent_id });
      return { ok: true };
    });

    pub.post('/webchat/read', async (request) => {
      const c = await conversation(request);
      const { seq } = parseInput(ChatRead, request.body, 'body');
      await d.db.query('UPDATE webchat_conversations SET customer_read_seq = GREATEST(customer_read_seq, $2) WHERE id = $1', [c.id, seq]);
      d.hub.changed(c.id, 'read', 'customer', { agentId: c.agent_id });
      return { ok: true };
    });

    pub.post('/webchat/end', async (request) => {
      const c = await conversation(request);
      const { mailTranscript } = parseInput(z.object({ mailTranscript: z.boolean().default(false) }).strict(), request.body ?? {}, 'body');
      return endChat(d, c, 'customer', mailTranscript);
    });

    pub.post('/webchat/otp/send', async (request, reply) => {
      const c = await conversation(request);
      const wait = startsPerIp.hit(`otp:${c.id}`);
      if (wait) tooMany(reply, wait, 'codes for this chat');
      return sendOtp(d, c);
    });
    pub.post('/webchat/otp/verify', async (request) => {
      const c = await conversation(request);
      const { code } = parseInput(z.object({ code: z.string().regex(/^\d{6}$/) }).strict(), request.body, 'body');
      return verifyOtp(d, c, code);
    });

    pub.post('/webchat/callme', { bodyLimit: 8_000 }, async (request, reply) => {
      const wait = startsPerIp.hit(request.ip);
      if (wait) tooMany(reply, wait, 'requests from this address');
      const body = parseInput(CallMeRequest, request.body, 'body');
      await d.pow.check(body.pow, body.website);
      const base = `${request.protocol}://${request.host}`;
      return reply.status(201).send(await requestCallMe(d, body, originOf(request), base));
    });

    // Server-sent events: the conversation's new messages (id = seq, so a reconnecting
    // EventSource resumes after the last one it saw), typing, read marks, status changes.
    pub.get('/webchat/stream', async (request, reply) => {
      const c = await conversation(request);
      const q = request.query as { after?: unknown };
      const lastId = Number(request.headers['last-event-id'] ?? q.after ?? 0);
      let sent = Number.isFinite(lastId) && lastId >= 0 ? Math.floor(lastId) : 0;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let busy: Promise<void> = Promise.resolve();
      let closed = false;
      const write = (text: string) => { if (!closed) raw.write(text); };
      const writeMessage = (m: ChatMessage) => {
        write(`id: ${m.seq}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`);
        sent = m.seq;
      };
      // The hub hands over the new message: written as is when it is the next one (the hot
      // path, no query); read from the database when one is missing before it (a message
      // too large for the bus, or one committed in between) or when none came along.
      const flushMessages = (next?: ChatMessage) => {
        busy = busy.then(async () => {
          if (closed || (next && next.seq <= sent)) return;
          if (next && next.seq === sent + 1) { writeMessage(next); return; }
          for (const m of await messagesOf(d.db, c.id, sent)) writeMessage(m);
        }).catch((err: unknown) => request.log.warn({ err }, 'webchat stream'));
      };
      const status = () => {
        busy = busy.then(async () => {
          const fresh = await conversationByToken(d.db, bearer(request));
          const view = await customerView(d.db, { ...fresh });
          write(`event: status\ndata: ${JSON.stringify({ status: view.status, agentName: view.agentName, verified: view.verified, agentReadSeq: view.agentReadSeq })}\n\n`);
        }).catch((err: unknown) => request.log.warn({ err }, 'webchat stream'));
      };
      const stop = d.hub.listen(c.id, (what, by, message, code) => {
        if (what === 'closed') { end(); raw.end(); return; }
        // The agent started browser sharing from the chat: the widget loads cobrowse.js with this code (no typing it).
        if (what === 'cobrowse') { if (code) write(`event: cobrowse\ndata: ${JSON.stringify({ code })}\n\n`); return; }
        if (what === 'message') flushMessages(message);
        else if (what === 'typing' && by === 'agent') write('event: typing\ndata: {}\n\n');
        else if (what === 'read' || what === 'status') status();
      });
      write('retry: 2000\n\n');
      flushMessages();
      status();
      const beat = setInterval(() => write(': ping\n\n'), STREAM_HEARTBEAT_MS);
      const end = () => {
        if (closed) return;
        closed = true;
        clearInterval(beat);
        stop();
      };
      raw.on('close', end);
      raw.on('error', end);
    });
  });
}
