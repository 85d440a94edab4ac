// Opens the configured engine and brings its schema up to date.
import { mkdir } from 'node:fs/promises';
import { type Db } from './db.js';
import { migrate } from './migrate.js';
import { createPgDb } from './pg-db.js';
import { createPgliteDb } from './pglite-db.js';
import { withReadReplica } from './read-db.js';

export interface OpenDbOptions {
  /** PostgreSQL connection string; when absent PGlite is used. */
  databaseUrl?: string;
  /**
   * A PostgreSQL streaming replica of databaseUrl (DATABASE_READ_URL): lag-tolerant reads go
   * there (read-db.ts). Never migrated: it replays the primary's schema. Ignored on PGlite.
   */
  databaseReadUrl?: string;
  /** PGlite data folder; absent → in-memory. */
  dataDir?: string;
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  let db: Db;
  if (options.databaseUrl) {
    db = createPgDb(options.databaseUrl);
  } else {
    if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
    db = await createPgliteDb(options.dataDir);
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  if (options.databaseUrl && options.databaseReadUrl) {
    db = withReadReplica(db, createPgDb(options.databaseReadUrl, { applicationPrefix: 'sapa-read', readOnly: true }));
  }
  return db;
}
