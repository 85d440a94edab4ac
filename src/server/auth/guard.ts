// preHandlers: `authenticate` resolves the bearer token; `requireRole` checks the role.
import { type FastifyReply, type FastifyRequest, type preHandlerAsyncHookHandler } from 'fastify';
import { type Role } from '../../shared/domain.js';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type Db } from '../db/db.js';
import { resolveSession } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    sessionUser?: SessionUser;
    sessionToken?: string;
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export function authenticate(db: Db): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(request);
    if (!token) throw new SapaError('UNAUTHENTICATED', 'Sign in first (no bearer token)');
    const user = await resolveSession(db, token);
    if (!user) throw new SapaError('UNAUTHENTICATED', 'Session expired or signed out');
    request.sessionUser = user;
    request.sessionToken = token;
  };
}

export function requireRole(...roles: Role[]): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const user = request.sessionUser;
    if (!user) throw new SapaError('UNAUTHENTICATED', 'Sign in first');
    if (!roles.includes(user.role)) {
      throw new SapaError('FORBIDDEN', `This needs the role ${roles.join(' or ')}`);
    }
  };
}

/** The signed-in user; only valid behind `authenticate`. */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.sessionUser) throw new SapaError('UNAUTHENTICATED', 'Sign in first');
  return request.sessionUser;
}
