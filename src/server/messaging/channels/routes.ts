// Routes of the messaging channels: the webhooks (webhooks.ts) and, through the route map,
// an agent's conversation and answer, the admins' templates and channel settings.
import { type FastifyInstance } from 'fastify';
import { type RouterContext } from '../../contact-center/context.js';
import { type Db } from '../../db/db.js';
import { type RegisterRoute } from '../../http/route.js';
import { type Transports } from '../transports.js';
import { type ChannelContext } from './context.js';
import { sendOnConversation } from './send.js';
import { channelSettingsFromEnv, channelSettingsStore, type ChannelSettings } from './settings.js';
import { listTemplates, saveTemplate } from './templates.js';
import { conversationView } from './view.js';
import { registerWebhooks } from './webhooks.js';

export interface ChannelRouteOptions {
  db: Db; router: RouterContext; transports: Transports;
  /** Absent: from the environment (settings.ts). */
  settings?: ChannelSettings;
  queueCode?: string;
}

export function registerMessagingChannelRoutes(api: FastifyInstance, register: RegisterRoute, o: ChannelRouteOptions): ChannelContext {
  const ctx: ChannelContext = {
    db: o.db, clock: o.router.clock, settings: channelSettingsStore(o.db, o.settings ?? channelSettingsFromEnv()),
    transports: o.transports, router: o.router, queueCode: o.queueCode ?? 'general',
  };
  registerWebhooks(api, ctx, api.log);
  register('conversations.get', async ({ params }) => conversationView(ctx, params.id));
  register('conversations.send', async ({ params, body, user }) => sendOnConversation(ctx, user, params.id, body), { bodyLimit: 256 * 1024 });
  register('whatsappTemplates.list', async () => ({ templates: await listTemplates(o.db) }));
  register('whatsappTemplates.save', async ({ body }) => saveTemplate(o.db, body));
  register('channelSettings.read', async () => ctx.settings.view());
  register('channelSettings.save', async ({ body }) => ctx.settings.save(body));
  return ctx;
}
