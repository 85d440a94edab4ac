// The database lock-out (migration 011, docs/security.md "Sign-in"). Two counters guard
// each account:
//   - per (account, client address): maxFailedLogins failures lock that pair only, so a
//     guesser at one address cannot lock the agent out at her own desk;
//   - per account: a higher maxFailedLoginsPerAccount across all addresses, against a
//     guesser spread over many addresses. One address never reaches it: its own pair
//     locks first, and a refused attempt does not count for the account.
// An attempt is *claimed* (counted) by one atomic upsert before the password is checked;
// the answer's count decides whether the password may be tried at all. Thirty parallel
// guesses therefore get counts 1…30 and only the first maxFailedLogins reach argon2 — no
// read-then-write window for them to slip through.
import { type Db } from '../db/db.js';

export type ThrottleScope = 'account' | `ip:${string}`;

export interface Claim {
  scope: ThrottleScope;
  /** Attempts counted in this window, this one included. */
  attempts: number;
  /** Set while the scope is locked. */
  lockedUntil: Date | null;
}

/**
 * Counts one attempt. A window older than `windowMs` (or a lock that has run out) starts a
 * fresh count; while locked the count stays as it is.
 */
export async function claimAttempt(db: Db, userId: string, scope: ThrottleScope, windowMs: number): Promise<Claim> {
  const [row] = await db.query<{ attempts: number; locked_until: Date | null }>(
    `INSERT INTO login_throttle AS t (user_id, scope, attempts, window_started_at) VALUES ($1, $2, 1, now())
     ON CONFLICT (user_id, scope) DO UPDATE SET
       attempts = CASE WHEN t.locked_until > now() THEN t.attempts
                       WHEN t.locked_until IS NOT NULL OR t.window_started_at <= now() - $3::bigint * interval '1 millisecond' THEN 1
                       ELSE t.attempts + 1 END,
       window_started_at = CASE WHEN t.locked_until > now() THEN t.window_started_at
                       WHEN t.locked_until IS NOT NULL OR t.window_started_at <= now() - $3::bigint * interval '1 millisecond' THEN now()
                       ELSE t.window_started_at END,
       locked_until = CASE WHEN t.locked_until > now() THEN t.locked_until END
     RETURNING attempts, locked_until`,
    [userId, scope, windowMs],
  );
  if (!row) throw new Error('login_throttle upsert returned no row');
  return { scope, attempts: row.attempts, lockedUntil: row.locked_until };
}

/**
 * Locks `scope` for `lockoutMs` unless it is locked already. `newly` is true for the one
 * caller that set the lock (it writes the audit entry); everyone gets the same `until`.
 */
export async function lockScope(
  db: Db, userId: string, scope: ThrottleScope, lockoutMs: number,
): Promise<{ until: Date; newly: boolean }> {
  const [set] = await db.query<{ locked_until: Date }>(
    `UPDATE login_throttle SET locked_until = now() + $3::bigint * interval '1 millisecond'
     WHERE user_id = $1 AND scope = $2 AND (locked_until IS NULL OR locked_until <= now())
     RETURNING locked_until`,
    [userId, scope, lockoutMs],
  );
  if (set) return { until: set.locked_until, newly: true };
  const [existing] = await db.query<{ locked_until: Date | null }>(
    'SELECT locked_until FROM login_throttle WHERE user_id = $1 AND scope = $2', [userId, scope]);
  return { until: existing?.locked_until ?? new Date(Date.now() + lockoutMs), newly: false };
}

/**
 * After the right password: this address starts afresh; the account counter only gives
 * back this attempt's claim, so a guesser elsewhere does not get a clean slate.
 */
export async function settleSuccess(db: Db, userId: string, ipScope: ThrottleScope): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE user_id = $1 AND scope = $2', [userId, ipScope]);
  await db.query(
    `UPDATE login_throttle SET attempts = GREATEST(attempts - 1, 0)
     WHERE user_id = $1 AND scope = 'account' AND (locked_until IS NULL OR locked_until <= now())`,
    [userId],
  );
}

export function ipScope(ip: string): ThrottleScope {
  return `ip:${ip}`;
}
