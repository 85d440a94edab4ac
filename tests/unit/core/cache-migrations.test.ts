import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src/main/core/cache/migrations/index.js';
import { openCache } from '../../../src/main/core/cache/open-cache.js';
import { cacheKeyFor } from '../../support/desktop-key.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cache migrations', () => {
  it('creates the schema in WAL mode and records each migration once', () => {
    const db = openCache(dir, cacheKeyFor(dir));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    // In the order they were applied (rowid), which is the list's order.
    const names = db.prepare('SELECT name FROM schema_migrations ORDER BY rowid').pluck().all();
    expect(names).toEqual(MIGRATIONS.map((m) => m.name));
    db.close();
    // Re-opening applies nothing twice.
    const again = openCache(dir, cacheKeyFor(dir));
    expect(again.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    again.close();
  });

  it('applies a new migration on top of existing ones', () => {
    openCache(dir, cacheKeyFor(dir)).close();
    const next = [...MIGRATIONS, { name: '9999_extra', sql: 'CREATE TABLE extra (x INTEGER);' }];
    const db = openCache(dir, cacheKeyFor(dir), next);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get()).toBe(1);
    db.close();
  });

  it('refuses to open when an applied migration was changed', () => {
    openCache(dir, cacheKeyFor(dir)).close();
    const changed = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => openCache(dir, cacheKeyFor(dir), changed)).toThrow(/0001_initial" has changed/);
  });

  it('refuses to open a cache written by a newer app (unknown migration)', () => {
    openCache(dir, cacheKeyFor(dir), [...MIGRATIONS, { name: '9999_future', sql: 'CREATE TABLE future (x INTEGER);' }]).close();
    expect(() => openCache(dir, cacheKeyFor(dir))).toThrow(/9999_future" was applied by another version/);
  });
});
