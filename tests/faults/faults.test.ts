// Fault injection: a TCP fault proxy (drop, delay, reset mid-response, black hole,
// duplicated delivery), kill -9 of a server during a push and of a desktop core with a
// pending outbox, a desktop clock off by ±10 minutes, and failover between two server
// instances on one PostgreSQL — each with desktops replicating by working set (the
// default) and with full replication. Each test first shows its fault was met (the proxy's
// counts, the desktop's outbox and sync state, the server's rows at the moment of the fault); after the
// fault stops, every desktop converges to the server within 30 s and every row a desktop
// made is on the server exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoreOptions } from '../../src/main/core/context.js';
import { type RunningServer } from '../../src/server/app.js';
import { BUDI_ID, createSyncWorld, waitFor, type Desktop, type SyncWorld } from '../integration/sync/harness.js';
import {
  emptyMade, expectConverged, expectExactlyOnce, freePort, madeIds, outboxPushed, uniqueText, type Made, type MadeRow,
} from './checks.js';
import { startFaultProxy, type FaultMode, type FaultProxy } from './fault-proxy.js';
import { spawnCore, spawnServer, type CoreProcess } from './processes.js';
import { SYNC_MODES, modeEnv, modeOptions, type Replica, type SyncMode } from './sync-modes.js';

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

interface Agent { d: Desktop; replica: Replica; clientId: string }

/** Signs in and opens Budi's card (which, with a working set, joins him to it). */
async function signIn(mode: SyncMode, d: Desktop, user = 'agent1'): Promise<Agent> {
  const { id } = await d.core.call('auth.login', { username: user, password: `${user}-pass` });
  await d.core.call('customers.get360', { customerId: BUDI_ID });
  const { clientId } = await d.core.call('sync.diagnostics', {});
  return { d, clientId, replica: { dir: d.dir, userId: id, mode } };
}

