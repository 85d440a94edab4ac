import { rm } from 'node:fs/promises';
import pg from 'pg';

const ADMIN_URL = process.env.SAPA_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function globalTeardown(): Promise<void> {
  await globalThis.sapaE2eServer?.stop();
  if (globalThis.sapaE2eReleasesDir) await rm(globalThis.sapaE2eReleasesDir, { recursive: true, force: true });
  const database = globalThis.sapaE2eDatabase;
  if (!database) return;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
