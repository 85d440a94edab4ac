// Logs and limits (docs/security.md, "Logs and limits"): the server's log lines carry no
// phone number, name or search term; PostgreSQL's value-quoting error details are not
// logged; the import rejects report is safe to open in a spreadsheet; each request class
// has its own bounded pool and statement timeout, so a full class waits or fails alone.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LIVE_PATH } from '../../../src/server/live/live-hub.js';
import { type Db } from '../../../src/server/db/db.js';
import { migrate } from '../../../src/server/db/migrate.js';
import { createPgDb } from '../../../src/server/db/pg-db.js';
import { inRequestClass } from '../../../src/server/db/request-class.js';
import { errorForLog } from '../../../src/server/http/log-redaction.js';
import { SapaError } from '../../../src/shared/errors.js';
import { type ImportStatus } from '../../../src/shared/http.js';
import { type TestDatabase, createTestDatabase, forEachDatabase } from '../helpers/databases.js';
import { type TestServer, startTestServer } from '../helpers/server.js';

const HEADER = 'external_id,full_name,phones,emails,tier,segment,city,customer_since';

forEachDatabase('logs and limits', (engine) => {
  const lines: string[] = [];
  let t: TestServer & { database: TestDatabase };
  beforeAll(async () => {
    t = await startTestServer(engine, {
      seedDemo: { customers: 3, interactionsMean: 0 },
      config: { logLevel: 'info' },
      logStream: { write: (line) => void lines.push(line) },
    });
  });
  afterAll(async () => {
    await t.server.close();
    await t.database.drop();
  });

  it('logs requests without the phone number, the name or the search term they carried', async () => {
    const [customer] = await t.server.db.query<{ full_name: string; phone: string }>(
      'SELECT c.full_name, p.e164 AS phone FROM customers c JOIN customer_phones p ON p.customer_id = c.id ORDER BY c.id LIMIT 1');
    if (!customer) throw new Error('the demo seed made no customer with a phone');
    const token = await t.login('agent1', 'agent1-pass');
    const local = `0${customer.phone.slice(3)}`; // +62812… → 0812…
    const surname = customer.full_name.split(' ').at(-1) ?? customer.full_name;
    expect((await t.api(`/customers/by-phone?phone=${encodeURIComponent(local)}`, { token })).status).toBe(200);
    expect((await t.api(`/customers/search?q=${encodeURIComponent(surname)}`, { token })).status).toBe(200);
    const log = lines.join('');
    // The requests were logged, with their query keys…
    expect(log).toContain('/customers/by-phone?phone=[redacted]');
    expect(log).toContain('/customers/search?q=[redacted]');
    // …and nothing of what they carried.
    expect(log).not.toContain(local);
    expect(log).not.toContain(customer.phone.slice(3));
    expect(log).not.toContain(surname);
  });

  it('a JSON body over 1 MB (the default cap; the push and the import set their own) is refused as too large', async () => {
    const res = await t.api('/auth/login', {
      method: 'POST', body: JSON.stringify({ username: 'agent1', password: 'x'.repeat(1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'TOO_LARGE' });
    const pushCap = 8 * 1024 * 1024;
    const token = await t.login('agent1', 'agent1-pass');
    const push = await t.api('/sync/push', { method: 'POST', token, body: JSON.stringify({ mutations: [], pad: 'x'.repeat(pushCap) }) });
    expect(push.status).toBe(413);
  });

  it('a live-socket message over its cap closes the socket (1009), the server goes on', async () => {
    const socket = new WebSocket(`${t.server.url.replace('http', 'ws')}${LIVE_PATH}`);
    await new Promise((ok, fail) => { socket.once('open', ok); socket.once('error', fail); });
    const closed = new Promise<number>((ok) => socket.once('close', (code) => ok(code)));
    socket.send('x'.repeat(64 * 1024));
    expect(await closed).toBe(1009);
    expect((await t.api('/health')).status).toBe(200);
  });

  it('an import rejects report cannot run as a spreadsheet formula', async () => {
    const admin = await t.login('admin1', 'admin1-pass');
    // The classic DDE payload: a spreadsheet would offer to run a program.
    const evil = "=cmd|' /C calc'!A0";
    const csv = `${HEADER}\n${evil},Nama Jahat,081200000077,,diamond,consumer,Medan,\n`;
    const start = await t.api('/admin/imports/customers?fileName=evil.csv', {
      method: 'POST', token: admin, headers: { 'content-type': 'text/csv' }, body: csv,
    });
    expect(start.status).toBe(202);
    const id = (start.body as ImportStatus).id;
    let status = start.body as ImportStatus;
    for (let i = 0; i < 600 && status.state === 'running'; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      status = (await t.api(`/admin/imports/${id}`, { token: admin })).body as ImportStatus;
    }
    expect(status).toMatchObject({ state: 'done', rowsRejected: 1 });
    const report = parse((await t.api(`/admin/imports/${id}/rejects.csv`, { token: admin })).text) as string[][];
    const [, row] = report;
    // The cells read as text: the quote makes Excel and LibreOffice show, not run, them.
    expect(row?.[1]).toBe(`'${evil}`);
    expect(row?.[3]).toBe(`'${evil},Nama Jahat,081200000077,,diamond,consumer,Medan,`);
  });
});

describe('request classes on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    db = createPgDb(database.databaseUrl ?? '', {
      pools: { interactive: { statementTimeoutMs: 300 }, bulk: { max: 1, connectionWaitMs: 300 } },
    });
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('cancels an interactive statement past its timeout; system work has none', async () => {
    const slow = inRequestClass('interactive', () => db.query('SELECT pg_sleep(3)'));
    await expect(slow).rejects.toMatchObject({ code: '57014' });
    await expect(inRequestClass('system', () => db.query<{ ok: number }>('SELECT 1 AS ok FROM pg_sleep(0.5)')))
      .resolves.toEqual([{ ok: 1 }]);
  });

  it('a full bulk pool makes the next bulk query fail as busy while interactive work goes on', async () => {
    const holding = inRequestClass('bulk', () => db.query('SELECT pg_sleep(1.5)'));
    const waiting = inRequestClass('bulk', () => db.query('SELECT 1'));
    await expect(waiting).rejects.toThrow(SapaError);
    await expect(waiting).rejects.toMatchObject({ code: 'OFFLINE', message: expect.stringMatching(/busy/) });
    await expect(inRequestClass('interactive', () => db.query<{ ok: number }>('SELECT 1 AS ok'))).resolves.toEqual([{ ok: 1 }]);
    await holding;
  });

  it('each class connects under its own name, so an operator sees them apart in pg_stat_activity', async () => {
    await inRequestClass('sync', () => db.query('SELECT 1'));
    const names = await db.query<{ application_name: string }>(
      'SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database() ORDER BY 1');
    expect(names.map((n) => n.application_name)).toEqual(expect.arrayContaining(['sapa-sync', 'sapa-system']));
  });

  it('logs a database error without the values PostgreSQL quotes in its detail', async () => {
    await db.query('CREATE TABLE t_phone (phone text UNIQUE)');
    await db.query("INSERT INTO t_phone VALUES ('+6281299990000')");
    const error = await db.query("INSERT INTO t_phone VALUES ('+6281299990000')").catch((e: unknown) => e);
    expect(String((error as { detail?: string }).detail)).toContain('+6281299990000');
    expect(JSON.stringify(errorForLog(error))).not.toContain('6281299990000');
    expect(errorForLog(error)).toMatchObject({ code: '23505', detail: '[redacted]' });
  });
});
