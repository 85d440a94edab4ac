// chat.*: web chats are online only (the customer is waiting on the site), so core passes
// each call to the server (src/shared/webchat-routes.ts) with a short timeout.
import { type CoreContext, type HandlerMap } from '../context.js';

const TIMEOUT_MS = 5_000;
const auth = (ctx: CoreContext) => ({ token: ctx.requireSession().token, timeoutMs: TIMEOUT_MS });

type WebchatMethod =
  | 'chat.mine' | 'chat.take' | 'chat.conversation' | 'chat.send' | 'chat.typing' | 'chat.read' | 'chat.transfer'
  | 'chat.transferTargets' | 'chat.end' | 'replies.setPublicFaq' | 'replies.publicFaqIds';

export const webchatHandlers: HandlerMap<WebchatMethod> = {
  'chat.mine': (_input, ctx) => ctx.server.call('chat.mine', {}, auth(ctx)),
  'chat.take': (body, ctx) => ctx.server.call('chat.take', { body }, auth(ctx)),
  'chat.conversation': ({ id }, ctx) => ctx.server.call('chat.conversation', { params: { id } }, auth(ctx)),
  'chat.send': ({ id, ...body }, ctx) => ctx.server.call('chat.send', { params: { id }, body }, auth(ctx)),
  'chat.typing': ({ id }, ctx) => ctx.server.call('chat.typing', { params: { id } }, auth(ctx)),
  'chat.read': ({ id, seq }, ctx) => ctx.server.call('chat.read', { params: { id }, body: { seq } }, auth(ctx)),
  'chat.transfer': ({ id, to }, ctx) => ctx.server.call('chat.transfer', { params: { id }, body: to }, auth(ctx)),
  'chat.transferTargets': (_input, ctx) => ctx.server.call('chat.transferTargets', {}, auth(ctx)),
  'chat.end': ({ id, mailTranscript }, ctx) => ctx.server.call('chat.end', { params: { id }, body: { mailTranscript } }, auth(ctx)),
  'replies.setPublicFaq': ({ id, public: on }, ctx) => ctx.server.call('replies.setPublicFaq', { params: { id }, body: { public: on } }, auth(ctx)),
  'replies.publicFaqIds': (_input, ctx) => ctx.server.call('replies.publicFaqIds', {}, auth(ctx)),
};
