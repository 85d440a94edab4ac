// How the cache file is encrypted: SQLite3 Multiple Ciphers (better-sqlite3-multiple-ciphers)
// in its SQLCipher 4 scheme (AES-256-CBC + HMAC-SHA512 per page), so support can open a
// copy with the sqlcipher tools given the key. The key is raw (32 bytes, derived from the
// desktop key by core's composition, ../cache-tables.ts): no passphrase, so no PBKDF2 round
// on every open. Decision 0015.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { SapaError } from '../../../shared/errors.js';

export type CipherDb = Database.Database;

/** The cache's page size: pages are encrypted whole, and SQLCipher files do not say it. */
export const CACHE_PAGE_SIZE = 8192;
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const CACHE_KEY_BYTES = 32;

/** The PRAGMA key value: the raw 32-byte cache key as an x'…' blob literal. */
export function cacheKeyLiteral(cacheKey: Buffer): string {
  if (cacheKey.length !== CACHE_KEY_BYTES) throw new SapaError('INVALID_INPUT', `The cache key must be ${CACHE_KEY_BYTES} bytes`);
  return `x'${cacheKey.toString('hex')}'`;
}

/**
 * Selects the cipher for `schema` (main or an attached name) on `db`. Must run before the
 * key is given (and before the file is read).
 */
export function configureCipher(db: CipherDb, schema = 'main'): void {
  db.pragma(`${schema}.cipher = 'sqlcipher'`);
  db.pragma(`${schema}.legacy = 4`);
  db.pragma(`${schema}.legacy_page_size = ${CACHE_PAGE_SIZE}`);
}

/** True when `file` is an SQLite database in clear (written by a build before encryption). */
export function isPlainDatabase(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

export interface KeyedOpenOptions { readonly?: boolean; fileMustExist?: boolean }

/**
 * Opens the encrypted database `file` with its cache key. A wrong key (or a file that is
 * not a database) answers a SapaError saying so, with the database closed again.
 */
export function openKeyedDatabase(file: string, cacheKey: Buffer, options: KeyedOpenOptions = {}): CipherDb {
  const db = new Database(file, options);
  try {
    configureCipher(db);
    db.pragma(`key = "${cacheKeyLiteral(cacheKey)}"`);
    // The key is checked on the first read of the file.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_NOTADB') {
      throw new SapaError('INTERNAL',
        `The desktop cache ${file} cannot be read with this desktop key (a different key, or the file is damaged). ` +
        'Give the key it was written with, or delete the cache (cache.sqlite*, recordings/) to sync it again from the server.',
        { reason: 'cache_key_mismatch', file });
    }
    throw error;
  }
}
