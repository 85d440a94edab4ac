// audit.list (GET /admin/audit) and audit.export (GET /admin/audit/export.csv): the audit
// log for admins, newest first, filtered by action, actor, subject and days; the export is
// audited itself and its cells are safe to open in a spreadsheet.
import { stringify } from 'csv-stringify';
import { type AuditEntry, AUDIT_EXPORT_MAX_ROWS, type AuditPage } from '../../shared/audit.js';
import { type Db, type SqlParam } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { spreadsheetSafe } from '../http/spreadsheet-safe.js';
import { iso } from '../db/timestamps.js';

interface Filters { action?: string; actor?: string; subject?: string; from?: string; to?: string; before?: number }

interface AuditRow {
  id: number; at: Date; actor_id: string | null; actor_name: string | null; action: string;
  subject: string | null; details: Record<string, unknown> | null; ip: string | null;
}

function where(f: Filters): { sql: string; params: SqlParam[] } {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  const add = (clause: (n: string) => string, value: SqlParam) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (f.action) add((n) => `a.action = ${n}`, f.action);
  if (f.actor) add((n) => `u.username = ${n}`, f.actor);
  // A literal substring: the admin's % and _ are not wildcards.
  if (f.subject) add((n) => `strpos(a.subject, ${n}) > 0`, f.subject);
  if (f.from) add((n) => `a.at >= ${n}::date`, f.from);
  if (f.to) add((n) => `a.at < ${n}::date + 1`, f.to);
  if (f.before) add((n) => `a.id < ${n}`, f.before);
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

async function readEntries(db: Db, filters: Filters, limit: number): Promise<AuditEntry[]> {
  const { sql, params } = where(filters);
  const rows = await db.query<AuditRow>(
    `SELECT a.id, a.at, a.actor_id, u.username AS actor_name, a.action, a.subject, a.details, a.ip
       FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
       ${sql} ORDER BY a.id DESC LIMIT ${limit}`, params);
  return rows.map((r) => ({
    id: r.id, at: iso(r.at), actorId: r.actor_id, actorName: r.actor_name, action: r.action,
    subject: r.subject, details: r.details, ip: r.ip,
  }));
}

export function registerAuditRoutes(register: RegisterRoute, db: Db): void {
  register('audit.list', async ({ query }): Promise<AuditPage> => {
    const entries = await readEntries(db, query, query.limit + 1);
    const page = entries.slice(0, query.limit);
    return { entries: page, nextBefore: entries.length > query.limit ? (page.at(-1)?.id ?? null) : null };
  });

  register('audit.export', async ({ query, reply }) => {
    const entries = await readEntries(db, query, AUDIT_EXPORT_MAX_ROWS);
    const csv = stringify({ header: true, columns: ['id', 'at', 'actor', 'action', 'subject', 'ip', 'details'] });
    for (const e of entries) {
      csv.write([e.id, e.at, e.actorName ?? '', e.action, e.subject ?? '', e.ip ?? '', e.details ? JSON.stringify(e.details) : '']
        .map((cell) => spreadsheetSafe(String(cell))));
    }
    csv.end();
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`)
      .send(csv);
  });
}
