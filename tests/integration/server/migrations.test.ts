import { afterEach, expect, it } from 'vitest';
import { type Db } from '../../../src/server/db/db.js';
import { loadMigrations, migrate } from '../../../src/server/db/migrate.js';
import { openDb } from '../../../src/server/db/open.js';
import { createPgDb } from '../../../src/server/db/pg-db.js';
import { createPgliteDb } from '../../../src/server/db/pglite-db.js';
import { type TestDatabase, createTestDatabase, forEachDatabase } from '../helpers/databases.js';

forEachDatabase('migrations', (engine) => {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    await database?.drop();
  });
  const rawDb = async (): Promise<Db> => {
    database = await createTestDatabase(engine);
    return database.databaseUrl ? createPgDb(database.databaseUrl) : createPgliteDb();
  };

  it('applies every migration once and records its checksum', async () => {
    db = await rawDb();
    const files = await loadMigrations();
    expect(await migrate(db)).toEqual(files.map((m) => m.name));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations ORDER BY name');
    expect(rows).toEqual(files.map((m) => ({ name: m.name, checksum: m.checksum })));
  });

  it('refuses a database whose applied migration was changed', async () => {
    db = await rawDb();
    await migrate(db);
    await db.query("UPDATE schema_migrations SET checksum = 'edited' WHERE name = '001_initial'");
    await expect(migrate(db)).rejects.toThrow(/001_initial was changed after it was applied/);
  });

  it('refuses a database that has a migration this build does not know', async () => {
    db = await rawDb();
    await migrate(db);
    await db.query("INSERT INTO schema_migrations (name, checksum) VALUES ('999_from_the_future', 'x')");
    await expect(migrate(db)).rejects.toThrow(/999_from_the_future that this server does not know/);
    if (database?.databaseUrl) {
      // openDb (what the server uses at start) refuses too.
      await expect(openDb({ databaseUrl: database.databaseUrl })).rejects.toThrow(/refusing to start/);
    }
  });
});
