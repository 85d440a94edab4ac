// Messaging routes: send, retry, a customer's messages, the inbound inbox with its SLA
// figures, assigning unmatched mail, and the SLA settings (admin). Also starts the SMTP
// ingress when a port is configured, and stops it with the server.
import { type FastifyInstance } from 'fastify';
import { type InboxResponse } from '../../shared/replies/messages.js';
import { SapaError } from '../../shared/errors.js';
import { slaProblems, workingMinutesBetween } from '../../shared/replies/sla.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { type MessagingConfig } from './config.js';
import { assignInbound, loadSla, saveSla, toInbound, type InboundRow } from './inbound.js';
import { toOutbound, type OutboundRow } from './outbound-store.js';
import { retryMessage, sendMessage, type MessagingContext } from './send.js';
import { takeInbound } from './take-inbound.js';
import { startSmtpIngress, type SmtpIngress } from './smtp-ingress.js';
import { type ServerSettings } from '../settings/server-settings.js';
import { createTransports } from './transports.js';

// The composed template may be long; 100 kB bodies must get TOO_LARGE from us, not a 413 page.
const SEND_BODY_LIMIT = 1024 * 1024;

/** `settings`: the server settings an admin changes at run time (SMTP relay, sender, SMS gateway, auto-ack). */
export function registerMessagingRoutes(
  app: FastifyInstance, register: RegisterRoute, db: Db, config: MessagingConfig, settings: ServerSettings,
): MessagingContext {
  const live = async (): Promise<MessagingConfig> => {
    const s = await settings.effective();
    return {
      ...config, smtpUrl: settings.smtpUrl(s), mailFrom: s.mailFrom, smsGatewayUrl: s.smsGatewayUrl,
      autoAck: s.autoAck, autoAckPerSenderPerDay: s.autoAckPerSenderPerDay,
    };
  };
  const ctx: MessagingContext = { db, transports: createTransports(config, live), config, live };
  let ingress: SmtpIngress | null = null;
  if (config.ingressPort !== null) {
    const port = config.ingressPort;
    app.addHook('onReady', async () => {
      ingress = await startSmtpIngress(ctx, config.ingressHost, port, app.log);
      app.log.info({ port: ingress.port }, 'SMTP ingress listening');
    });
  }
  app.addHook('onClose', async () => {
    await ingress?.close();
    ctx.transports.close();
  });

  register('messages.send', async ({ body, user }) => sendMessage(ctx, user, body), { bodyLimit: SEND_BODY_LIMIT });

  register('messages.retry', async ({ params, body, user }) => retryMessage(ctx, user, params.id, body.idempotencyKey));

  register('customers.messages', async ({ params: { id } }) => {
    const outbound = await db.query<OutboundRow>(
      'SELECT * FROM outbound_messages WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 100', [id]);
    const inbound = await db.query<InboundRow>(
      'SELECT * FROM inbound_messages WHERE customer_id = $1 ORDER BY received_at DESC LIMIT 100', [id]);
    return { outbound: outbound.map(toOutbound), inbound: inbound.map(toInbound) };
  });

  register('messages.inbox', async (): Promise<InboxResponse> => {
    const sla = await loadSla(db);
    const open = await db.query<InboundRow>(
      'SELECT * FROM inbound_messages WHERE answered_at IS NULL ORDER BY due_at LIMIT 200');
    const recent = await db.query<{ received_at: Date; answered_at: Date | null }>(
      `SELECT received_at, answered_at FROM inbound_messages WHERE received_at > now() - interval '30 days'`);
    const now = new Date();
    const within = recent.filter((r) =>
      workingMinutesBetween(new Date(r.received_at), r.answered_at ? new Date(r.answered_at) : now, sla) <= sla.targetMinutes);
    return {
      open: open.map(toInbound),
      withinTargetRatio: recent.length === 0 ? null : within.length / recent.length,
      targetRatio: sla.targetRatio, targetMinutes: sla.targetMinutes,
    };
  });

  register('messages.assign', async ({ params, body }) => assignInbound(db, params.id, body.customerId));
  register('messages.take', async ({ params, user }) => takeInbound(db, params.id, user.id));

  register('sla.read', async () => loadSla(db));
  register('sla.save', async ({ body }) => {
    const problems = slaProblems(body);
    if (problems.length > 0) throw new SapaError('INVALID_INPUT', 'These SLA settings cannot run a clock', problems);
    await saveSla(db, body);
    return body;
  });
  return ctx;
}
