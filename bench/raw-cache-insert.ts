// The physical limit beside the initial sync (issue 16, "Must show"): the raw
// better-sqlite3 insert rate of the same rows into the same schema in one transaction.
// The rows are read back from the cache the sync filled (not timed), in chunks, and
// inserted with plain prepared INSERTs into a fresh cache made by core's own openCache —
// same migrations, indexes, FTS tables, encryption, page size and pragmas — in ONE
// transaction, then the WAL is folded back (the sync ends with a checkpoint too). What the
// raw insert skips is everything the sync does besides SQLite: HTTP, JSON, the schema
// checks, the upsert's version guard, one transaction per batch.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openKeyedDatabase } from '../src/main/core/cache/cipher.js';
import { CACHE_FILE_NAME, openCache } from '../src/main/core/cache/open-cache.js';

/** Synced tables (and customer_phones, which the apply path writes beside customers); local state is not copied. */
const TABLES = ['users', 'customers', 'customer_phones', 'interactions', 'cases', 'orders', 'receivables', 'contracts', 'notes', 'callbacks', 'reply_paragraphs'];
/** Rows the sync counts (customer_phones and the FTS index are written beside customers, not counted). */
const COUNTED = new Set(TABLES.filter((t) => t !== 'customer_phones'));
const CHUNK = 20_000;

export interface RawInsert { rows: number; seconds: number; rowsPerSecond: number; insertSeconds: number; checkpointSeconds: number }

export async function rawCacheInsert(syncedDir: string, cacheKey: Buffer): Promise<RawInsert> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sapa-bench-raw-'));
  const src = openKeyedDatabase(path.join(syncedDir, CACHE_FILE_NAME), cacheKey, { readonly: true });
  const dst = openCache(dir, cacheKey);
  try {
    let rows = 0;
    let insertMs = 0;
    const timed = (fn: () => void) => { const t = performance.now(); fn(); insertMs += performance.now() - t; };
    timed(() => dst.exec('BEGIN'));
    for (const table of TABLES) {
      const columns = (src.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name);
      if (columns.length === 0) continue;
      // A WITHOUT ROWID table (customer_phones) is paged by its position instead.
      const withoutRowid = /WITHOUT ROWID/i.test((src.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(table) as { sql: string }).sql);
      const read = (withoutRowid
        ? src.prepare(`SELECT ? + ${CHUNK} AS _r, ${columns.join(', ')} FROM ${table} LIMIT ${CHUNK} OFFSET ?`)
        : src.prepare(`SELECT rowid AS _r, ${columns.join(', ')} FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${CHUNK}`)).raw();
      const page = (after: number): unknown[][] => (withoutRowid ? read.all(after, after) : read.all(after)) as unknown[][];
      const insert = dst.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      const fts = table === 'customers' ? dst.prepare('INSERT INTO customers_fts (rowid, full_name, emails, customer_no) VALUES (?, ?, ?, ?)') : null;
      const at = (name: string) => columns.indexOf(name) + 1;
      const [fullName, emails, customerNo] = [at('full_name'), at('emails'), at('customer_no')];
      for (let after = 0; ;) {
        const chunk = page(after);
        if (chunk.length === 0) break;
        after = Number(chunk.at(-1)![0]);
        timed(() => {
          for (const r of chunk) {
            const id = insert.run(...r.slice(1)).lastInsertRowid;
            // The same FTS row the apply path writes (emails as their JSON text: the same words).
            fts?.run(id, r[fullName], r[emails], r[customerNo]);
          }
        });
        if (COUNTED.has(table)) rows += chunk.length;
      }
    }
    timed(() => dst.exec('COMMIT'));
    const t = performance.now();
    dst.pragma('wal_checkpoint(PASSIVE)');
    const checkpointMs = performance.now() - t;
    const seconds = (insertMs + checkpointMs) / 1000;
    return {
      rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds),
      insertSeconds: Math.round(insertMs / 10) / 100, checkpointSeconds: Math.round(checkpointMs / 10) / 100,
    };
  } finally {
    src.close();
    dst.close();
    await rm(dir, { recursive: true, force: true });
  }
}
