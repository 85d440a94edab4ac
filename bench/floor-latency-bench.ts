// `npm run bench:floor`: the live floor's update latency — from an agent's state change (the
// desktop's server call, PUT /cc/agents/me/state over HTTP) to the lead's live socket
// receiving "floor_changed" (src/server/floor/floor-notifier.ts), and on to the lead's
// refetched snapshot (GET /floor/snapshot) showing the new state: what the screen waits for.
// The real server on PostgreSQL (NOTIFY sapa_cc between instances, here one), 200 agents in
// 4 teams, an admin watching the whole floor. Changes are spaced so each is timed on its own
// (a burst is coalesced into one push per debounce window by design).
// Prints one JSON object on stdout (progress on stderr). Target: push p95 ≤ 1 s.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import { startServer } from '../src/server/app.js';
import { createSession } from '../src/server/auth/sessions.js';
import { LIVE_PATH } from '../src/server/live/live-hub.js';
import { API_PREFIX } from '../src/shared/http.js';
import { type FloorSnapshot } from '../src/shared/floor.js';
import { databaseUrl, ensureDatabase } from './databases.js';
import { percentiles, rng } from './stats.js';

const AGENTS = Number(process.env.BENCH_FLOOR_AGENTS ?? 200);
const CHANGES = Number(process.env.BENCH_FLOOR_CHANGES ?? 200);
const TARGET_P95_MS = 1_000;
const DB_NAME = 'sapa_bench_floor';
const QUEUES = ['general', 'billing', 'network', 'vip'];
const log = (msg: string) => process.stderr.write(`[bench:floor] ${msg}\n`);
const random = rng(20261202);
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function main(): Promise<void> {
  await ensureDatabase(DB_NAME, 0, true);
  // Presence never times out here: only the bench's own changes move the floor.
  const server = await startServer({ databaseUrl: databaseUrl(DB_NAME), port: 0, contactCenter: { presenceTimeoutSec: 86_400 } });
  const { db } = server;
  const sockets: WebSocket[] = [];
  try {
    log(`seeding ${AGENTS} agents in 4 teams…`);
    const adminId = randomUUID();
    await db.query("INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, 'bench-floor-admin', 'Admin', 'admin', 'x')", [adminId]);
    const teams = QUEUES.map(() => randomUUID());
    for (const [i, id] of teams.entries()) await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3)', [id, `Tim ${i}`, adminId]);
    const agents: { id: string; token: string; notReady: boolean }[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const id = randomUUID();
      await db.query(
        "INSERT INTO users (id, username, display_name, role, password_hash, queues, team_id) VALUES ($1, $2, $3, 'agent', 'x', $4::text[], $5)",
        [id, `bench-floor-${i}`, `Agen ${i}`, [QUEUES[i % 4]!], teams[i % 4]!]);
      agents.push({ id, token: (await createSession(db, id, 3_600_000)).token, notReady: false });
    }
    const admin = (await createSession(db, adminId, 3_600_000)).token;
    const api = async (path: string, token: string, init: RequestInit = {}) => {
      const res = await fetch(`${server.url}${API_PREFIX}${path}`, {
        ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<unknown>;
    };

    // Every agent ready once (untimed), as on a working floor.
    for (const a of agents) await api('/cc/agents/me/state', a.token, { method: 'PUT', body: JSON.stringify({ state: 'ready' }) });

    const socket = new WebSocket(`${server.url.replace('http', 'ws')}${LIVE_PATH}`);
    sockets.push(socket);
    await new Promise((ok, fail) => { socket.once('open', ok); socket.once('error', fail); });
    const ready = new Promise((ok) => socket.once('message', ok));
    socket.send(JSON.stringify({ type: 'hello', token: admin }));
    await ready;
    let waiter: (() => void) | null = null;
    socket.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString()) as { type: string }).type === 'floor_changed' && waiter) { waiter(); waiter = null; }
    });
    await sleep(1_500); // the first log check and the ready burst's push are behind us

    const pushMs: number[] = [];
    const screenMs: number[] = [];
    let missed = 0;
    log(`timing ${CHANGES} state changes…`);
    for (let i = 0; i < CHANGES; i++) {
      const agent = agents[Math.floor(random() * agents.length)]!;
      // Always a real change: the agent's state flips (an unchanged state publishes nothing).
      const notReady = !agent.notReady;
      agent.notReady = notReady;
      const heard = new Promise<boolean>((ok) => {
        const timer = setTimeout(() => { waiter = null; ok(false); }, 5_000);
        waiter = () => { clearTimeout(timer); ok(true); };
      });
      const t0 = performance.now();
      await api('/cc/agents/me/state', agent.token, {
        method: 'PUT', body: JSON.stringify(notReady ? { state: 'not_ready', reason: 'break' } : { state: 'ready' }),
      });
      if (!(await heard)) { missed++; continue; }
      pushMs.push(performance.now() - t0);
      const snapshot = await api('/floor/snapshot', admin) as FloorSnapshot;
      const shown = snapshot.teams.flatMap((t) => t.agents).find((a) => a.userId === agent.id);
      if (shown?.state !== (notReady ? 'not_ready' : 'ready')) throw new Error(`the snapshot after the push shows ${shown?.state}`);
      screenMs.push(performance.now() - t0);
      await sleep(150 + Math.floor(random() * 150)); // past the debounce window: the next change is timed alone
    }
    const push = percentiles(pushMs);
    process.stdout.write(`${JSON.stringify({
      bench: 'floor-latency',
      cores: os.cpus().length,
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      agents: AGENTS,
      changes: CHANGES,
      missedPushes: missed,
      stateChangeToPushMs: push,
      stateChangeToSnapshotMs: percentiles(screenMs),
      targetPushP95Ms: TARGET_P95_MS,
      met: push.p95 <= TARGET_P95_MS && missed === 0,
    }, null, 2)}\n`);
  } finally {
    for (const s of sockets) s.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
