import { expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { type ImportStatus } from '../../../src/shared/http.js';
import { forEachDatabase } from '../helpers/databases.js';
import { type TestServer, useTestServer } from '../helpers/server.js';

const HEADER = 'external_id,full_name,phones,emails,tier,segment,city,customer_since';

async function importCsv(t: TestServer, body: string, fileName = 'customers.csv'): Promise<ImportStatus> {
  const token = await t.login('admin1', 'admin1-pass');
  const start = await t.api(`/admin/imports/customers?fileName=${fileName}`, {
    method: 'POST', token, headers: { 'content-type': 'text/csv' }, body,
  });
  expect(start.status).toBe(202);
  expect(start.body).toMatchObject({ state: 'running', fileName });
  const id = (start.body as ImportStatus).id;
  for (let i = 0; i < 600; i++) {
    const status = (await t.api(`/admin/imports/${id}`, { token })).body as ImportStatus;
    if (status.state !== 'running') return status;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('import did not finish');
}

async function rejects(t: TestServer, id: string): Promise<string[][]> {
  const token = await t.login('admin1', 'admin1-pass');
  const res = await t.api(`/admin/imports/${id}/rejects.csv`, { token });
  expect(res.status).toBe(200);
  return parse(res.text) as string[][];
}

forEachDatabase('CSV import', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 } });

  it('imports good rows and reports each bad row with its reason', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const csv = [
      HEADER,
      'A-1,Siti Rahayu,0812 1111 2222;(021) 5551234,siti@example.com,gold,consumer,Bandung,2020-05-01',
      'A-2,,081233334444,,regular,consumer,Medan,',
      'A-3,Agus Salim,0812-abc,,silver,consumer,Medan,',
      'A-1,Siti Duplicate,081255556666,,gold,consumer,Bandung,',
      `A-4,Big Field,081277778888,,regular,"${big}",Medan,`,
      'A-5,<script>alert(1)</script>,081299990000,,platinum,vip,Jakarta,2019-01-31',
      'A-6,Bad Tier,081211112223,,diamond,consumer,Medan,',
      'A-7,Bad Date,081211112224,,regular,consumer,Medan,2021-02-30',
      'A-8,Bad Mail,081211112225,not-an-email,regular,consumer,Medan,',
      '"A-9","Wayan ""Made"" Sudarma","+62 361 234567","wayan@example.com","Regular","consumer","Denpasar","2018-07-07"',
    ].join('\n');
    const status = await importCsv(t.current, csv);
    expect(status).toMatchObject({ state: 'done', rowsRead: 10, rowsInserted: 3, rowsUpdated: 0, rowsRejected: 7, error: null });
    expect(status.bytesRead).toBeGreaterThan(10 * 1024 * 1024);
    const rows = await rejects(t.current, status.id);
    expect(rows[0]).toEqual(['line', 'external_id', 'reason', 'raw']);
    const byId = new Map(rows.slice(1).map((r) => [r[1], r]));
    expect(byId.get('A-2')?.[2]).toMatch(/full_name is missing/);
    expect(byId.get('A-2')?.[0]).toBe('3');
    expect(byId.get('A-3')?.[2]).toMatch(/Invalid phone number "0812-abc"/);
    expect(rows.find((r) => r[3]?.includes('Siti Duplicate'))?.[2]).toMatch(/Duplicate external_id; first seen on line 2/);
    expect(byId.get('A-4')?.[2]).toMatch(/segment is too long/);
    expect(byId.get('A-4')?.[3]?.length).toBeLessThanOrEqual(200);
    expect(byId.get('A-6')?.[2]).toMatch(/Unknown tier "diamond"/);
    expect(byId.get('A-7')?.[2]).toMatch(/Invalid customer_since date/);
    expect(byId.get('A-8')?.[2]).toMatch(/Invalid e-mail/);

    const token = await t.current.login('agent1', 'agent1-pass');
    const script = await t.current.api(`/customers/search?q=${encodeURIComponent('script')}`, { token });
    expect((script.body as { results: { fullName: string }[] }).results.map((r) => r.fullName)).toEqual(['<script>alert(1)</script>']);
    const siti = await t.current.api(`/customers/by-phone?phone=${encodeURIComponent('+62 21 5551234')}`, { token });
    expect((siti.body as { customers: { fullName: string; phones: unknown }[] }).customers[0]).toMatchObject({
      fullName: 'Siti Rahayu',
      phones: [{ e164: '+6281211112222', type: 'mobile' }, { e164: '+62215551234', type: 'home' }],
    });
    const wayan = await t.current.api('/customers/search?q=wayan', { token });
    expect((wayan.body as { results: { fullName: string }[] }).results[0]?.fullName).toBe('Wayan "Made" Sudarma');
  });

  it('re-importing updates by external_id instead of duplicating', async () => {
    const first = await importCsv(t.current, `${HEADER}\nR-1,Rina Kusuma,081300001111,,silver,consumer,Bogor,\n`);
    expect(first).toMatchObject({ rowsInserted: 1, rowsUpdated: 0 });
    const db = t.current.server.db;
    const [before] = await db.query<{ id: string; version: number; customer_no: string }>(
      "SELECT id, version, customer_no FROM customers WHERE external_id = 'R-1'");
    const second = await importCsv(t.current, `${HEADER}\nR-1,Rina Kusuma-Putri,081300001111,,gold,consumer,Bogor,\n`);
    expect(second).toMatchObject({ state: 'done', rowsInserted: 0, rowsUpdated: 1 });
    const after = await db.query<{ id: string; version: number; customer_no: string; full_name: string; tier: string }>(
      "SELECT id, version, customer_no, full_name, tier FROM customers WHERE external_id = 'R-1'");
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before?.id, customer_no: before?.customer_no, full_name: 'Rina Kusuma-Putri', tier: 'gold' });
    expect(after[0]?.version).toBeGreaterThan(before?.version ?? 0);
    const token = await t.current.login('agent1', 'agent1-pass');
    const old = await t.current.api('/customers/search?q=rina kusuma-putri', { token });
    expect((old.body as { results: unknown[] }).results).toHaveLength(1);
  });

  it('handles BOM, CRLF, quoted newlines and unicode names', async () => {
    const csv = `\uFEFF${HEADER}\r\nU-1,"Ni Luh Ayu\r\nDewi",081311112222,,regular,consumer,Denpasar,\r\nU-2,Ðặng Thị Hoa 李,081311113333,,regular,consumer,Batam,\r\n`;
    const status = await importCsv(t.current, csv);
    expect(status).toMatchObject({ state: 'done', rowsRead: 2, rowsInserted: 2, rowsRejected: 0 });
    const names = await t.current.server.db.query<{ full_name: string }>(
      "SELECT full_name FROM customers WHERE external_id IN ('U-1', 'U-2') ORDER BY external_id");
    expect(names.map((n) => n.full_name)).toEqual(['Ni Luh Ayu\r\nDewi', 'Ðặng Thị Hoa 李']);
  });

  it('fails clearly on a missing required column or an empty file', async () => {
    const missing = await importCsv(t.current, 'external_id,full_name,phones\nX-1,Someone,081200000000\n');
    expect(missing.state).toBe('failed');
    expect(missing.error).toMatch(/lacks the required column\(s\): emails, tier, segment, city, customer_since/);
    const empty = await importCsv(t.current, '');
    expect(empty.state).toBe('failed');
    expect(empty.error).toMatch(/empty/);
  });

  it('numbers lines of the rejects report in file order across batches', async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 1200; i++) {
      lines.push(i % 400 === 0 ? `B-${i},,081400000000,,regular,consumer,Medan,` : `B-${i},Nama ${i},0814${String(i).padStart(8, '0')},,regular,consumer,Medan,`);
    }
    const status = await importCsv(t.current, lines.join('\n'));
    expect(status).toMatchObject({ state: 'done', rowsRead: 1200, rowsInserted: 1197, rowsRejected: 3 });
    const report = await rejects(t.current, status.id);
    expect(report.slice(1).map((r) => [r[0], r[1]])).toEqual([['401', 'B-400'], ['801', 'B-800'], ['1201', 'B-1200']]);
  });

  it('rejects unknown imports and bad ids', async () => {
    const token = await t.current.login('admin1', 'admin1-pass');
    expect((await t.current.api('/admin/imports/00000000-0000-4000-8000-000000000999', { token })).status).toBe(404);
    expect((await t.current.api('/admin/imports/nope', { token })).status).toBe(400);
  });
});
