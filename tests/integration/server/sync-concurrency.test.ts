// The commit-order gap of ARCHITECTURE.md: a puller that follows nextCursor while writers
// commit out of order must still see every committed row.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '../../../src/server/db/db.js';
import { openDb } from '../../../src/server/db/open.js';
import { pullChanges } from '../../../src/server/sync/pull.js';
import { SYNC_WRITE_LOCK, withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { type TestDatabase, createTestDatabase } from '../helpers/databases.js';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function insertCustomer(tx: Db, tag: string): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO customers (id, customer_no, full_name, tier) VALUES ($1, $2, $3, 'regular')`,
    [id, `T-${id.slice(0, 18)}`, `Writer ${tag}`],
  );
  return id;
}

async function follow(db: Db, stop: () => boolean, seen: Set<string>): Promise<number> {
  let cursor = 0;
  let pulls = 0;
  for (;;) {
    const finished = stop();
    const res = await pullChanges(db, { cursor, limit: 3 });
    pulls++;
    for (const c of res.changes.customers) seen.add(c.id);
    expect(res.nextCursor).toBeGreaterThanOrEqual(cursor);
    cursor = res.nextCursor;
    // Only stop after a full catch-up that started after every writer had finished.
    if (finished && !res.more) return pulls;
    if (!res.more) await sleep(2);
  }
}

describe('concurrent writers vs. a cursor-following puller [postgres]', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    db = await openDb({ databaseUrl: database.databaseUrl ?? '' });
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('never lets a late commit slip behind the cursor', async () => {
    const committed: string[] = [];
    let writersDone = false;
    const seen = new Set<string>();
    const puller = follow(db, () => writersDone, seen);
    // 8 writers on separate pooled connections; each transaction sleeps at random between
    // its writes so that, without the ordering rule, commits would overtake each other.
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; i < 12; i++) {
        const ids = await withWriteTransaction(db, async (tx) => {
          await sleep(Math.random() * 8);
          const a = await insertCustomer(tx, `${w}-${i}a`);
          await sleep(Math.random() * 8);
          const b = await insertCustomer(tx, `${w}-${i}b`);
          if (Math.random() < 0.15) throw new Error('rolled back on purpose');
          return [a, b];
        }).catch(() => []);
        committed.push(...ids);
        await sleep(Math.random() * 4);
      }
    });
    await Promise.all(writers);
    writersDone = true;
    const pulls = await puller;
    expect(committed.length).toBeGreaterThan(100);
    expect(pulls).toBeGreaterThan(20);
    expect([...seen].sort()).toEqual([...committed].sort());
  });

  it('without the write helper, the triggers still take the lock (a raw transaction waits for the open one)', async () => {
    // slow inserts (its trigger takes the lock) and holds its transaction open; fast, a raw
    // transaction without the helper, inserts meanwhile. Without the trigger's lock fast's
    // INSERT would return at once, long before slow commits.
    let slowFinishedAt = 0;
    let fastInsertedAt = 0;
    let waitingForLock = 0;
    const slow = db.transaction(async (tx) => {
      await insertCustomer(tx, 'slow');
      await sleep(300);
      // Seen from a third connection while slow still holds the lock: fast is queued on it.
      const [row] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
        [SYNC_WRITE_LOCK]);
      waitingForLock = row?.n ?? 0;
      slowFinishedAt = Date.now();
    });
    await sleep(50);
    const fast = db.transaction(async (tx) => {
      await insertCustomer(tx, 'fast');
      fastInsertedAt = Date.now();
    });
    await Promise.all([slow, fast]);
    expect(waitingForLock).toBe(1);
    // slow's COMMIT is sent only after slowFinishedAt, and fast's INSERT can only return
    // once that commit released the lock.
    expect(fastInsertedAt).toBeGreaterThanOrEqual(slowFinishedAt);
    const rows = await db.query<{ full_name: string; version: number }>(
      "SELECT full_name, version FROM customers WHERE full_name IN ('Writer slow', 'Writer fast') ORDER BY version");
    expect(rows.map((r) => r.full_name)).toEqual(['Writer slow', 'Writer fast']);
  });
});

describe('sequential writers and puller [pglite]', () => {
  let db: Db;
  beforeAll(async () => { db = await openDb({}); });
  afterAll(async () => { await db.close(); });

  it('interleaved writes and pulls see every committed row', async () => {
    const committed: string[] = [];
    const seen = new Set<string>();
    let cursor = 0;
    for (let round = 0; round < 20; round++) {
      const ids = await withWriteTransaction(db, async (tx) => [await insertCustomer(tx, `${round}a`), await insertCustomer(tx, `${round}b`)]);
      committed.push(...ids);
      if (round % 3 === 0) {
        await withWriteTransaction(db, async (tx) => {
          await insertCustomer(tx, 'doomed');
          throw new Error('rollback');
        }).catch(() => undefined);
      }
      const res = await pullChanges(db, { cursor, limit: 1 });
      res.changes.customers.forEach((c) => seen.add(c.id));
      cursor = res.nextCursor;
    }
    for (let more = true; more;) {
      const res = await pullChanges(db, { cursor, limit: 4 });
      res.changes.customers.forEach((c) => seen.add(c.id));
      cursor = res.nextCursor;
      more = res.more;
    }
    expect([...seen].sort()).toEqual([...committed].sort());
  });
});