async function write(a: Agent, made: Made, label: string): Promise<void> {
  const body = uniqueText(`catatan ${label}`);
  const note = await a.d.core.call('notes.create', { customerId: BUDI_ID, body });
  made.notes.push({ id: note.id, text: body, clientId: a.clientId });
  const text = uniqueText(label);
  const cb = await a.d.core.call('callbacks.create', { customerId: BUDI_ID, dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: text });
  made.callbacks.push({ id: cb.id, text, clientId: a.clientId });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function onServer(server: RunningServer, notes: readonly MadeRow[]): Promise<number> {
  const [row] = await server.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM notes WHERE id = ANY($1::uuid[])', [madeIds(notes)]);
  return row?.n ?? 0;
}

/** The desktop tried to push a write made during the fault, and that push failed. */
async function pushOfWritesFailed(a: Agent): Promise<boolean> {
  const { outbox } = await a.d.core.call('sync.diagnostics', {});
  return outbox.some((e) => (e.name === 'note.create' || e.name === 'callback.create') && e.attempts > 0);
}

describe.each(SYNC_MODES)('desktops replicating by %s', (mode) => {
  const newDesktop = (urls: string[], extra: Partial<CoreOptions> = {}) => world.newDesktop(urls, { ...modeOptions(mode), ...extra });

  describe('fault proxy between a desktop and the server', () => {
    // What shows that each fault was met, before it stops: the proxy's own counts, the
    // desktop's sync log, and whether the writes could reach the server through it.
    const met: Record<Exclude<FaultMode, 'pass'>, (proxy: FaultProxy, a: Agent, made: Made) => Promise<void>> = {
      async drop(proxy, a, made) {
        await waitFor('desktop failed to push through the refusal', () => pushOfWritesFailed(a), 10_000);
        expect(proxy.stats().refused).toBeGreaterThan(0);
        expect(await onServer(world.servers[0]!, made.notes)).toBe(0);
      },
      async delay(proxy, _a, made) {
        await waitFor('writes through the delay', async () => await onServer(world.servers[0]!, made.notes) === made.notes.length, 15_000);
        expect(proxy.stats().delayed).toBeGreaterThan(0);
      },
      async reset(proxy, a, made) {
        // The server did the work; only its answers were lost.
        await waitFor('writes applied behind the cut answers', async () => await onServer(world.servers[0]!, made.notes) === made.notes.length, 15_000);
        await waitFor('desktop saw its answers cut', () => pushOfWritesFailed(a), 10_000);
        expect(proxy.stats().cut).toBeGreaterThan(0);
      },
      async blackhole(proxy, a, made) {
        await waitFor('desktop timed out pushing', () => pushOfWritesFailed(a), 10_000);
        expect(proxy.stats().swallowed).toBeGreaterThan(0);
        expect(await onServer(world.servers[0]!, made.notes)).toBe(0);
      },
      async duplicate(proxy) {
        await waitFor('a replayed push answered as a duplicate', () => proxy.stats().duplicateAnswers > 0, 15_000);
        expect(proxy.stats().replayed).toBeGreaterThan(0);
      },
    };
    for (const fault of Object.keys(met) as (keyof typeof met)[]) {
      it(`${fault}: the fault is met, writes during it reach the server once, and the cache converges`, async () => {
        const server = world.servers[0]!;
        const proxy = await proxyTo(server.url);
        const a = await signIn(mode, await newDesktop([proxy.url], { syncIntervalSeconds: 1, syncTimeoutSeconds: 2 }));
        const made = emptyMade();
        proxy.set(fault, { delayMs: 300, resetAfterBytes: 12 });
        for (let i = 0; i < 4; i += 1) {
          await write(a, made, `${fault} ${i}`);
          await sleep(250);
        }
        expect((await a.d.core.call('notes.list', { customerId: BUDI_ID })).notes.map((n) => n.id)).toEqual(expect.arrayContaining(madeIds(made.notes)));
        await met[fault](proxy, a, made);
        proxy.set('pass');
        await expectConverged(server, [a.replica]);
        await waitFor('outbox pushed', () => outboxPushed((m, i) => a.d.core.call(m, i)));
        // A reset lost the answers of pushes the server had applied: the retry is told so.
        if (fault === 'reset') expect(proxy.stats().duplicateAnswers).toBeGreaterThan(0);
        await expectExactlyOnce(server, made);
      });
    }
  });

  describe('kill -9', () => {
    it('of a server during a push: some rows in when it died, the desktop saw it, all once from its replacement', async () => {
      const databaseUrl = world.database.databaseUrl ?? '';
      const observer = world.servers[0]!;
      const doomed = await spawnServer(databaseUrl, await freePort());
      // Its replacement starts while the desktop works (a start costs seconds); the desktop
      // reaches either through one proxy, so to it the same server comes back.
      const starting = spawnServer(databaseUrl, await freePort());
      starting.catch(() => undefined);
      try {
        const proxy = await proxyTo(doomed.url);
        const a = await signIn(mode, await newDesktop([proxy.url], { syncIntervalSeconds: 1, syncTimeoutSeconds: 3 }), 'agent2');
        // Written while cut off, so the outbox holds several push batches when the line returns.
        proxy.set('drop');
        const made = emptyMade();
        for (let i = 0; i < 250; i += 1) {
          const body = uniqueText(`massal ${i}`);
          made.notes.push({ id: (await a.d.core.call('notes.create', { customerId: BUDI_ID, body })).id, text: body, clientId: a.clientId });
        }
        // Slowed, so that the kill lands after the first batch committed and before the last.
        proxy.set('delay', { delayMs: 100 });
        void a.d.core.call('sync.now', {}).catch(() => undefined);
        await waitFor('first batch committed', async () => await onServer(observer, made.notes) > 0, 20_000, 5);
        await doomed.kill();
        const partial = await onServer(observer, made.notes);
        expect(partial).toBeGreaterThan(0);
        expect(partial).toBeLessThan(made.notes.length);
        await waitFor('desktop saw the server go', async () => {
          const { state, pending } = await a.d.core.call('sync.status', {});
          return state === 'offline' && pending > 0;
        }, 15_000, 20);
        proxy.retarget(Number(new URL((await starting).url).port));
        proxy.set('pass');
        // Back now, not when its back-off (up to 8 s) would try again.
        void a.d.core.call('sync.now', {}).catch(() => undefined);
        await expectConverged(observer, [a.replica]);
        await expectExactlyOnce(observer, made);
      } finally {
        await doomed.kill();
        await (await starting.catch(() => null))?.kill();
      }
    });

    it('of a desktop core with a pending outbox: the restarted core pushes it once', async () => {
      const server = world.servers[0]!;
      const proxy = await proxyTo(server.url);
      const dir = await mkdtemp(join(tmpdir(), 'sapa-kill-core-'));
      const start = (): Promise<CoreProcess> => spawnCore(dir, [proxy.url], modeEnv(mode));
      try {
        let core = await start();
        await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
        await waitFor('first sync', async () => (await core.call<{ state: string; cursor: number }>('sync.status')).cursor > 0);
        await core.call('customers.get360', { customerId: BUDI_ID });
        const { clientId } = await core.call<{ clientId: string }>('sync.diagnostics');
        await waitFor('join pushed', () => outboxPushed((m) => core.call(m)));
        proxy.set('drop');
        const made = emptyMade();
        for (let i = 0; i < 10; i += 1) {
          const body = uniqueText(`sebelum crash ${i}`);
          made.notes.push({ id: (await core.call<{ id: string }>('notes.create', { customerId: BUDI_ID, body })).id, text: body, clientId });
        }
        const { outbox } = await core.call<{ outbox: { name: string; state: string }[] }>('sync.diagnostics');
        expect(outbox.filter((e) => e.state === 'pending').map((e) => e.name)).toEqual(Array(10).fill('note.create'));
        await core.kill();
        expect(await onServer(server, made.notes)).toBe(0);
        proxy.set('pass');
        core = await start();
        try {
          // The session survived the crash too: syncing resumes without a new sign-in.
          await waitFor('outbox drained', async () =>
            (await core.call<{ outbox: unknown[] }>('sync.diagnostics')).outbox.length === 0);
          await expectExactlyOnce(server, made);
          const { notes } = await core.call<{ notes: { id: string; version: number }[] }>('notes.list', { customerId: BUDI_ID });
          for (const { id } of made.notes) expect(notes.find((n) => n.id === id)?.version).toBeGreaterThan(0);
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
      const ahead = await signIn(mode, await newDesktop([server.url], { clock: () => Date.now() + 600_000 }), 'agent1');
      const behind = await signIn(mode, await newDesktop([server.url], { clock: () => Date.now() - 600_000 }), 'agent2');
      const made = emptyMade();
      await write(ahead, made, 'ahead');
      await write(behind, made, 'behind');
      await expectConverged(server, [ahead.replica, behind.replica]);
      await expectExactlyOnce(server, made);
      expect((await ahead.d.core.call('auth.session', {})).user?.username).toBe('agent1');
      expect((await behind.d.core.call('auth.session', {})).user?.username).toBe('agent2');
    });
  });

  describe('failover between two server instances on one PostgreSQL', () => {
    it('switches to the secondary when the primary is cut, back when it returns; pokes cross instances', async () => {
      const primary = world.servers[0]!;
      const secondary = await world.startServerInstance();
      const toPrimary = await proxyTo(primary.url);
      const toSecondary = await proxyTo(secondary.url);
      const a = await signIn(mode, await newDesktop([toPrimary.url, toSecondary.url], {
        syncIntervalSeconds: 1, syncTimeoutSeconds: 2, retryPrimarySeconds: 1,
      }), 'agent1');
      // An observer on the secondary only: it sees a's writes through LISTEN/NOTIFY pokes.
      const observer = await signIn(mode, await newDesktop([secondary.url], { syncIntervalSeconds: 3600 }), 'agent2');
      await waitFor('observer live', async () => (await observer.d.core.call('sync.status', {})).live);
      const made = emptyMade();
      await write(a, made, 'primary');
      await waitFor('observer sees the note (cross-instance poke)', async () =>
        (await observer.d.core.call('notes.list', { customerId: BUDI_ID })).notes.some((n) => n.id === made.notes[0]!.id && n.version > 0), 5_000, 20);

      toPrimary.set('drop');
      await write(a, made, 'while primary down');
      await waitFor('on the secondary', async () => (await a.d.core.call('sync.status', {})).serverUrl === toSecondary.url);
      await waitFor('pushed', async () => (await a.d.core.call('sync.status', {})).pending === 0);
      expect(toPrimary.stats().refused).toBeGreaterThan(0);

      toPrimary.set('pass');
      await waitFor('back on the primary', async () => {
        await a.d.core.call('sync.now', {});
        return (await a.d.core.call('sync.status', {})).serverUrl === toPrimary.url;
      }, 15_000, 500);
      await write(a, made, 'primary again');
      await expectConverged(primary, [a.replica, observer.replica]);
      await expectExactlyOnce(primary, made);
    });
  });
});
