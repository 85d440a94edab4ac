// Runs a suite against both engines: a fresh PostgreSQL database (created and dropped)
// and an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';

export const PG_ADMIN_URL = process.env.SAPA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  engine: 'postgres' | 'pglite';
  /** Connection string for PostgreSQL, undefined for PGlite (in-memory). */
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `sapa_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    engine: 'postgres',
    databaseUrl: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type Engine = 'postgres' | 'pglite';

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'postgres') return createPostgresDatabase();
  return { engine: 'pglite', databaseUrl: undefined, drop: async () => undefined };
}

/** describe() once per engine; `fn` gets the engine name. */
export function forEachDatabase(name: string, fn: (engine: Engine) => void): void {
  describe.each(['postgres', 'pglite'] as const)(`${name} [%s]`, (engine) => fn(engine));
}
