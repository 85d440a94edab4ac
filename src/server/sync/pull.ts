// Pull: every row whose version lies in (cursor, nextCursor], across all synced tables.
//
// Reads run in one REPEATABLE READ snapshot, so the head version and the rows agree.
// Because versions become visible in order (db/write-transaction.ts), every version up to
// the head of the snapshot is final: a client can store nextCursor and never miss a row.
// Each write takes a unique version, so a window of `limit` versions holds at most
// `limit` rows; empty stretches (updated or rolled-back versions) are skipped by starting
// the window at the smallest version above the cursor.
import { SapaError } from '../../shared/errors.js';
import { type PullRequest, type PullResponse, SYNC_TABLES, type SyncTable } from '../../shared/sync.js';
import { type Db, type SqlParam } from '../db/db.js';
import {
  CUSTOMER_COLUMNS, toCase, toContract, toCustomer, toInteraction, toOrder, toReceivable,
  type CaseRow, type ContractRow, type CustomerRow, type InteractionRow, type OrderRow,
  type ReceivableRow,
} from '../customers/rows.js';
import { type CallbackRow, toCallback } from '../callbacks/rows.js';
import { type NoteRow, toNote } from '../notes/rows.js';
import { type SyncUserRow, toSyncUser } from './sync-rows.js';
import { MAX_RULE_BOUND, WORKING_SET_SQL, loadWorkingScope, recentDaysFromEnv, scopeParams } from './working-scope.js';
import { PARAGRAPH_COLUMNS, toParagraph, type ParagraphRow } from '../replies/rows.js';

/**
 * Who is pulling. `working`: serve customers (and their rows) only from the user's working
 * set (working-scope.ts). Reference data is always whole. `recentDays` and `bound` tune
 * the branch and queue rules (defaults: SAPA_WORKING_SET_RECENT_DAYS, MAX_RULE_BOUND).
 */
export interface PullScope {
  userId: string; working?: boolean; recentDays?: number; bound?: number | undefined;
  /**
   * The pass this window belongs to (the desktop's pulls from one cursor to the head):
   * where it began and the lowest head its answers so far were served at. A customer
   * entering the maintained scope at a version at or below that head was already a member
   * when the pass's earlier windows were served, so they carried its rows above `from`:
   * only its rows up to `from` are sent again, not all of them (a first sync: none).
   */
  pass?: { from: number; head: number } | undefined;
}

// scope_members: a membership change alone (an admin moved a user's branch) is a version too.
const VERSIONED = [...SYNC_TABLES, 'tombstones', 'scope_members'] as const;
/** Tables every desktop receives whole, whatever its scope. */
const SHARED = ['users', 'reply_paragraphs', 'tombstones'] as const;

const maxOf = (tables: readonly string[], also: string[] = []) =>
  `GREATEST(${[...tables.map((t) => `(SELECT max(version) FROM ${t})`), ...also].join(', ')})`;
// Pruning left memberships (working-scope.ts pruneScope) deletes versions: the head never
// goes below the highest pruned, or a fresh desktop would stop behind the horizon.
const HEAD = maxOf(VERSIONED, ['(SELECT pruned_through FROM scope_settings)']);
const HEAD_SQL = `SELECT ${HEAD} AS head`;

/**
 * Everything a pull decides on, in one statement (one snapshot, one round trip; index ends
 * only): the head; the head of the shared tables and the user's scope head (scope_heads,
 * migration 041) for the fast path; per table the smallest version above the cursor (the
 * window's start, and which tables it can skip); the smallest change of the user's own
 * membership above the cursor; the maintained scope's settings. $1 the cursor, $2 the user.
 */
const PROBE_SQL = `SELECT ${HEAD} AS head, ${maxOf(SHARED)} AS shared,
  (SELECT GREATEST(s.heads_since, (SELECT h.version FROM scope_heads h WHERE h.user_id = $2::uuid)) FROM scope_settings s) AS mine,
  ${VERSIONED.map((t) => `(SELECT min(version) FROM ${t} WHERE version > $1) AS ${t}`).join(', ')},
  (SELECT min(version) FROM scope_members WHERE user_id = $2::uuid AND version > $1) AS my_scope,
  (SELECT recent_days FROM scope_settings) AS recent_days, (SELECT rule_bound FROM scope_settings) AS rule_bound,
  (SELECT pruned_through FROM scope_settings) AS pruned_through`;

