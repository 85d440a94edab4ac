// A queue's routing settings as stored (columns of `queues`, migration 017) ↔ QueueRouting.
// Stored weights are merged over the defaults, so a queue saved before a weight existed
// still routes; weights that do not parse fall back to the defaults rather than stop routing.
import { DEFAULT_PRIORITY_WEIGHTS, PriorityWeights, type QueueRouting } from '../../shared/queue-routing.js';
import { type Db } from '../db/db.js';

export const ROUTING_COLUMNS = `hotline_numbers, mail_addresses, required_skills, priority_weights, widen_skilled_after_sec,
  widen_anyone_after_sec, reservation_sec, misses_before_not_ready, max_wait_sec, max_wait_action, overflow_site_code,
  overflow_wait_sec, wrap_up_limit_sec`;

export interface RoutingRow {
  hotline_numbers: string[];
  mail_addresses: string[];
  required_skills: string[];
  priority_weights: unknown;
  widen_skilled_after_sec: number;
  widen_anyone_after_sec: number;
  reservation_sec: number;
  misses_before_not_ready: number;
  max_wait_sec: number;
  max_wait_action: 'callback' | 'overflow';
  overflow_site_code: string | null;
  overflow_wait_sec: number;
  wrap_up_limit_sec: number | null;
}

export function weightsFrom(stored: unknown): PriorityWeights {
  const merged = { ...DEFAULT_PRIORITY_WEIGHTS, ...(stored && typeof stored === 'object' ? stored : {}) };
  const parsed = PriorityWeights.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_PRIORITY_WEIGHTS;
}

export function routingFromRow(r: RoutingRow): QueueRouting {
  return {
    hotlineNumbers: r.hotline_numbers,
    mailAddresses: r.mail_addresses,
    requiredSkills: r.required_skills,
    weights: weightsFrom(r.priority_weights),
    widenSkilledAfterSec: r.widen_skilled_after_sec,
    widenAnyoneAfterSec: r.widen_anyone_after_sec,
    reservationSec: r.reservation_sec,
    missesBeforeNotReady: r.misses_before_not_ready,
    maxWaitSec: r.max_wait_sec,
    maxWaitAction: r.max_wait_action,
    overflowSiteCode: r.overflow_site_code,
    overflowWaitSec: r.overflow_wait_sec,
    wrapUpLimitSec: r.wrap_up_limit_sec,
  };
}

/** The parameters of an UPDATE … SET (ROUTING_COLUMNS) = ($n …), in that order. */
export function routingParams(r: QueueRouting): (string | number | null | string[])[] {
  return [
    r.hotlineNumbers, r.mailAddresses, r.requiredSkills, JSON.stringify(r.weights), r.widenSkilledAfterSec,
    r.widenAnyoneAfterSec, r.reservationSec, r.missesBeforeNotReady, r.maxWaitSec, r.maxWaitAction, r.overflowSiteCode,
    r.overflowWaitSec, r.wrapUpLimitSec,
  ];
}

export async function loadRouting(db: Db, queueCode: string): Promise<QueueRouting | null> {
  const [row] = await db.query<RoutingRow>(`SELECT ${ROUTING_COLUMNS} FROM queues WHERE code = $1`, [queueCode]);
  return row ? routingFromRow(row) : null;
}
