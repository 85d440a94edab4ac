// auth.login, auth.logout, auth.me, sign out everywhere (own and, for admins, anyone's);
// see src/shared/routes.ts. The login route carries the failed-sign-in budgets (rate-limit.ts).
import { type FastifyInstance } from 'fastify';
import { SapaError } from '../../shared/errors.js';
import { type ServerConfig } from '../config.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { type LiveHub } from '../live/live-hub.js';
import { audit } from './audit.js';
import { login } from './login.js';
import { loginBudgets } from './rate-limit.js';
import { revokeSession } from './sessions.js';
import { signOutEverywhere } from './sign-out-everywhere.js';

export interface AuthHooks {
  /** After a sign-out, or all sessions revoked (the SIP credentials of the user's extension are revoked there). */
  signedOut?(userId: string): Promise<void>;
  /** Live sockets checked their token once, at hello: revoking all sessions closes this instance's ones. */
  live?: Pick<LiveHub, 'disconnectUser'>;
  /** Waits until every instance's session cache has dropped a revoked session (auth/revocation-channel.ts). */
  sessions?: { settle(): Promise<void> };
}

export function registerAuthRoutes(
  api: FastifyInstance, register: RegisterRoute, db: Db, config: ServerConfig, hooks: AuthHooks = {},
): void {
  const budgets = loginBudgets(api, config);
  register('auth.login', async ({ body, request }) => {
    try {
      return await login(db, body, request.ip, config);
    } catch (error) {
      if (error instanceof SapaError && (error.code === 'BAD_CREDENTIALS' || error.code === 'LOCKED_OUT')) {
        await budgets.spend(request);
      }
      throw error;
    }
  }, budgets.hooks);
  register('auth.logout', async ({ user, request }) => {
    if (request.sessionToken) await revokeSession(db, request.sessionToken);
    await hooks.sessions?.settle();
    await hooks.signedOut?.(user.id);
    await audit(db, 'logout', user.id, user.username, undefined, request.ip);
    return { ok: true as const };
  });
  register('auth.me', async ({ user }) => ({ user }));

  /** Every session of `userId` ends: tokens, this instance's live sockets, SIP credentials. */
  const everywhere = signOutEverywhere(db, hooks);
  register('auth.revokeMySessions', async ({ user, request }) => {
    const revoked = await everywhere(user.id, 'sessions_revoked');
    await audit(db, 'sessions_revoked', user.id, user.username, { revoked, by: 'self' }, request.ip);
    return { revoked };
  });
  register('users.revokeSessions', async ({ user, params: { id }, request }) => {
    const [target] = await db.query<{ username: string }>('SELECT username FROM users WHERE id = $1', [id]);
    if (!target) throw new SapaError('NOT_FOUND', `No user ${id}`);
    const revoked = await everywhere(id, 'sessions_revoked');
    await audit(db, 'sessions_revoked', user.id, target.username, { revoked, by: 'admin', userId: id }, request.ip);
    return { revoked };
  });
}