type ProbeRow = Record<typeof VERSIONED[number] | 'head' | 'shared' | 'mine' | 'my_scope' | 'recent_days' | 'rule_bound' | 'pruned_through', number | null>;

interface Probe {
  head: number; shared: number; mine: number | null; mins: Map<string, number | null>; myScope: number | null; maintained: boolean;
  /** Left memberships up to this version may be pruned (migration 041, working-scope.ts pruneScope). */
  prunedThrough: number;
}

/** A uuid no user has: the probe's user for a pull without a scope. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

async function probe(db: Db, cursor: number, scope: PullScope | undefined): Promise<Probe> {
  const [row] = await db.query<ProbeRow>(PROBE_SQL, [cursor, scope?.userId ?? NO_USER], { prepare: 'sync_pull_probe' });
  const num = (v: number | string | null | undefined) => (v == null ? null : Number(v));
  // The maintained scope serves the pull when the server's recent window and bound are
  // those it is kept with and the desktop asks for at least that bound; otherwise (a
  // test's or a small desktop's own bound) the rules are evaluated for the pull.
  const maintained = scope?.working === true && row?.recent_days != null && row.rule_bound != null
    && (scope.recentDays ?? recentDaysFromEnv()) === row.recent_days && (scope.bound ?? MAX_RULE_BOUND) >= row.rule_bound;
  return {
    head: num(row?.head) ?? 0,
    shared: num(row?.shared) ?? 0,
    mine: num(row?.mine),
    mins: new Map(VERSIONED.map((t) => [t as string, num(row?.[t])])),
    myScope: num(row?.my_scope),
    maintained,
    prunedThrough: num(row?.pruned_through) ?? 0,
  };
}

/**
 * The highest committed version `db` can serve. On a read replica that is what the replica
 * has replayed; a pull takes its bound from the same snapshot as its rows, never from the
 * primary (docs/decisions/0032). The live hub compares the two to poke after replay.
 */
export async function headVersion(db: Db): Promise<number> {
  const [top] = await db.query<{ head: number | null }>(HEAD_SQL, [], { prepare: 'sync_pull_head' });
  return top?.head ?? 0;
}

/**
 * A cursor behind the pruning horizon, of a user whose memberships changed since, may have
 * missed a leave whose membership is gone: this cache cannot be brought up to date, it
 * starts over (decision 0040). Checked before anything else: pruning can lower the head
 * below such a cursor. A user whose scope did not change since the cursor missed nothing.
 */
function refuseBehindHorizon(p: Probe, cursor: number): void {
  if (p.maintained && cursor > 0 && cursor < p.prunedThrough && (p.mine === null || p.mine > cursor)) {
    throw new SapaError('WIPE_ORDERED', 'This desktop\'s cache is older than the server keeps scope changes; it is wiped and syncs again from the start',
      { reason: 'cursor_before_horizon', cursor, prunedThrough: p.prunedThrough });
  }
}

function nothingNew(cursor: number, head: number): PullResponse {
  return { nextCursor: Math.max(cursor, head), more: false, headVersion: head, remainingEstimate: 0, changes: emptyChanges(), tombstones: [] };
}

/** REPEATABLE READ, read-only, timestamps in UTC: one round trip on PostgreSQL. */
async function snapshot(tx: Db): Promise<void> {
  // Timestamps are read as ISO strings (no Date per value); in UTC they need no arithmetic.
  const statements = ['SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY', "SET LOCAL TIME ZONE 'UTC'"];
  // A parameterless query is sent as one simple query; PGlite's query takes one statement.
  if (tx.engine === 'postgres') await tx.query(statements.join('; '));
  else for (const s of statements) await tx.query(s);
}

