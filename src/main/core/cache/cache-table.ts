// How a feature folder plugs a synced table into the cache's one write path: it names the
// table of the pull batch it owns and prepares its upsert and delete on the open cache.
// The cache calls them inside the pull's transaction, so a feature's rows commit together
// with the cursor like every other row. The tables themselves are created by the cache's
// numbered migrations (migrations/), which keeps the cache the ground floor: it never
// imports a feature folder, the core's composition (../cache-tables.ts) hands them in.
import { type PullResponse } from '../../../shared/sync.js';
import { type CacheDb } from './open-cache.js';

export type SyncedRows = PullResponse['changes'];

export interface TableWriter<Row> {
  /** Inserts or replaces a row unless the cache already holds a newer version; answers rows changed. */
  upsert(row: Row): number;
  /** Applies a tombstone: deletes the row unless the cache holds a newer version. */
  remove(id: string, version: number): number;
}

export interface CacheTable<T extends keyof SyncedRows> {
  readonly table: T;
  prepare(db: CacheDb): TableWriter<SyncedRows[T][number]>;
}

/** Any feature table (the list handed to the cache mixes several row types). */
export type AnyCacheTable = { [T in keyof SyncedRows]: CacheTable<T> }[keyof SyncedRows];
