// A catch-up batch applied in slices (decision 0041): the rows go in short transactions
// that yield between them, the cursor and the outbox's confirmed entries only with the
// last, and a batch cut half-way (a crash, an error) re-applied whole ends exactly where
// one transaction would have.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CacheStore } from '../../../src/main/core/cache/cache-store.js';
import { openCacheStore } from '../../../src/main/core/cache-tables.js';
import { type PullResponse } from '../../../src/shared/sync.js';
import { batch, customer, interaction } from './fixtures.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let dirs: string[] = [];
let stores: CacheStore[] = [];

async function newStore(): Promise<CacheStore> {
  const dir = await mkdtemp(join(tmpdir(), 'sapa-slices-'));
  dirs.push(dir);
  const store = openCacheStore(dir, desktopKeyFor(dir));
  stores.push(store);
  return store;
}

/** Everything the apply path writes, per table (customer_phones and the FTS index included). */
function contents(store: CacheStore): Record<string, unknown[]> {
  const all = (sql: string) => store.db.prepare(sql).raw().all();
  return {
    customers: all('SELECT id, full_name, version FROM customers ORDER BY id'),
    phones: all('SELECT nsn, customer_id FROM customer_phones ORDER BY nsn'),
    fts: all(`SELECT c.id FROM customers_fts f JOIN customers c ON c.rowid = f.rowid ORDER BY c.id`),
    interactions: all('SELECT id, customer_id, version FROM interactions ORDER BY id'),
    cursor: all('SELECT cursor, head_version FROM sync_state'),
  };
}

function aBatch(): PullResponse {
  const customers = Array.from({ length: 7 }, (_, i) => customer({
    fullName: `Pelanggan Irisan ${i}`, phones: [{ e164: `+62812000000${i}`, type: 'mobile' }],
  }));
  const interactions = customers.flatMap((c) => [interaction(c.id, '2026-01-02T00:00:00.000Z'), interaction(c.id, '2026-01-03T00:00:00.000Z')]);
  const gone = customers[6]!;
  return batch({ customers, interactions }, {
    more: true, tombstones: [{ table: 'customers', id: gone.id, version: gone.version + 100 }],
  });
}

beforeEach(() => {
  dirs = [];
  stores = [];
});
afterEach(async () => {
  for (const s of stores) s.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('applyPullInSlices', () => {
  it('moves the cursor and the confirmed outbox entries only with the last slice, and ends where one transaction ends', async () => {
    const sliced = await newStore();
    const whole = await newStore();
    const b = aBatch();
    const cursorsSeen: number[] = [];
    let withCursorCalls = 0;
    let inTransaction = false;
    const result = await sliced.apply.applyPullInSlices(b, '2026-01-04T00:00:00.000Z', {
      sliceRows: 3,
      yieldNow: async () => {
        // Between two slices nothing is open and the cursor has not moved.
        expect(sliced.db.inTransaction).toBe(false);
        cursorsSeen.push(sliced.state.syncCursor().cursor);
        await new Promise((r) => setImmediate(r));
      },
      withCursor: () => { withCursorCalls += 1; inTransaction = sliced.db.inTransaction; },
    });
    // 7 customers + 14 interactions + 1 tombstone = 22 steps in slices of 3: 8 slices, 7 yields.
    expect(cursorsSeen).toEqual(Array.from({ length: 7 }, () => 0));
    expect(withCursorCalls).toBe(1);
    expect(inTransaction).toBe(true);
    expect(sliced.state.syncCursor().cursor).toBe(b.nextCursor);
    const oneShot = whole.apply.applyPull(b, '2026-01-04T00:00:00.000Z');
    expect(result.rowsApplied).toBe(oneShot.rowsApplied);
    expect(contents(sliced)).toEqual(contents(whole));
    expect(contents(sliced).customers).toHaveLength(6);
  });

  it('a batch cut half-way keeps the old cursor, and applied again whole converges without doubled phones or search rows', async () => {
    const cut = await newStore();
    const whole = await newStore();
    const b = aBatch();
    let yields = 0;
    await expect(cut.apply.applyPullInSlices(b, 'x', {
      sliceRows: 4,
      yieldNow: async () => {
        yields += 1;
        if (yields === 3) throw new Error('the line went down');
      },
    })).rejects.toThrow('the line went down');
    // Twelve rows are in, ahead of the cursor, which has not moved.
    expect(cut.state.syncCursor().cursor).toBe(0);
    expect(contents(cut).customers).toHaveLength(7);
    await cut.apply.applyPullInSlices(b, 'x', { sliceRows: 4, yieldNow: () => Promise.resolve() });
    whole.apply.applyPull(b, 'x');
    expect(contents(cut)).toEqual(contents(whole));
  });

  it('a batch within one slice is one transaction with no yield', async () => {
    const store = await newStore();
    let yields = 0;
    const b = aBatch();
    await store.apply.applyPullInSlices(b, 'x', { sliceRows: Infinity, yieldNow: async () => { yields += 1; } });
    expect(yields).toBe(0);
    expect(store.state.syncCursor().cursor).toBe(b.nextCursor);
  });
});
