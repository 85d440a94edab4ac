// `npm run bench:sync`: sync figures (propagation, push, catch-up, live connections) as JSON on stdout (progress on stderr).
//   1. propagation A → B: A writes a note, B's core has it (live poke → pull) — p50/p95
//   2. push throughput: 50 simulated desktops pushing note.create batches at once (mutations/s)
//   3. catch-up: a desktop an hour offline with 500 pending mutations (while others wrote
//      2000 rows) comes back — time until its outbox is empty and its cache converged
//   4. server memory with 500 connected live desktops (server in its own process, RSS)
// The server runs on a fresh PostgreSQL database with a small demo set; numbers are for
// this machine (2 shared cores), loopback network.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { API_PREFIX } from '../src/shared/http.js';
import { BUDI_ID, cacheHash, createSyncWorld, serverHash, waitFor } from '../tests/integration/sync/harness.js';
import { startFaultProxy } from '../tests/faults/fault-proxy.js';
import { spawnServer } from '../tests/faults/processes.js';
import { freePort } from '../tests/faults/checks.js';
import { percentiles } from './stats.js';

const log = (msg: string) => process.stderr.write(`[bench:sync] ${msg}\n`);
const SAMPLES = Number(process.env.BENCH_PROPAGATION_SAMPLES ?? 100);
const DESKTOPS = 50;
const PUSH_PER_DESKTOP = Number(process.env.BENCH_PUSH_PER_DESKTOP ?? 100);
const PENDING = 500;
const LIVE = 500;

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}${API_PREFIX}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-pass` }),
  });
  return ((await res.json()) as { token: string }).token;
}

function noteMutation(body: string) {
  return {
    id: randomUUID(), name: 'note.create', baseVersions: {}, createdAt: new Date().toISOString(),
    args: { id: randomUUID(), customerId: BUDI_ID, body, createdAt: new Date().toISOString() },
  };
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

const world = await createSyncWorld(50);
const figures: Record<string, unknown> = { machine: { cores: (await import('node:os')).cpus().length } };
try {
  const server = await world.startServerInstance();

  // 1. Propagation A → B.
  log('propagation');
  const a = await world.newDesktop([server.url], { syncIntervalSeconds: 3600 });
  const b = await world.newDesktop([server.url], { syncIntervalSeconds: 3600 });
  await a.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  await b.core.call('auth.login', { username: 'agent2', password: 'agent2-pass' });
  await waitFor('live', async () => (await a.core.call('sync.status', {})).live && (await b.core.call('sync.status', {})).live
    && (await b.core.call('sync.status', {})).state === 'idle');
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = performance.now();
    const note = await a.core.call('notes.create', { customerId: BUDI_ID, body: `propagasi ${i}` });
    await new Promise<void>((resolve) => {
      const check = () => {
        void b.core.call('notes.list', { customerId: BUDI_ID }).then(({ notes }) => {
          if (notes.some((n) => n.id === note.id)) { off(); resolve(); }
        });
      };
      const off = b.core.on('data.changed', check);
      check();
    });
    samples.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  }
  figures.propagationAtoB = { samples: SAMPLES, ...percentiles(samples), targetP95Ms: 250 };

  // 2. Push throughput, 50 desktops at once.
  log('push throughput');
  const tokens = await Promise.all(['agent1', 'agent2', 'lead1'].map((u) => login(server.url, u)));
  const started = performance.now();
  await Promise.all(Array.from({ length: DESKTOPS }, async (_, d) => {
    const clientId = randomUUID();
    const token = tokens[d % tokens.length]!;
    for (let sent = 0; sent < PUSH_PER_DESKTOP; sent += 25) {
      const mutations = Array.from({ length: 25 }, (_, i) => noteMutation(`desktop ${d} note ${sent + i}`));
      const res = await fetch(`${server.url}${API_PREFIX}/sync/push`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientId, mutations }),
      });
      if (!res.ok) throw new Error(`push failed ${res.status}`);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  figures.pushThroughput = {
    desktops: DESKTOPS, mutations: DESKTOPS * PUSH_PER_DESKTOP, seconds: Number(seconds.toFixed(2)),
    mutationsPerSecond: Math.round((DESKTOPS * PUSH_PER_DESKTOP) / seconds),
  };

  // 3. Catch-up after an hour offline with 500 pending mutations.
  log('catch-up');
  const proxy = await startFaultProxy(Number(new URL(server.url).port));
  const c = await world.newDesktop([proxy.url], { syncIntervalSeconds: 5, syncTimeoutSeconds: 5 });
  await c.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  await waitFor('c synced', async () => (await c.core.call('sync.status', {})).state === 'idle');
  proxy.set('drop');
  for (let i = 0; i < PENDING; i += 1) await c.core.call('notes.create', { customerId: BUDI_ID, body: `offline ${i}` });
  // Meanwhile the others kept writing (the other 2000 rows C must pull).
  for (let i = 0; i < 20; i += 1) {
    await fetch(`${server.url}${API_PREFIX}/sync/push`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[1]}` },
      body: JSON.stringify({ clientId: randomUUID(), mutations: Array.from({ length: 100 }, (_, j) => noteMutation(`lain ${i}-${j}`)) }),
    });
  }
  const back = performance.now();
  proxy.set('pass');
  await waitFor('outbox empty', async () => (await c.core.call('sync.diagnostics', {})).outbox.length === 0, 120_000, 50);
  const drained = performance.now() - back;
  const expected = await serverHash(server);
  await waitFor('converged', () => cacheHash(c.dir) === expected, 60_000, 50);
  figures.catchUpAfterOffline = {
    pendingMutations: PENDING, rowsWrittenByOthers: 2000,
    outboxEmptyMs: Math.round(drained), convergedMs: Math.round(performance.now() - back),
  };
  await proxy.close();

  // 4. Server memory with 500 live desktops (server in its own process).
  log('live connections');
  const port = await freePort();
  const proc = await spawnServer(world.database.databaseUrl ?? '', port);
  try {
    const pid = proc.child.pid ?? 0;
    const token = await login(proc.url, 'agent1');
    await new Promise((r) => setTimeout(r, 1_000));
    const before = await rssKb(pid);
    const sockets: WebSocket[] = [];
    for (let i = 0; i < LIVE; i += 1) {
      const ws = new WebSocket(`${proc.url.replace('http', 'ws')}${API_PREFIX}/sync/live`);
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => ws.send(JSON.stringify({ type: 'hello', token })));
        ws.once('message', () => resolve());
        ws.once('error', reject);
      });
      sockets.push(ws);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    const after = await rssKb(pid);
    // One push pokes all 500; time until the last socket has its poke.
    let poked = 0;
    const pokeStart = performance.now();
    const allPoked = new Promise<void>((resolve) => {
      for (const ws of sockets) ws.once('message', () => { poked += 1; if (poked === LIVE) resolve(); });
    });
    await fetch(`${proc.url}${API_PREFIX}/sync/push`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ clientId: randomUUID(), mutations: [noteMutation('poke all')] }),
    });
    await allPoked;
    figures.liveConnections = {
      desktops: LIVE, serverRssBeforeMb: Math.round(before / 1024), serverRssWithLiveMb: Math.round(after / 1024),
      perConnectionKb: Math.round((after - before) / LIVE), pokeAllMs: Math.round(performance.now() - pokeStart),
    };
    for (const ws of sockets) ws.terminate();
  } finally {
    await proc.kill();
  }
} finally {
  await world.close();
}
process.stdout.write(`${JSON.stringify({ sync: figures }, null, 2)}\n`);
process.exit(0);
