// Append-only record of sensitive actions (logins, lock-outs, imports, who heard which
// recording from where, recordings that failed their integrity check, retention purges).
import { type Db } from '../db/db.js';

export type AuditAction =
  | 'login' | 'login_failed' | 'locked_out' | 'logout' | 'import_started' | 'import_finished'
  // Recordings (src/server/recordings): subject = the recording id, details.ip = the caller.
  | 'recording_played' | 'recording_downloaded' | 'recording_integrity_failed' | 'recording_purged';

export async function audit(
  db: Db, action: AuditAction, actorId: string | null, subject: string | null, details?: Record<string, unknown>,
): Promise<void> {
  await db.query('INSERT INTO audit_log (action, actor_id, subject, details) VALUES ($1, $2, $3, $4::jsonb)', [
    action, actorId, subject, details === undefined ? null : JSON.stringify(details),
  ]);
}
