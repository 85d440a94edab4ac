// Opens (creating if needed) the desktop cache, encrypted with `cacheKey` (cipher.ts; core
// derives it from the desktop key), and brings its schema up to date. A plain cache left by an older
// build is encrypted first (encrypt-plain-cache.ts). Refuses to open when the file's migration history diverges from the code's: an applied
// migration the code does not know (a newer app wrote it) or whose checksum changed.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SapaError } from '../../../shared/errors.js';
import { CACHE_PAGE_SIZE, openKeyedDatabase, type CipherDb } from './cipher.js';
import { encryptPlainCache } from './encrypt-plain-cache.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type CacheDb = CipherDb;

export const CACHE_FILE_NAME = 'cache.sqlite';

export function migrationChecksum(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

export function openCache(dataDir: string, cacheKey: Buffer, migrations: readonly Migration[] = MIGRATIONS): CacheDb {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, CACHE_FILE_NAME);
  encryptPlainCache(file, cacheKey);
  const db = openKeyedDatabase(file, cacheKey);
  try {
    // Only takes effect on a new, empty file (before the first table). 8 KB pages hold a
    // whole interaction row more often than 4 KB ones and halve the pages a bulk load and
    // its checkpoints handle: initial sync ≈ 5 % faster (decision 0006). The cipher is told
    // the same size (cipher.ts): an encrypted file does not record it.
    db.pragma(`page_size = ${CACHE_PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable across app crashes under WAL; only an OS crash may lose the last
    // commits, which the next pull re-fetches (the cursor is in the same transaction).
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = OFF');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -32000');
    db.pragma('temp_store = MEMORY');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: CacheDb, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT name, checksum FROM schema_migrations ORDER BY name')
    .all() as { name: string; checksum: string }[];
  const known = new Map(migrations.map((m) => [m.name, migrationChecksum(m)]));

  for (const row of applied) {
    const expected = known.get(row.name);
    if (expected === undefined) {
      throw new SapaError('INTERNAL',
        `Cache schema diverges: migration "${row.name}" was applied by another version of Sapa and is unknown to this one. ` +
        'Refusing to open the cache; move the cache file aside to rebuild it from the server.',
        { migration: row.name, reason: 'unknown' });
    }
    if (expected !== row.checksum) {
      throw new SapaError('INTERNAL',
        `Cache schema diverges: migration "${row.name}" has changed since it was applied. Refusing to open the cache.`,
        { migration: row.name, reason: 'checksum' });
    }
  }
  const appliedNames = new Set(applied.map((r) => r.name));
  const insert = db.prepare('INSERT INTO schema_migrations (name, checksum, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    if (appliedNames.has(migration.name)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      insert.run(migration.name, migrationChecksum(migration), new Date().toISOString());
    })();
  }
}
