// The desktop cache at rest: what a stolen laptop's disk shows. The file, its WAL and its
// shared-memory index are read as raw bytes and searched for the customer's name and phone
// number; an old plain cache is encrypted on first open and still reads; a wrong key is a
// clear error.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { newKey } from '../../../src/main/core/at-rest/keys.js';
import { FEATURE_TABLES, openCacheStore } from '../../../src/main/core/cache-tables.js';
import { createChangeApplier } from '../../../src/main/core/cache/apply-changes.js';
import { createLocalState } from '../../../src/main/core/cache/local-state.js';
import { isPlainDatabase } from '../../../src/main/core/cache/cipher.js';
import { migrationChecksum } from '../../../src/main/core/cache/open-cache.js';
import { MIGRATIONS } from '../../../src/main/core/cache/migrations/index.js';
import { SapaError } from '../../../src/shared/errors.js';
import { desktopKeyFor } from '../../support/desktop-key.js';
import { batch, customer } from './fixtures.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sapa-at-rest-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const budi = customer({
  fullName: 'Budi Santoso', customerNo: 'C00000001',
  phones: [{ e164: '+6281234567890', type: 'mobile' }], emails: ['budi.santoso@example.co.id'],
});
const SECRETS = ['Budi', 'Santoso', 'budi', 'santoso', '81234567890', '6281234567890', 'budi.santoso@example.co.id'];
const TOKEN = 'sess_4f1d2c9a7b6e5d4c3b2a19080706050403020100';

/** The secrets found in the cache's files on disk (cache.sqlite, -wal, -shm, …). */
function leaks(dir: string, secrets: string[]): string[] {
  const found: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.startsWith('cache.sqlite'))) {
    const bytes = readFileSync(join(dir, file));
    for (const secret of secrets) if (bytes.includes(secret)) found.push(`${file}: ${secret}`);
  }
  return found;
}

const session = { token: TOKEN, user: { id: budi.id, username: 'agent1', displayName: 'Agen Satu', role: 'agent' as const }, expiresAt: '2030-01-01T00:00:00.000Z', serverUrl: 'http://127.0.0.1:4010' };

describe('the cache at rest', () => {
  it('holds no customer name, phone number or session token in clear: not in the file, its WAL or its shared memory', () => {
    const dir = dataDir();
    const store = openCacheStore(dir, desktopKeyFor(dir));
    store.apply.applyPull(batch({ customers: [budi] }), '2026-01-01T00:00:00.000Z');
    store.state.saveSession(session);
    // While open, the new rows are in the WAL.
    expect(existsSync(join(dir, 'cache.sqlite-wal'))).toBe(true);
    expect(readFileSync(join(dir, 'cache.sqlite-wal')).length).toBeGreaterThan(0);
    expect(leaks(dir, [...SECRETS, TOKEN])).toEqual([]);
    // And the agent's screen still finds Budi by phone and by name.
    expect(store.queries.lookupByE164('+6281234567890').map((c) => c.fullName)).toEqual(['Budi Santoso']);
    store.close();
    expect(leaks(dir, [...SECRETS, TOKEN])).toEqual([]);
    expect(isPlainDatabase(join(dir, 'cache.sqlite'))).toBe(false);

    // The same check would have caught the plain cache (the test is not blind).
    const plain = dataDir();
    const db = new Database(join(plain, 'cache.sqlite'));
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('Budi Santoso 081234567890')");
    db.close();
    expect(leaks(plain, SECRETS)).not.toEqual([]);
  });

  it('reopens with the same key', () => {
    const dir = dataDir();
    const first = openCacheStore(dir, desktopKeyFor(dir));
    first.apply.applyPull(batch({ customers: [budi] }), '2026-01-01T00:00:00.000Z');
    first.close();
    const again = openCacheStore(dir, desktopKeyFor(dir));
    expect(again.queries.search('santoso', 10).map((c) => c.fullName)).toEqual(['Budi Santoso']);
    again.close();
  });

  it('refuses another key with a clear error, and leaves the file as it was', () => {
    const dir = dataDir();
    const store = openCacheStore(dir, desktopKeyFor(dir));
    store.apply.applyPull(batch({ customers: [budi] }), '2026-01-01T00:00:00.000Z');
    store.close();
    const before = readFileSync(join(dir, 'cache.sqlite'));
    let error: unknown;
    try {
      openCacheStore(dir, newKey());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SapaError);
    expect((error as SapaError).message).toMatch(/cannot be read with this desktop key/);
    expect((error as SapaError).details).toMatchObject({ reason: 'cache_key_mismatch' });
    expect(readFileSync(join(dir, 'cache.sqlite')).equals(before)).toBe(true);
    const right = openCacheStore(dir, desktopKeyFor(dir));
    expect(right.queries.countCustomers()).toBe(1);
    right.close();
  });
});

