// The providers' webhooks, registered by hand in a scope of their own: the body is kept as
// raw bytes (the signature is over exactly those), limited in size, and checked on every
// request before it is parsed or anything is written. A forged or missing signature is 401
// and changes nothing; a signed body that is not the channel's format is 400.
//   GET  /api/v1/webhooks/whatsapp   Meta's subscription check (hub.mode, hub.verify_token, hub.challenge)
//   POST /api/v1/webhooks/whatsapp   messages and statuses (X-Hub-Signature-256)
//   POST /api/v1/webhooks/sms        our gateway's inbound messages and delivery reports (X-Sapa-Signature)
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type ConversationChannel } from '../../../shared/messaging-channels.js';
import { ROUTES } from '../../../shared/routes.js';
import { adapterFor, type ChannelContext } from './context.js';
import { applyStatus, receiveInbound } from './conversations.js';
import { sameSecret } from './signature.js';

/** Meta sends a few KB per delivery; 1 MiB leaves room for batches and refuses floods of bytes. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;
/** Per sending address; Meta and a gateway send far fewer, a flood is cut off. */
const RATE = { max: 1200, timeWindow: '1 minute' };

const path = (name: 'webhooks.whatsapp' | 'webhooks.sms' | 'webhooks.whatsappVerify') => ROUTES[name].path;

export function registerWebhooks(api: FastifyInstance, ctx: ChannelContext, log: FastifyInstance['log']): void {
  void api.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.get(path('webhooks.whatsappVerify'), { config: { rateLimit: RATE } }, async (request, reply) => {
      const q = request.query as Record<string, unknown>;
      const { whatsapp } = await ctx.settings.effective();
      if (q['hub.mode'] !== 'subscribe' || !sameSecret(q['hub.verify_token'], whatsapp.verifyToken)) {
        return reply.status(403).send({ code: 'FORBIDDEN', message: 'The verify token does not match this server\'s' });
      }
      const challenge = q['hub.challenge'];
      // Echoed back as plain text; anything but Meta's token-like challenge is refused, not reflected.
      if (typeof challenge !== 'string' || !/^[A-Za-z0-9_.-]{1,200}$/.test(challenge)) {
        return reply.status(400).send({ code: 'INVALID_INPUT', message: 'hub.challenge is missing or malformed' });
      }
      return reply.type('text/plain; charset=utf-8').send(challenge);
    });

    const receive = (channel: ConversationChannel) => async (request: FastifyRequest, reply: FastifyReply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const adapter = await adapterFor(ctx, channel);
      if (!adapter.verifySignature(raw, request.headers)) {
        return reply.status(401).send({ code: 'UNAUTHENTICATED', message: 'The webhook signature is missing or wrong' });
      }
      const parsed = adapter.parseWebhook(raw);
      let received = 0;
      for (const m of parsed.messages) {
        const result = await receiveInbound(ctx, channel, m);
        if (result.refused) log.warn({ channel, reason: result.refused }, 'inbound message refused');
        else if (!result.duplicate) received += 1;
      }
      for (const s of parsed.statuses) await applyStatus(ctx, channel, s);
      return reply.send({ ok: true, received });
    };
    scope.post(path('webhooks.whatsapp'), { config: { rateLimit: RATE }, bodyLimit: WEBHOOK_BODY_LIMIT }, receive('whatsapp'));
    scope.post(path('webhooks.sms'), { config: { rateLimit: RATE }, bodyLimit: WEBHOOK_BODY_LIMIT }, receive('sms'));
  });
}
