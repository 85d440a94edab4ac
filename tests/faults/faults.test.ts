// Fault injection: a TCP fault proxy (drop, delay, reset mid-response, black hole,
// duplicated delivery), kill -9 of a server during a push and of a desktop core with a
// pending outbox, a desktop clock off by ±10 minutes, and failover between two server
// instances on one PostgreSQL. After each fault stops, every desktop converges to the
// server within 30 s and every row a desktop made is on the server exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDI_ID, createSyncWorld, waitFor, type Desktop, type SyncWorld } from '../integration/sync/harness.js';
import { emptyMade, expectConverged, expectExactlyOnce, freePort, type Made } from './checks.js';
import { startFaultProxy, type FaultMode, type FaultProxy } from './fault-proxy.js';
import { spawnCore, spawnServer } from './processes.js';

let world: SyncWorld;
const proxies: FaultProxy[] = [];

beforeAll(async () => {
  world = await createSyncWorld(20);
  await world.startServerInstance();
});

afterAll(async () => {
  for (const p of proxies) await p.close();
  await world?.close();
});

async function proxyTo(url: string): Promise<FaultProxy> {
  const proxy = await startFaultProxy(Number(new URL(url).port));
  proxies.push(proxy);
  return proxy;
}

async function signIn(d: Desktop, user = 'agent1'): Promise<void> {
  await d.core.call('auth.login', { username: user, password: `${user}-pass` });
}

async function write(d: Desktop, made: Made, label: string): Promise<void> {
  const note = await d.core.call('notes.create', { customerId: BUDI_ID, body: `catatan ${label}` });
  made.notes.push(note.id);
  const cb = await d.core.call('callbacks.create', { customerId: BUDI_ID, dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: label });
  made.callbacks.push(cb.id);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fault proxy between a desktop and the server', () => {
  const modes: FaultMode[] = ['drop', 'delay', 'reset', 'blackhole', 'duplicate'];
  for (const mode of modes) {
    it(`${mode}: writes during the fault reach the server once, and the cache converges`, async () => {
      const server = world.servers[0]!;
      const proxy = await proxyTo(server.url);
      const d = await world.newDesktop([proxy.url], { syncIntervalSeconds: 1, syncTimeoutSeconds: 2 });
      await signIn(d);
      const made = emptyMade();
      proxy.set(mode, { delayMs: 300, resetAfterBytes: 12 });
      for (let i = 0; i < 4; i += 1) {
        await write(d, made, `${mode} ${i}`);
        await sleep(250);
      }
      expect((await d.core.call('notes.list', { customerId: BUDI_ID })).notes.map((n) => n.id)).toEqual(expect.arrayContaining(made.notes));
      await sleep(1_000);
      proxy.set('pass');
      await expectConverged(server, [d.dir]);
      await waitFor('outbox empty', async () => (await d.core.call('sync.status', {})).pending === 0);
      await expectExactlyOnce(server, made);
    });
  }
});

