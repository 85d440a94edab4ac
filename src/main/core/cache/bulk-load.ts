// Bulk mode for a long catch-up (a first sync, or a desktop back after days away).
//
// SQLite's automatic WAL checkpoint runs after every ~4 MB written, and each time it
// copies the same hot B-tree pages (index interiors, the newest leaves) back into the
// database file. In a catch-up that work dominates: applying 1.2 M rows took 17 s of CPU
// with it and 12.5 s without it (bench/README.md). So while many batches are due the
// automatic checkpoint is off, and we checkpoint ourselves every CHECKPOINT_EVERY_BATCHES
// batches (bounding the WAL at a few hundred MB) and once at the end. Crash safety is
// unchanged: a WAL of any length is replayed when the cache is opened again.
import { type CacheDb } from './open-cache.js';

const CHECKPOINT_EVERY_BATCHES = 100;

export interface BulkLoad {
  /** Call after each applied batch. */
  batchApplied(): void;
  /** Folds the WAL back and restores the automatic checkpoint. Safe to call twice. */
  end(): void;
}

export function startBulkLoad(db: CacheDb): BulkLoad {
  const previous = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  let batches = 0;
  let ended = false;
  return {
    batchApplied() {
      if (ended) return;
      batches += 1;
      // PASSIVE never waits for readers (the renderer may be reading); what it cannot
      // copy now is copied by the next checkpoint.
      if (batches % CHECKPOINT_EVERY_BATCHES === 0) db.pragma('wal_checkpoint(PASSIVE)');
    },
    end() {
      if (ended) return;
      ended = true;
      if (!db.open) return;
      db.pragma(`wal_autocheckpoint = ${previous}`);
      db.pragma('wal_checkpoint(PASSIVE)');
    },
  };
}
