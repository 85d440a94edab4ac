// One interaction as the browser lists it: the SELECT both the list and the review use, and
// its mapping to the shared row. sort_key is the keyset key as text (microseconds kept).
import { type LeadInteractionRow } from '../../shared/lead-interactions.js';
import { iso, isoOrNull, type Timestamp } from '../db/timestamps.js';
import { HAS_EVALUATION_SQL } from './evaluation-hook.js';

export const DATE_KEY_SQL = `to_char(i.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
export const DURATION_KEY_SQL = 'coalesce(i.duration_sec, 0)';

export const ROW_JOINS_SQL = `
  JOIN customers c ON c.id = i.customer_id
  LEFT JOIN recordings r ON r.id::text = i.recording_id
  LEFT JOIN users u ON u.id = i.agent_id
  LEFT JOIN teams t ON t.id = u.team_id`;

export const ROW_FROM_SQL = `
  FROM interactions i
  JOIN customers c ON c.id = i.customer_id
  LEFT JOIN recordings r ON r.id::text = i.recording_id
  LEFT JOIN users u ON u.id = i.agent_id
  LEFT JOIN teams t ON t.id = u.team_id`;

export const ROW_COLUMNS_SQL = `i.id, i.channel, i.direction, i.started_at, i.ended_at, i.duration_sec, i.agent_id, i.agent_name,
  t.name AS team_name, i.customer_id, c.customer_no, c.full_name, c.tier, c.vvip, i.disposition, i.subject, i.queue_code,
  i.recording_id, r.recovered, ${HAS_EVALUATION_SQL} AS has_evaluation`;

export interface BrowserRow {
  id: string; channel: string; direction: 'inbound' | 'outbound'; started_at: Timestamp; ended_at: Timestamp | null;
  duration_sec: number | null; agent_id: string | null; agent_name: string | null; team_name: string | null;
  customer_id: string; customer_no: string; full_name: string; tier: LeadInteractionRow['tier']; vvip: boolean;
  disposition: string | null; subject: string | null; queue_code: string | null; recording_id: string | null;
  recovered: boolean | null; has_evaluation: boolean;
}

export function toBrowserRow(r: BrowserRow): LeadInteractionRow {
  return {
    id: r.id, channel: r.channel, direction: r.direction, startedAt: iso(r.started_at), endedAt: isoOrNull(r.ended_at),
    durationSec: r.duration_sec, agentId: r.agent_id, agentName: r.agent_name, teamName: r.team_name,
    customerId: r.customer_id, customerNo: r.customer_no, customerName: r.full_name, tier: r.tier, vvip: r.vvip,
    disposition: r.disposition, subject: r.subject, queueCode: r.queue_code, recordingId: r.recording_id,
    recovered: r.recovered, hasEvaluation: r.has_evaluation,
  };
}
