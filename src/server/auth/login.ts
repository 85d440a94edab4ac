// Password login with lock-out (login-throttle.ts). The answer never says whether the
// username exists. A hash made with older argon2 parameters is replaced on success.
import { SapaError } from '../../shared/errors.js';
import { type LoginRequest, type LoginResponse } from '../../shared/http.js';
import { type ServerConfig } from '../config.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { audit } from './audit.js';
import { type Claim, claimAttempt, ipScope, lockScope, settleSuccess } from './login-throttle.js';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';

interface UserRow {
  id: string; username: string; display_name: string; role: LoginResponse['user']['role']; password_hash: string;
  disabled_at: Date | null;
}

export type LoginPolicy = Pick<
  ServerConfig, 'sessionTtlMs' | 'maxFailedLogins' | 'maxFailedLoginsPerAccount' | 'lockoutMs' | 'argon2'
>;

export async function login(db: Db, req: LoginRequest, ip: string, policy: LoginPolicy): Promise<LoginResponse> {
  const [user] = await db.query<UserRow>(
    'SELECT id, username, display_name, role, password_hash, disabled_at FROM users WHERE username = $1', [req.username]);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), req.password);
    await audit(db, 'login_failed', null, req.username, { reason: 'unknown user' }, ip);
    throw badCredentials();
  }
  const scope = ipScope(ip);
  // This address first: a refused attempt here never counts against the account.
  const pair = await claimAttempt(db, user.id, scope, policy.lockoutMs);
  await refuseIfOver(db, user, pair, policy.maxFailedLogins, policy.lockoutMs, ip);
  const account = await claimAttempt(db, user.id, 'account', policy.lockoutMs);
  await refuseIfOver(db, user, account, policy.maxFailedLoginsPerAccount, policy.lockoutMs, ip);

  if (!(await verifyPassword(user.password_hash, req.password))) {
    await audit(db, 'login_failed', user.id, user.username, { attempts: pair.attempts, accountAttempts: account.attempts }, ip);
    // The last allowed guess locks at once (the answer says until when).
    if (pair.attempts >= policy.maxFailedLogins) throw await lock(db, user, scope, policy.lockoutMs, ip);
    if (account.attempts >= policy.maxFailedLoginsPerAccount) throw await lock(db, user, 'account', policy.lockoutMs, ip);
    throw badCredentials();
  }
  await settleSuccess(db, user.id, scope);
  // Said only after the right password, so the answer tells a guesser nothing.
  if (user.disabled_at) {
    await audit(db, 'login_failed', user.id, user.username, { reason: 'account disabled' }, ip);
    throw new SapaError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator');
  }
  if (needsRehash(user.password_hash, policy.argon2)) await rehash(db, user, req.password, policy);
  const session = await createSession(db, user.id, policy.sessionTtlMs);
  await audit(db, 'login', user.id, user.username, undefined, ip);
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role },
  };
}

/** LOCKED_OUT without trying the password when the scope is locked or over its count. */
async function refuseIfOver(db: Db, user: UserRow, claim: Claim, max: number, lockoutMs: number, ip: string): Promise<void> {
  if (claim.lockedUntil && claim.lockedUntil.getTime() > Date.now()) throw lockedOut(claim.lockedUntil);
  if (claim.attempts > max) throw await lock(db, user, claim.scope, lockoutMs, ip);
}

async function lock(db: Db, user: UserRow, scope: Claim['scope'], lockoutMs: number, ip: string): Promise<SapaError> {
  const { until, newly } = await lockScope(db, user.id, scope, lockoutMs);
  if (newly) {
    await audit(db, 'locked_out', user.id, user.username, {
      until: until.toISOString(), scope: scope === 'account' ? 'account' : 'address',
    }, ip);
  }
  return lockedOut(until);
}

/**
 * The hash is swapped only if nobody changed the password meanwhile. users is synced, so
 * the write takes the sync lock (the row's version moves; desktops never see the hash).
 */
async function rehash(db: Db, user: UserRow, password: string, policy: LoginPolicy): Promise<void> {
  const fresh = await hashPassword(password, policy.argon2);
  await withWriteTransaction(db, (tx) => tx.query(
    'UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash = $3', [user.id, fresh, user.password_hash]));
}

function badCredentials(): SapaError {
  return new SapaError('BAD_CREDENTIALS', 'Wrong username or password');
}

function lockedOut(until: Date): SapaError {
  return new SapaError('LOCKED_OUT', 'Too many failed logins; signing in is locked for a while', {
    until: until.toISOString(),
  });
}