describe('kill -9', () => {
  it('of a server during a push: nothing lost, nothing twice after it restarts', async () => {
    const port = await freePort();
    const databaseUrl = world.database.databaseUrl ?? '';
    let proc = await spawnServer(databaseUrl, port);
    const d = await world.newDesktop([proc.url], { syncIntervalSeconds: 1, syncTimeoutSeconds: 3 });
    await signIn(d, 'agent2');
    const made = emptyMade();
    for (let i = 0; i < 150; i += 1) {
      const note = await d.core.call('notes.create', { customerId: BUDI_ID, body: `massal ${i}` });
      made.notes.push(note.id);
    }
    // Let the push start, then kill the server in the middle of it.
    await waitFor('push under way', async () => {
      const [row] = await world.servers[0]!.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM notes WHERE id = ANY($1::uuid[])', [made.notes]);
      return (row?.n ?? 0) > 0;
    }, 10_000, 5);
    await proc.kill();
    const [partial] = await world.servers[0]!.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM notes WHERE id = ANY($1::uuid[])', [made.notes]);
    expect(partial?.n ?? 0).toBeLessThan(made.notes.length + 1);
    proc = await spawnServer(databaseUrl, port);
    try {
      await expectConverged(world.servers[0]!, [d.dir]);
      await expectExactlyOnce(world.servers[0]!, made);
    } finally {
      await proc.kill();
    }
  });

  it('of a desktop core with a pending outbox: the restarted core pushes it once', async () => {
    const server = world.servers[0]!;
    const proxy = await proxyTo(server.url);
    const dir = await mkdtemp(join(tmpdir(), 'sapa-kill-core-'));
    try {
      let core = await spawnCore(dir, [proxy.url]);
      await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
      await waitFor('first sync', async () => (await core.call<{ state: string; cursor: number }>('sync.status')).cursor > 0);
      proxy.set('drop');
      const made = emptyMade();
      for (let i = 0; i < 10; i += 1) {
        made.notes.push((await core.call<{ id: string }>('notes.create', { customerId: BUDI_ID, body: `sebelum crash ${i}` })).id);
      }
      expect((await core.call<{ pending: number }>('sync.status')).pending).toBe(10);
      await core.kill();
      proxy.set('pass');
      core = await spawnCore(dir, [proxy.url]);
      try {
        // The session survived the crash too: syncing resumes without a new sign-in.
        await waitFor('outbox drained', async () =>
          (await core.call<{ outbox: unknown[] }>('sync.diagnostics')).outbox.length === 0);
        await expectExactlyOnce(server, made);
        const { notes } = await core.call<{ notes: { id: string; version: number }[] }>('notes.list', { customerId: BUDI_ID });
        for (const id of made.notes) expect(notes.find((n) => n.id === id)?.version).toBeGreaterThan(0);
      } finally {
        await core.kill();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('clock skew', () => {
  it('desktops 10 minutes ahead and behind stay signed in, push once and converge', async () => {
    const server = world.servers[0]!;
    const ahead = await world.newDesktop([server.url], { clock: () => Date.now() + 600_000 });
    const behind = await world.newDesktop([server.url], { clock: () => Date.now() - 600_000 });
    await signIn(ahead, 'agent1');
    await signIn(behind, 'agent2');
    const made = emptyMade();
    await write(ahead, made, 'ahead');
    await write(behind, made, 'behind');
    await expectConverged(server, [ahead.dir, behind.dir]);
    await expectExactlyOnce(server, made);
    expect((await ahead.core.call('auth.session', {})).user?.username).toBe('agent1');
    expect((await behind.core.call('auth.session', {})).user?.username).toBe('agent2');
  });
});

describe('failover between two server instances on one PostgreSQL', () => {
  it('switches to the secondary when the primary is cut, back when it returns; pokes cross instances', async () => {
    const primary = world.servers[0]!;
    const secondary = await world.startServerInstance();
    const toPrimary = await proxyTo(primary.url);
    const toSecondary = await proxyTo(secondary.url);
    const d = await world.newDesktop([toPrimary.url, toSecondary.url], {
      syncIntervalSeconds: 1, syncTimeoutSeconds: 2, retryPrimarySeconds: 1,
    });
    // An observer on the secondary only: it sees d's writes through LISTEN/NOTIFY pokes.
    const observer = await world.newDesktop([secondary.url], { syncIntervalSeconds: 3600 });
    await signIn(d, 'agent1');
    await signIn(observer, 'agent2');
    await waitFor('observer live', async () => (await observer.core.call('sync.status', {})).live);
    const made = emptyMade();
    await write(d, made, 'primary');
    await waitFor('observer sees the note (cross-instance poke)', async () =>
      (await observer.core.call('notes.list', { customerId: BUDI_ID })).notes.some((n) => n.id === made.notes[0] && n.version > 0), 5_000, 20);

    toPrimary.set('drop');
    await write(d, made, 'while primary down');
    await waitFor('on the secondary', async () => (await d.core.call('sync.status', {})).serverUrl === toSecondary.url);
    await waitFor('pushed', async () => (await d.core.call('sync.status', {})).pending === 0);

    toPrimary.set('pass');
    await waitFor('back on the primary', async () => {
      await d.core.call('sync.now', {});
      return (await d.core.call('sync.status', {})).serverUrl === toPrimary.url;
    }, 15_000, 500);
    await write(d, made, 'primary again');
    await expectConverged(primary, [d.dir, observer.dir]);
    await expectExactlyOnce(primary, made);
  });
});
