// Who the customer behind a task is, for its priority and its preferred agent: the facts
// priority.ts weighs, and the agent who last served them (in the last 30 days) — the
// customer's own agent comes first when free (router-step.ts).
import { toE164 } from '../../shared/phone.js';
import { type Tier } from '../../shared/domain.js';
import { type Db } from '../db/db.js';
import { type CustomerFacts } from './priority.js';

export interface CustomerContext {
  customerId: string;
  facts: CustomerFacts;
  lastAgentId: string | null;
}

const COMPLAINT_DAYS = 90;
const LAST_AGENT_DAYS = 30;

export async function customerContext(db: Db, customerId: string, now: Date): Promise<CustomerContext | null> {
  const [row] = await db.query<{
    id: string; vvip: boolean; tier: Tier; billing: 'prepaid' | 'postpaid'; customer_since: string | null; complaints: number; last_agent: string | null;
  }>(
    `SELECT c.id, c.vvip, c.tier, c.billing, c.customer_since,
            (SELECT count(*)::int FROM cases k WHERE k.customer_id = c.id AND k.category = 'complaint'
                AND k.opened_at >= $2::timestamptz - make_interval(days => ${COMPLAINT_DAYS})) AS complaints,
            (SELECT i.agent_id FROM interactions i JOIN users u ON u.id = i.agent_id
              WHERE i.customer_id = c.id AND i.agent_id IS NOT NULL AND u.disabled_at IS NULL
                AND i.started_at >= $2::timestamptz - make_interval(days => ${LAST_AGENT_DAYS})
              ORDER BY i.started_at DESC LIMIT 1) AS last_agent
       FROM customers c WHERE c.id = $1`,
    [customerId, now],
  );
  if (!row) return null;
  return {
    customerId: row.id,
    facts: {
      vvip: row.vvip, tier: row.tier, billing: row.billing, complaints90d: row.complaints,
      customerSince: row.customer_since ? new Date(`${row.customer_since}T00:00:00Z`) : null,
    },
    lastAgentId: row.last_agent,
  };
}

/** The customer a caller number belongs to (null: not on file, or not a number). */
export async function customerByPhone(db: Db, number: string): Promise<string | null> {
  const e164 = toE164(number);
  if (!e164) return null;
  const [row] = await db.query<{ id: string }>(
    `SELECT c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.e164 = $1 ORDER BY c.customer_no LIMIT 1`, [e164]);
  return row?.id ?? null;
}
