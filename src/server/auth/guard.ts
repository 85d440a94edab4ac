// preHandlers: `authenticate` resolves the bearer token; `requirePermission` asks the one
// permission table (src/shared/permissions.ts) whether the caller's role may do the action.
// Routes get both from their declared access in the route map (http/route.ts).
import { type FastifyReply, type FastifyRequest, type preHandlerAsyncHookHandler } from 'fastify';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type Action, can, rolesFor } from '../../shared/permissions.js';
import { type SignedOutReason } from '../../shared/sync.js';
import { type Db } from '../db/db.js';
import { type SessionCheck, sessionCheck } from './session-check.js';
import { refusalReason } from './sessions.js';

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

const REFUSAL_TEXT: Record<SignedOutReason | 'none', string> = {
  account_disabled: 'This account is disabled',
  password_reset: 'Signed out: the password was reset',
  sessions_revoked: 'Signed out: every session was ended',
  none: 'Session expired or signed out',
};

/** `sessions`: the server's session check (with its cache); absent → the database every time. */
export function authenticate(db: Db, sessions: SessionCheck = sessionCheck(db)): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(request);
    if (!token) throw new SapaError('UNAUTHENTICATED', 'Sign in first (no bearer token)');
    const user = await sessions.resolve(token);
    if (!user) {
      const reason = await refusalReason(db, token);
      throw new SapaError('UNAUTHENTICATED', REFUSAL_TEXT[reason ?? 'none'], reason ? { reason } : undefined);
    }
    request.sessionUser = user;
    request.sessionToken = token;
  };
}

/** FORBIDDEN unless `user`'s role may perform `action`. */
export function assertCan(user: SessionUser, action: Action): void {
  if (!can(user.role, action)) {
    throw new SapaError('FORBIDDEN', `This needs the role ${rolesFor(action).join(' or ')}`, { action });
  }
}

export function requirePermission(action: Action): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const user = request.sessionUser;
    if (!user) throw new SapaError('UNAUTHENTICATED', 'Sign in first');
    assertCan(user, action);
  };
}

/** The signed-in user; only valid behind `authenticate`. */
export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.sessionUser) throw new SapaError('UNAUTHENTICATED', 'Sign in first');
  return request.sessionUser;
}
