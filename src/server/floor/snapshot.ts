// The lead's floor snapshot (floor.snapshot): the agents a lead may watch (an admin: every
// agent; a lead: the agents of the teams they lead, lead-interactions/scope.ts) by team with
// their derived state, time in state and current task; per queue what waits now (cc_tasks)
// and today's service level and abandonment from the event log (cc_events), exactly as
// docs/reports.md defines them. Time comes from the contact center's clock.
import {
  COMPANY_TIME_ZONE, SERVICE_LEVEL_SEC, SHORT_ABANDON_SEC, type FloorAgent, type FloorQueue, type FloorSnapshot, type FloorTeam,
} from '../../shared/floor.js';
import { type SessionUser } from '../../shared/http.js';
import { type Db } from '../db/db.js';
import { reviewableAgents } from '../lead-interactions/scope.js';

/** Local midnight of `now` in `timeZone` (Asia/Jakarta has no daylight saving: a fixed +07:00). */
export function dayStart(now: Date, timeZone = COMPANY_TIME_ZONE): Date {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const sinceMidnightMs = ((n('hour') * 60 + n('minute')) * 60 + n('second')) * 1000 + now.getUTCMilliseconds();
  return new Date(now.getTime() - sinceMidnightMs);
}

interface AgentRow {
  id: string; display_name: string; extension: string | null; team_id: string | null; team_name: string | null;
  derived: string | null; reason: string | null; since: Date | null; wrap_up_until: Date | null;
  kind: string | null; queue_code: string | null; customer_id: string | null; full_name: string | null;
  tier: string | null; vvip: boolean | null; from_address: string | null; phone: string | null;
}

