// The desktop cache as one object: the open database with its write path, read paths and
// local state. Only core's handlers and the sync client use it; there is one writer.
// Feature folders hand in the synced tables they own (cache-table.ts); core's composition
// does that in ../cache-tables.ts.
import { createChangeApplier, type ChangeApplier } from './apply-changes.js';
import { type AnyCacheTable } from './cache-table.js';
import { createLocalState, type LocalState } from './local-state.js';
import { openCache, type CacheDb } from './open-cache.js';
import { createCacheQueries, type CacheQueries } from './queries.js';
import { wipeCacheContents } from './wipe-cache.js';

export interface CacheStore {
  readonly db: CacheDb;
  readonly apply: ChangeApplier;
  readonly queries: CacheQueries;
  readonly state: LocalState;
  /** Deletes every cached row (an admin's wipe order); the store stays open and usable. */
  wipe(): void;
  close(): void;
}

export function createCacheStore(dataDir: string, cacheKey: Buffer, tables: readonly AnyCacheTable[]): CacheStore {
  const db = openCache(dataDir, cacheKey);
  return {
    db,
    apply: createChangeApplier(db, tables),
    queries: createCacheQueries(db),
    state: createLocalState(db),
    wipe: () => wipeCacheContents(db),
    close: () => {
      // Fold the WAL back so the file on disk is whole when the app is closed.
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
