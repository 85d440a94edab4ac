// The CSV import's limits and broken files (docs/csv-import.md, "Limits and errors"), on
// both engines: an upload over the size limit answers 413 at once and starts nothing; a
// record over 32 MB and a malformed file fail the whole import with a reason; a row with
// the wrong number of fields is rejected alone while its neighbours are imported.
import { expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { API_PREFIX, type ImportStatus } from '../../../src/shared/http.js';
import { MAX_RECORD_BYTES } from '../../../src/server/imports/run-import.js';
import { forEachDatabase } from '../helpers/databases.js';
import { type TestServer, useTestServer } from '../helpers/server.js';

const HEADER = 'external_id,full_name,phones,emails,tier,segment,city,customer_since';
/** Small enough to exceed cheaply, large enough to hold a record over 32 MB. */
const LIMIT = MAX_RECORD_BYTES + 4 * 1024 * 1024;

async function startImport(t: TestServer, body: string) {
  const token = await t.login('admin1', 'admin1-pass');
  return t.api('/admin/imports/customers?fileName=limits.csv', { method: 'POST', token, headers: { 'content-type': 'text/csv' }, body });
}

async function finished(t: TestServer, body: string): Promise<ImportStatus> {
  const start = await startImport(t, body);
  expect(start.status).toBe(202);
  const token = await t.login('admin1', 'admin1-pass');
  const id = (start.body as ImportStatus).id;
  for (let i = 0; i < 1200; i++) {
    const status = (await t.api(`/admin/imports/${id}`, { token })).body as ImportStatus;
    if (status.state !== 'running') return status;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('import did not finish');
}

async function importCount(t: TestServer): Promise<number> {
  const [row] = await t.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM imports');
  return row?.n ?? 0;
}

forEachDatabase('CSV import limits', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 }, config: { importBodyLimit: LIMIT } });

  it('an upload over the size limit answers 413 TOO_LARGE and starts no import', async () => {
    const before = await importCount(t.current);
    const line = 'L-1,Nama,081200000001,,regular,consumer,Medan,\n';
    const body = HEADER + '\n' + line.repeat(Math.ceil((LIMIT + 1024) / line.length));
    expect(body.length).toBeGreaterThan(LIMIT);
    const res = await startImport(t.current, body);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'TOO_LARGE' });
    expect(await importCount(t.current)).toBe(before);
    // Just under the limit is accepted: the 413 is the limit, not the route.
    const under = await startImport(t.current, `${HEADER}\nL-2,Nama Dua,081200000002,,regular,consumer,Medan,\n`);
    expect(under.status).toBe(202);
  });

  it('a refused upload closes its connection, so the next request is not read as the rest of its body', async () => {
    // Under load, a desktop's next request on the same keep-alive socket hung for ever
    // (seen in CI: the second import of the import-errors e2e test never answered).
    const token = await t.current.login('admin1', 'admin1-pass');
    const line = 'L-3,Nama,081200000003,,regular,consumer,Medan,\n';
    const body = HEADER + '\n' + line.repeat(Math.ceil((LIMIT + 1024) / line.length));
    const res = await fetch(`${t.current.server.url}${API_PREFIX}/admin/imports/customers?fileName=big.csv`, {
      method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    await res.text();
    const next = await t.current.api('/admin/imports/customers?fileName=small.csv', {
      method: 'POST', token, headers: { 'content-type': 'text/csv' }, body: `${HEADER}\nL-4,Nama Empat,081200000004,,regular,consumer,Medan,\n`,
    });
    expect(next.status).toBe(202);
  });

  it('a record over 32 MB fails the import and names its line; its unwritten batch is not imported', async () => {
    const huge = 'x'.repeat(MAX_RECORD_BYTES + 1024);
    const csv = `${HEADER}\nM-1,Sebelum Besar,081200000011,,regular,consumer,Medan,\nM-2,Besar,081200000012,,regular,"${huge}",Medan,\n`;
    expect(csv.length).toBeLessThan(LIMIT);
    const status = await finished(t.current, csv);
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(new RegExp(`A record is larger than ${MAX_RECORD_BYTES} bytes \\(line \\d+\\); import stopped`));
    // Batches are written 500 rows at a time: the row before it shared its batch.
    expect(status.rowsInserted).toBe(0);
    expect(await t.current.server.db.query("SELECT 1 FROM customers WHERE external_id IN ('M-1', 'M-2')")).toHaveLength(0);
  });

  it('a malformed file (an unclosed quote) fails the import as not valid CSV', async () => {
    const csv = `${HEADER}\nQ-1,"Tanpa Tutup,081200000021,,regular,consumer,Medan,\nQ-2,Normal,081200000022,,regular,consumer,Medan,\n`;
    const status = await finished(t.current, csv);
    expect(status.state).toBe('failed');
    expect(status.error).toMatch(/^The file is not valid CSV: /);
    expect(await t.current.server.db.query("SELECT 1 FROM customers WHERE external_id IN ('Q-1', 'Q-2')")).toHaveLength(0);
  });

  it('a row with the wrong number of fields is rejected with the counts; its neighbours are imported', async () => {
    const csv = [
      HEADER,
      'F-1,Baris Baik,081200000031,,regular,consumer,Medan,',
      'F-2,Kurang Kolom,081200000032,,regular,consumer',
      'F-3,Lebih Kolom,081200000033,,regular,consumer,Medan,,extra',
      'F-4,Baris Baik Dua,081200000034,,regular,consumer,Medan,',
    ].join('\n');
    const status = await finished(t.current, csv);
    expect(status).toMatchObject({ state: 'done', rowsRead: 4, rowsInserted: 2, rowsRejected: 2, error: null });
    const token = await t.current.login('admin1', 'admin1-pass');
    const report = parse((await t.current.api(`/admin/imports/${status.id}/rejects.csv`, { token })).text) as string[][];
    expect(report.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['3', 'F-2', 'Row has 6 fields; the header has 8'],
      ['4', 'F-3', 'Row has 9 fields; the header has 8'],
    ]);
  });
});
