// Who owns a new prospect (docs/sales.md, "Assignment"): the owner named on the form or the
// CSV line; else a sales rep creating it owns it; else the rule of the prospect's branch (or
// the `*` rule) hands prospects round-robin to its pool of reps; else nobody (a manager
// assigns later). The round-robin step is one UPDATE, so concurrent imports never give two
// prospects the same turn.
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import { type AssignmentRule, type AssignmentRules } from '../../../shared/sales/prospects.js';
import { ruleProblems } from '../../../shared/sales/assignment-rules.js';
import { type Db } from '../../db/db.js';

const SALES_ROLES = ['sales_rep', 'sales_manager'];

/** The active sales user with that id, or a 400 naming it. */
export async function checkOwner(db: Db, ownerId: string): Promise<{ id: string; name: string }> {
  const [u] = await db.query<{ id: string; display_name: string }>(
    'SELECT id, display_name FROM users WHERE id = $1 AND role = ANY($2::text[]) AND disabled_at IS NULL', [ownerId, SALES_ROLES]);
  if (!u) throw new SapaError('INVALID_INPUT', `The owner ${ownerId} is not an active sales rep or manager`);
  return { id: u.id, name: u.display_name };
}

/** The active sales user with that username (a CSV's owner column), or null. */
export async function ownerByUsername(db: Db, username: string): Promise<{ id: string; name: string } | null> {
  const [u] = await db.query<{ id: string; display_name: string }>(
    'SELECT id, display_name FROM users WHERE lower(username) = lower($1) AND role = ANY($2::text[]) AND disabled_at IS NULL',
    [username, SALES_ROLES]);
  return u ? { id: u.id, name: u.display_name } : null;
}

export async function chooseOwner(
  tx: Db, caller: SessionUser, named: string | null, branch: string | null,
): Promise<{ id: string; name: string } | null> {
  if (named) return checkOwner(tx, named);
  if (caller.role === 'sales_rep') return { id: caller.id, name: caller.displayName };
  for (const key of branch ? [branch, '*'] : ['*']) {
    const [turn] = await tx.query<{ rep: string | null }>(
      `UPDATE prospect_assignment_rules SET next_index = (next_index + 1) % cardinality(rep_ids)
       WHERE branch = $1 RETURNING rep_ids[((next_index + cardinality(rep_ids) - 1) % cardinality(rep_ids)) + 1]::text AS rep`, [key]);
    if (turn?.rep) {
      const [u] = await tx.query<{ id: string; display_name: string }>(
        'SELECT id, display_name FROM users WHERE id = $1 AND disabled_at IS NULL', [turn.rep]);
      if (u) return { id: u.id, name: u.display_name };
    }
  }
  return null;
}

export async function readRules(db: Db): Promise<AssignmentRules> {
  const rules = await db.query<{ branch: string; rep_ids: string[] }>(
    'SELECT branch, rep_ids::text[] AS rep_ids FROM prospect_assignment_rules ORDER BY branch = \'*\', branch');
  const reps = await db.query<{ id: string; display_name: string; branch: string | null }>(
    "SELECT id, display_name, branch FROM users WHERE role = 'sales_rep' AND disabled_at IS NULL ORDER BY display_name LIMIT 500");
  return {
    rules: rules.map((r) => ({ branch: r.branch, repIds: r.rep_ids })),
    reps: reps.map((r) => ({ id: r.id, name: r.display_name, branch: r.branch })),
  };
}

/** Replaces the rules (all or nothing); every rep must be an active sales rep, each branch once. */
export async function saveRules(tx: Db, rules: readonly AssignmentRule[], actorId: string): Promise<void> {
  const [problem] = ruleProblems(rules);
  if (problem?.problem === 'duplicateBranch') throw new SapaError('INVALID_INPUT', `The branch ${problem.value} has two rules`);
  if (problem) throw new SapaError('INVALID_INPUT', `Rule ${problem.row + 1}: ${problem.problem === 'noRep' ? 'pick at least one sales rep' : 'name the branch (or * for any other)'}`);
  for (const r of rules) {
    const ids = [...new Set(r.repIds)];
    const [{ n } = { n: 0 }] = await tx.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[]) AND role = 'sales_rep' AND disabled_at IS NULL", [ids]);
    if (n !== ids.length) throw new SapaError('INVALID_INPUT', `A rep of the rule for ${r.branch} is not an active sales rep`);
  }
  await tx.query('DELETE FROM prospect_assignment_rules');
  for (const r of rules) {
    await tx.query('INSERT INTO prospect_assignment_rules (branch, rep_ids, updated_by) VALUES ($1, $2::uuid[], $3)',
      [r.branch, [...new Set(r.repIds)], actorId]);
  }
}
