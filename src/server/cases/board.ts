// Assignment and the lead's case board. A case is held by an agent (assignee_id) or waits in a
// back-office team's queue (team_id, no assignee). Who may (re)assign a case:
//   - an admin: any case;
//   - a lead: a case held by one of the teams they lead (its team, or its assignee's team),
//     one escalated to them, or one they hold themselves: not another team's;
//   - an agent: a case they hold (to hand it on), or one waiting in their own team's queue
//     (to take it): not another agent's.
// Each assignment is an event in the customer's timeline. The board lists a lead's teams'
// cases (an admin: all), overdue first, on the server's case clock.
import { v7 as uuidv7 } from 'uuid';
import { type CaseBoardRow, type CaseBoardPage } from '../../shared/case-sla.js';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { type CaseClock, sweepCaseEscalations } from './escalation.js';

const ACTIVE = "('open', 'in_progress', 'waiting_customer')";

interface HeldCase {
  id: string; case_no: string; subject: string; customer_id: string; status: string;
  assignee_id: string | null; team_id: string | null; assignee_team: string | null; escalated_to: string | null;
}

/** The teams a lead leads (their ids). */
async function ledTeams(db: Db, userId: string): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT id FROM teams WHERE lead_user_id = $1', [userId])).map((r) => r.id);
}

/** Why `user` may not reassign case `k`, or null. */
async function assignProblem(db: Db, user: SessionUser, k: HeldCase): Promise<string | null> {
  if (user.role === 'admin') return null;
  if (k.assignee_id === user.id) return null;
  if (user.role === 'lead') {
    const teams = await ledTeams(db, user.id);
    const held = [k.team_id, k.assignee_team].filter((t): t is string => t !== null);
    if (k.escalated_to === user.id || held.some((t) => teams.includes(t))) return null;
    return `Case ${k.case_no} belongs to another team: its lead or an admin may reassign it`;
  }
  if (k.assignee_id === null && k.team_id !== null) {
    const [me] = await db.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [user.id]);
    if (me?.team_id === k.team_id) return null;
    return `Case ${k.case_no} waits in another team's queue`;
  }
  return `Case ${k.case_no} is assigned to someone else: ask them or a team lead`;
}

