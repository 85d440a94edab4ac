// Deletes everything a desktop keeps encrypted at rest in its data folder: the cache (with
// its WAL and any half-made encrypted copy), the recording spool and pending CSV uploads.
// For a desktop whose key is lost (nothing there can be read any more: the cache syncs
// again from the server) — run before core opens the folder, never while it is open.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export const CACHE_FILES = ['cache.sqlite', 'cache.sqlite-wal', 'cache.sqlite-shm', 'cache.sqlite.encrypting'];

export function discardLocalData(dataDir: string): void {
  for (const name of CACHE_FILES) rmSync(join(dataDir, name), { force: true });
  rmSync(join(dataDir, 'recordings'), { recursive: true, force: true });
  rmSync(join(dataDir, 'uploads'), { recursive: true, force: true });
}
