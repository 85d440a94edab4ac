// sip.credentials (anyone who handles calls), extensions.list and extensions.set (users.manage):
// who is which extension and how they register.
import { SapaError } from '../../shared/errors.js';
import { type SipCredentials } from '../../shared/softphone.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { type SipConfig } from './config.js';
import { ephemeralCredentials } from './ephemeral.js';
import { ensureExtension, listExtensions, setExtension } from './extensions.js';

export function registerSipRoutes(register: RegisterRoute, db: Db, config: SipConfig): void {
  register('sip.credentials', async ({ user }): Promise<SipCredentials> => {
    if (!config.secret) throw new SapaError('NOT_FOUND', 'SIP is not configured on this server (SAPA_SIP_SECRET)');
    const extension = await ensureExtension(db, user.id);
    const expiresAtMs = Date.now() + config.credentialTtlS * 1000;
    const { username, password } = ephemeralCredentials(config.secret, extension, expiresAtMs);
    return {
      extension, authUsername: username, password, domain: config.domain, wsUrls: config.wsUrls,
      expiresAt: new Date(expiresAtMs).toISOString(), displayName: user.displayName,
      recordCalls: config.recordRoles.includes(user.role),
    };
  });
  register('extensions.list', async () => ({ agents: await listExtensions(db) }));
  register('extensions.set', async ({ params, body }) => setExtension(db, params.id, body.extension));
}
