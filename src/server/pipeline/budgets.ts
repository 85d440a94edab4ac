// Budgets and spent (docs/sales.md): a prospecting and a cost budget per period (a month or a
// quarter) for a team or one rep; spent is Σ costs of that budget kind dated in the period
// (a team's: its members'). The state (ok, warn from the setting's share, over above 100 %)
// comes from shared/sales-money.ts, the same arithmetic the tests check at the edges.
import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { BUDGET_KINDS, type BudgetRow, type BudgetSet, type BudgetSummary, type Cost, type SalesPeople } from '../../shared/pipeline.js';
import { budgetState, parsePeriod, spentPercent, type Period } from '../../shared/sales-money.js';
import { type Db, type SqlParam } from '../db/db.js';
import { ownerClause, visibleOwners, visibleTeams } from './scope.js';

export function periodOrThrow(key: string): Period {
  const p = parsePeriod(key);
  if (!p) throw new SapaError('INVALID_INPUT', `period: ${key} is not a month (YYYY-MM) or a quarter (YYYY-Qn)`);
  return p;
}

const SALES_ROLES = `('sales_rep', 'sales_manager')`;

export async function salesPeople(db: Db, user: SessionUser): Promise<SalesPeople> {
  const owners = await visibleOwners(db, user);
  const params: SqlParam[] = owners === null ? [] : [owners];
  const people = await db.query<{ id: string; name: string; team_id: string | null; role: string }>(
    `SELECT id, display_name AS name, team_id, role FROM users
     WHERE disabled_at IS NULL AND ${owners === null ? `role IN ${SALES_ROLES}` : 'id = ANY($1::uuid[])'} ORDER BY display_name`, params);
  return { teams: await visibleTeams(db, user), people: people.map((p) => ({ id: p.id, name: p.name, teamId: p.team_id, role: p.role })) };
}

export async function budgetSummary(db: Db, user: SessionUser, periodKey: string, warnPercent: number): Promise<BudgetSummary> {
  const period = periodOrThrow(periodKey);
  const { teams, people } = await salesPeople(db, user);
  const reps = user.role === 'sales_rep' || user.role === 'agent' ? people.filter((p) => p.id === user.id) : people;
  const budgets = await db.query<{ kind: 'prospecting' | 'cost'; team_id: string | null; user_id: string | null; amount_idr: number }>(
    'SELECT kind, team_id, user_id, amount_idr FROM sales_budgets WHERE period_kind = $1 AND period_start = $2::date', [period.kind, period.start]);
  const spent = await db.query<{ owner_id: string; team_id: string | null; budget: 'prospecting' | 'cost'; total: number }>(
    `SELECT c.owner_id, u.team_id, c.budget, sum(c.amount_idr)::bigint AS total FROM sales_costs c JOIN users u ON u.id = c.owner_id
     WHERE c.spent_on BETWEEN $1::date AND $2::date GROUP BY 1, 2, 3`, [period.start, period.end]);
  const [settings] = await db.query<{ budget_warn_percent: number }>('SELECT budget_warn_percent FROM sales_settings');
  const warn = settings?.budget_warn_percent ?? warnPercent;
  const row = (kind: 'prospecting' | 'cost', scope: 'team' | 'rep', id: string, name: string): BudgetRow => {
    const budget = budgets.find((b) => b.kind === kind && (scope === 'team' ? b.team_id === id : b.user_id === id))?.amount_idr ?? null;
    const total = spent.filter((s) => s.budget === kind && (scope === 'team' ? s.team_id === id : s.owner_id === id)).reduce((n, s) => n + s.total, 0);
    return {
      kind, scope, teamId: scope === 'team' ? id : null, userId: scope === 'rep' ? id : null, name, budgetIdr: budget, spentIdr: total,
      percent: spentPercent(total, budget), state: budgetState(total, budget, warn),
    };
  };
  const rows: BudgetRow[] = [];
  for (const kind of BUDGET_KINDS) {
    if (reps.length !== 1 || user.role !== 'sales_rep') for (const t of teams) rows.push(row(kind, 'team', t.id, t.name));
    for (const p of reps) rows.push(row(kind, 'rep', p.id, p.name));
  }
  return { period: period.key, start: period.start, end: period.end, warnPercent: warn, rows };
}

