// The one write path into the cache: sync batches, and rows fetched on a cache miss.
// A batch's cursor is stored in the same transaction as the batch's last rows, so a crash
// leaves either the old cursor or the new state with the new cursor: a steady pull is ONE
// transaction; a catch-up batch goes in short slices that yield between them, its rows
// ahead of the cursor until the last (idempotent when re-pulled; decision 0041). Statements are prepared
// once. customer_phones and the FTS index are written here directly (no triggers), which
// keeps bulk sync fast and keeps both in step with `customers`. Tables owned by a feature
// folder (notes, call-backs, reply paragraphs) come in as `CacheTable`s (cache-table.ts).
import { type Customer, type Customer360, type User } from '../../../shared/domain.js';
import { performance } from 'node:perf_hooks';
import { nationalKey } from '../../../shared/phone.js';
import { type PullResponse, type SyncTable, type Tombstone } from '../../../shared/sync.js';
import { type Statement } from 'better-sqlite3-multiple-ciphers';
import { type AnyCacheTable, type SyncedRows, type TableWriter } from './cache-table.js';
import { type CacheDb } from './open-cache.js';
import {
  caseParams, contractParams, customerParams, interactionParams, orderParams, receivableParams,
} from './rows.js';

const CUSTOMER_COLUMNS = [
  'id', 'customer_no', 'external_id', 'full_name', 'salutation', 'phones', 'emails', 'address', 'city',
  'branch', 'language', 'segment', 'tier', 'vvip', 'billing', 'lifecycle', 'customer_since',
  'lifetime_value_idr', 'version', 'updated_at',
] as const;

const TABLE_COLUMNS = {
  interactions: ['id', 'customer_id', 'channel', 'direction', 'started_at', 'ended_at', 'agent_id',
    'agent_name', 'subject', 'body', 'disposition', 'duration_sec', 'recording_id', 'version'],
  cases: ['id', 'case_no', 'customer_id', 'category', 'subject', 'priority', 'status', 'opened_at',
    'sla_due_at', 'resolved_at', 'assignee_id', 'version', 'response_due_at', 'responded_at', 'warn_at', 'team_id'],
  orders: ['id', 'order_no', 'customer_id', 'product', 'amount_idr', 'status', 'placed_at', 'status_history', 'expected_at', 'version'],
  receivables: ['id', 'invoice_no', 'customer_id', 'amount_idr', 'paid_idr', 'issued_at', 'due_date', 'status', 'version'],
  contracts: ['id', 'contract_no', 'customer_id', 'product', 'start_date', 'end_date', 'monthly_fee_idr', 'status', 'version'],
  users: ['id', 'username', 'display_name', 'role', 'version'],
} as const;

/** The tables whose write path lives here (the rest belong to feature folders). */
type CoreTable = 'users' | 'interactions' | 'cases' | 'orders' | 'receivables' | 'contracts';

