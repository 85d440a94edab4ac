// Pull: every row whose version lies in (cursor, nextCursor], across all synced tables.
//
// Reads run in one REPEATABLE READ snapshot, so the head version and the rows agree.
// Because versions become visible in order (db/write-transaction.ts), every version up to
// the head of the snapshot is final: a client can store nextCursor and never miss a row.
// Each write takes a unique version, so a window of `limit` versions holds at most
// `limit` rows; empty stretches (updated or rolled-back versions) are skipped by starting
// the window at the smallest version above the cursor.
import { type PullRequest, type PullResponse, SYNC_TABLES, type SyncTable } from '../../shared/sync.js';
import { type Db } from '../db/db.js';
import {
  CUSTOMER_COLUMNS, toCase, toContract, toCustomer, toInteraction, toOrder, toReceivable,
  type CaseRow, type ContractRow, type CustomerRow, type InteractionRow, type OrderRow,
  type ReceivableRow,
} from '../customers/rows.js';
import { type CallbackRow, toCallback } from '../callbacks/rows.js';
import { type NoteRow, toNote } from '../notes/rows.js';
import { type SyncUserRow, toSyncUser } from './sync-rows.js';
import { WORKING_SET_SQL, loadWorkingScope, recentDaysFromEnv, scopeParams } from './working-scope.js';
import { PARAGRAPH_COLUMNS, toParagraph, type ParagraphRow } from '../replies/rows.js';

/**
 * Who is pulling. `working`: serve customers (and their rows) only from the user's working
 * set (working-scope.ts). Reference data is always whole. `recentDays` and `bound` tune
 * the branch and queue rules (defaults: SAPA_WORKING_SET_RECENT_DAYS, MAX_RULE_BOUND).
 */
export interface PullScope { userId: string; working?: boolean; recentDays?: number; bound?: number | undefined }

const VERSIONED = [...SYNC_TABLES, 'tombstones'] as const;

export async function pullChanges(db: Db, req: PullRequest, scope?: PullScope): Promise<PullResponse> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Timestamps are read as ISO strings (no Date per value); in UTC they need no arithmetic.
    await tx.query("SET LOCAL TIME ZONE 'UTC'");
    const iso = { isoTimestamps: true };
    const [bounds] = await tx.query<{ head: number | null; first: number | null }>(
      `SELECT GREATEST(${VERSIONED.map((t) => `(SELECT max(version) FROM ${t})`).join(', ')}) AS head,
              LEAST(${VERSIONED.map((t) => `(SELECT min(version) FROM ${t} WHERE version > $1)`).join(', ')}) AS first`,
      [req.cursor],
    );
    const head = bounds?.head ?? 0;
    const first = bounds?.first ?? null;
    const empty = emptyChanges();
    if (first === null) {
      const nextCursor = Math.max(req.cursor, head);
      return { nextCursor, more: false, headVersion: head, remainingEstimate: 0, changes: empty, tombstones: [] };
    }
    const from = first - 1;
    const to = Math.min(from + req.limit, head);
    const range = [from, to];
    const where = 'WHERE version > $1 AND version <= $2 ORDER BY version';
    // Customer-scoped tables: the same window, limited to the working set when asked.
    const working = scope?.working === true;
    const scoped = (column: string) => working
      ? `WHERE version > $1 AND version <= $2 AND ${column} IN ${WORKING_SET_SQL} ORDER BY version` : where;
    const scopedRange = working
      ? [from, to, ...scopeParams(await loadWorkingScope(tx, scope.userId, { recentDays: scope.recentDays ?? recentDaysFromEnv(), bound: scope.bound }))]
      : range;
    const [users, customers, interactions, cases, orders, receivables, contracts, notes, callbacks, tombstones] = [
      await tx.query<SyncUserRow>(`SELECT id, username, display_name, role, branch, queues, version FROM users ${where}`, range, iso),
      await tx.query<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers ${scoped('id')}`, scopedRange, iso),
      await tx.query<InteractionRow>(`SELECT * FROM interactions ${scoped('customer_id')}`, scopedRange, iso),
      await tx.query<CaseRow>(`SELECT * FROM cases ${scoped('customer_id')}`, scopedRange, iso),
      await tx.query<OrderRow>(`SELECT * FROM orders ${scoped('customer_id')}`, scopedRange, iso),
      await tx.query<ReceivableRow>(`SELECT * FROM receivables ${scoped('customer_id')}`, scopedRange, iso),
      await tx.query<ContractRow>(`SELECT * FROM contracts ${scoped('customer_id')}`, scopedRange, iso),
      await tx.query<NoteRow>(`SELECT * FROM notes ${scoped('customer_id')}`, scopedRange, iso),
      await tx.query<CallbackRow>(`SELECT * FROM callbacks ${scoped('customer_id')}`, scopedRange, iso),
      await tx.query<{ table_name: SyncTable; id: string; version: number }>(
        `SELECT table_name, id, version FROM tombstones ${where}`, range, iso),
    ];
    const paragraphs = await tx.query<ParagraphRow>(`SELECT ${PARAGRAPH_COLUMNS} FROM reply_paragraphs ${where}`, range, iso);
    return {
      nextCursor: to,
      more: to < head,
      headVersion: head,
      // Versions left to the head; an overestimate when rows were updated several times.
      remainingEstimate: Math.max(0, head - to),
      changes: {
        users: users.map(toSyncUser),
        customers: customers.map(toCustomer),
        interactions: interactions.map(toInteraction),
        cases: cases.map(toCase),
        orders: orders.map(toOrder),
        receivables: receivables.map(toReceivable),
        contracts: contracts.map(toContract),
        notes: notes.map(toNote),
        callbacks: callbacks.map(toCallback),
        reply_paragraphs: paragraphs.map(toParagraph),
      },
      tombstones: tombstones.map((t) => ({ table: t.table_name, id: t.id, version: t.version })),
    };
  });
}

function emptyChanges(): PullResponse['changes'] {
  return { users: [], customers: [], interactions: [], cases: [], orders: [], receivables: [], contracts: [], notes: [], callbacks: [], reply_paragraphs: [] };
}
