// The agent's average score per week or month against their team's (src/shared/quality/
// trend.ts). One query over quality_evaluations: an original re-scored counts with its
// re-score's score, a re-score is not counted again on its own; calibration scores live in
// their own table and never count. The team is the agent's current team (users.team_id),
// the agent included; no team: the team columns stay empty.
import { SapaError } from '../../shared/errors.js';
import { type ScoreTrend, type ScoreTrendPoint } from '../../shared/quality/trend.js';
import { roundScore } from '../../shared/quality/scoring.js';
import { weekStartOf } from '../../shared/quality/sampling.js';
import { type RegisterRoute } from '../http/route.js';
import { leadsAgent } from './access.js';
import { type QualityContext } from './context.js';

const DAY_MS = 86_400_000;

/** The first days (UTC) of the `periods` periods ending with the one `now` is in. */
export function periodStarts(now: Date, bucket: 'week' | 'month', periods: number): Date[] {
  const out: Date[] = [];
  for (let k = periods - 1; k >= 0; k -= 1) {
    out.push(bucket === 'week'
      ? new Date(weekStartOf(now).getTime() - k * 7 * DAY_MS)
      : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, 1)));
  }
  return out;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function registerTrendRoutes(register: RegisterRoute, ctx: QualityContext): void {
  const { db, now } = ctx;
  register('quality.trend', async ({ query, user }) => {
    const agentId = query.agentId ?? user.id;
    if (agentId !== user.id) {
      if (user.role === 'agent') throw new SapaError('NOT_FOUND', `No agent ${agentId}`);
      if (user.role === 'lead' && !(await leadsAgent(db, user.id, agentId))) {
        throw new SapaError('FORBIDDEN', 'A lead sees the scores of the agents of the teams they lead');
      }
    }
    const [agent] = await db.query<{ name: string; team_id: string | null; team_name: string | null }>(
      `SELECT u.display_name AS name, u.team_id::text AS team_id, t.name AS team_name FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = $1`,
      [agentId]);
    if (!agent) throw new SapaError('NOT_FOUND', `No agent ${agentId}`);
    const starts = periodStarts(now(), query.bucket, query.periods);
    const from = starts[0] ?? now();
    // The team's members and the agent (the agent alone when they have no team: $3 null).
    const members = 'SELECT id FROM users WHERE team_id = $3::uuid UNION SELECT $1::uuid';
    const rows = await db.query<{ period: string; agent_avg: number | string | null; agent_n: number | string; team_avg: number | string | null; team_n: number | string }>(
      `WITH scored AS (
         SELECT e.agent_id, e.submitted_at, coalesce(r.score, e.score) AS score
           FROM quality_evaluations e LEFT JOIN quality_evaluations r ON r.rescore_of = e.id
          WHERE e.rescore_of IS NULL AND e.submitted_at >= $2 AND e.agent_id IN (${members}))
       SELECT to_char(date_trunc($4::text, submitted_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
              avg(score) FILTER (WHERE agent_id = $1::uuid) AS agent_avg, count(*) FILTER (WHERE agent_id = $1::uuid) AS agent_n,
              avg(score) AS team_avg, count(*) AS team_n
         FROM scored GROUP BY 1 ORDER BY 1`,
      [agentId, from, agent.team_id, query.bucket]);
    const byPeriod = new Map(rows.map((r) => [r.period, r]));
    const points: ScoreTrendPoint[] = starts.map((s) => {
      const r = byPeriod.get(day(s));
      const num = (x: number | string | null | undefined) => (x === null || x === undefined ? null : roundScore(Number(x)));
      return {
        period: day(s),
        agentAverage: num(r?.agent_avg), agentCount: Number(r?.agent_n ?? 0),
        teamAverage: agent.team_id ? num(r?.team_avg) : null, teamCount: agent.team_id ? Number(r?.team_n ?? 0) : 0,
      };
    });
    const trend: ScoreTrend = { agentId, agentName: agent.name, teamId: agent.team_id, teamName: agent.team_name, bucket: query.bucket, points };
    return trend;
  });
}
