// Opaque bearer tokens: the client gets 32 random bytes, the database keeps only their
// sha256, so a leaked sessions table cannot be replayed.
import { hash, randomBytes } from 'node:crypto';
import { type SessionUser } from '../../shared/http.js';
import { SIGNED_OUT_REASONS, type SignedOutReason } from '../../shared/sync.js';
import { type Db } from '../db/db.js';
import { type LiveSession } from './session-cache.js';

/** Runs on every request (the session cache's key): the one-shot hash, several times cheaper than createHash. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

export async function createSession(db: Db, userId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs);
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
    hashToken(token), userId, expiresAt,
  ]);
  return { token, expiresAt };
}

/**
 * The user behind a live token, or null when unknown, revoked or expired, or when the user
 * is disabled (disabling revokes every session too; this holds even for one started in a race).
 */
export async function resolveSession(db: Db, token: string): Promise<SessionUser | null> {
  return (await lookupSession(db, hashToken(token)))?.user ?? null;
}

/** resolveSession by the token's hash, with the session's expiry (what the session cache keeps). */
export async function lookupSession(db: Db, tokenHash: string): Promise<LiveSession | null> {
  const [row] = await db.query<{ id: string; username: string; display_name: string; role: SessionUser['role']; expires_at: Date }>(
    `SELECT u.id, u.username, u.display_name, u.role, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [tokenHash],
  );
  return row
    ? { user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role }, expiresAtMs: new Date(row.expires_at).getTime() }
    : null;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
}

/** Revokes every live session of `userId` ("sign out everywhere"); answers how many. */
/** Ends every live session of a user, keeping why (the 401 of each token says it: refusalReason). */
export async function revokeAllSessions(db: Db, userId: string, reason: SignedOutReason | null = null): Promise<number> {
  const rows = await db.query<{ token_hash: string }>(
    `UPDATE sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
     RETURNING token_hash`,
    [userId, reason],
  );
  return rows.length;
}

/**
 * Why a token that resolveSession refused is refused, when the desktop should say so: its
 * user was disabled, or someone ended the session with a reason (a password reset, sign
 * out everywhere). The 401 carries it, so a desktop whose request beat the live socket's
 * `signed_out`, or whose socket is on another server instance, still shows the reason.
 * Null otherwise (expired, signed out here, unknown).
 */
export async function refusalReason(db: Db, token: string): Promise<SignedOutReason | null> {
  const [row] = await db.query<{ disabled: boolean; revoked_reason: string | null }>(
    `SELECT u.disabled_at IS NOT NULL AS disabled, s.revoked_reason FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
    [hashToken(token)],
  );
  if (row?.disabled) return 'account_disabled';
  return SIGNED_OUT_REASONS.find((r) => r === row?.revoked_reason) ?? null;
}
