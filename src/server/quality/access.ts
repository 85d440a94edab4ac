// Who may evaluate whom and see which evaluation. An admin evaluates anyone; a lead the
// members of the teams they lead (teams.lead_user_id, users.team_id); nobody their own
// interactions. An agent sees only their own evaluations: another user's is a 404 (its
// existence is not theirs to know); a lead asking about an agent outside their teams gets
// 403 — except for a disputed evaluation: a dispute goes to another evaluator, who may be
// any lead (a lead of another team is the impartial one), so an open dispute is readable by
// every lead, and so is one that lead re-scored.
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { can } from '../../shared/permissions.js';
import { type Db } from '../db/db.js';

/** SQL: the users in the teams `$n` leads. */
export const TEAM_MEMBERS_OF = (param: string) =>
  `SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE t.lead_user_id = ${param}`;

export async function leadsAgent(db: Db, leadId: string, agentId: string): Promise<boolean> {
  const [row] = await db.query(`SELECT 1 FROM (${TEAM_MEMBERS_OF('$1')}) m WHERE m.id = $2`, [leadId, agentId]);
  return row !== undefined;
}

/** FORBIDDEN unless `caller` may evaluate an interaction of `agentId`. */
export async function assertMayEvaluate(db: Db, caller: SessionUser, agentId: string): Promise<void> {
  if (agentId === caller.id) throw new SapaError('FORBIDDEN', 'Nobody evaluates their own interactions');
  if (caller.role === 'admin') return;
  if (caller.role === 'lead' && (await leadsAgent(db, caller.id, agentId))) return;
  throw new SapaError('FORBIDDEN', 'A lead evaluates only the agents of the teams they lead', { agentId });
}

/** Throws unless `caller` may read an evaluation of `agentId` made by `evaluatorId`. */
export async function assertMayRead(db: Db, caller: SessionUser, evaluation: { id: string; agentId: string; evaluatorId: string }): Promise<void> {
  if (caller.id === evaluation.agentId || caller.id === evaluation.evaluatorId) return;
  if (!can(caller.role, 'quality.evaluate')) throw new SapaError('NOT_FOUND', `No evaluation ${evaluation.id}`);
  if (caller.role === 'admin') return;
  if (await leadsAgent(db, caller.id, evaluation.agentId)) return;
  const [disputed] = await db.query(
    `SELECT 1 FROM quality_disputes d LEFT JOIN quality_evaluations r ON r.id = d.rescore_id
      WHERE d.evaluation_id = $1 AND (d.resolved_at IS NULL OR r.evaluator_id = $2)`, [evaluation.id, caller.id]);
  if (disputed) return;
  throw new SapaError('FORBIDDEN', 'A lead reads only the evaluations of the agents of the teams they lead');
}
