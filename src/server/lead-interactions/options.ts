// GET /lead/interactions/options: what the browser's filters offer — the agents and teams
// the caller may review (scope.ts), every queue and disposition with both labels.
import { type SessionUser } from '../../shared/http.js';
import { type LeadInteractionOptions } from '../../shared/lead-interactions.js';
import { type Db } from '../db/db.js';

export async function interactionOptions(db: Db, user: SessionUser): Promise<LeadInteractionOptions> {
  const mine = user.role === 'admin' ? 'TRUE' : 't.lead_user_id = $1';
  const params = user.role === 'admin' ? [] : [user.id];
  const [agents, teams, queues, dispositions] = await Promise.all([
    db.query<{ id: string; display_name: string; team_id: string | null }>(
      user.role === 'admin'
        ? `SELECT id, display_name, team_id FROM users WHERE role = 'agent' AND disabled_at IS NULL ORDER BY display_name, id`
        : `SELECT u.id, u.display_name, u.team_id FROM users u JOIN teams t ON t.id = u.team_id WHERE ${mine} ORDER BY u.display_name, u.id`,
      params),
    db.query<{ id: string; name: string }>(`SELECT t.id, t.name FROM teams t WHERE ${mine} ORDER BY t.name`, params),
    db.query<{ code: string; label_id: string; label_en: string }>('SELECT code, label_id, label_en FROM queues ORDER BY code'),
    db.query<{ code: string; label_id: string; label_en: string }>('SELECT code, label_id, label_en FROM dispositions ORDER BY position, code'),
  ]);
  const labels = (r: { code: string; label_id: string; label_en: string }) => ({ code: r.code, labelId: r.label_id, labelEn: r.label_en });
  return {
    agents: agents.map((a) => ({ id: a.id, displayName: a.display_name, teamId: a.team_id })),
    teams, queues: queues.map(labels), dispositions: dispositions.map(labels),
  };
}