export async function assignCase(
  db: Db, user: SessionUser, caseId: string, to: { assigneeId?: string | undefined; teamId?: string | undefined; note?: string | undefined },
): Promise<{ id: string; caseNo: string; assigneeId: string | null; teamId: string | null; changed: boolean }> {
  return withWriteTransaction(db, async (tx) => {
    const [k] = await tx.query<HeldCase>(
      `SELECT k.id, k.case_no, k.subject, k.customer_id, k.status, k.assignee_id, k.team_id, u.team_id AS assignee_team, k.escalated_to
       FROM cases k LEFT JOIN users u ON u.id = k.assignee_id WHERE k.id = $1 FOR UPDATE OF k`, [caseId]);
    if (!k) throw new SapaError('NOT_FOUND', `Case ${caseId} does not exist`);
    const problem = await assignProblem(tx, user, k);
    if (problem) throw new SapaError('FORBIDDEN', problem);
    if (k.status === 'closed') throw new SapaError('INVALID_INPUT', `status: case ${k.case_no} is closed: reopen it first`);
    // An agent may take a team case only for themselves; handing one on is their own case's.
    if (user.role === 'agent' && k.assignee_id !== user.id && to.assigneeId !== user.id) {
      throw new SapaError('FORBIDDEN', `Case ${k.case_no} waits in your team's queue: take it yourself, or ask a team lead`);
    }
    let assigneeId: string | null = null;
    let teamId: string | null = null;
    let label: string;
    if (to.assigneeId) {
      const [target] = await tx.query<{ id: string; display_name: string; team_id: string | null; disabled_at: Date | null }>(
        'SELECT id, display_name, team_id, disabled_at FROM users WHERE id = $1', [to.assigneeId]);
      if (!target) throw new SapaError('INVALID_INPUT', 'Invalid assignment', [`assigneeId: no user ${to.assigneeId}`]);
      if (target.disabled_at) throw new SapaError('INVALID_INPUT', 'Invalid assignment', [`assigneeId: ${target.display_name} is disabled`]);
      assigneeId = target.id;
      teamId = target.team_id;
      label = `assigned to ${target.display_name}`;
    } else {
      const [team] = await tx.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE id = $1', [to.teamId ?? '']);
      if (!team) throw new SapaError('INVALID_INPUT', 'Invalid assignment', [`teamId: no team ${to.teamId}`]);
      teamId = team.id;
      label = `assigned to the ${team.name} queue`;
    }
    if (k.assignee_id === assigneeId && (assigneeId !== null || k.team_id === teamId)) {
      return { id: k.id, caseNo: k.case_no, assigneeId, teamId: k.team_id, changed: false };
    }
    await tx.query('UPDATE cases SET assignee_id = $2, team_id = $3, updated_at = now() WHERE id = $1', [k.id, assigneeId, teamId]);
    await tx.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body)
       VALUES ($1, $2, 'case', 'outbound', now(), $3, $4, $5, $6)`,
      [uuidv7(), k.customer_id, user.id, user.displayName, `${k.case_no} · ${k.subject} · ${label}`, to.note || null]);
    return { id: k.id, caseNo: k.case_no, assigneeId, teamId, changed: true };
  });
}

interface BoardRow {
  id: string; case_no: string; subject: string; category: string; priority: CaseBoardRow['priority']; status: CaseBoardRow['status'];
  customer_id: string; full_name: string; salutation: CaseBoardRow['salutation']; tier: CaseBoardRow['tier'];
  opened_at: Date; sla_due_at: Date; response_due_at: Date | null; responded_at: Date | null;
  assignee_id: string | null; assignee_name: string | null; team_id: string | null; team_name: string | null;
  escalation_level: number; escalated_to_name: string | null; escalated_at: Date | null; overdue: boolean;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

function toRow(r: BoardRow, now: Date): CaseBoardRow {
  return {
    id: r.id, caseNo: r.case_no, subject: r.subject, category: r.category, priority: r.priority, status: r.status,
    customerId: r.customer_id, customerName: r.full_name, salutation: r.salutation, tier: r.tier,
    openedAt: new Date(r.opened_at).toISOString(), slaDueAt: new Date(r.sla_due_at).toISOString(),
    responseDueAt: iso(r.response_due_at), respondedAt: iso(r.responded_at),
    assigneeId: r.assignee_id, assigneeName: r.assignee_name, teamId: r.team_id, teamName: r.team_name,
    escalationLevel: r.escalation_level, escalatedToName: r.escalated_to_name, escalatedAt: iso(r.escalated_at),
    overdue: r.overdue, minutesLeft: Math.round((new Date(r.sla_due_at).getTime() - now.getTime()) / 60_000),
  };
}

const BOARD_SELECT = `
  SELECT k.id, k.case_no, k.subject, k.category, k.priority, k.status, k.customer_id, c.full_name, c.salutation, c.tier,
         k.opened_at, k.sla_due_at, k.response_due_at, k.responded_at, k.assignee_id, u.display_name AS assignee_name,
         coalesce(k.team_id, u.team_id) AS team_id, t.name AS team_name, k.escalation_level, e.display_name AS escalated_to_name,
         k.escalated_at, (k.status IN ${ACTIVE} AND k.sla_due_at <= $1) AS overdue
  FROM cases k
  JOIN customers c ON c.id = k.customer_id
  LEFT JOIN users u ON u.id = k.assignee_id
  LEFT JOIN teams t ON t.id = coalesce(k.team_id, u.team_id)
  LEFT JOIN users e ON e.id = k.escalated_to`;

export interface BoardFilters {
  status: string; teamId?: string | undefined; category?: string | undefined; tier?: string | undefined; escalated?: boolean | undefined;
  limit: number; offset: number;
}

export async function caseBoard(db: Db, user: SessionUser, f: BoardFilters, now: Date): Promise<CaseBoardPage> {
  const params: unknown[] = [now];
  const where: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => { params.push(value); where.push(sql(`$${params.length}`)); };
  if (user.role !== 'admin') {
    // A lead: the teams they lead (the case's team or its assignee's), what is escalated to them, what they hold.
    add((n) => `(coalesce(k.team_id, u.team_id) IN (SELECT id FROM teams WHERE lead_user_id = ${n}) OR k.escalated_to = ${n} OR k.assignee_id = ${n})`, user.id);
  }
  if (f.teamId) add((n) => `coalesce(k.team_id, u.team_id) = ${n}`, f.teamId);
  if (f.category) add((n) => `k.category = ${n}`, f.category);
  if (f.tier) add((n) => `c.tier = ${n}`, f.tier);
  if (f.escalated) where.push('k.escalation_level > 0');
  const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const statusWhere = f.status === 'active' ? `k.status IN ${ACTIVE}` : `k.status = '${f.status.replace(/[^a-z_]/g, '')}'`;
  const all = `${filtered ? `${filtered} AND` : 'WHERE'} ${statusWhere}`;
  const countParams = params as never[];
  const [rows, counts] = await Promise.all([
    db.query<BoardRow>(
      `${BOARD_SELECT} ${all}
       ORDER BY (k.status IN ${ACTIVE} AND k.sla_due_at <= $1) DESC, k.escalation_level DESC, k.sla_due_at, k.case_no
       LIMIT ${f.limit} OFFSET ${f.offset}`, countParams),
    db.query<{ status: string; n: number }>(
      `SELECT k.status, count(*)::int AS n FROM cases k JOIN customers c ON c.id = k.customer_id
       LEFT JOIN users u ON u.id = k.assignee_id ${filtered ? `${filtered} AND` : 'WHERE'} $1::timestamptz IS NOT NULL
       GROUP BY k.status`, countParams),
  ]);
  const byStatus: Record<string, number> = Object.fromEntries(counts.map((c) => [c.status, c.n]));
  byStatus.active = (byStatus.open ?? 0) + (byStatus.in_progress ?? 0) + (byStatus.waiting_customer ?? 0);
  return { items: rows.map((r) => toRow(r, now)), total: byStatus[f.status] ?? 0, counts: byStatus, now: now.toISOString() };
}

export function registerCaseBoardRoutes(register: RegisterRoute, db: Db, clock: CaseClock, testClock: boolean): void {
  register('cases.assign', async ({ params, body, user }) => assignCase(db, user, params.id, body));
  register('cases.board', async ({ query, user }) => caseBoard(db, user, query, clock.now()));
  register('cases.boardOptions', async ({ user }) => {
    const teams = user.role === 'admin'
      ? await db.query<{ id: string; name: string }>('SELECT id, name FROM teams ORDER BY name')
      : await db.query<{ id: string; name: string }>('SELECT id, name FROM teams WHERE lead_user_id = $1 ORDER BY name', [user.id]);
    const agents = await db.query<{ id: string; name: string; team_id: string | null }>(
      "SELECT id, display_name AS name, team_id FROM users WHERE disabled_at IS NULL AND role IN ('agent', 'lead') ORDER BY display_name");
    const categories = await db.query<{ c: string }>('SELECT DISTINCT unnest(case_categories) AS c FROM queues WHERE active ORDER BY 1');
    return {
      teams, agents: agents.map((a) => ({ id: a.id, name: a.name, teamId: a.team_id })), categories: categories.map((c) => c.c),
    };
  });
  register('cases.teamQueue', async ({ user }) => {
    const now = clock.now();
    const rows = await db.query<BoardRow>(
      `${BOARD_SELECT} WHERE k.assignee_id IS NULL AND k.status IN ${ACTIVE}
         AND k.team_id = (SELECT team_id FROM users WHERE id = $2)
       ORDER BY k.sla_due_at LIMIT 50`, [now, user.id]);
    return { items: rows.map((r) => toRow(r, now)) };
  });
  // Behind the admin's door on every server, but only a test server (SAPA_TEST_CLOCK=1) has it.
  register('testClock.advance', async ({ body }) => {
    if (!testClock) throw new SapaError('NOT_FOUND', 'No test clock on this server');
    const now = clock.setOffset(body.offsetMs);
    return { now: now.toISOString(), escalated: await sweepCaseEscalations(db, now) };
  });
}
