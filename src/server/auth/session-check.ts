// The session check every authenticated route runs (guard.ts): from the session cache when
// it holds the token, else one PostgreSQL round trip whose answer the cache keeps.
import { type SessionUser } from '../../shared/http.js';
import { type Db } from '../db/db.js';
import { type SessionCache } from './session-cache.js';
import { hashToken, lookupSession } from './sessions.js';

export interface SessionCheck {
  resolve(token: string): Promise<SessionUser | null>;
}

export function sessionCheck(db: Db, cache?: SessionCache): SessionCheck {
  return {
    async resolve(token) {
      const tokenHash = hashToken(token);
      const cached = cache?.get(tokenHash);
      if (cached) return cached;
      const epoch = cache?.epoch() ?? 0;
      const session = await lookupSession(db, tokenHash);
      if (!session) return null;
      cache?.put(tokenHash, session, epoch);
      return session.user;
    },
  };
}
