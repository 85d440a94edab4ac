// /sip/credentials (any signed-in user), /admin/agents/extensions and
// /admin/agents/:id/extension (admin): who is which extension and how they register.
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { SetExtensionRequest, type SipCredentials } from '../../shared/softphone.js';
import { authenticate, currentUser, requireRole } from '../auth/guard.js';
import { type Db } from '../db/db.js';
import { parseInput } from '../http/validate.js';
import { type SipConfig } from './config.js';
import { ephemeralCredentials } from './ephemeral.js';
import { ensureExtension, listExtensions, setExtension } from './extensions.js';

const IdParams = z.object({ id: z.uuid() });

export function registerSipRoutes(app: FastifyInstance, db: Db, config: SipConfig): void {
  const auth = authenticate(db);
  app.get('/sip/credentials', { preHandler: auth }, async (request): Promise<SipCredentials> => {
    const user = currentUser(request);
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
  const admin = [auth, requireRole('admin')];
  app.get('/admin/agents/extensions', { preHandler: admin }, async () => ({ agents: await listExtensions(db) }));
  app.put('/admin/agents/:id/extension', { preHandler: admin }, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'user id');
    const { extension } = parseInput(SetExtensionRequest, request.body, 'extension');
    return setExtension(db, id, extension);
  });
}