/** Upsert that never lets an older version overwrite a newer one. */
function upsertSql(table: string, columns: readonly string[]): string {
  const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
    ON CONFLICT(id) DO UPDATE SET ${updates} WHERE excluded.version > ${table}.version`;
}

export interface ApplyResult {
  rowsApplied: number;
}

/** How applyPullInSlices cuts a batch (sync-client.ts, decision 0041). */
export interface SliceOptions {
  /** At most this many rows (and tombstones) per transaction. */
  sliceRows: number;
  /** And a slice ends once it has taken this long (checked every few rows). */
  sliceMs?: number;
  /** Awaited between two slices: hands core's thread to whatever waits (a screen pop). */
  yieldNow(): Promise<void>;
  /** Runs inside the last slice's transaction, beside the cursor (the outbox's confirmed entries). */
  withCursor?(): void;
}

export interface ChangeApplier {
  /** Applies one pull batch and stores its cursor, atomically. */
  applyPull(batch: PullResponse, syncedAt: string): ApplyResult;
  /**
   * Applies one pull batch in transactions of at most `sliceRows` rows, yielding between
   * them; only the last stores the cursor. Until then the applied rows are ahead of the
   * cursor, as the priority rows are: a crash or an error re-pulls the batch, whose
   * version-guarded upserts and tombstones are then no-ops for what was already applied.
   */
  applyPullInSlices(batch: PullResponse, syncedAt: string, slicing: SliceOptions): Promise<ApplyResult>;
  /**
   * Applies rows fetched ahead of the history (a first sync's own open work, sync/priority
   * on the server): version-guarded like a batch, the cursor does not move.
   */
  applyRows(changes: PullResponse['changes']): ApplyResult;
  /** Caches rows fetched from the server on a miss (no cursor change). */
  cache360(view: Customer360): void;
}

export function createChangeApplier(db: CacheDb, tables: readonly AnyCacheTable[] = []): ChangeApplier {
  const findCustomer = db.prepare<[string], { rowid: number; version: number }>(
    'SELECT rowid, version FROM customers WHERE id = ?');
  const insertCustomer = db.prepare(
    `INSERT INTO customers (${CUSTOMER_COLUMNS.join(', ')}) VALUES (${CUSTOMER_COLUMNS.map(() => '?').join(', ')})`);
  const updateCustomer = db.prepare(
    `UPDATE customers SET ${CUSTOMER_COLUMNS.slice(1).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const deleteCustomer = db.prepare('DELETE FROM customers WHERE id = ?');
  const insertPhone = db.prepare('INSERT OR IGNORE INTO customer_phones (nsn, e164, customer_id) VALUES (?, ?, ?)');
  const deletePhones = db.prepare('DELETE FROM customer_phones WHERE customer_id = ?');
  const insertFts = db.prepare('INSERT INTO customers_fts (rowid, full_name, emails, customer_no) VALUES (?, ?, ?, ?)');
  const deleteFts = db.prepare('DELETE FROM customers_fts WHERE rowid = ?');

  const upserts = {
    interactions: db.prepare(upsertSql('interactions', TABLE_COLUMNS.interactions)),
    cases: db.prepare(upsertSql('cases', TABLE_COLUMNS.cases)),
    orders: db.prepare(upsertSql('orders', TABLE_COLUMNS.orders)),
    receivables: db.prepare(upsertSql('receivables', TABLE_COLUMNS.receivables)),
    contracts: db.prepare(upsertSql('contracts', TABLE_COLUMNS.contracts)),
    users: db.prepare(upsertSql('users', TABLE_COLUMNS.users)),
  };
  const tombstoneDeletes = Object.fromEntries(
    (['users', 'interactions', 'cases', 'orders', 'receivables', 'contracts'] as const).map((t) => [
      t, db.prepare<[string, number]>(`DELETE FROM ${t} WHERE id = ? AND version <= ?`),
    ]),
  ) as Record<CoreTable, Statement<[string, number]>>;
  const deleteDependents = ['interactions', 'cases', 'orders', 'receivables', 'contracts'].map((t) =>
    db.prepare(`DELETE FROM ${t} WHERE customer_id = ?`));
  const features = new Map<SyncTable, TableWriter<never>>(tables.map((t) => [t.table, t.prepare(db) as TableWriter<never>]));
  const saveCursor = db.prepare('UPDATE sync_state SET cursor = ?, head_version = ?, last_sync_at = ? WHERE id = 1');

  function upsertCustomer(c: Customer): number {
    const existing = findCustomer.get(c.id);
    let rowid: number;
    if (existing) {
      if (existing.version >= c.version) return 0;
      deletePhones.run(c.id);
      deleteFts.run(existing.rowid);
      const params = customerParams(c);
      updateCustomer.run(...params.slice(1), c.id);
      rowid = existing.rowid;
    } else {
      rowid = Number(insertCustomer.run(...customerParams(c)).lastInsertRowid);
    }
    for (const phone of c.phones) insertPhone.run(nationalKey(phone.e164), phone.e164, c.id);
    insertFts.run(rowid, c.fullName, c.emails.join(' '), c.customerNo);
    return 1;
  }

  function removeCustomer(id: string, version: number): number {
    const existing = findCustomer.get(id);
    if (!existing || existing.version > version) return 0;
    deletePhones.run(id);
    deleteFts.run(existing.rowid);
    deleteCustomer.run(id);
    // Dependents of a deleted customer are unreachable; the server sends their own
    // tombstones too, this only keeps the cache tidy if it does not.
    for (const statement of deleteDependents) statement.run(id);
    return 1;
  }

  function applyTombstone(t: Tombstone): number {
    if (t.table === 'customers') return removeCustomer(t.id, t.version);
    const feature = features.get(t.table);
    if (feature) return feature.remove(t.id, t.version);
    const statement = tombstoneDeletes[t.table as CoreTable] as Statement<[string, number]> | undefined;
    return statement ? statement.run(t.id, t.version).changes : 0;
  }

  /** One table's rows (or the tombstones) with the statement that writes one of them. */
  interface Segment { rows: readonly unknown[]; write(row: unknown): number }
  const run = <T>(statement: Statement, params: (row: T) => unknown[]) => (row: unknown) => statement.run(...params(row as T)).changes;
  const customerSegment = (row: unknown) => upsertCustomer(row as Customer);
  const userParams = (u: User) => [u.id, u.username, u.displayName, u.role, u.version];

  /** A batch in apply order: core's tables, the feature tables, then the tombstones. */
  function segmentsOf(changes: Partial<PullResponse['changes']>, tombstones: readonly Tombstone[]): Segment[] {
    const segments: Segment[] = [
      { rows: changes.users ?? [], write: run(upserts.users, userParams) },
      { rows: changes.customers ?? [], write: customerSegment },
      { rows: changes.interactions ?? [], write: run(upserts.interactions, interactionParams) },
      { rows: changes.cases ?? [], write: run(upserts.cases, caseParams) },
      { rows: changes.orders ?? [], write: run(upserts.orders, orderParams) },
      { rows: changes.receivables ?? [], write: run(upserts.receivables, receivableParams) },
      { rows: changes.contracts ?? [], write: run(upserts.contracts, contractParams) },
    ];
    for (const [table, writer] of features) {
      const rows = changes[table as keyof SyncedRows] as readonly unknown[] | undefined;
      if (rows) segments.push({ rows, write: (row) => writer.upsert(row as never) });
    }
    segments.push({ rows: tombstones, write: (t) => applyTombstone(t as Tombstone) });
    return segments.filter((s) => s.rows.length > 0);
  }

  /** Writes rows from position (segment, row) on, at most `max`; answers the rows applied and where it stopped. */
  function writeFrom(segments: Segment[], at: { segment: number; row: number }, max: number, deadline = Infinity): number {
    let applied = 0;
    for (let n = 0; n < max && at.segment < segments.length; n += 1) {
      if ((n & 7) === 7 && performance.now() >= deadline) break;
      const segment = segments[at.segment]!;
      applied += segment.write(segment.rows[at.row]);
      at.row += 1;
      if (at.row === segment.rows.length) {
        at.segment += 1;
        at.row = 0;
      }
    }
    return applied;
  }

  /** One slice of a batch; the last one (every row written) stores the cursor too. */
  const sliceTx = db.transaction((
    segments: Segment[], at: { segment: number; row: number }, max: number, deadline: number,
    batch: PullResponse, syncedAt: string, withCursor: (() => void) | undefined,
  ): { applied: number; done: boolean } => {
    const applied = writeFrom(segments, at, max, deadline);
    const done = at.segment >= segments.length;
    if (done) {
      saveCursor.run(batch.nextCursor, batch.headVersion, syncedAt);
      withCursor?.();
    }
    return { applied, done };
  });

  const applyRowsTx = db.transaction((changes: PullResponse['changes']): ApplyResult => (
    { rowsApplied: writeFrom(segmentsOf(changes, []), { segment: 0, row: 0 }, Infinity) }));

  async function applyPullInSlices(batch: PullResponse, syncedAt: string, slicing: SliceOptions): Promise<ApplyResult> {
    const segments = segmentsOf(batch.changes, batch.tombstones);
    const at = { segment: 0, row: 0 };
    let rowsApplied = 0;
    for (;;) {
      const deadline = slicing.sliceMs === undefined ? Infinity : performance.now() + slicing.sliceMs;
      const slice = sliceTx(segments, at, slicing.sliceRows, deadline, batch, syncedAt, slicing.withCursor);
      rowsApplied += slice.applied;
      if (slice.done) return { rowsApplied };
      await slicing.yieldNow();
    }
  }

  const cache360Tx = db.transaction((view: Customer360): void => {
    writeFrom(segmentsOf({
      customers: [view.customer], interactions: view.recentInteractions, cases: view.cases,
      orders: view.orders, receivables: view.receivables, contracts: view.contracts,
    }, []), { segment: 0, row: 0 }, Infinity);
  });

  return {
    applyPull: (batch, syncedAt) => {
      const { applied } = sliceTx(segmentsOf(batch.changes, batch.tombstones), { segment: 0, row: 0 }, Infinity, Infinity, batch, syncedAt, undefined);
      return { rowsApplied: applied };
    },
    applyPullInSlices,
    applyRows: (changes) => applyRowsTx(changes),
    cache360: (view) => cache360Tx(view),
  };
}
