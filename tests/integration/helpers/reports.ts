// Shared set-up of the report tests: a section of a result by id, and the two teams the
// hand-made data is reported by — "Tim Tagihan" led by lead1 with agent1, "Tim Jaringan"
// without a lead with agent2.
import { randomUUID } from 'node:crypto';
import { type Db } from '../../../src/server/db/db.js';
import { type ReportResult } from '../../../src/shared/reports.js';

export const section = (r: ReportResult, id: string) => {
  const s = r.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
};

/** Fills `ids` (username → id) and makes the two teams; answers their ids. */
export async function twoTeams(db: Db, ids: Map<string, string>): Promise<{ teamT: string; teamU: string }> {
  for (const r of await db.query<{ id: string; username: string }>('SELECT id, username FROM users')) ids.set(r.username, r.id);
  const [teamT, teamU] = [randomUUID(), randomUUID()];
  await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3), ($4, $5, NULL)',
    [teamT, 'Tim Tagihan', ids.get('lead1') ?? null, teamU, 'Tim Jaringan']);
  await db.query('UPDATE users SET team_id = $1 WHERE username = $2', [teamT, 'agent1']);
  await db.query('UPDATE users SET team_id = $1 WHERE username = $2', [teamU, 'agent2']);
  return { teamT, teamU };
}
