// The sync client asks for windows ahead of the one it applies, some of them
// speculatively (sync-client.ts pullFrom). With tiny windows over a version sequence full
// of gaps (rows updated several times) and tombstones, the cache must still end up
// holding exactly the server's rows at the server's versions, with the cursor at the head.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { type RunningServer } from '../../../src/server/app.js';
import { cacheHash, createSyncWorld, serverHash, type SyncWorld, waitFor } from './harness.js';

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
