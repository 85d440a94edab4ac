// Test harness for sync: a fresh PostgreSQL database with demo data, one or two server
// instances on it (in-process), desktops (cores with their own cache folder), and the
// convergence check — a hash of each cache's synced rows compared with the server's.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { type CoreOptions } from '../../../src/main/core/context.js';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { createPostgresDatabase, type TestDatabase } from '../helpers/databases.js';
import { desktopKeyFor } from '../../support/desktop-key.js';
import { openTestCache } from '../../support/desktop-key.js';

/** Tables compared for convergence (the ones a desktop writes to, plus customers). */
export const COMPARED_TABLES = ['customers', 'interactions', 'notes', 'callbacks'] as const;

export interface Desktop {
  core: Core;
  dir: string;
  name: string;
}

export interface SyncWorld {
  database: TestDatabase;
  servers: RunningServer[];
  desktops: Desktop[];
  startServerInstance(port?: number): Promise<RunningServer>;
  newDesktop(urls: string[], extra?: Partial<CoreOptions>, dir?: string): Promise<Desktop>;
  close(): Promise<void>;
}

export async function createSyncWorld(customers = 30): Promise<SyncWorld> {
  const database = await createPostgresDatabase();
  const servers: RunningServer[] = [];
  const desktops: Desktop[] = [];
  const world: SyncWorld = {
    database, servers, desktops,
    async startServerInstance(port) {
      const s = await startServer({
        databaseUrl: database.databaseUrl,
        seedDemo: { customers, interactionsMean: 2, seed: 7 },
        ...(port ? { port } : {}),
      });
      servers.push(s);
      // Desktops without a working-set limit replicate every customer: allowed here for
      // every role (a desktop with a limit still asks for, and gets, its working set).
      await allowFullReplication(s.db);
      return s;
    },
    async newDesktop(urls, extra = {}, existingDir) {
      const dir = existingDir ?? await mkdtemp(join(tmpdir(), 'sapa-sync-'));
      const core = createCore({
        dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: urls, appVersion: 'test', host: 'browser', systemLocale: 'id-ID',
        syncIntervalSeconds: 2, pullLimit: 2000, ...extra,
      });
      const desktop = { core, dir, name: `desktop${desktops.length + 1}` };
      desktops.push(desktop);
      return desktop;
    },
    async close() {
      for (const d of desktops) {
        await d.core.close().catch(() => undefined);
        await rm(d.dir, { recursive: true, force: true });
      }
      for (const s of servers) await s.close().catch(() => undefined);
      await database.drop();
    },
  };
  return world;
}

/** Hash of (table, id, version) of the rows a cache holds (read through a second connection). */
export function cacheHash(dir: string): string {
  const db = openTestCache(dir, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    for (const table of COMPARED_TABLES) {
      for (const r of db.prepare(`SELECT id, version FROM ${table} ORDER BY id`).all() as { id: string; version: number }[]) {
        hash.update(`${table}:${r.id}:${r.version}\n`);
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

/** The same hash over the server's rows (every desktop's scope is the whole data set today). */
export async function serverHash(server: RunningServer): Promise<string> {
  const hash = createHash('sha256');
  for (const table of COMPARED_TABLES) {
    const rows = await server.db.query<{ id: string; version: number }>(`SELECT id::text AS id, version FROM ${table} ORDER BY id::text COLLATE "C"`);
    for (const r of rows) hash.update(`${table}:${r.id}:${r.version}\n`);
  }
  return hash.digest('hex');
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000, stepMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const BUDI_ID = '00000000-0000-4000-8000-000000000001';
