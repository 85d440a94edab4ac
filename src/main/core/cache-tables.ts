// Core's composition of the cache: the synced tables whose write path a feature folder
// owns, handed to the cache (which never imports feature folders itself).
import { deriveKey } from './at-rest/keys.js';
import { createCacheStore, type CacheStore } from './cache/cache-store.js';
import { type AnyCacheTable } from './cache/cache-table.js';
import { callbacksTable } from './callbacks/cache-table.js';
import { notesTable } from './notes/cache-table.js';
import { replyParagraphsTable } from './replies/cache-table.js';

export const FEATURE_TABLES: readonly AnyCacheTable[] = [replyParagraphsTable, notesTable, callbacksTable];

/** Opens `<dataDir>/cache.sqlite` (encrypted with `desktopKey`) with every feature's tables plugged in. */
export function openCacheStore(dataDir: string, desktopKey: Buffer): CacheStore {
  return createCacheStore(dataDir, deriveKey(desktopKey, 'cache'), FEATURE_TABLES);
}
