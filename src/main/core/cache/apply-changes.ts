// The one write path into the cache: sync batches, and rows fetched on a cache miss.
// Every batch runs in ONE transaction together with its cursor, so a crash leaves either
// the old state and old cursor or the new state and new cursor. Statements are prepared
// once. customer_phones and the FTS index are written here directly (no triggers), which
// keeps bulk sync fast and keeps both in step with `customers`. Tables owned by a feature
// folder (notes, call-backs, reply paragraphs) come in as `CacheTable`s (cache-table.ts).
import {
  type Case, type Contract, type Customer, type Customer360, type Interaction, type Order,
  type Receivable, type User,
} from '../../../shared/domain.js';
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

export interface ChangeApplier {
  /** Applies one pull batch and stores its cursor, atomically. */
  applyPull(batch: PullResponse, syncedAt: string): ApplyResult;
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

  function upsertRows(rows: {
    users?: readonly User[]; customers?: readonly Customer[]; interactions?: readonly Interaction[];
    cases?: readonly Case[]; orders?: readonly Order[]; receivables?: readonly Receivable[];
    contracts?: readonly Contract[];
  }): number {
    let applied = 0;
    for (const u of rows.users ?? []) applied += upserts.users.run(u.id, u.username, u.displayName, u.role, u.version).changes;
    for (const c of rows.customers ?? []) applied += upsertCustomer(c);
    for (const i of rows.interactions ?? []) applied += upserts.interactions.run(...interactionParams(i)).changes;
    for (const c of rows.cases ?? []) applied += upserts.cases.run(...caseParams(c)).changes;
    for (const o of rows.orders ?? []) applied += upserts.orders.run(...orderParams(o)).changes;
    for (const r of rows.receivables ?? []) applied += upserts.receivables.run(...receivableParams(r)).changes;
    for (const c of rows.contracts ?? []) applied += upserts.contracts.run(...contractParams(c)).changes;
    return applied;
  }

  function upsertChanges(changes: PullResponse['changes']): number {
    let rowsApplied = upsertRows(changes);
    for (const [table, writer] of features) {
      for (const row of changes[table as keyof SyncedRows] as readonly unknown[] as readonly never[]) rowsApplied += writer.upsert(row);
    }
    return rowsApplied;
  }

  const applyRowsTx = db.transaction((changes: PullResponse['changes']): ApplyResult => ({ rowsApplied: upsertChanges(changes) }));

  const applyPullTx = db.transaction((batch: PullResponse, syncedAt: string): ApplyResult => {
    let rowsApplied = upsertChanges(batch.changes);
    for (const t of batch.tombstones) rowsApplied += applyTombstone(t);
    saveCursor.run(batch.nextCursor, batch.headVersion, syncedAt);
    return { rowsApplied };
  });

  const cache360Tx = db.transaction((view: Customer360): void => {
    upsertRows({
      customers: [view.customer], interactions: view.recentInteractions, cases: view.cases,
      orders: view.orders, receivables: view.receivables, contracts: view.contracts,
    });
  });

  return {
    applyPull: (batch, syncedAt) => applyPullTx(batch, syncedAt),
    applyRows: (changes) => applyRowsTx(changes),
    cache360: (view) => cache360Tx(view),
  };
}
