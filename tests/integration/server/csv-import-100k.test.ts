// A 100 000-row CSV streams into the server (generated on the fly, never held
// whole by the client or the server) and every row lands once; re-importing the same file
// updates instead of duplicating. PostgreSQL only: PGlite takes minutes at this size.
import { Readable } from 'node:stream';
import { expect, it, describe } from 'vitest';
import { type ImportStatus } from '../../../src/shared/http.js';
import { useTestServer } from '../helpers/server.js';

const ROWS = 100_000;
const BAD_EVERY = 10_000; // every 10 000th row has an invalid phone

function* csvLines(): Generator<string> {
  yield 'external_id,full_name,phones,emails,tier,segment,city,customer_since\n';
  for (let i = 1; i <= ROWS; i++) {
    const phone = i % BAD_EVERY === 0 ? '12345' : `0813${String(i).padStart(8, '0')}`;
    yield `BULK-${i},Pelanggan Nomor ${i},${phone},p${i}@example.co.id,regular,consumer,Surabaya,2021-03-0${(i % 9) + 1}\n`;
  }
}

function csvStream(): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.from(csvLines(), { objectMode: false })) as ReadableStream<Uint8Array>;
}

describe('CSV import of 100 000 rows [postgres]', () => {
  const t = useTestServer('postgres', { seedDemo: { customers: 1, interactionsMean: 0 } });

  async function importStreamed(token: string): Promise<ImportStatus> {
    const res = await fetch(`${t.current.server.url}/api/v1/admin/imports/customers?fileName=bulk.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csvStream(),
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as ImportStatus;
    for (;;) {
      const status = (await t.current.api(`/admin/imports/${id}`, { token })).body as ImportStatus;
      if (status.state !== 'running') return status;
      await new Promise((ok) => setTimeout(ok, 250));
    }
  }

  it('imports every valid row once, rejects the bad ones, and a re-import updates', async () => {
    const token = await t.current.login('admin1', 'admin1-pass');
    const first = await importStreamed(token);
    expect(first).toMatchObject({
      state: 'done', rowsRead: ROWS, rowsInserted: ROWS - ROWS / BAD_EVERY, rowsUpdated: 0, rowsRejected: ROWS / BAD_EVERY,
    });

    const again = await importStreamed(token);
    expect(again).toMatchObject({ state: 'done', rowsInserted: 0, rowsUpdated: ROWS - ROWS / BAD_EVERY });

    const [row] = await t.current.server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM customers WHERE external_id LIKE 'BULK-%'",
    );
    expect(row?.n).toBe(ROWS - ROWS / BAD_EVERY);
    const found = (await t.current.api(`/customers/by-phone?phone=${encodeURIComponent('+62 813-0004-2424')}`, { token })).body as {
      customers: Array<{ fullName: string }>;
    };
    expect(found.customers.map((c) => c.fullName)).toEqual(['Pelanggan Nomor 42424']);
  }, 600_000);
});
