// Browser sharing's HTTP routes: the agent's request for a session (a code for the customer)
// and the customer-side script the company's site loads. The sockets are in relay.ts.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type FastifyInstance } from 'fastify';
import { SapaError } from '../../shared/errors.js';
import { type RegisterRoute } from '../http/route.js';
import { type Db } from '../db/db.js';
import { createSession } from './sessions.js';

/** Where `npm run build:cobrowse` (vite.cobrowse.config.ts) puts the script; SAPA_WIDGET_DIR overrides. */
export function widgetDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.SAPA_WIDGET_DIR ?? fileURLToPath(new URL('../../../out/widget/', import.meta.url));
}

/** Requests for a session per agent per minute: far above a real conversation's needs, a brake on a runaway client. */
const STARTS_PER_MINUTE = 20;

/** `offerToChat`: hands a new session's code to the customer's web chat (webchat/index.ts). */
export function registerCobrowseRoutes(
  api: FastifyInstance, register: RegisterRoute, db: Db, widgetDir: string,
  offerToChat?: (userId: string, chatId: string, customerId: string, code: string) => Promise<void>,
): void {
  const perAgent = api.createRateLimit({
    max: STARTS_PER_MINUTE, timeWindow: 60_000,
    keyGenerator: (request) => `cobrowse:${String(request.headers.authorization ?? request.ip)}`,
  });
  register('cobrowse.start', async ({ body, user, reply }) => {
    const state = await perAgent(reply.request);
    if (!state.isAllowed && state.isExceeded) {
      reply.header('retry-after', String(state.ttlInSeconds));
      throw new SapaError('RATE_LIMITED', 'Too many sharing requests; wait a moment', { retryAfterSeconds: state.ttlInSeconds });
    }
    const session = await createSession(db, user, body.customerId);
    if (body.chatId && offerToChat) await offerToChat(user.id, body.chatId, body.customerId, session.code);
    return session;
  });
  let script: Buffer | null = null;
  register('cobrowse.script', async ({ reply }) => {
    script ??= await readFile(`${widgetDir}/cobrowse.js`).catch(() => null);
    if (!script) throw new SapaError('NOT_FOUND', 'The browser sharing script is not built (npm run build:cobrowse)');
    // Any site may load the file; only the allowed origins may open a sharing socket (relay.ts).
    return reply.header('Content-Type', 'text/javascript; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('X-Content-Type-Options', 'nosniff')
      .send(script);
  });
}
