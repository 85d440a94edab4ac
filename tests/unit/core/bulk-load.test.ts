// Bulk mode (cache/bulk-load.ts): no automatic WAL checkpoint while a catch-up runs, our own
// checkpoints instead, and the automatic one restored afterwards — also after a failure.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBulkLoad } from '../../../src/main/core/cache/bulk-load.js';
import { openCache, type CacheDb } from '../../../src/main/core/cache/open-cache.js';
import { cacheKeyFor } from '../../support/desktop-key.js';

let dir: string;
let db: CacheDb;

function open(): CacheDb {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-bulk-'));
  db = openCache(dir, cacheKeyFor(dir));
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
  return db;
}

function writeBatch(d: CacheDb): void {
  const insert = d.prepare('INSERT INTO filler (body) VALUES (?)');
  d.transaction(() => { for (let i = 0; i < 200; i++) insert.run('x'.repeat(1000)); })();
}

const walBytes = () => statSync(path.join(dir, 'cache.sqlite-wal')).size;

afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bulk load', () => {
  it('turns the automatic checkpoint off while loading and restores it after', () => {
    const d = open();
    expect(d.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const bulk = startBulkLoad(d);
    expect(d.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // ~200 kB per batch: 30 batches pass the 4 MB where SQLite would have checkpointed.
    for (let i = 0; i < 30; i++) { writeBatch(d); bulk.batchApplied(); }
    const grown = walBytes();
    expect(grown).toBeGreaterThan(5_000_000);
    bulk.end();
    bulk.end();
    expect(d.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // The final checkpoint copied the WAL into the database: the next writer restarts it.
    writeBatch(d);
    expect(walBytes()).toBeLessThanOrEqual(grown);
    expect(d.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 31 * 200 });
  });

  it('checkpoints by itself every 100 batches, so a long catch-up does not grow the WAL without bound', () => {
    const d = open();
    const bulk = startBulkLoad(d);
    const sizes: number[] = [0];
    for (let i = 1; i <= 130; i++) {
      writeBatch(d);
      bulk.batchApplied();
      sizes.push(walBytes());
    }
    bulk.end();
    // Up to batch 100 every batch appends to the WAL; after our checkpoint at 100 the
    // writer starts again at the WAL's beginning, so the file stops growing.
    expect(sizes[100]!).toBeGreaterThan(sizes[50]! + 40 * 200_000);
    expect(sizes[130]).toBe(sizes[100]);
  });

  it('does nothing harmful when the cache was closed before the load ended', () => {
    const d = open();
    const bulk = startBulkLoad(d);
    d.close();
    expect(() => bulk.end()).not.toThrow();
  });
});
