// Teams: a name, the branch it works for and its team lead — a user whose role is lead or
// admin (an agent cannot lead). Deleting a team that users are in is refused (409).
import { randomUUID } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import { type Team } from '../../shared/org.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { refuseIfReferenced, withDbRefusals } from './db-errors.js';
import { listRows } from './list.js';

interface TeamRow { id: string; name: string; branch_code: string | null; lead_user_id: string | null; lead_name: string | null }
const toTeam = (r: TeamRow): Team => ({ id: r.id, name: r.name, branchCode: r.branch_code, leadUserId: r.lead_user_id, leadName: r.lead_name });

const TEAMS = 'teams t LEFT JOIN users u ON u.id = t.lead_user_id';
const COLUMNS = 't.id::text AS id, t.name, t.branch_code, t.lead_user_id::text AS lead_user_id, u.display_name AS lead_name';

async function readTeam(db: Db, id: string): Promise<Team | null> {
  const [row] = await db.query<TeamRow>(`SELECT ${COLUMNS} FROM ${TEAMS} WHERE t.id = $1`, [id]);
  return row ? toTeam(row) : null;
}

async function checkRefs(db: Db, body: { name: string; branchCode: string | null; leadUserId: string | null }, id: string | null): Promise<void> {
  const [same] = await db.query<{ id: string }>('SELECT id::text AS id FROM teams WHERE lower(name) = lower($1)', [body.name]);
  if (same && same.id !== id) throw new SapaError('CONFLICT', `A team "${body.name}" already exists`);
  if (body.branchCode !== null) {
    const [b] = await db.query('SELECT 1 FROM branches WHERE code = $1', [body.branchCode]);
    if (!b) throw new SapaError('INVALID_INPUT', `No branch "${body.branchCode}"`, ['branchCode: not a branch']);
  }
  if (body.leadUserId !== null) {
    const [u] = await db.query<{ role: string; disabled_at: Date | null }>('SELECT role, disabled_at FROM users WHERE id = $1', [body.leadUserId]);
    if (!u) throw new SapaError('INVALID_INPUT', 'The team lead is not a user', ['leadUserId: no such user']);
    if (u.role !== 'lead' && u.role !== 'admin') {
      throw new SapaError('INVALID_INPUT', 'A team lead must have the role lead or admin', ['leadUserId: the user is an agent']);
    }
    if (u.disabled_at) throw new SapaError('INVALID_INPUT', 'The team lead is disabled', ['leadUserId: a disabled user']);
  }
}

export function registerTeamRoutes(register: RegisterRoute, db: Db): void {
  register('org.teams.leads', async () => {
    const leads = await db.query<{ id: string; username: string; display_name: string; role: 'lead' | 'admin' }>(
      `SELECT id::text AS id, username, display_name, role FROM users
        WHERE role IN ('lead', 'admin') AND disabled_at IS NULL ORDER BY display_name LIMIT 500`);
    return { leads: leads.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role })) };
  });
  register('org.teams.list', async ({ query }) => {
    const { rows, total } = await listRows<TeamRow>(db, TEAMS, COLUMNS, ['t.name', 't.branch_code', 'u.display_name'], 't.name', query);
    return { items: rows.map(toTeam), total };
  });
  register('org.teams.create', async ({ body }) => {
    await checkRefs(db, body, null);
    const id = randomUUID();
    await withDbRefusals(`Team "${body.name}"`, () => db.query(
      'INSERT INTO teams (id, name, branch_code, lead_user_id) VALUES ($1, $2, $3, $4)', [id, body.name, body.branchCode, body.leadUserId]));
    const team = await readTeam(db, id);
    if (!team) throw new SapaError('INTERNAL', 'team not written');
    return team;
  });
  register('org.teams.update', async ({ params, body }) => {
    if (!(await readTeam(db, params.id))) throw new SapaError('NOT_FOUND', `No team ${params.id}`);
    await checkRefs(db, body, params.id);
    await withDbRefusals(`Team "${body.name}"`, () => db.query(
      'UPDATE teams SET name = $2, branch_code = $3, lead_user_id = $4 WHERE id = $1', [params.id, body.name, body.branchCode, body.leadUserId]));
    const team = await readTeam(db, params.id);
    if (!team) throw new SapaError('NOT_FOUND', `No team ${params.id}`);
    return team;
  });
  register('org.teams.delete', async ({ params }) => {
    const [members] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE team_id = $1', [params.id]);
    refuseIfReferenced('The team', { users: members?.n ?? 0 }, 'move its members to another team first');
    const deleted = await db.query('DELETE FROM teams WHERE id = $1 RETURNING id', [params.id]);
    if (deleted.length === 0) throw new SapaError('NOT_FOUND', `No team ${params.id}`);
    return { ok: true as const };
  });
}
