// Append-only record of sensitive actions (logins, lock-outs, revoked sessions, imports).
import { type Db } from '../db/db.js';

export type AuditAction =
  | 'login' | 'login_failed' | 'locked_out' | 'logout' | 'sessions_revoked' | 'user_created'
  | 'import_started' | 'import_finished';

export async function audit(
  db: Db, action: AuditAction, actorId: string | null, subject: string | null, details?: Record<string, unknown>,
): Promise<void> {
  await db.query('INSERT INTO audit_log (action, actor_id, subject, details) VALUES ($1, $2, $3, $4::jsonb)', [
    action, actorId, subject, details === undefined ? null : JSON.stringify(details),
  ]);
}
