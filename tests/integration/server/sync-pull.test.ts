import { beforeAll, expect, it } from 'vitest';
import { PullResponse, SYNC_TABLES } from '../../../src/shared/sync.js';
import { withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { forEachDatabase } from '../helpers/databases.js';
import { type TestServer, useTestServer } from '../helpers/server.js';

async function pullAll(t: TestServer, token: string, from: number, limit: number) {
  const ids = new Map<string, number>();
  const tombstones: string[] = [];
  let cursor = from;
  let pages = 0;
  for (;;) {
    const res = await t.api(`/sync/pull?cursor=${cursor}&limit=${limit}`, { token });
    expect(res.status).toBe(200);
    const body = PullResponse.parse(res.body);
    const rows = Object.values(body.changes).flat();
    expect(rows.length + body.tombstones.length).toBeLessThanOrEqual(limit);
    for (const [table, list] of Object.entries(body.changes)) for (const r of list) ids.set(`${table}:${r.id}`, r.version);
    tombstones.push(...body.tombstones.map((x) => `${x.table}:${x.id}`));
    expect(body.nextCursor).toBeGreaterThanOrEqual(cursor);
    cursor = body.nextCursor;
    pages++;
    if (!body.more) return { ids, tombstones, cursor, pages, head: body.headVersion };
  }
}

forEachDatabase('sync pull', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 25, interactionsMean: 3, seed: 3 } });
  // These pulls check every stored row: the agent is allowed full replication.
  beforeAll(() => allowFullReplication(t.current.server.db));

  it('pulling from 0 in small pages yields exactly the stored rows', async () => {
    const token = await t.current.login('agent1', 'agent1-pass');
    const result = await pullAll(t.current, token, 0, 11);
    expect(result.pages).toBeGreaterThan(3);
    const expected = new Map<string, number>();
    for (const table of SYNC_TABLES) {
      for (const r of await t.current.server.db.query<{ id: string; version: number }>(`SELECT id, version FROM ${table}`)) {
        expected.set(`${table}:${r.id}`, r.version);
      }
    }
    expect(result.ids).toEqual(expected);
    expect(result.cursor).toBe(result.head);
  });

  it('serves updates and deletions after the stored cursor, and rejects a bad cursor', async () => {
    const token = await t.current.login('agent1', 'agent1-pass');
    const { cursor } = await pullAll(t.current, token, 0, 5000);
    const [interaction] = await t.current.server.db.query<{ id: string }>(
      'SELECT id FROM interactions WHERE customer_id = $1 LIMIT 1', [BUDI.id]);
    await withWriteTransaction(t.current.server.db, async (tx) => {
      await tx.query("UPDATE customers SET city = 'Bogor' WHERE id = $1", [BUDI.id]);
      await tx.query('DELETE FROM interactions WHERE id = $1', [interaction?.id ?? '']);
    });
    const after = await pullAll(t.current, token, cursor, 5000);
    expect([...after.ids.keys()]).toEqual([`customers:${BUDI.id}`]);
    expect(after.tombstones).toEqual([`interactions:${interaction?.id}`]);
    const again = await t.current.api(`/sync/pull?cursor=${after.cursor}`, { token });
    expect(PullResponse.parse(again.body)).toMatchObject({ more: false, nextCursor: after.cursor, remainingEstimate: 0 });
    expect((await t.current.api('/sync/pull?cursor=-1', { token })).status).toBe(400);
    expect((await t.current.api('/sync/pull?cursor=abc', { token })).status).toBe(400);
    expect((await t.current.api('/sync/pull?cursor=0&limit=0', { token })).status).toBe(400);
  });
});
