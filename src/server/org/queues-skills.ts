// Queues (which case categories bring customers into the working set of the users who work
// them: src/server/sync/queue-policy.ts) and skills (levels per user, user_skills). A queue
// that users work, or a skill users have, is disabled rather than deleted: the delete is a
// 409 saying so. A disabled queue can no longer be given to a user and brings in nothing.
import { SapaError, describeZodIssues } from '../../shared/errors.js';
import { type Queue, type Skill } from '../../shared/org.js';
import { DEFAULT_QUEUE_ROUTING, QUEUE_ROUTING_KEYS, QueueRouting } from '../../shared/queue-routing.js';
import { ROUTING_COLUMNS, routingFromRow, routingParams, type RoutingRow } from '../contact-center/queue-settings.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { refuseIfReferenced, withDbRefusals } from './db-errors.js';
import { listRows } from './list.js';

interface QueueRow extends RoutingRow { code: string; label_id: string; label_en: string; case_categories: string[]; active: boolean }
const toQueue = (r: QueueRow): Queue => ({
  code: r.code, labelId: r.label_id, labelEn: r.label_en, caseCategories: r.case_categories, active: r.active,
  ...routingFromRow(r),
});

/**
 * The routing a create or update asks for: its fields over `current` (the defaults for a new
 * queue), checked as a whole (the cross-checks of QueueRouting) and against the skills and
 * sites that exist — a 400 naming what is wrong.
 */
async function routingOf(db: Db, body: Partial<QueueRouting>, current: QueueRouting): Promise<QueueRouting> {
  const given = Object.fromEntries(QUEUE_ROUTING_KEYS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]));
  const parsed = QueueRouting.safeParse({ ...current, ...given });
  if (!parsed.success) throw new SapaError('INVALID_INPUT', 'Invalid queue routing settings', describeZodIssues(parsed.error));
  const r = parsed.data;
  const problems: string[] = [];
  if (r.requiredSkills.length > 0) {
    const known = await db.query<{ code: string }>('SELECT code FROM skills WHERE code = ANY($1::text[])', [r.requiredSkills]);
    const missing = r.requiredSkills.filter((c) => !known.some((k) => k.code === c));
    if (missing.length > 0) problems.push(`requiredSkills: no skill ${missing.join(', ')}`);
  }
  if (r.overflowSiteCode) {
    const [site] = await db.query('SELECT 1 FROM sites WHERE code = $1', [r.overflowSiteCode]);
    if (!site) problems.push(`overflowSiteCode: no site ${r.overflowSiteCode}`);
  }
  if (problems.length > 0) throw new SapaError('INVALID_INPUT', 'Invalid queue routing settings', problems);
  return r;
}

const ROUTING_SET = ROUTING_COLUMNS.split(',').map((c, i) => `${c.trim()} = $${i + 2}`).join(', ');
interface SkillRow { code: string; label_id: string; label_en: string; active: boolean }
const toSkill = (r: SkillRow): Skill => ({ code: r.code, labelId: r.label_id, labelEn: r.label_en, active: r.active });

const QUEUE_COLUMNS = `code, label_id, label_en, case_categories, active, ${ROUTING_COLUMNS}`;
const SKILL_COLUMNS = 'code, label_id, label_en, active';

