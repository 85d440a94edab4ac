// The pull reads timestamps as ISO strings, not Dates (QueryOptions.isoTimestamps, in a
// UTC session). What it sends must equal what the row mappers give for the same rows read
// the ordinary way (Date objects), for every customer table and for awkward values: nulls,
// microsecond timestamps written in another time zone, quotes, backslashes, newlines,
// emoji and script tags.
import { beforeAll, expect, it } from 'vitest';
import { PullResponse } from '../../../src/shared/sync.js';
import {
  toCase, toContract, toCustomer, toInteraction, toOrder, toReceivable, CUSTOMER_COLUMNS,
} from '../../../src/server/customers/rows.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { allowFullReplication } from '../helpers/data-access.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

type WireTable = 'customers' | 'interactions' | 'cases' | 'orders' | 'receivables' | 'contracts';
const WIRE_TABLES: WireTable[] = ['customers', 'interactions', 'cases', 'orders', 'receivables', 'contracts'];

const MAPPERS: Record<WireTable, (row: never) => unknown> = {
  customers: toCustomer, interactions: toInteraction, cases: toCase, orders: toOrder,
  receivables: toReceivable, contracts: toContract,
};

const NASTY = 'Quote " back\\slash \n new line \t tab 😀 Ñoño </script><script>alert(1)</script> \u2028';

forEachDatabase('sync pull timestamps', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 20, interactionsMean: 4, seed: 11 } });
  // These pulls check every stored row: the agent is allowed full replication.
  beforeAll(() => allowFullReplication(t.current.server.db));

  it('every customer table is sent exactly as its row mapper gives it from Date objects', async () => {
    const db = t.current.server.db;
    await withWriteTransaction(db, async (tx) => {
      await tx.query('UPDATE customers SET full_name = $2, address = NULL, customer_since = NULL WHERE id = $1', [BUDI.id, `Budi ${NASTY}`]);
      await tx.query(
        `UPDATE interactions SET body = $2, subject = NULL, ended_at = NULL,
           started_at = '2025-03-04 05:06:07.123456+07' WHERE id = (SELECT id FROM interactions WHERE customer_id = $1 ORDER BY id LIMIT 1)`,
        [BUDI.id, NASTY]);
      await tx.query(
        `UPDATE interactions SET started_at = '2024-12-31 23:59:59+00', ended_at = '2025-01-01 00:00:00.5+00'
           WHERE id = (SELECT id FROM interactions WHERE customer_id = $1 ORDER BY id DESC LIMIT 1)`, [BUDI.id]);
    });
    const token = await t.current.login('agent1', 'agent1-pass');
    const sent = new Map<WireTable, unknown[]>(WIRE_TABLES.map((table) => [table, []]));
    let cursor = 0;
    for (;;) {
      const res = await t.current.api(`/sync/pull?cursor=${cursor}&limit=37`, { token });
      expect(res.status).toBe(200);
      const body = PullResponse.parse(res.body);
      for (const table of WIRE_TABLES) sent.get(table)!.push(...body.changes[table]);
      cursor = body.nextCursor;
      if (!body.more) break;
    }
    for (const table of WIRE_TABLES) {
      const columns = table === 'customers' ? CUSTOMER_COLUMNS : '*';
      const rows = await db.query<never>(`SELECT ${columns} FROM ${table} ORDER BY version`);
      expect(rows.length, table).toBeGreaterThan(0);
      expect(sent.get(table), table).toEqual(rows.map(MAPPERS[table]));
    }
    const budi = sent.get('customers')!.find((c) => (c as { id: string }).id === BUDI.id) as { fullName: string };
    expect(budi.fullName).toBe(`Budi ${NASTY}`);
    const interactions = sent.get('interactions') as { startedAt: string; endedAt: string | null; body: string | null }[];
    expect(interactions.find((i) => i.body === NASTY)).toMatchObject({ startedAt: '2025-03-03T22:06:07.123Z', endedAt: null });
    expect(interactions.find((i) => i.startedAt === '2024-12-31T23:59:59.000Z')).toMatchObject({ endedAt: '2025-01-01T00:00:00.500Z' });
  });
});
