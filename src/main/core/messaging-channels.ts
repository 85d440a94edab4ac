// conversations.get / conversations.send and the admins' WhatsApp templates and channel
// settings: SMS and WhatsApp conversations live on the server (the provider's webhooks
// arrive there), so each is one call; the timeline entries reach the cache by the sync pull.
import { type messagingChannelMethods } from '../../shared/messaging-channels.js';
import { type HandlerMap } from './context.js';

export const messagingChannelHandlers: HandlerMap<keyof typeof messagingChannelMethods> = {
  'conversations.get': ({ id }, ctx) => ctx.server.call('conversations.get', { params: { id } }, { token: ctx.requireSession().token }),
  'conversations.send': ({ id, send }, ctx) =>
    ctx.server.call('conversations.send', { params: { id }, body: send }, { token: ctx.requireSession().token }),
  'admin.whatsappTemplates.list': (_input, ctx) => ctx.server.call('whatsappTemplates.list', {}, { token: ctx.requireSession().token }),
  'admin.whatsappTemplates.save': (body, ctx) => ctx.server.call('whatsappTemplates.save', { body }, { token: ctx.requireSession().token }),
  'admin.channelSettings.get': (_input, ctx) => ctx.server.call('channelSettings.read', {}, { token: ctx.requireSession().token }),
  'admin.channelSettings.save': (body, ctx) => ctx.server.call('channelSettings.save', { body }, { token: ctx.requireSession().token }),
};