export function registerQueueSkillRoutes(register: RegisterRoute, db: Db): void {
  register('org.queues.list', async ({ query }) => {
    const { rows, total } = await listRows<QueueRow>(db, 'queues', QUEUE_COLUMNS, ['code', 'label_id', 'label_en'], 'code', query);
    return { items: rows.map(toQueue), total };
  });
  register('org.queues.create', async ({ body }) => {
    const [exists] = await db.query('SELECT 1 FROM queues WHERE code = $1', [body.code]);
    if (exists) throw new SapaError('CONFLICT', `A queue "${body.code}" already exists`);
    const routing = await routingOf(db, body, DEFAULT_QUEUE_ROUTING);
    const [row] = await withDbRefusals(`Queue "${body.code}"`, () => db.transaction(async (tx) => {
      await tx.query('INSERT INTO queues (code, label_id, label_en, case_categories, active) VALUES ($1, $2, $3, $4::text[], $5)',
        [body.code, body.labelId, body.labelEn, body.caseCategories, body.active]);
      return tx.query<QueueRow>(`UPDATE queues SET ${ROUTING_SET} WHERE code = $1 RETURNING ${QUEUE_COLUMNS}`, [body.code, ...routingParams(routing)]);
    }));
    if (!row) throw new SapaError('INTERNAL', 'queue not written');
    return toQueue(row);
  });
  register('org.queues.update', async ({ params, body }) => {
    const [current] = await db.query<QueueRow>(`SELECT ${QUEUE_COLUMNS} FROM queues WHERE code = $1`, [params.id]);
    if (!current) throw new SapaError('NOT_FOUND', `No queue "${params.id}"`);
    const routing = await routingOf(db, body, routingFromRow(current));
    const [row] = await db.transaction(async (tx) => {
      await tx.query('UPDATE queues SET label_id = $2, label_en = $3, case_categories = $4::text[], active = $5 WHERE code = $1',
        [params.id, body.labelId, body.labelEn, body.caseCategories, body.active]);
      return tx.query<QueueRow>(`UPDATE queues SET ${ROUTING_SET} WHERE code = $1 RETURNING ${QUEUE_COLUMNS}`, [params.id, ...routingParams(routing)]);
    });
    if (!row) throw new SapaError('NOT_FOUND', `No queue "${params.id}"`);
    return toQueue(row);
  });
  register('org.queues.delete', async ({ params }) => {
    const [users] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE $1 = ANY(queues)', [params.id]);
    refuseIfReferenced(`Queue "${params.id}"`, { users: users?.n ?? 0 }, 'disable it instead');
    const deleted = await db.query('DELETE FROM queues WHERE code = $1 RETURNING code', [params.id]);
    if (deleted.length === 0) throw new SapaError('NOT_FOUND', `No queue "${params.id}"`);
    return { ok: true as const };
  });

  register('org.skills.list', async ({ query }) => {
    const { rows, total } = await listRows<SkillRow>(db, 'skills', SKILL_COLUMNS, ['code', 'label_id', 'label_en'], 'code', query);
    return { items: rows.map(toSkill), total };
  });
  register('org.skills.create', async ({ body }) => {
    const [exists] = await db.query('SELECT 1 FROM skills WHERE code = $1', [body.code]);
    if (exists) throw new SapaError('CONFLICT', `A skill "${body.code}" already exists`);
    const [row] = await withDbRefusals(`Skill "${body.code}"`, () => db.query<SkillRow>(
      `INSERT INTO skills (code, label_id, label_en, active) VALUES ($1, $2, $3, $4) RETURNING ${SKILL_COLUMNS}`,
      [body.code, body.labelId, body.labelEn, body.active]));
    if (!row) throw new SapaError('INTERNAL', 'skill not written');
    return toSkill(row);
  });
  register('org.skills.update', async ({ params, body }) => {
    const [row] = await db.query<SkillRow>(
      `UPDATE skills SET label_id = $2, label_en = $3, active = $4 WHERE code = $1 RETURNING ${SKILL_COLUMNS}`,
      [params.id, body.labelId, body.labelEn, body.active]);
    if (!row) throw new SapaError('NOT_FOUND', `No skill "${params.id}"`);
    return toSkill(row);
  });
  register('org.skills.delete', async ({ params }) => {
    const [users] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM user_skills WHERE skill_code = $1', [params.id]);
    refuseIfReferenced(`Skill "${params.id}"`, { users: users?.n ?? 0 }, 'disable it instead');
    const deleted = await withDbRefusals(`Skill "${params.id}"`, () => db.query('DELETE FROM skills WHERE code = $1 RETURNING code', [params.id]));
    if (deleted.length === 0) throw new SapaError('NOT_FOUND', `No skill "${params.id}"`);
    return { ok: true as const };
  });
}
