// Pruning left memberships and the steady pull's fast path (migration 040, decision 0041):
// a left membership stays until the horizon (prune_days at the scope clock), so a desktop
// behind it still gets the leave's tombstones; after pruning, a pull from a cursor behind
// the horizon is refused with WIPE_ORDERED (the desktop starts over), one from a cursor past
// it is served as before, and memberships in scope are never pruned. The fast path answers a
// desktop whose scope nothing touched with the head, from one statement.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Db } from '../../../src/server/db/db.js';
import { openDb } from '../../../src/server/db/open.js';
import { withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { pullChanges } from '../../../src/server/sync/pull.js';
import { configureScope, pruneScope, sweepScope } from '../../../src/server/sync/working-scope.js';
import { SapaError } from '../../../src/shared/errors.js';
import { type TestDatabase, createTestDatabase, forEachDatabase } from '../helpers/databases.js';

const U1 = '00000000-0000-4000-8000-0000000d0001';
const U2 = '00000000-0000-4000-8000-0000000d0002';
const X = '00000000-0000-4000-8000-0000000e0001';
const Y = '00000000-0000-4000-8000-0000000e0002';

forEachDatabase('scope pruning and the fast path', (engine) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = await openDb(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {});
    await configureScope(db, { recentDays: 30 });
    await db.query('UPDATE scope_settings SET prune_days = 90'); // off by default
    for (const [i, id] of [U1, U2].entries()) {
      await db.query(`INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, $2, 'agent', 'x')`, [id, `prune${i}`]);
    }
    for (const [i, id] of [X, Y].entries()) {
      await db.query(`INSERT INTO customers (id, customer_no, full_name, tier) VALUES ($1, $2, $2, 'regular')`, [id, `PRN-${i}`]);
    }
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const pull = (userId: string, cursor: number) => pullChanges(db, { cursor, limit: 1000 }, { userId, working: true, recentDays: 30 });
  const follow = async (userId: string, cursor: number) => {
    const got = { notes: [] as string[], tombstones: [] as string[] };
    for (;;) {
      const b = await pull(userId, cursor);
      got.notes.push(...b.changes.notes.map((n) => n.id));
      got.tombstones.push(...b.tombstones.map((t) => `${t.table}:${t.id}`));
      cursor = b.nextCursor;
      if (!b.more) return { cursor, ...got };
    }
  };
  const note = async (customer: string) => {
    const id = randomUUID();
    await db.query(`INSERT INTO notes (id, customer_id, body, created_at) VALUES ($1, $2, 'prune', now())`, [id, customer]);
    return id;
  };
  const moveClock = (days: number) => withWriteTransaction(db, (tx) =>
    tx.query('UPDATE scope_settings SET clock_offset = clock_offset + make_interval(days => $1::int)', [days]));

  it('a write outside the scope moves the cursor to the head without a row; one inside delivers it', async () => {
    await db.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2), ($3, $4)', [U1, X, U2, Y]);
    const start = await follow(U1, 0);
    const other = await note(Y);
    const quiet = await pull(U1, start.cursor);
    expect(quiet.changes.notes).toEqual([]);
    expect(quiet.nextCursor).toBe(quiet.headVersion);
    expect(quiet.nextCursor).toBeGreaterThan(start.cursor);
    // U2 holds Y: the same write is served to it.
    expect((await follow(U2, 0)).notes).toContain(other);
    const mine = await note(X);
    expect((await follow(U1, quiet.nextCursor)).notes).toEqual([mine]);
  });

  it('keeps a left membership until the horizon, then prunes it and refuses cursors behind it', async () => {
    const before = await follow(U1, 0);
    await db.query('DELETE FROM working_sets WHERE user_id = $1 AND customer_id = $2', [U1, X]);
    // Within the horizon: a sweep prunes nothing, the old cursor learns of the leave.
    expect(await pruneScope(db)).toBe(0);
    const behind = await follow(U1, before.cursor);
    expect(behind.tombstones).toContain(`customers:${X}`);
    // 91 days on: the mark taken above is past the 90-day horizon.
    await moveClock(91);
    expect(await pruneScope(db)).toBe(1);
    const [m] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM scope_members WHERE user_id = $1 AND customer_id = $2', [U1, X]);
    expect(m?.n).toBe(0);
    // U2's membership of Y is in scope: kept.
    const [k] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM scope_members WHERE user_id = $1 AND in_scope', [U2]);
    expect(k?.n).toBe(1);
    // The cursor from before the leave cannot learn of it any more: refused (the desktop wipes and starts over).
    const refused = await pull(U1, before.cursor).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(SapaError);
    expect((refused as SapaError).code).toBe('WIPE_ORDERED');
    // A cursor past the horizon, and a fresh desktop, are served as before.
    expect((await follow(U1, behind.cursor)).tombstones).toEqual([]);
    const fresh = await follow(U1, 0);
    expect(fresh.notes).toEqual([]);
    // X joins again: a new membership, delivered whole.
    await db.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2)', [U1, X]);
    expect((await follow(U1, fresh.cursor)).notes.length).toBe(1);
  });

  it('a customer aging out of the 30-day window at the sweep reaches a desktop at the head (the sweep raises the scope head)', async () => {
    const [{ now } = { now: '' }] = await db.query<{ now: string }>(`SELECT (sapa_scope_now() - interval '29 days 12 hours')::text AS now`);
    await db.query(`INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id)
      VALUES ($1, $2, 'call_in', 'inbound', $3::timestamptz, $4)`, [randomUUID(), Y, now, U1]);
    const held = await follow(U1, 0);
    const [m] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM scope_members WHERE user_id = $1 AND customer_id = $2 AND in_scope', [U1, Y]);
    expect(m?.n).toBe(1);
    await moveClock(1);
    await sweepScope(db);
    expect((await follow(U1, held.cursor)).tombstones).toContain(`customers:${Y}`);
  });
});