export async function setBudget(db: Db, user: SessionUser, input: z.output<typeof BudgetSet>): Promise<void> {
  const period = periodOrThrow(input.period);
  if (input.teamId) {
    const teams = await visibleTeams(db, user);
    if (!teams.some((t) => t.id === input.teamId)) throw new SapaError('FORBIDDEN', 'You may set budgets only for the teams you lead');
  } else {
    const owners = await visibleOwners(db, user);
    const [target] = await db.query<{ id: string }>('SELECT id FROM users WHERE id = $1', [input.userId]);
    if (!target) throw new SapaError('INVALID_INPUT', 'userId: there is no such user');
    if (owners !== null && (!owners.includes(target.id) || target.id === user.id)) {
      throw new SapaError('FORBIDDEN', 'You may set budgets only for the reps of the teams you lead');
    }
  }
  await db.query(
    `INSERT INTO sales_budgets (id, kind, period_kind, period_start, team_id, user_id, amount_idr, set_by)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8)
     ON CONFLICT (kind, period_kind, period_start, COALESCE(team_id, '00000000-0000-0000-0000-000000000000'::uuid), COALESCE(user_id, '00000000-0000-0000-0000-000000000000'::uuid))
     DO UPDATE SET amount_idr = EXCLUDED.amount_idr, set_by = EXCLUDED.set_by, set_at = now()`,
    [randomUUID(), input.kind, period.kind, period.start, input.teamId, input.userId, input.amountIdr, user.id]);
}

export async function listCosts(db: Db, user: SessionUser, periodKey: string): Promise<{ costs: Cost[] }> {
  const period = periodOrThrow(periodKey);
  const owners = await visibleOwners(db, user);
  const params: SqlParam[] = [period.start, period.end];
  if (owners !== null) params.push(owners);
  const rows = await db.query<{
    id: string; owner_id: string; owner_name: string; budget: Cost['budget']; category: Cost['category']; amount_idr: number; spent_on: string; note: string;
    visit_id: string | null; opportunity_id: string | null; customer_name: string | null; receipt_id: string | null; media_type: string | null;
  }>(
    `SELECT c.id, c.owner_id, u.display_name AS owner_name, c.budget, c.category, c.amount_idr, c.spent_on::text AS spent_on, c.note, c.visit_id,
            c.opportunity_id, COALESCE(vc.full_name, oc.full_name) AS customer_name, c.receipt_id, r.media_type
     FROM sales_costs c JOIN users u ON u.id = c.owner_id
     LEFT JOIN sales_visits v ON v.id = c.visit_id LEFT JOIN customers vc ON vc.id = v.customer_id
     LEFT JOIN opportunities o ON o.id = c.opportunity_id LEFT JOIN customers oc ON oc.id = o.customer_id
     LEFT JOIN sales_receipts r ON r.id = c.receipt_id
     WHERE c.spent_on BETWEEN $1::date AND $2::date AND ${ownerClause('c.owner_id', owners, 3)}
     ORDER BY c.spent_on DESC, c.created_at DESC LIMIT 1000`, params);
  return {
    costs: rows.map((r) => ({
      id: r.id, ownerId: r.owner_id, ownerName: r.owner_name, budget: r.budget, category: r.category, amountIdr: r.amount_idr, spentOn: r.spent_on,
      note: r.note, visitId: r.visit_id, opportunityId: r.opportunity_id, customerName: r.customer_name, receiptId: r.receipt_id,
      receiptUploaded: r.media_type !== null, receiptType: r.media_type,
    })),
  };
}
