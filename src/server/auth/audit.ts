// Append-only record of sensitive actions: who (actor), what (action, subject, details),
// when (at) and from where (the client's address). Admins read it in the audit log screen
// (src/server/admin/audit-log.ts). Route-level changes are audited by the route registrar
// (src/server/http/route-audit.ts); the actions below are written by their domains
// (logins, imports, who heard which recording, recordings that failed their integrity
// check, retention purges).
import { type Db } from '../db/db.js';
import { type RouteName } from '../../shared/routes.js';

export type AuditAction =
  | 'login' | 'login_failed' | 'locked_out' | 'logout' | 'sessions_revoked' | 'user_created'
  // An admin set or cleared a user's e-mail address (where scheduled reports are mailed).
  | 'user_email_set'
  | 'import_started' | 'import_finished'
  | 'cache_wipe_ordered' | 'cache_wipe_delivered'
  // Customer data changed from a desktop (sync push): which fields, never their values.
  | 'customer_edited' | 'customer_created'
  | 'audit_exported'
  // Data minimisation (src/server/data-access/): subject = the customer id.
  | 'customer_opened_outside_scope' | 'customers_listed_outside_scope' | 'lookup_throttled'
  | 'lookup_flag_cleared' | 'data_access_changed'
  // Server settings (src/server/settings): details.keys = the settings changed.
  | 'server_settings_changed'
  // Recordings (src/server/recordings): subject = the recording id, details.ip = the caller.
  | 'recording_played' | 'recording_downloaded' | 'recording_integrity_failed' | 'recording_purged'
  // Listen, whisper, barge (src/server/floor/monitor.ts): subject = the session id, details.agentId and the mode(s).
  | 'monitor_started' | 'monitor_mode_changed' | 'monitor_ended'
  // Reports (src/server/reports): every export (subject = the report, details: period, format, rows) and mailed schedule.
  | 'report_exported' | 'report_drill_exported' | 'report_scheduled' | 'report_schedule_deleted' | 'report_mailed'
  // A change or export made through a route the registrar audits: the route's name.
  | RouteName;

export async function audit(
  db: Db, action: AuditAction, actorId: string | null, subject: string | null, details?: Record<string, unknown>,
  ip?: string | null,
): Promise<void> {
  await db.query('INSERT INTO audit_log (action, actor_id, subject, details, ip) VALUES ($1, $2, $3, $4::jsonb, $5)', [
    action, actorId, subject, details === undefined ? null : JSON.stringify(details), ip ?? null,
  ]);
}