interface QueueRow {
  code: string; label_id: string; label_en: string; waiting: number; waiting_calls: number; oldest: Date | null;
  answered: number; answered_in_target: number; abandoned: number; short_abandoned: number;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export async function floorSnapshot(db: Db, user: SessionUser, now: Date): Promise<FloorSnapshot> {
  const scope = await reviewableAgents(db, user);
  const start = dayStart(now);
  // An agent: role agent, not disabled; in scope (null: an admin, every agent).
  const agents = await db.query<AgentRow>(
    `SELECT u.id, u.display_name, e.extension, u.team_id, tm.name AS team_name,
            s.derived, s.reason, s.since, s.wrap_up_until,
            t.kind, t.queue_code, t.customer_id, c.full_name, COALESCE(c.tier, t.tier) AS tier, COALESCE(c.vvip, t.vvip) AS vvip, t.from_address, ps.status AS phone
       FROM users u
       LEFT JOIN teams tm ON tm.id = u.team_id
       LEFT JOIN agent_extensions e ON e.user_id = u.id
       LEFT JOIN cc_agent_state s ON s.user_id = u.id
       LEFT JOIN agent_status ps ON ps.user_id = u.id
       LEFT JOIN cc_tasks t ON t.agent_id = u.id AND t.status IN ('reserved', 'assigned')
       LEFT JOIN customers c ON c.id = t.customer_id
      WHERE u.role = 'agent' AND u.disabled_at IS NULL AND ($1::uuid[] IS NULL OR u.id = ANY($1::uuid[]))
      ORDER BY tm.name NULLS LAST, u.display_name, u.id`,
    [scope]);

  const teams = new Map<string, FloorTeam>();
  for (const a of agents) {
    const key = a.team_id ?? '';
    let team = teams.get(key);
    if (!team) teams.set(key, team = { id: a.team_id, name: a.team_name, agents: [] });
    const agent: FloorAgent = {
      userId: a.id, displayName: a.display_name, extension: a.extension, teamId: a.team_id,
      state: (a.derived ?? 'offline') as FloorAgent['state'], reason: a.reason as FloorAgent['reason'],
      since: iso(a.since), wrapUpUntil: a.derived === 'wrap_up' ? iso(a.wrap_up_until) : null,
      task: a.kind && a.queue_code ? {
        kind: a.kind as NonNullable<FloorAgent['task']>['kind'], queueCode: a.queue_code, customerId: a.customer_id,
        customerName: a.full_name, tier: a.tier as NonNullable<FloorAgent['task']>['tier'], vvip: a.vvip ?? false, from: a.from_address ?? '',
      } : null,
      onCall: a.phone === 'on_call',
    };
    team.agents.push(agent);
  }

  // Queues: an admin every active queue; a lead the queues their agents work.
  const queueCodes = scope === null ? null : [...new Set((await db.query<{ code: string }>(
    'SELECT DISTINCT unnest(queues) AS code FROM users WHERE id = ANY($1::uuid[])', [scope])).map((r) => r.code))];
  // Today's calls by how they ended (docs/reports.md): a call counts on the day its first
  // "answered" or its "abandoned" event falls; its wait runs from its first "enqueued" event.
  const queues = await db.query<QueueRow>(
    `WITH ended AS (
       SELECT e.task_id, min(e.queue_code) AS queue_code,
              min(e.at) FILTER (WHERE e.event = 'answered') AS answered_at,
              min(e.at) FILTER (WHERE e.event = 'abandoned') AS abandoned_at
         FROM cc_events e
        WHERE e.at >= $1 AND e.at <= $2 AND e.event IN ('answered', 'abandoned') AND e.task_id IS NOT NULL
        GROUP BY e.task_id
     ), calls AS (
       SELECT d.queue_code, d.answered_at, d.abandoned_at,
              EXTRACT(EPOCH FROM (COALESCE(d.answered_at, d.abandoned_at) - q.enqueued_at)) AS wait_sec
         FROM ended d
         JOIN LATERAL (
           SELECT min(x.at) AS enqueued_at, bool_or(x.detail->>'kind' = 'call') AS is_call
             FROM cc_events x WHERE x.task_id = d.task_id AND x.event = 'enqueued'
         ) q ON q.is_call
     ), figures AS (
       SELECT queue_code,
              count(*) FILTER (WHERE answered_at IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE answered_at IS NOT NULL AND wait_sec <= $3)::int AS answered_in_target,
              count(*) FILTER (WHERE answered_at IS NULL AND wait_sec >= $4)::int AS abandoned,
              count(*) FILTER (WHERE answered_at IS NULL AND wait_sec < $4)::int AS short_abandoned
         FROM calls GROUP BY queue_code
     ), waiting AS (
       SELECT queue_code, count(*)::int AS waiting, count(*) FILTER (WHERE kind = 'call')::int AS waiting_calls, min(enqueued_at) AS oldest
         FROM cc_tasks WHERE status IN ('waiting', 'reserved') AND not_before <= $2 GROUP BY queue_code
     )
     SELECT qu.code, qu.label_id, qu.label_en,
            COALESCE(w.waiting, 0) AS waiting, COALESCE(w.waiting_calls, 0) AS waiting_calls, w.oldest,
            COALESCE(f.answered, 0) AS answered, COALESCE(f.answered_in_target, 0) AS answered_in_target,
            COALESCE(f.abandoned, 0) AS abandoned, COALESCE(f.short_abandoned, 0) AS short_abandoned
       FROM queues qu
       LEFT JOIN waiting w ON w.queue_code = qu.code
       LEFT JOIN figures f ON f.queue_code = qu.code
      WHERE qu.active AND ($5::text[] IS NULL OR qu.code = ANY($5::text[]))
      ORDER BY qu.code`,
    [start, now, SERVICE_LEVEL_SEC, SHORT_ABANDON_SEC, queueCodes]);

  return {
    at: now.toISOString(),
    dayStart: start.toISOString(),
    serviceLevelSec: SERVICE_LEVEL_SEC,
    shortAbandonSec: SHORT_ABANDON_SEC,
    teams: [...teams.values()],
    queues: queues.map((q): FloorQueue => {
      const counted = q.answered + q.abandoned;
      return {
        queueCode: q.code, labelId: q.label_id, labelEn: q.label_en,
        waiting: q.waiting, waitingCalls: q.waiting_calls,
        oldestWaitSec: q.oldest ? Math.max(0, Math.floor((now.getTime() - new Date(q.oldest).getTime()) / 1000)) : null,
        answered: q.answered, answeredInTarget: q.answered_in_target, abandoned: q.abandoned, shortAbandoned: q.short_abandoned,
        serviceLevel: percent(q.answered_in_target, counted),
        abandonment: percent(q.abandoned, counted),
      };
    }),
  };
}
