// sip.credentials (anyone who handles calls), extensions.list and extensions.set (users.manage):
// who is which extension and how they register. Moving an extension revokes the
// credentials of the number the user leaves and of the number they get (whoever held it
// before): docs/decisions/0010.
import { SapaError } from '../../shared/errors.js';
import { type SipCredentials } from '../../shared/softphone.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { type ServerSettings } from '../settings/server-settings.js';
import { proxiesForSite, type SipConfig } from './config.js';
import { ephemeralCredentials } from './ephemeral.js';
import { ensureExtension, extensionOf, listExtensions, setExtension } from './extensions.js';
import { issueExpiry } from './revocation.js';
import { type SipRevoker } from './revoker.js';

/** `settings`: the proxy list and SIP domain in force (an admin may change them at run time). */
export function registerSipRoutes(register: RegisterRoute, db: Db, config: SipConfig, revoker: SipRevoker, settings: ServerSettings): void {
  register('sip.credentials', async ({ user }): Promise<SipCredentials> => {
    if (!config.secret) throw new SapaError('NOT_FOUND', 'SIP is not configured on this server (SAPA_SIP_SECRET)');
    const extension = await ensureExtension(db, user.id);
    const expiresAtS = await issueExpiry(db, extension, Math.floor(Date.now() / 1000) + config.credentialTtlS);
    const expiresAtMs = expiresAtS * 1000;
    const { username, password } = ephemeralCredentials(config.secret, extension, expiresAtMs);
    const { sipDomain, sipWsUrls } = await settings.effective();
    // The agent's site is their branch's (branches.site_code): its proxies come first.
    const [site] = await db.query<{ site_code: string | null }>(
      'SELECT b.site_code FROM users u JOIN branches b ON b.code = u.branch WHERE u.id = $1', [user.id]);
    return {
      extension, authUsername: username, password, domain: sipDomain, wsUrls: proxiesForSite(sipWsUrls, config.proxySites, site?.site_code ?? null),
      expiresAt: new Date(expiresAtMs).toISOString(), displayName: user.displayName,
      recordCalls: config.recordRoles.includes(user.role),
    };
  });
  register('extensions.list', async () => ({ agents: await listExtensions(db) }));
  register('extensions.set', async ({ params, body }) => {
    const before = await extensionOf(db, params.id);
    const after = await setExtension(db, params.id, body.extension);
    if (before !== body.extension) {
      if (before) await revoker.revoke(before, 'extension moved away');
      await revoker.revoke(body.extension, 'extension assigned');
    }
    return after;
  });
}