export async function pullChanges(db: Db, req: PullRequest, scope?: PullScope): Promise<PullResponse> {
  // The fast path (decision 0040): one statement, its own snapshot. Nothing above the
  // cursor, or — on the maintained scope — nothing above it in the shared tables and the
  // user's scope head: every version up to this snapshot's head is final (decision 0002),
  // and any of them in the user's scope would have raised the scope head in the same
  // transaction, so the head is the next cursor. No transaction, no second statement.
  const fast = await probe(db, req.cursor, scope);
  refuseBehindHorizon(fast, req.cursor);
  if (fast.head <= req.cursor || (fast.maintained && fast.mine !== null && Math.max(fast.shared, fast.mine) <= req.cursor)) {
    return nothingNew(req.cursor, fast.head);
  }
  return db.transaction(async (tx) => {
    await snapshot(tx);
    const iso = { isoTimestamps: true };
    // Prepared (on PostgreSQL): planning these two dozen index probes costs more than
    // running them (decision 0030). The bound comes from this snapshot, so on a read
    // replica it is what the replica has replayed: the answer never claims a cursor past
    // the rows it served (decision 0032).
    const p = await probe(tx, req.cursor, scope);
    refuseBehindHorizon(p, req.cursor);
    const head = p.head;
    const mins = p.mins;
    const present = [...mins.values()].filter((v): v is number => v !== null);
    const first = present.length ? Math.min(...present) : null;
    const empty = emptyChanges();
    if (first === null) {
      const nextCursor = Math.max(req.cursor, head);
      return { nextCursor, more: false, headVersion: head, remainingEstimate: 0, changes: empty, tombstones: [] };
    }
    const from = first - 1;
    let to = Math.min(from + req.limit, head);
    const where = 'WHERE version > $1 AND version <= $2 ORDER BY version';
    // Customer-scoped tables: the same window, limited to the working set when asked.
    const working = scope?.working === true;
    const maintained = p.maintained;
    let entered: string[] = [];
    let left: { id: string; version: number }[] = [];
    let scoped: (column: string, table: string) => string;
    let scopedParams: () => SqlParam[];
    // The maintained scope's statements by which entered customers they also serve (prepared by name).
    let variantOfMaintained = 'm';
    if (maintained && scope) {
      // The scope maintained on write (migration 030, docs/decisions/0030): the window's
      // rows of member customers (an index probe per row), plus all rows of the customers
      // that entered in the window, tombstones for those that left. A window holds at most
      // limit/10 membership changes, so that a branch change does not make one huge page.
      const userId = scope.userId;
      // The user's own membership changes in the window, one more than a window may hold:
      // if there are that many, the window ends before the last (one statement for both).
      const cap = Math.max(1, Math.floor(req.limit / 10));
      const changed = p.myScope === null || p.myScope > to ? [] : await tx.query<{ customer_id: string; in_scope: boolean; version: number }>(
        'SELECT customer_id, in_scope, version FROM scope_members WHERE user_id = $3 AND version > $1 AND version <= $2 ORDER BY version LIMIT $4',
        [from, to, userId, cap + 1], { prepare: 'sync_pull_scope_changed' });
      const cut = changed.length > cap ? changed.pop() : undefined;
      if (cut) to = cut.version - 1;
      // Entered: all their rows up to the window; those the pass's earlier windows already
      // served as members (PullScope.pass), only their rows up to where the pass began.
      const pass = scope.pass;
      const seenByPass = (c: { version: number }) => pass !== undefined && c.version <= pass.head;
      const fresh = changed.filter((c) => c.in_scope && !seenByPass(c)).map((c) => c.customer_id);
      const seen = pass && pass.from > 0 ? changed.filter((c) => c.in_scope && seenByPass(c)).map((c) => c.customer_id) : [];
      entered = [...fresh, ...seen];
      left = changed.filter((c) => !c.in_scope).map((c) => ({ id: c.customer_id, version: c.version }));
      const member = (column: string) =>
        `EXISTS (SELECT 1 FROM scope_members m WHERE m.user_id = $3 AND m.customer_id = t.${column} AND m.in_scope)`;
      const params: SqlParam[] = [from, to, userId];
      const alsoEntered: ((column: string) => string)[] = [];
      if (fresh.length > 0) {
        const ids = params.push(fresh);
        alsoEntered.push((column) => `(${column} = ANY($${ids}::uuid[]) AND version <= $1)`);
      }
      if (seen.length > 0 && pass) {
        const ids = params.push(seen);
        const upTo = params.push(pass.from);
        alsoEntered.push((column) => `(${column} = ANY($${ids}::uuid[]) AND version <= $${upTo})`);
      }
      scoped = (column, table) => alsoEntered.length === 0
        ? `FROM ${table} t WHERE version > $1 AND version <= $2 AND ${member(column)} ORDER BY version`
        : `FROM ${table} t WHERE (version > $1 AND version <= $2 AND ${member(column)})
             OR ${alsoEntered.map((c) => c(column)).join(' OR ')} ORDER BY version`;
      scopedParams = () => params;
      variantOfMaintained = `m${fresh.length > 0 ? 'e' : ''}${seen.length > 0 ? 's' : ''}`;
    } else if (working) {
      const params = scopeParams(await loadWorkingScope(tx, scope.userId, { recentDays: scope.recentDays ?? recentDaysFromEnv(), bound: scope.bound }));
      scoped = (column, table) => `FROM ${table} ${where.replace('ORDER BY', `AND ${column} IN ${WORKING_SET_SQL} ORDER BY`)}`;
      scopedParams = () => [from, to, ...params];
    } else {
      scoped = (_column, table) => `FROM ${table} ${where}`;
      scopedParams = () => [from, to];
    }
    const range = [from, to];
    const sp = scopedParams();
    // The full and the maintained pulls' statements are few and fixed: prepared by name.
    const variant = maintained ? variantOfMaintained : working ? null : 'f';
    const opts = (table: string) => (variant ? { ...iso, prepare: `sync_pull_${variant}_${table}` } : iso);
    // A table with no version in the window is not asked (the steady pull: one or two
    // tables), unless customers entered the scope (their older rows are wanted).
    const read = async <T>(table: typeof VERSIONED[number], sql: string, params: SqlParam[], o: { isoTimestamps: boolean; prepare?: string }): Promise<T[]> => {
      const min = mins.get(table) ?? null;
      const customerScoped = table !== 'users' && table !== 'tombstones' && table !== 'reply_paragraphs';
      if ((min === null || min > to) && !(customerScoped && entered.length > 0)) return [];
      return tx.query<T>(sql, params, o);
    };
    const [users, customers, interactions, cases, orders, receivables, contracts, notes, callbacks, tombstones] = [
      await read<SyncUserRow>('users', `SELECT id, username, display_name, role, branch, queues, version FROM users ${where}`, range, { ...iso, prepare: 'sync_pull_users' }),
      await read<CustomerRow>('customers', `SELECT ${CUSTOMER_COLUMNS} ${scoped('id', 'customers')}`, sp, opts('customers')),
      await read<InteractionRow>('interactions', `SELECT * ${scoped('customer_id', 'interactions')}`, sp, opts('interactions')),
      await read<CaseRow>('cases', `SELECT * ${scoped('customer_id', 'cases')}`, sp, opts('cases')),
      await read<OrderRow>('orders', `SELECT * ${scoped('customer_id', 'orders')}`, sp, opts('orders')),
      await read<ReceivableRow>('receivables', `SELECT * ${scoped('customer_id', 'receivables')}`, sp, opts('receivables')),
      await read<ContractRow>('contracts', `SELECT * ${scoped('customer_id', 'contracts')}`, sp, opts('contracts')),
      await read<NoteRow>('notes', `SELECT * ${scoped('customer_id', 'notes')}`, sp, opts('notes')),
      await read<CallbackRow>('callbacks', `SELECT * ${scoped('customer_id', 'callbacks')}`, sp, opts('callbacks')),
      await read<{ table_name: SyncTable; id: string; version: number }>('tombstones',
        `SELECT table_name, id, version FROM tombstones ${where}`, range, { ...iso, prepare: 'sync_pull_tombstones' }),
    ];
    if (left.length > 0) tombstones.push(...await leavingTombstones(tx, left));
    const paragraphs = await read<ParagraphRow>('reply_paragraphs', `SELECT ${PARAGRAPH_COLUMNS} FROM reply_paragraphs ${where}`, range, { ...iso, prepare: 'sync_pull_paragraphs' });
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

const CUSTOMER_TABLES = ['interactions', 'cases', 'orders', 'receivables', 'contracts', 'notes', 'callbacks'] as const;

/**
 * Tombstones for every row of the customers that left the scope. The version is the
 * later of the leave and the row's own, so a row the desktop fetched after the leave
 * (a 360 view) is removed too: the cache deletes a row only up to the tombstone's version.
 */
async function leavingTombstones(tx: Db, left: readonly { id: string; version: number }[]): Promise<{ table_name: SyncTable; id: string; version: number }[]> {
  const ids = left.map((l) => l.id);
  const versions = left.map((l) => l.version);
  const parts = [
    `SELECT 'customers' AS table_name, c.id, GREATEST(c.version, l.v) AS version FROM customers c JOIN l ON l.id = c.id`,
    ...CUSTOMER_TABLES.map((t) => `SELECT '${t}', r.id, GREATEST(r.version, l.v) FROM ${t} r JOIN l ON l.id = r.customer_id`),
  ];
  return tx.query<{ table_name: SyncTable; id: string; version: number }>(
    `WITH l AS (SELECT * FROM unnest($1::uuid[], $2::bigint[]) AS x(id, v)) ${parts.join(' UNION ALL ')}`, [ids, versions]);
}
