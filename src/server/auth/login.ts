// Password login with lock-out. The answer never says whether the username exists.
import { SapaError } from '../../shared/errors.js';
import { type LoginRequest, type LoginResponse } from '../../shared/http.js';
import { type ServerConfig } from '../config.js';
import { type Db } from '../db/db.js';
import { audit } from './audit.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';

interface UserWithState {
  id: string; username: string; display_name: string; role: LoginResponse['user']['role'];
  password_hash: string; failed_attempts: number | null; locked_until: Date | null;
}

type LoginPolicy = Pick<ServerConfig, 'sessionTtlMs' | 'maxFailedLogins' | 'lockoutMs'>;

export async function login(db: Db, req: LoginRequest, policy: LoginPolicy): Promise<LoginResponse> {
  const [user] = await db.query<UserWithState>(
    `SELECT u.id, u.username, u.display_name, u.role, u.password_hash, l.failed_attempts, l.locked_until
     FROM users u LEFT JOIN login_state l ON l.user_id = u.id WHERE u.username = $1`,
    [req.username],
  );
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), req.password);
    await audit(db, 'login_failed', null, req.username, { reason: 'unknown user' });
    throw new SapaError('BAD_CREDENTIALS', 'Wrong username or password');
  }
  if (user.locked_until && user.locked_until.getTime() > Date.now()) {
    throw lockedOut(user.locked_until);
  }
  if (!(await verifyPassword(user.password_hash, req.password))) {
    await recordFailure(db, user, policy);
    throw new SapaError('BAD_CREDENTIALS', 'Wrong username or password');
  }
  await db.query('DELETE FROM login_state WHERE user_id = $1', [user.id]);
  const session = await createSession(db, user.id, policy.sessionTtlMs);
  await audit(db, 'login', user.id, user.username);
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role },
  };
}

async function recordFailure(db: Db, user: UserWithState, policy: LoginPolicy): Promise<void> {
  // A lock-out that has run out starts a fresh count.
  const expired = user.locked_until !== null;
  const [state] = await db.query<{ failed_attempts: number }>(
    `INSERT INTO login_state (user_id, failed_attempts) VALUES ($1, 1)
     ON CONFLICT (user_id) DO UPDATE SET
       failed_attempts = CASE WHEN $2 THEN 1 ELSE login_state.failed_attempts + 1 END,
       locked_until = NULL
     RETURNING failed_attempts`,
    [user.id, expired],
  );
  await audit(db, 'login_failed', user.id, user.username, { attempts: state?.failed_attempts });
  if ((state?.failed_attempts ?? 0) >= policy.maxFailedLogins) {
    const until = new Date(Date.now() + policy.lockoutMs);
    await db.query('UPDATE login_state SET locked_until = $2 WHERE user_id = $1', [user.id, until]);
    await audit(db, 'locked_out', user.id, user.username, { until: until.toISOString() });
    throw lockedOut(until);
  }
}

function lockedOut(until: Date): SapaError {
  return new SapaError('LOCKED_OUT', 'Too many failed logins; the account is locked for a while', {
    until: until.toISOString(),
  });
}
