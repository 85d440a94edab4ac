// The first sync's priority batch (docs/decisions/0028-slow-links.md): before a desktop
// starts its history (the version-ordered pull from cursor 0), it fetches the agent's own
// open work — open cases and open call-backs assigned to them, overdue and today's first —
// with those customers and their latest contacts, so the desktop is usable in seconds on a
// slow line. The rows carry their versions and are applied without moving the cursor; the
// history brings them again at the same version later, which changes nothing. Every row
// here is in the user's working set (working-scope.ts: assigned open work is one of its
// rules) and in a full replication, so this is no new scope.
import { type PriorityResponse } from '../../shared/sync.js';
import { type Db } from '../db/db.js';
import {
  CUSTOMER_COLUMNS, toCase, toCustomer, toInteraction, type CaseRow, type CustomerRow, type InteractionRow,
} from '../customers/rows.js';
import { type CallbackRow, toCallback } from '../callbacks/rows.js';
import { type SyncUserRow, toSyncUser } from './sync-rows.js';

/** At most this many cases and this many call-backs (a list an agent works through, not a history). */
export const PRIORITY_LIMIT = 500;
/** Latest contacts per customer served with them (the 360 shows these first). */
export const PRIORITY_CONTACTS = 10;

export async function priorityRows(db: Db, userId: string): Promise<PriorityResponse> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await tx.query("SET LOCAL TIME ZONE 'UTC'");
    const iso = { isoTimestamps: true };
    const callbacks = await tx.query<CallbackRow>(
      `SELECT * FROM callbacks WHERE assignee_id = $1 AND status = 'open' ORDER BY due_at, id LIMIT $2`,
      [userId, PRIORITY_LIMIT], iso);
    const cases = await tx.query<CaseRow>(
      `SELECT * FROM cases WHERE assignee_id = $1 AND status IN ('open', 'in_progress')
        ORDER BY sla_due_at NULLS LAST, opened_at, id LIMIT $2`, [userId, PRIORITY_LIMIT], iso);
    const ids = [...new Set([...callbacks.map((c) => c.customer_id), ...cases.map((c) => c.customer_id)])];
    const customers = ids.length === 0 ? [] : await tx.query<CustomerRow>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = ANY($1::uuid[])`, [ids], iso);
    const interactions = ids.length === 0 ? [] : await tx.query<InteractionRow>(
      `SELECT i.* FROM unnest($1::uuid[]) AS c(id)
         CROSS JOIN LATERAL (SELECT * FROM interactions WHERE customer_id = c.id
                              ORDER BY started_at DESC, id DESC LIMIT $2) i`, [ids, PRIORITY_CONTACTS], iso);
    // The agent and the colleagues who asked for the call-backs (names on screen); the rest of
    // the users come with the history.
    const people = [...new Set([userId, ...callbacks.flatMap((c) => (c.created_by ? [c.created_by] : []))])];
    const users = await tx.query<SyncUserRow>(
      'SELECT id, username, display_name, role, branch, queues, version FROM users WHERE id = ANY($1::uuid[])', [people], iso);
    return {
      changes: {
        users: users.map(toSyncUser), customers: customers.map(toCustomer), interactions: interactions.map(toInteraction),
        cases: cases.map(toCase), callbacks: callbacks.map(toCallback),
        orders: [], receivables: [], contracts: [], notes: [], reply_paragraphs: [],
      },
    };
  });
}
