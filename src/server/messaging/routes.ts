// Messaging routes: send, retry, a customer's messages, the inbound inbox with its SLA
// figures, assigning unmatched mail, and the SLA settings (admin). Also starts the SMTP
// ingress when a port is configured, and stops it with the server.
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AssignRequest, SendRequest, repliesPaths, type InboxResponse } from '../../shared/replies/messages.js';
import { SlaSettings, workingMinutesBetween } from '../../shared/replies/sla.js';
import { authenticate, currentUser, requireRole } from '../auth/guard.js';
import { type Db } from '../db/db.js';
import { parseInput } from '../http/validate.js';
import { type MessagingConfig } from './config.js';
import { assignInbound, loadSla, saveSla, toInbound, type InboundRow } from './inbound.js';
import { toOutbound, type OutboundRow } from './outbound-store.js';
import { retryMessage, sendMessage, type MessagingContext } from './send.js';
import { startSmtpIngress, type SmtpIngress } from './smtp-ingress.js';
import { createTransports } from './transports.js';

const IdParams = z.object({ id: z.uuid() });
// The composed template may be long; 100 kB bodies must get TOO_LARGE from us, not a 413 page.
const SEND_BODY_LIMIT = 1024 * 1024;

export function registerMessagingRoutes(app: FastifyInstance, db: Db, config: MessagingConfig): MessagingContext {
  const ctx: MessagingContext = { db, transports: createTransports(config), config };
  const auth = authenticate(db);
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

  app.post(repliesPaths.send, { preHandler: auth, bodyLimit: SEND_BODY_LIMIT }, async (request) =>
    sendMessage(ctx, currentUser(request), parseInput(SendRequest, request.body, 'message')));

  app.post('/messages/:id/retry', { preHandler: auth }, async (request) =>
    retryMessage(ctx, parseInput(IdParams, request.params, 'message id').id));

  app.get('/customers/:id/messages', { preHandler: auth }, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'customer id');
    const outbound = await db.query<OutboundRow>(
      'SELECT * FROM outbound_messages WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 100', [id]);
    const inbound = await db.query<InboundRow>(
      'SELECT * FROM inbound_messages WHERE customer_id = $1 ORDER BY received_at DESC LIMIT 100', [id]);
    return { outbound: outbound.map(toOutbound), inbound: inbound.map(toInbound) };
  });

  app.get(repliesPaths.inbox, { preHandler: auth }, async (): Promise<InboxResponse> => {
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

  app.post('/messages/inbound/:id/assign', { preHandler: auth }, async (request) =>
    assignInbound(db, parseInput(IdParams, request.params, 'message id').id,
      parseInput(AssignRequest, request.body, 'assignment').customerId));

  app.get('/admin/sla', { preHandler: auth }, async () => loadSla(db));
  app.put('/admin/sla', { preHandler: [auth, requireRole('admin')] }, async (request) => {
    const settings = parseInput(SlaSettings, request.body, 'SLA settings');
    await saveSla(db, settings);
    return settings;
  });
  return ctx;
}
