// auth.login, auth.logout, auth.me (src/shared/routes.ts).
import { type ServerConfig } from '../config.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { audit } from './audit.js';
import { login } from './login.js';
import { revokeSession } from './sessions.js';

export interface AuthHooks {
  /** After a sign-out (the SIP credentials of the user's extension are revoked there). */
  signedOut?(userId: string): Promise<void>;
}

export function registerAuthRoutes(register: RegisterRoute, db: Db, config: ServerConfig, hooks: AuthHooks = {}): void {
  register('auth.login', async ({ body }) => login(db, body, config));
  register('auth.logout', async ({ user, request }) => {
    if (request.sessionToken) await revokeSession(db, request.sessionToken);
    await hooks.signedOut?.(user.id);
    await audit(db, 'logout', user.id, user.username);
    return { ok: true as const };
  });
  register('auth.me', async ({ user }) => ({ user }));
}
