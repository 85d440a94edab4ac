// Whose interactions a lead or admin reviews: an admin everyone's (null: no limit), a lead
// the agents of the teams they lead (teams.lead_user_id, users.team_id). A lead who leads no
// team sees none. The browser's agent and team filters narrow this, never widen it.
import { type SessionUser } from '../../shared/http.js';
import { type Db } from '../db/db.js';

export async function reviewableAgents(db: Db, user: SessionUser): Promise<string[] | null> {
  if (user.role === 'admin') return null;
  const rows = await db.query<{ id: string }>(
    'SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.lead_user_id = $1 ORDER BY u.id', [user.id]);
  return rows.map((r) => r.id);
}

/** The agents the query may return: the scope, narrowed by the agent and team filters (null: any). */
export async function agentsToList(
  db: Db, scope: string[] | null, filters: { agentId?: string | undefined; teamId?: string | undefined },
): Promise<string[] | null> {
  let agents = scope;
  const narrow = (to: string[]) => { agents = agents === null ? to : agents.filter((a) => to.includes(a)); };
  if (filters.agentId) narrow([filters.agentId]);
  if (filters.teamId) {
    const team = await db.query<{ id: string }>('SELECT id FROM users WHERE team_id = $1', [filters.teamId]);
    narrow(team.map((r) => r.id));
  }
  return agents;
}
