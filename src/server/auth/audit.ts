// Append-only record of sensitive actions (logins, lock-outs, imports, customers looked up
// outside the working set, data-access settings). `details.ip` says from where, when known.
import { type Db } from '../db/db.js';

export type AuditAction =
  | 'login' | 'login_failed' | 'locked_out' | 'logout' | 'import_started' | 'import_finished'
  // Data minimisation (src/server/data-access/): subject = the customer id.
  | 'customer_opened_outside_scope' | 'customers_listed_outside_scope' | 'lookup_throttled'
  | 'lookup_flag_cleared' | 'data_access_changed';

export async function audit(
  db: Db, action: AuditAction, actorId: string | null, subject: string | null, details?: Record<string, unknown>,
): Promise<void> {
  await db.query('INSERT INTO audit_log (action, actor_id, subject, details) VALUES ($1, $2, $3, $4::jsonb)', [
    action, actorId, subject, details === undefined ? null : JSON.stringify(details),
  ]);
}
