// Pull: every row whose version lies in (cursor, nextCursor], across all synced tables.
//
// Reads run in one REPEATABLE READ snapshot, so the head version and the rows agree.
// Because versions become visible in order (write-transaction.ts), every version up to
// the head of the snapshot is final: a client can store nextCursor and never miss a row.
// Each write takes a unique version, so a window of `limit` versions holds at most
// `limit` rows; empty stretches (updated or rolled-back versions) are skipped by starting
// the window at the smallest version above the cursor.
import { type PullRequest, type PullResponse, SYNC_TABLES, type SyncTable } from '../../shared/sync.js';
import { type Db } from '../db/db.js';
import { type CallbackRow, type NoteRow, type SyncUserRow, toCallback, toNote, toSyncUser } from './sync-rows.js';
import { WORKING_SET_SQL, loadWorkingScope, recentDaysFromEnv, scopeParams } from './working-scope.js';
import { PARAGRAPH_COLUMNS, toParagraph, type ParagraphRow } from '../replies/rows.js';
import { WIRE_TABLES, type WireTable, wireRowsSql } from './wire-rows.js';

/**
 * Who is pulling. `working`: serve customers (and their rows) only from the user's working
 * set (working-scope.ts). Reference data is always whole. `recentDays` and `bound` tune
 * the branch and queue rules (defaults: SAPA_WORKING_SET_RECENT_DAYS, MAX_RULE_BOUND).
 */
export interface PullScope { userId: string; working?: boolean; recentDays?: number; bound?: number | undefined }

const VERSIONED = [...SYNC_TABLES, 'tombstones'] as const;

/** The pull's answer as JSON text (bulk tables encoded by PostgreSQL, see wire-rows.ts). */
export async function pullChangesJson(db: Db, req: PullRequest, scope?: PullScope): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [bounds] = await tx.query<{ head: number | null; first: number | null }>(
      `SELECT GREATEST(${VERSIONED.map((t) => `(SELECT max(version) FROM ${t})`).join(', ')}) AS head,
              LEAST(${VERSIONED.map((t) => `(SELECT min(version) FROM ${t} WHERE version > $1)`).join(', ')}) AS first`,
      [req.cursor],
    );
    const head = bounds?.head ?? 0;
    const first = bounds?.first ?? null;
    if (first === null) {
      const nextCursor = Math.max(req.cursor, head);
      return JSON.stringify({ nextCursor, more: false, headVersion: head, remainingEstimate: 0, changes: emptyChanges(), tombstones: [] });
    }
    const from = first - 1;
    const to = Math.min(from + req.limit, head);
    const range = [from, to];
    const inWindow = 'WHERE version > $1 AND version <= $2';
    const where = `${inWindow} ORDER BY version`;
    // Customer-scoped tables: the same window, limited to the working set when asked.
    const working = scope?.working === true;
    const scopedWhere = (column: string) => working ? `${inWindow} AND ${column} IN ${WORKING_SET_SQL}` : inWindow;
    const scopedRange = working
      ? [from, to, ...scopeParams(await loadWorkingScope(tx, scope.userId, { recentDays: scope.recentDays ?? recentDaysFromEnv(), bound: scope.bound }))]
      : range;
    const wire: Partial<Record<WireTable, string>> = {};
    for (const table of WIRE_TABLES) {
      const [row] = await tx.query<{ rows: string }>(wireRowsSql(table, scopedWhere(table === 'customers' ? 'id' : 'customer_id')), scopedRange);
      wire[table] = row?.rows ?? '[]';
    }
    const users = await tx.query<SyncUserRow>(`SELECT id, username, display_name, role, branch, queues, version FROM users ${where}`, range);
    const notes = await tx.query<NoteRow>(`SELECT * FROM notes ${scopedWhere('customer_id')} ORDER BY version`, scopedRange);
    const callbacks = await tx.query<CallbackRow>(`SELECT * FROM callbacks ${scopedWhere('customer_id')} ORDER BY version`, scopedRange);
    const tombstones = await tx.query<{ table_name: SyncTable; id: string; version: number }>(
      `SELECT table_name, id, version FROM tombstones ${where}`, range);
    const paragraphs = await tx.query<ParagraphRow>(`SELECT ${PARAGRAPH_COLUMNS} FROM reply_paragraphs ${where}`, range);
    // Assembled by hand so that the bulk tables' text is spliced in, never parsed here.
    const envelope = JSON.stringify({
      nextCursor: to,
      more: to < head,
      headVersion: head,
      // Versions left to the head; an overestimate when rows were updated several times.
      remainingEstimate: Math.max(0, head - to),
    });
    return `${envelope.slice(0, -1)},"changes":{"users":${JSON.stringify(users.map(toSyncUser))},${
      WIRE_TABLES.map((t) => `"${t}":${wire[t]}`).join(',')},"notes":${JSON.stringify(notes.map(toNote))},"callbacks":${
      JSON.stringify(callbacks.map(toCallback))},"reply_paragraphs":${JSON.stringify(paragraphs.map(toParagraph))}},"tombstones":${
      JSON.stringify(tombstones.map((t) => ({ table: t.table_name, id: t.id, version: t.version })))}}`;
  });
}

/** The pull's answer as an object (in-process callers and tests). */
export async function pullChanges(db: Db, req: PullRequest, scope?: PullScope): Promise<PullResponse> {
  return JSON.parse(await pullChangesJson(db, req, scope)) as PullResponse;
}

function emptyChanges(): PullResponse['changes'] {
  return { users: [], customers: [], interactions: [], cases: [], orders: [], receivables: [], contracts: [], notes: [], callbacks: [], reply_paragraphs: [] };
}
