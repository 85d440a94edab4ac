// Benchmark databases on the local PostgreSQL: made and seeded once, then reused by later
// runs (seeding a million customers takes minutes). `--fresh` drops them first.
import pg from 'pg';

const ADMIN_URL = process.env.SAPA_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  return ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
}

/** Creates the database when missing; answers whether it already held `minCustomers`. */
export async function ensureDatabase(name: string, minCustomers: number, fresh: boolean): Promise<boolean> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${name}`);
      return false;
    }
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: databaseUrl(name) });
  await db.connect();
  try {
    const res = await db.query<{ n: string }>(
      "SELECT CASE WHEN to_regclass('customers') IS NULL THEN 0 ELSE (SELECT count(*) FROM customers) END AS n",
    );
    if (Number(res.rows[0]?.n ?? 0) >= minCustomers) return true;
  } finally {
    await db.end();
  }
  // Partly seeded (an interrupted run): start again.
  const again = new pg.Client({ connectionString: ADMIN_URL });
  await again.connect();
  await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await again.query(`CREATE DATABASE ${name}`);
  await again.end();
  return false;
}

export async function sampleColumn(name: string, sql: string): Promise<string[]> {
  const db = new pg.Client({ connectionString: databaseUrl(name) });
  await db.connect();
  try {
    const res = await db.query<{ v: string }>(sql);
    return res.rows.map((r) => r.v);
  } finally {
    await db.end();
  }
}
