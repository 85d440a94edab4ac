// Whose sales objects a user sees (docs/sales.md): a rep (and an agent) their own; a sales
// manager (and a lead) their own and those of the members of the teams they lead
// (Organisation → Teams); an admin everyone's. One rule for opportunities, visits, costs and
// budgets, so a list and a single object never disagree.
import { type SessionUser } from '../../shared/http.js';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';

/** The users whose objects `user` may see; null: everyone (an admin). */
export async function visibleOwners(db: Db, user: SessionUser): Promise<string[] | null> {
  if (user.role === 'admin') return null;
  if (user.role !== 'sales_manager' && user.role !== 'lead') return [user.id];
  const rows = await db.query<{ id: string }>(
    `SELECT m.id FROM users m JOIN teams t ON t.id = m.team_id WHERE t.lead_user_id = $1`, [user.id]);
  return [...new Set([user.id, ...rows.map((r) => r.id)])];
}

/** The teams a manager leads (an admin: every team); a rep none. */
export async function visibleTeams(db: Db, user: SessionUser): Promise<{ id: string; name: string }[]> {
  if (user.role === 'admin') return db.query('SELECT id, name FROM teams ORDER BY name');
  if (user.role !== 'sales_manager' && user.role !== 'lead') return [];
  return db.query('SELECT id, name FROM teams WHERE lead_user_id = $1 ORDER BY name', [user.id]);
}

/**
 * The owner filter of a list (`mine`, `team`, or one user's id) as the ids to read; null:
 * everyone. Another user's id outside what the caller sees is refused, not emptied.
 */
export async function ownersFor(db: Db, user: SessionUser, owner: string): Promise<string[] | null> {
  if (owner === 'mine') return [user.id];
  const visible = await visibleOwners(db, user);
  if (owner === 'team') return visible;
  if (visible !== null && !visible.includes(owner)) throw new SapaError('FORBIDDEN', 'You may not see the sales objects of that user');
  return [owner];
}

/** Refuses an object owned by someone the caller may not see (NOT_FOUND would hide it; the rule is public). */
export async function requireVisibleOwner(db: Db, user: SessionUser, ownerId: string, what: string): Promise<void> {
  if (ownerId === user.id) return;
  const visible = await visibleOwners(db, user);
  if (visible !== null && !visible.includes(ownerId)) throw new SapaError('FORBIDDEN', `This ${what} belongs to another rep`);
}

/** SQL for `column` among `owners` ($n is the ids' parameter), or true for everyone. */
export function ownerClause(column: string, owners: string[] | null, param: number): string {
  return owners === null ? 'true' : `${column} = ANY($${param}::uuid[])`;
}