/** A cache as builds before encryption wrote it: plain SQLite, the schema of every migration. */
function writePlainCache(dir: string, pageSize: number): void {
  const db = new Database(join(dir, 'cache.sqlite'));
  db.pragma(`page_size = ${pageSize}`);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.name, migrationChecksum(m), '2026-01-01T00:00:00.000Z');
  }
  db.close();
}

describe('an old plain cache', () => {
  it.each([8192, 4096])('is encrypted on first open (page size %i) and reads as before, its session kept', (pageSize) => {
    const dir = dataDir();
    writePlainCache(dir, pageSize);
    // Filled through the cache's own write path, on the plain file, as the old build did.
    const key = desktopKeyFor(dir);
    const plain = new Database(join(dir, 'cache.sqlite'));
    createChangeApplier(plain, FEATURE_TABLES).applyPull(batch({ customers: [budi] }), '2026-01-01T00:00:00.000Z');
    createLocalState(plain).saveSession(session);
    plain.close();
    expect(leaks(dir, SECRETS)).not.toEqual([]);
    expect(isPlainDatabase(join(dir, 'cache.sqlite'))).toBe(true);
    const store = openCacheStore(dir, key);
    expect(store.state.session()?.token).toBe(TOKEN);
    expect(store.queries.lookupByE164('+6281234567890').map((c) => c.fullName)).toEqual(['Budi Santoso']);
    store.close();
    expect(isPlainDatabase(join(dir, 'cache.sqlite'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('encrypting'))).toEqual([]);
    expect(leaks(dir, [...SECRETS, TOKEN])).toEqual([]);
    const again = openCacheStore(dir, key);
    expect(again.queries.lookupByE164('+6281234567890').map((c) => c.fullName)).toEqual(['Budi Santoso']);
    expect(again.state.session()?.token).toBe(TOKEN);
    again.close();
  });

  it('keeps rows the plain WAL had not folded back yet', () => {
    const dir = dataDir();
    writePlainCache(dir, 8192);
    const holder = new Database(join(dir, 'cache.sqlite'));
    holder.prepare('SELECT count(*) FROM settings').get();
    const writer = new Database(join(dir, 'cache.sqlite'));
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec(`INSERT INTO settings (key, value) VALUES ('ui.locale', 'id')`);
    writer.close(); // `holder` still has it open, so the WAL stays
    expect(readFileSync(join(dir, 'cache.sqlite-wal')).length).toBeGreaterThan(0);
    holder.close();
    const store = openCacheStore(dir, desktopKeyFor(dir));
    expect(store.state.setting('ui.locale')).toBe('id');
    store.close();
  });

  it('survives a crash half-way through its first encryption: the plain cache stays whole and the next start finishes', () => {
    const dir = dataDir();
    writePlainCache(dir, 8192);
    const plain = new Database(join(dir, 'cache.sqlite'));
    plain.exec(`INSERT INTO session (id, token, user_json, expires_at, server_url) VALUES
      (1, '${TOKEN}', '${JSON.stringify(session.user)}', '${session.expiresAt}', '${session.serverUrl}')`);
    plain.close();
    // What a crash during the copy or the rekey leaves: a half-made encrypted copy.
    writeFileSync(join(dir, 'cache.sqlite.encrypting'), Buffer.alloc(12_345, 7));
    expect(isPlainDatabase(join(dir, 'cache.sqlite'))).toBe(true);
    const store = openCacheStore(dir, desktopKeyFor(dir));
    expect(store.state.session()?.token).toBe(TOKEN);
    store.close();
    expect(existsSync(join(dir, 'cache.sqlite.encrypting'))).toBe(false);
  });
});

describe('signing out', () => {
  // Looked at on a plain file, where SQL's idea of "deleted" can be checked byte by byte: a
  // deleted row normally stays in its page and in the WAL until overwritten.
  it('leaves the session token nowhere on disk: not in a freed page, not in the WAL', () => {
    const dir = dataDir();
    writePlainCache(dir, 8192);
    const db = new Database(join(dir, 'cache.sqlite'));
    const state = createLocalState(db);
    state.saveSession(session);
    db.pragma('wal_checkpoint(TRUNCATE)'); // the token is in the main file too, as after a day's work
    state.saveSession({ ...session, expiresAt: '2031-01-01T00:00:00.000Z' }); // and in the WAL
    expect(leaks(dir, [TOKEN])).not.toEqual([]);
    state.clearSession();
    expect(state.session()).toBeNull();
    expect(leaks(dir, [TOKEN])).toEqual([]);
    db.close();
    expect(leaks(dir, [TOKEN])).toEqual([]);
  });
});
