// The disposition codes a call may end with: the dispositions table (migration 014, kept on
// the Organisation screen; it replaced the SAPA_DISPOSITIONS variable), served at
// GET /calls/dispositions with their labels in both languages, and the check a saved call's
// disposition must pass.
import { SapaError } from '../../shared/errors.js';
import { type DispositionRow } from '../../shared/org.js';
import { DEFAULT_DISPOSITIONS } from '../../shared/softphone.js';
import { type Db } from '../db/db.js';

interface Row {
  code: string; label_id: string; label_en: string; needs_follow_up: boolean; position: number; active: boolean;
  disabled_at: Date | null;
}
export const DISPOSITION_COLUMNS = 'code, label_id, label_en, needs_follow_up, position, active, disabled_at';

export function toDisposition(r: Row): DispositionRow {
  return { code: r.code, labelId: r.label_id, labelEn: r.label_en, needsFollowUp: r.needs_follow_up, position: r.position, active: r.active };
}

/** The active dispositions in wrap-up order. */
export async function activeDispositions(db: Db): Promise<DispositionRow[]> {
  const rows = await db.query<Row>(`SELECT ${DISPOSITION_COLUMNS} FROM dispositions WHERE active ORDER BY position, code`);
  return rows.map(toDisposition);
}

export interface KnownDisposition { active: boolean; disabledAt: Date | null }

/**
 * Whether a call that ended at `endedAt` may carry `code`, given its row (undefined: not in
 * the table). An active row: yes. A disabled one: only for a call that ended before it was
 * disabled (a wrap-up saved while it was still offered, pushed later by a desktop that was
 * offline). No row: only a code of the built-in list, because a desktop that never reached
 * the server offers that list (softphone.dispositions in core), and its wrap-up must not be
 * refused for good when it is finally pushed.
 */
export function dispositionAllowed(code: string, row: KnownDisposition | undefined, endedAt: Date): boolean {
  if (row) return row.active || (row.disabledAt !== null && endedAt.getTime() < row.disabledAt.getTime());
  return (DEFAULT_DISPOSITIONS as readonly string[]).includes(code);
}

export async function requireKnownDisposition(db: Db, code: string, endedAt: Date): Promise<void> {
  const [row] = await db.query<Row>(`SELECT ${DISPOSITION_COLUMNS} FROM dispositions WHERE code = $1`, [code]);
  const known = row ? { active: row.active, disabledAt: row.disabled_at ? new Date(row.disabled_at) : null } : undefined;
  if (dispositionAllowed(code, known, endedAt)) return;
  const offered = (await activeDispositions(db)).map((d) => d.code);
  throw new SapaError('INVALID_INPUT', row ? `Disposition "${code}" is disabled` : `Unknown disposition "${code}"`,
    [`disposition: one of ${offered.join(', ')}`]);
}
