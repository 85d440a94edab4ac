// The sync client asks for windows ahead of the one it applies, some of them
// speculatively (sync-client.ts pullFrom). With tiny windows over a version sequence full
// of gaps (rows updated several times) and tombstones, the cache must still end up
// holding exactly the server's rows at the server's versions, with the cursor at the head.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { type RunningServer } from '../../../src/server/app.js';
import { createHash } from 'node:crypto';
import { DEFAULT_WORKING_SET_LIMIT } from '../../../src/main/core/sync/env-options.js';
import { cacheHash, createSyncWorld, serverHash, type SyncWorld, waitFor } from './harness.js';
import { openTestCache } from '../../support/desktop-key.js';

let world: SyncWorld;
let server: RunningServer;

beforeAll(async () => {
  world = await createSyncWorld(30);
  server = await world.startServerInstance();
  // Gaps: every third interaction rewritten three times leaves two unused versions each;
  // every seventh deleted leaves a tombstone; a stretch of customers edited twice.
  const interactions = await server.db.query<{ id: string }>('SELECT id FROM interactions ORDER BY version');
  await withWriteTransaction(server.db, async (tx) => {
    for (const [i, { id }] of interactions.entries()) {
      if (i % 7 === 0) await tx.query('DELETE FROM interactions WHERE id = $1', [id]);
      else if (i % 3 === 0) {
        for (let n = 0; n < 3; n++) await tx.query('UPDATE interactions SET subject = $2 WHERE id = $1', [id, `rewrite ${n}`]);
      }
    }
    await tx.query("UPDATE customers SET city = 'Bogor' WHERE id IN (SELECT id FROM customers ORDER BY customer_no LIMIT 10)");
    await tx.query("UPDATE customers SET city = 'Depok' WHERE city = 'Bogor'");
  });
}, 120_000);

afterAll(async () => {
  await world?.close();
});

// The last case applies each batch in slices of 2 rows (decision 0041): the cursor moves
// only with a batch's last slice, and the cache still ends equal to the server.
for (const [pullLimit, bulkSliceRows] of [[3], [7], [50], [50, 2]] as [number, number?][]) {
  it(`windows of ${pullLimit} versions asked ahead${bulkSliceRows ? `, applied in slices of ${bulkSliceRows} rows,` : ''} leave the cache equal to the server`, async () => {
    const desktop = await world.newDesktop([server.url], { pullLimit, syncIntervalSeconds: 3600, ...(bulkSliceRows ? { bulkSliceRows } : {}) });
    await desktop.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    const status = await waitFor('the first sync to reach the head', async () => {
      const s = await desktop.core.call('sync.status', {});
      if (s.state === 'error') throw new Error(s.lastError ?? 'sync error');
      return s.state === 'idle' && s.headVersion !== null && s.cursor >= s.headVersion ? s : undefined;
    }, 60_000);
    const [head] = await server.db.query<{ v: number }>(
      'SELECT GREATEST((SELECT max(version) FROM customers), (SELECT max(version) FROM interactions), (SELECT max(version) FROM tombstones)) AS v');
    expect(status.cursor).toBeGreaterThanOrEqual(head!.v);
    expect(cacheHash(desktop.dir)).toBe(await serverHash(server));
  }, 90_000);
}

// The working set's maintained scope cuts a window short when it holds more than limit/10
// membership changes (pull.ts), so a window that says `more` may span fewer than `limit`
// versions: a window asked speculatively from p + limit would then leave a hole, and a
// customer whose entry or leave fell in it would never arrive or never go. A desktop at
// the head sees most customers enter its working set at once (agent1 had a contact with
// each yesterday), then leave it again, and catches up each time in windows of 10 versions
// (one membership change each): it must hold exactly the server's rows of the customers in
// its scope after each.
it('a working set caught up in windows cut short by membership changes leaves no hole', async () => {
  const desktop = await world.newDesktop([server.url], { pullLimit: 10, syncIntervalSeconds: 3600, workingSetLimit: DEFAULT_WORKING_SET_LIMIT });
  const user = await desktop.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  const catchUp = async () => {
    await desktop.core.call('sync.now', {});
    await waitFor('the sync to reach the head', async () => {
      const s = await desktop.core.call('sync.status', {});
      if (s.state === 'error') throw new Error(s.lastError ?? 'sync error');
      return s.state === 'idle' && s.headVersion !== null && s.cursor >= s.headVersion ? s : undefined;
    }, 60_000);
  };
  const tables = ['customers', 'interactions', 'notes'] as const;
  const scopeOnServer = async () => {
    const members = await server.db.query<{ id: string }>(
      'SELECT customer_id::text AS id FROM scope_members WHERE user_id = $1 AND in_scope', [user.id]);
    const hash = createHash('sha256');
    for (const table of tables) {
      const col = table === 'customers' ? 'id' : 'customer_id';
      const rows = await server.db.query<{ id: string; version: number }>(
        `SELECT id::text AS id, version FROM ${table} WHERE ${col} = ANY($1::uuid[]) ORDER BY id::text COLLATE "C"`, [members.map((m) => m.id)]);
      for (const r of rows) hash.update(`${table}:${r.id}:${r.version}\n`);
    }
    return { members: members.length, hash: hash.digest('hex') };
  };
  const cached = () => {
    const db = openTestCache(desktop.dir, { readonly: true });
    const hash = createHash('sha256');
    try {
      for (const table of tables) {
        for (const r of db.prepare(`SELECT id, version FROM ${table} ORDER BY id`).all() as { id: string; version: number }[]) {
          hash.update(`${table}:${r.id}:${r.version}\n`);
        }
      }
    } finally {
      db.close();
    }
    return hash.digest('hex');
  };
  await catchUp();
  const before = await scopeOnServer();
  const firstContacts = await server.db.query<{ id: string }>(
    'SELECT DISTINCT ON (customer_id) id::text AS id FROM interactions WHERE customer_id IS NOT NULL ORDER BY customer_id, id');
  const ids = firstContacts.map((r) => r.id);
  await server.db.query(
    `UPDATE interactions SET agent_id = $1, started_at = now() - interval '1 day' WHERE id = ANY($2::uuid[])`, [user.id, ids]);
  await catchUp();
  const entered = await scopeOnServer();
  // Enough customers entered to cut many windows.
  expect(entered.members - before.members).toBeGreaterThan(10);
  expect(cached()).toBe(entered.hash);
  // They leave again: the contacts were someone else's, long ago.
  await server.db.query(`UPDATE interactions SET agent_id = NULL, started_at = now() - interval '400 days' WHERE id = ANY($1::uuid[])`, [ids]);
  await catchUp();
  const left = await scopeOnServer();
  expect(left.members).toBeLessThan(entered.members - 10);
  expect(cached()).toBe(left.hash);
}, 90_000);
