// The agent's scores over time against their team's (My evaluations; a lead sees it for
// their agents): per week or month, the agent's average score and their team's, each with
// how many evaluations it averages. An evaluation re-scored after a dispute counts with the
// re-score's score (the original is kept, but the re-score is the final word); calibration
// scores never count.
import { z } from 'zod';

export const ScoreTrendQuery = z.object({
  /** Absent: the caller. A lead may ask for the agents of the teams they lead, an admin for anyone. */
  agentId: z.uuid().optional(),
  bucket: z.enum(['week', 'month']).default('week'),
  /** How many periods back from the current one (included). */
  periods: z.coerce.number().int().min(1).max(24).default(12),
}).strict();

export const ScoreTrendPoint = z.object({
  /** The period's first day (a Monday for weeks), YYYY-MM-DD, UTC. */
  period: z.string(),
  agentAverage: z.number().nullable(), agentCount: z.number().int(),
  teamAverage: z.number().nullable(), teamCount: z.number().int(),
});
export type ScoreTrendPoint = z.infer<typeof ScoreTrendPoint>;

export const ScoreTrend = z.object({
  agentId: z.uuid(), agentName: z.string(), teamId: z.uuid().nullable(), teamName: z.string().nullable(),
  bucket: z.enum(['week', 'month']),
  points: z.array(ScoreTrendPoint),
});
export type ScoreTrend = z.infer<typeof ScoreTrend>;
