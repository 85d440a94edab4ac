// Users as the admin screen shows them: the users row with its team (and the team's lead),
// extension and skills, read in one statement for a page or one user.
import { type AdminUser } from '../../../shared/admin-users.js';
import { type Db, type SqlParam } from '../../db/db.js';

interface Row {
  id: string; username: string; display_name: string; role: AdminUser['role']; branch: string | null;
  team_id: string | null; team_name: string | null; team_lead: string | null; queues: string[] | null;
  skills: { code: string; level: number }[] | null; extension: string | null; disabled_at: Date | null; chat_capacity: number; email: string | null;
}

const SELECT = `
  SELECT u.id, u.username, u.display_name, u.role, u.branch, u.team_id, t.name AS team_name, l.display_name AS team_lead,
         u.queues, e.extension, u.disabled_at, u.chat_capacity, u.email,
         (SELECT json_agg(json_build_object('code', s.skill_code, 'level', s.level) ORDER BY s.skill_code)
            FROM user_skills s WHERE s.user_id = u.id) AS skills
    FROM users u
    LEFT JOIN teams t ON t.id = u.team_id
    LEFT JOIN users l ON l.id = t.lead_user_id
    LEFT JOIN agent_extensions e ON e.user_id = u.id`;

export function toAdminUser(r: Row): AdminUser {
  return {
    id: r.id, username: r.username, displayName: r.display_name, role: r.role, branch: r.branch,
    teamId: r.team_id, teamName: r.team_name, teamLead: r.team_lead, queues: r.queues ?? [],
    skills: (r.skills ?? []).map((s) => ({ code: s.code, level: Number(s.level) })),
    extension: r.extension, chatCapacity: r.chat_capacity, email: r.email, disabledAt: r.disabled_at ? new Date(r.disabled_at).toISOString() : null,
  };
}

/** Users matching `where` (SQL over alias u, with $n params), ordered by username. */
export async function selectUsers(
  db: Db, where: string, params: readonly SqlParam[], page?: { limit: number; offset: number },
): Promise<AdminUser[]> {
  const paging = page ? ` LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)}` : '';
  const rows = await db.query<Row>(`${SELECT} WHERE ${where} ORDER BY u.username${paging}`, params);
  return rows.map(toAdminUser);
}

export async function userById(db: Db, id: string): Promise<AdminUser | null> {
  const [user] = await selectUsers(db, 'u.id = $1', [id]);
  return user ?? null;
}
