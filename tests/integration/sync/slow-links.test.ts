// Pulls over slow branch links (docs/decisions/0028-slow-links.md), on PostgreSQL:
//   - the pull answers compressed as the client's Accept-Encoding allows (identity, gzip, br,
//     q-values), small answers stay plain;
//   - wire 1 (rows, what older desktops ask) and wire 2 (columns) carry the same rows, and a
//     desktop of either kind converges;
//   - a line cut mid-transfer resumes from the last applied batch: nothing applied is asked again;
//   - a first sync brings the agent's own call-backs before the history.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../../src/server/app.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { PullResponse } from '../../../src/shared/sync.js';
import { PullAnswer } from '../../../src/shared/sync-wire.js';
import { startFaultProxy } from '../../faults/fault-proxy.js';
import { openTestCache } from '../../support/desktop-key.js';
import { BUDI_ID, cacheHash, createSyncWorld, serverHash, type SyncWorld, waitFor } from './harness.js';

const AGENT1 = '00000000-0000-4000-8000-00000000a001';

let world: SyncWorld;
let server: RunningServer;
let token: string;

interface Raw { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** A GET whose answer bytes are not decoded (fetch would decode them). */
function rawGet(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${server.url}${API_PREFIX}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

function decode(raw: Raw): unknown {
  const encoding = raw.headers['content-encoding'];
  const bytes = encoding === 'br' ? zlib.brotliDecompressSync(raw.body)
    : encoding === 'gzip' ? zlib.gunzipSync(raw.body) : raw.body;
  return JSON.parse(bytes.toString('utf8'));
}

async function head(): Promise<number> {
  const [row] = await server.db.query<{ v: number }>(
    `SELECT GREATEST(${['users', 'customers', 'interactions', 'cases', 'orders', 'receivables', 'contracts', 'notes', 'callbacks',
      'reply_paragraphs', 'tombstones'].map((t) => `(SELECT max(version) FROM ${t})`).join(', ')})::bigint AS v`);
  return Number(row!.v);
}

function cacheCursor(dir: string): number {
  const db = openTestCache(dir, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT cursor FROM sync_state WHERE id = 1').get() as { cursor: number }).cursor;
  } finally {
    db.close();
  }
}

const PULL = /^GET \/api\/v1\/sync\/pull\?/;
const cursorOf = (line: string): number => Number(new URL(line.split(' ')[1]!, 'http://x').searchParams.get('cursor'));

beforeAll(async () => {
  world = await createSyncWorld(30);
  server = await world.startServerInstance();
  const res = await fetch(`${server.url}${API_PREFIX}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agent1', password: 'agent1-pass' }),
  });
  token = ((await res.json()) as { token: string }).token;
}, 120_000);

afterAll(async () => {
  await world?.close();
});

describe('compression negotiation', () => {
  const full = '/sync/pull?cursor=0&limit=5000';
  let plain: unknown;

  beforeAll(async () => {
    const raw = await rawGet(full, { 'accept-encoding': 'identity' });
    expect(raw.status).toBe(200);
    plain = JSON.parse(raw.body.toString('utf8'));
  });

  it.each([
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['gzip, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['deflate, compress', undefined],
    ['BR;Q=1.0', 'br'],
  ])('Accept-Encoding %j answers %s', async (accept, expected) => {
    const raw = await rawGet(full, accept ? { 'accept-encoding': accept } : {});
    expect(raw.status).toBe(200);
    expect(raw.headers['content-encoding']).toBe(expected);
    expect(raw.headers.vary).toMatch(/accept-encoding/i);
    expect(decode(raw)).toEqual(plain);
    if (expected) expect(raw.body.length).toBeLessThan(Buffer.byteLength(JSON.stringify(plain)) / 3);
  });

  it('a small answer (nothing new at the head) stays plain even when br is accepted', async () => {
    const raw = await rawGet(`/sync/pull?cursor=${await head()}&limit=5000`, { 'accept-encoding': 'br, gzip' });
    expect(raw.status).toBe(200);
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.body.length).toBeLessThan(1_400);
    expect(PullResponse.parse(JSON.parse(raw.body.toString('utf8'))).more).toBe(false);
  });

  it('an error answer is not compressed into something the desktop cannot read', async () => {
    const raw = await rawGet('/sync/pull?cursor=abc', { 'accept-encoding': 'br' });
    expect(raw.status).toBe(400);
    expect((decode(raw) as { code: string }).code).toBe('INVALID_INPUT');
  });
});

describe('wire formats', () => {
  it('an old desktop (no wire parameter) is answered rows; wire=columns carries the same rows as columns', async () => {
    const rows = decode(await rawGet('/sync/pull?cursor=0&limit=5000', { 'accept-encoding': 'gzip' })) as Record<string, unknown>;
    const columns = decode(await rawGet('/sync/pull?cursor=0&limit=5000&wire=columns', { 'accept-encoding': 'gzip' })) as Record<string, unknown>;
    expect(rows.changes).toBeDefined();
    expect(rows.format).toBeUndefined();
    expect(columns.changes).toBeUndefined();
    expect(columns.format).toBe('columns');
    const block = (columns.columns as Record<string, { names: string[]; values: unknown[][] }>).customers!;
    expect(block.names).toContain('fullName');
    expect(block.values[block.names.indexOf('id')]).toContain(BUDI_ID);
    // Old desktops parse rows with the plain schema; new ones either answer with PullAnswer.
    const asRows = PullResponse.parse(rows);
    expect(asRows.changes.customers.length).toBeGreaterThan(0);
    expect(PullAnswer.parse(columns)).toEqual(asRows);
    // A new desktop against an older server (rows, no `format`): passed through unchanged.
    expect(PullAnswer.parse(rows)).toEqual(asRows);
    // wire=rows asks rows explicitly; an unknown wire is refused.
    expect((decode(await rawGet('/sync/pull?cursor=0&limit=5000&wire=rows', {})) as Record<string, unknown>).format).toBeUndefined();
    expect((await rawGet('/sync/pull?cursor=0&wire=xml', {})).status).toBe(400);
  });

  it.each(['rows', 'columns'] as const)('a desktop reading %s converges with the server', async (wire) => {
    const desktop = await world.newDesktop([server.url], { pullLimit: 40, syncIntervalSeconds: 3600, pullWire: wire });
    await desktop.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    const expected = await serverHash(server);
    await waitFor(`the ${wire} desktop to converge`, async () => {
      const s = await desktop.core.call('sync.status', {});
      if (s.state === 'error') throw new Error(s.lastError ?? 'sync error');
      return s.state === 'idle' && cacheHash(desktop.dir) === expected;
    }, 60_000);
  }, 90_000);
});

describe('a cut line', () => {
  it('resumes from the last applied batch and asks nothing applied again', async () => {
    // The whole first sync through a clean line, for its size.
    const ref = await startFaultProxy(Number(new URL(server.url).port));
    const reference = await world.newDesktop([ref.url], { pullLimit: 25, syncIntervalSeconds: 3600, acceptEncoding: 'identity' });
    await reference.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    const expected = await serverHash(server);
    await waitFor('the reference desktop to converge', async () =>
      (await reference.core.call('sync.status', {})).state === 'idle' && cacheHash(reference.dir) === expected, 60_000);
    const fullBytes = ref.stats().bytesDown;
    const fullPulls = ref.stats().requests.filter((r) => PULL.test(r)).length;
    expect(fullPulls).toBeGreaterThan(10);
    await ref.close();

    // The same sync, cut after half of those bytes.
    const proxy = await startFaultProxy(Number(new URL(server.url).port));
    const desktop = await world.newDesktop([proxy.url], {
      pullLimit: 25, syncIntervalSeconds: 3600, acceptEncoding: 'identity', syncTimeoutSeconds: 5,
    });
    proxy.set('pass', { cutAfterBytes: Math.round(fullBytes / 2) });
    await desktop.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    await waitFor('the cut to stop the sync', async () => {
      const s = await desktop.core.call('sync.status', {});
      return proxy.stats().cut > 0 && (s.state === 'offline' || s.state === 'error') ? s : undefined;
    }, 60_000);
    const applied = cacheCursor(desktop.dir);
    const h = await head();
    // Cut mid-way: part of the history is in, part is not.
    expect(applied).toBeGreaterThan(0);
    expect(applied).toBeLessThan(h);
    const before = proxy.stats();

    proxy.set('pass');
    await desktop.core.call('sync.now', {});
    await waitFor('the cut desktop to converge', async () =>
      (await desktop.core.call('sync.status', {})).state === 'idle' && cacheHash(desktop.dir) === expected, 60_000);
    const after = proxy.stats();
    const resumed = after.requests.slice(before.requests.length).filter((r) => PULL.test(r)).map(cursorOf);
    expect(resumed.length).toBeGreaterThan(0);
    // The first pull after the cut asks from the stored cursor, and none asks below it.
    expect(resumed[0]).toBe(applied);
    expect(Math.min(...resumed)).toBeGreaterThanOrEqual(applied);
    // What came down after the resume is the rest, not the whole history again.
    const bytesAfter = after.bytesDown - before.bytesDown;
    expect(bytesAfter).toBeLessThan(fullBytes * 0.8);
    expect(before.bytesDown + bytesAfter).toBeLessThan(fullBytes * 1.5);
    await proxy.close();
  }, 150_000);
});

describe('first sync', () => {
  it("brings the agent's own call-backs due today before the history", async () => {
    const [customer] = await server.db.query<{ id: string }>(
      'SELECT id FROM customers WHERE id <> $1 ORDER BY customer_no DESC LIMIT 1', [BUDI_ID]);
    const callbackId = randomUUID();
    const others = randomUUID();
    await server.db.query(
      `INSERT INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, status, created_by, created_at)
       VALUES ($1, $2, '+6281234567890', now() + interval '1 hour', 'telepon balik hari ini', $3, 'open', $3, now()),
              ($4, $2, NULL, now() + interval '1 hour', 'bukan punya agent1', NULL, 'open', NULL, now())`,
      [callbackId, customer!.id, AGENT1, others]);

    const proxy = await startFaultProxy(Number(new URL(server.url).port));
    // The history (every pull) is held on the line; everything else goes through.
    proxy.set('pass', { hold: /^GET \/api\/v1\/sync\/pull/ });
    const desktop = await world.newDesktop([proxy.url], { pullLimit: 25, syncIntervalSeconds: 3600, syncTimeoutSeconds: 30 });
    await desktop.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    const cached = await waitFor('the call-back in the cache', () => {
      const db = openTestCache(desktop.dir, { readonly: true, fileMustExist: true });
      try {
        const cb = db.prepare('SELECT id, note FROM callbacks WHERE id = ?').get(callbackId) as { note: string } | undefined;
        if (!cb) return undefined;
        return {
          cb,
          customer: db.prepare('SELECT full_name FROM customers WHERE id = ?').get(customer!.id) as { full_name: string } | undefined,
          customers: (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n,
          othersCallback: db.prepare('SELECT id FROM callbacks WHERE id = ?').get(others),
        };
      } finally {
        db.close();
      }
    }, 30_000);
    // Before the history: the cursor has not moved, the first history pull is held on the line.
    expect(cacheCursor(desktop.dir)).toBe(0);
    expect(proxy.stats().held).toBeGreaterThan(0);
    expect(cached.cb.note).toBe('telepon balik hari ini');
    expect(cached.customer?.full_name).toBeTruthy();
    expect(cached.othersCallback).toBeUndefined();
    const [{ n: total } = { n: 0 }] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    expect(cached.customers).toBeLessThan(total);
    // The desktop answers from the cache already: the call-back's customer opens.
    const view = await desktop.core.call('customers.get360', { customerId: customer!.id });
    expect(view.customer.id).toBe(customer!.id);

    // The line frees: the history follows and the cache converges.
    proxy.set('pass');
    await desktop.core.call('sync.now', {});
    const expected = await serverHash(server);
    await waitFor('the history after the priority rows', async () =>
      (await desktop.core.call('sync.status', {})).state === 'idle' && cacheHash(desktop.dir) === expected, 60_000);
    await proxy.close();
    await server.db.query('DELETE FROM callbacks WHERE id = ANY($1::uuid[])', [[callbackId, others]]);
  }, 120_000);
});
