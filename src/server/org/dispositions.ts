// Dispositions on the Organisation screen: codes with labels in both languages, which need
// a follow-up call-back, their order in the wrap-up panel, and active. A code that calls
// already carry is disabled rather than deleted (the delete is a 409); disabling records
// when, so a wrap-up of an earlier call pushed late is still accepted (calls/dispositions.ts).
import { SapaError } from '../../shared/errors.js';
import { type RegisterRoute } from '../http/route.js';
import { type Db } from '../db/db.js';
import { DISPOSITION_COLUMNS, toDisposition } from '../calls/dispositions.js';
import { refuseIfReferenced, withDbRefusals } from './db-errors.js';
import { listRows } from './list.js';

type Row = Parameters<typeof toDisposition>[0];

export function registerDispositionRoutes(register: RegisterRoute, db: Db): void {
  register('org.dispositions.list', async ({ query }) => {
    const { rows, total } = await listRows<Row>(db, 'dispositions', DISPOSITION_COLUMNS, ['code', 'label_id', 'label_en'], 'position, code', query);
    return { items: rows.map(toDisposition), total };
  });
  register('org.dispositions.create', async ({ body }) => {
    const [exists] = await db.query('SELECT 1 FROM dispositions WHERE code = $1', [body.code]);
    if (exists) throw new SapaError('CONFLICT', `A disposition "${body.code}" already exists`);
    const [row] = await withDbRefusals(`Disposition "${body.code}"`, () => db.query<Row>(
      `INSERT INTO dispositions (code, label_id, label_en, needs_follow_up, position, active, disabled_at)
       VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $6 THEN NULL ELSE now() END) RETURNING ${DISPOSITION_COLUMNS}`,
      [body.code, body.labelId, body.labelEn, body.needsFollowUp, body.position, body.active]));
    if (!row) throw new SapaError('INTERNAL', 'disposition not written');
    return toDisposition(row);
  });
  register('org.dispositions.update', async ({ params, body }) => {
    const [row] = await db.query<Row>(
      `UPDATE dispositions SET label_id = $2, label_en = $3, needs_follow_up = $4, position = $5, active = $6,
         disabled_at = CASE WHEN $6 THEN NULL WHEN active THEN now() ELSE disabled_at END
       WHERE code = $1 RETURNING ${DISPOSITION_COLUMNS}`,
      [params.id, body.labelId, body.labelEn, body.needsFollowUp, body.position, body.active]);
    if (!row) throw new SapaError('NOT_FOUND', `No disposition "${params.id}"`);
    return toDisposition(row);
  });
  register('org.dispositions.delete', async ({ params }) => {
    const [calls] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT 1 FROM interactions WHERE disposition = $1 LIMIT 10000) x', [params.id]);
    refuseIfReferenced(`Disposition "${params.id}"`, { calls: calls?.n ?? 0 }, 'disable it instead');
    const deleted = await db.query('DELETE FROM dispositions WHERE code = $1 RETURNING code', [params.id]);
    if (deleted.length === 0) throw new SapaError('NOT_FOUND', `No disposition "${params.id}"`);
    return { ok: true as const };
  });
}
