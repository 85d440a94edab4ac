// /auth/login, /auth/logout, /auth/me
import { type FastifyInstance } from 'fastify';
import { LoginRequest } from '../../shared/http.js';
import { type ServerConfig } from '../config.js';
import { type Db } from '../db/db.js';
import { parseInput } from '../http/validate.js';
import { audit } from './audit.js';
import { authenticate, currentUser } from './guard.js';
import { login } from './login.js';
import { revokeSession } from './sessions.js';

export function registerAuthRoutes(app: FastifyInstance, db: Db, config: ServerConfig): void {
  app.post('/auth/login', async (request) => {
    const body = parseInput(LoginRequest, request.body, 'login');
    return login(db, body, config);
  });
  app.post('/auth/logout', { preHandler: authenticate(db) }, async (request) => {
    const user = currentUser(request);
    if (request.sessionToken) await revokeSession(db, request.sessionToken);
    await audit(db, 'logout', user.id, user.username);
    return { ok: true };
  });
  app.get('/auth/me', { preHandler: authenticate(db) }, async (request) => ({ user: currentUser(request) }));
}
