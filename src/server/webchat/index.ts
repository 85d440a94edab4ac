// Web chat and "call me" wired into one server (app.ts): the hub on the router's bus, the
// signer, the proof-of-work guard, the public endpoints and the agent's routes.
import { type FastifyInstance } from 'fastify';
import { type ContactCenter } from '../contact-center/contact-center.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { type MessagingContext } from '../messaging/send.js';
import { type ServerSettings } from '../settings/server-settings.js';
import { registerWebchatAgentRoutes } from './agent-routes.js';
import { createChatHub, type ChatHub } from './hub.js';
import { DEFAULT_WEBCHAT_LIMITS, type WebchatLimits } from './limits.js';
import { createPowGuard } from './pow.js';
import { registerWebchatPublicRoutes } from './public-routes.js';
import { createSigner } from './secret.js';
import { offerCobrowse, type WebchatDeps } from './service.js';

export interface WebchatOptions { limits?: Partial<WebchatLimits> }

export interface Webchat {
  hub: ChatHub;
  /** Browser sharing started from a chat: the code to the customer's widget (service.ts offerCobrowse). */
  offerCobrowse(userId: string, chatId: string, customerId: string, code: string): Promise<void>;
  /** Registers the public and the agent routes in the API scope. */
  register(api: FastifyInstance, register: RegisterRoute, messaging: MessagingContext): void;
}

export function createWebchat(db: Db, cc: ContactCenter, settings: ServerSettings, now: () => Date, options: WebchatOptions = {}): Webchat {
  const hub = createChatHub(cc.ctx.bus);
  const limits = { ...DEFAULT_WEBCHAT_LIMITS, ...options.limits };
  const signer = createSigner(db);
  const pow = createPowGuard(signer, { bits: limits.powBits, minFillMs: limits.minFillMs });
  let messaging: MessagingContext | null = null;
  const deps: WebchatDeps = { db, cc, hub, settings, messaging: () => messaging };
  return {
    hub,
    offerCobrowse: (userId, chatId, customerId, code) => offerCobrowse(deps, userId, chatId, customerId, code),
    register(api, register, m) {
      messaging = m;
      registerWebchatPublicRoutes(api, { ...deps, pow, limits, signer, now });
      registerWebchatAgentRoutes(register, deps);
    },
  };
}
