// The browser's filters as a WHERE clause over interactions i (joined to customers c and
// recordings r). Every value is a bound parameter. The channel list is always stated so the
// partial indexes of the migration apply.
import { type LeadInteractionFilters } from '../../shared/lead-interactions.js';
import { type SqlParam } from '../db/db.js';
import { HAS_EVALUATION_SQL } from './evaluation-hook.js';

export const BROWSER_CHANNEL_SQL = `i.channel IN ('call_in', 'call_out', 'email', 'chat')`;
const CHANNEL_SQL = { call: `i.channel IN ('call_in', 'call_out')`, email: `i.channel = 'email'`, chat: `i.channel = 'chat'` } as const;

export interface WhereInput {
  filters: LeadInteractionFilters;
  /** Null: any agent (an admin without agent/team filters). */
  agents: string[] | null;
  /** Null: any customer (no customer search). */
  customers: string[] | null;
}

export class SqlWhere {
  readonly clauses: string[] = [BROWSER_CHANNEL_SQL];
  readonly params: SqlParam[] = [];
  /** A clause reads the customer (c) or the recording (r), not only the interaction (i). */
  joined = false;

  /** Adds `clause` with `value` bound as the next parameter (written `?` in the clause). */
  add(clause: string, value: SqlParam): void {
    this.params.push(value);
    this.clauses.push(clause.replace('?', `$${this.params.length}`));
  }

  get sql(): string {
    return this.clauses.join(' AND ');
  }
}

export function whereOf({ filters: f, agents, customers }: WhereInput): SqlWhere {
  const w = new SqlWhere();
  // One agent as an equality: the planner then walks that agent's index in order instead of
  // the whole date index (an agent with few matches would otherwise read every row).
  if (agents?.length === 1) w.add('i.agent_id = ?::uuid', agents[0] ?? null);
  else if (agents !== null) w.add('i.agent_id = ANY(?::uuid[])', agents);
  if (customers !== null) w.add('i.customer_id = ANY(?::uuid[])', customers);
  if (f.from) w.add('i.started_at >= ?::timestamptz', f.from);
  if (f.to) w.add('i.started_at < ?::timestamptz', f.to);
  if (f.channel) w.clauses.push(CHANNEL_SQL[f.channel]);
  if (f.direction) w.add('i.direction = ?', f.direction);
  if (f.disposition) w.add('i.disposition = ?', f.disposition);
  if (f.queue) w.add('i.queue_code = ?', f.queue);
  if (f.tier) { w.add('c.tier = ?', f.tier); w.joined = true; }
  if (f.minDurationSec !== undefined) w.add('coalesce(i.duration_sec, 0) >= ?::int', f.minDurationSec);
  if (f.maxDurationSec !== undefined) w.add('coalesce(i.duration_sec, 0) <= ?::int', f.maxDurationSec);
  if (f.recorded === true) w.clauses.push('i.recording_id IS NOT NULL');
  if (f.recorded === false) w.clauses.push('i.recording_id IS NULL');
  // Recovered recordings are few: their ids (partial index) as an array make the planner start
  // from them (interactions_recording) and sort those, instead of walking the date index.
  if (f.recovered === true) w.clauses.push('i.recording_id = ANY(ARRAY(SELECT id::text FROM recordings WHERE recovered))');
  if (f.recovered === false) { w.clauses.push('r.recovered IS NOT TRUE'); w.joined = true; }
  if (f.hasEvaluation !== undefined) w.clauses.push(f.hasEvaluation ? `(${HAS_EVALUATION_SQL})` : `NOT (${HAS_EVALUATION_SQL})`);
  return w;
}
