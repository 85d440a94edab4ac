// A cache written in clear by a build before encryption at rest is encrypted once, when it
// is first opened with a key. The library's way is `PRAGMA rekey` (SQLite3 Multiple Ciphers
// has no sqlcipher_export), and rekey rewrites the file in place, so it runs on a copy: the
// plain file is checkpointed, copied, the copy rekeyed and checked with the key, then
// renamed over the plain file. The rename is atomic: a crash at any point leaves the whole
// plain cache (the next start does it again) or the whole encrypted one.
import { closeSync, copyFileSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { CACHE_PAGE_SIZE, cacheKeyLiteral, configureCipher, isPlainDatabase, openKeyedDatabase } from './cipher.js';

/** Answers true when `file` was plain and is now encrypted; false when there was nothing to do. */
export function encryptPlainCache(file: string, cacheKey: Buffer): boolean {
  if (!isPlainDatabase(file)) return false;
  const plain = new Database(file, { fileMustExist: true });
  try {
    // Everything in the plain WAL goes into the main file, so the copy holds it all.
    plain.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    plain.close();
  }
  const copy = `${file}.encrypting`;
  removeDatabaseFiles(copy); // a copy left by a crash mid-way is started again
  copyFileSync(file, copy);
  const db = new Database(copy, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE'); // rekey refuses a database in WAL mode
    // The cipher is told the page size (an encrypted file does not record it): an older
    // cache with another size is rebuilt at this one first.
    if (db.pragma('page_size', { simple: true }) !== CACHE_PAGE_SIZE) {
      db.pragma(`page_size = ${CACHE_PAGE_SIZE}`);
      db.exec('VACUUM');
    }
    configureCipher(db);
    db.pragma(`rekey = "${cacheKeyLiteral(cacheKey)}"`);
  } finally {
    db.close();
  }
  openKeyedDatabase(copy, cacheKey, { fileMustExist: true }).close(); // readable with the key
  fsyncFile(copy);
  // The plain WAL is empty after the checkpoint; none must be replayed onto the new file.
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  renameSync(copy, file);
  fsyncFile(dirname(file));
  return true;
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
