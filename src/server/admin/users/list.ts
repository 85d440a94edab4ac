// The Users screen's list and the form's pickers. The search is a case-insensitive part of
// the username or display name (LIKE with its wildcards escaped, so "50%" means 50%).
import { ROLES } from '../../../shared/domain.js';
import { type z } from 'zod';
import { type UserListQuery, type UserOptions, type UserPage } from '../../../shared/admin-users.js';
import { type Db, type SqlParam } from '../../db/db.js';
import { selectUsers } from './rows.js';

type ParsedQuery = z.output<typeof UserListQuery>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(db: Db, query: ParsedQuery): Promise<UserPage> {
  const where: string[] = ['true'];
  const params: SqlParam[] = [];
  const add = (sql: (n: string) => string, value: SqlParam) => { params.push(value); where.push(sql(`$${params.length}`)); };
  if (query.q) add((n) => `(lower(u.username) LIKE ${n} OR lower(u.display_name) LIKE ${n})`, `%${escapeLike(query.q.toLowerCase())}%`);
  if (query.role) add((n) => `u.role = ${n}`, query.role);
  if (query.branch) add((n) => `u.branch = ${n}`, query.branch);
  if (query.team) add((n) => `u.team_id = ${n}`, query.team);
  if (query.disabled !== undefined) where.push(query.disabled ? 'u.disabled_at IS NOT NULL' : 'u.disabled_at IS NULL');
  const condition = where.join(' AND ');
  const [count] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM users u WHERE ${condition}`, params);
  const users = await selectUsers(db, condition, params, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { users, total: count?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function userOptions(db: Db): Promise<UserOptions> {
  const [branches, teams, queues, skills] = await Promise.all([
    db.query<{ code: string; name: string }>('SELECT code, name FROM branches ORDER BY name'),
    db.query<{ id: string; name: string; branch_code: string | null; lead: string | null }>(
      `SELECT t.id, t.name, t.branch_code, l.display_name AS lead FROM teams t LEFT JOIN users l ON l.id = t.lead_user_id ORDER BY t.name`),
    db.query<{ code: string; label_id: string; label_en: string }>('SELECT code, label_id, label_en FROM queues WHERE active ORDER BY code'),
    db.query<{ code: string; label_id: string; label_en: string }>('SELECT code, label_id, label_en FROM skills WHERE active ORDER BY code'),
  ]);
  const labelled = (r: { code: string; label_id: string; label_en: string }) => ({ code: r.code, labelId: r.label_id, labelEn: r.label_en });
  return {
    roles: [...ROLES],
    branches,
    teams: teams.map((t) => ({ id: t.id, name: t.name, branch: t.branch_code, lead: t.lead })),
    queues: queues.map(labelled),
    skills: skills.map(labelled),
  };
}
