// Test desktops encrypt their cache and spool like real ones: one random desktop key per
// data folder, kept here for the life of the test process so a restarted core (or a test
// reading the cache file) uses the same key.
import { join } from 'node:path';
import { deriveKey, keyToHex, newKey } from '../../src/main/core/at-rest/keys.js';
import { openKeyedDatabase, type CipherDb, type KeyedOpenOptions } from '../../src/main/core/cache/cipher.js';

const keys = new Map<string, Buffer>();

/** The desktop key of the test data folder `dataDir` (made on first use). */
export function desktopKeyFor(dataDir: string): Buffer {
  let key = keys.get(dataDir);
  if (!key) {
    key = newKey();
    keys.set(dataDir, key);
  }
  return key;
}

/** The key core encrypts `dataDir`'s cache with (for tests that open the cache directly). */
export function cacheKeyFor(dataDir: string): Buffer {
  return deriveKey(desktopKeyFor(dataDir), 'cache');
}

/** The environment a browser host process needs for `dataDir`'s key. */
export function desktopKeyEnv(dataDir: string): { SAPA_DESKTOP_KEY: string } {
  return { SAPA_DESKTOP_KEY: keyToHex(desktopKeyFor(dataDir)) };
}

/** Opens `<dataDir>/cache.sqlite` with its key (tests that look inside the cache). */
export function openTestCache(dataDir: string, options: KeyedOpenOptions = {}): CipherDb {
  return openKeyedDatabase(join(dataDir, 'cache.sqlite'), cacheKeyFor(dataDir), options);
}
