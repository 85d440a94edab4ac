// One worker process of the fleet simulator: a few hundred lightweight desktops, each
// speaking the desktop's real protocol to the server (as src/main/core/sync does): sign-in
// (POST /auth/login), the live WebSocket (hello → ready, pokes), and pulls with its own
// cursor (`scope=working`, the default bound, `wire=columns`, `accept-encoding: br, gzip`)
// after every poke and every `intervalMs` (the desktop's periodic safety-net pull), pulling
// again at once while the server says `more`. A desktop keeps no SQLite cache: it folds
// every row it receives into a hash and a count (what it would hold), and reports the ids of
// the contacts and notes it received, and each poke, to the coordinator, which times them.
// Started by main.ts with `fork`; talks to it over IPC (messages in protocol.ts).
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { type FromWorker, type ToWorker, type WorkerStart } from './protocol.js';

const API = '/api/v1';
const now = (): number => performance.timeOrigin + performance.now();
const send = (m: FromWorker): void => { process.send?.(m); };

interface Desktop {
  idx: number;
  username: string;
  clientId: string;
  token: string;
  cursor: number;
  running: boolean;
  again: boolean;
  timer: NodeJS.Timeout | null;
  socket: WebSocket | null;
  rows: number;
  hash: number;
}

let start: WorkerStart | null = null;
let stopping = false;
const desktops: Desktop[] = [];
// Buffered reports, flushed to the coordinator every 250 ms.
let seen: [number, string, number][] = [];
let pokes: [number, number][] = [];
let pulls = 0;
let emptyPulls = 0;
let pullMs: number[] = [];
let errors: Record<string, number> = {};
const fail = (what: string): void => { errors[what] = (errors[what] ?? 0) + 1; };

/** FNV-1a over a row's identity and version, XOR-folded into the desktop's hash (order-free). */
function fold(d: Desktop, table: string, id: unknown, version: unknown): void {
  let h = 0x811c9dc5;
  const s = `${table}:${String(id)}:${String(version)}`;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  d.hash = (d.hash ^ h) >>> 0;
  d.rows += 1;
}

async function login(d: Desktop): Promise<void> {
  const res = await fetch(`${start!.url}${API}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: d.username, password: start!.password }),
  });
  if (!res.ok) throw new Error(`login ${d.username}: ${res.status} ${await res.text()}`);
  d.token = ((await res.json()) as { token: string }).token;
}

function connect(d: Desktop): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${start!.url.replace(/^http/, 'ws')}${API}/sync/live`);
    d.socket = ws;
    let ready = false;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', token: d.token })));
    ws.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text.includes('"ready"')) { ready = true; resolve(); return; }
      if (text.includes('"poke"')) {
        pokes.push([d.idx, now()]);
        void sync(d, true);
      }
    });
    ws.on('error', (e) => { fail(`ws: ${e.message}`); if (!ready) reject(e); });
    ws.on('close', () => {
      d.socket = null;
      if (!ready || stopping) return;
      fail('ws closed');
      setTimeout(() => { if (!stopping) void connect(d).catch(() => undefined); }, 1_000);
    });
  });
}

interface ColumnBlock { names: string[]; values: unknown[][] }
interface Batch { nextCursor: number; more: boolean; columns?: Record<string, ColumnBlock>; changes?: Record<string, { id: string; version: number }[]>; tombstones: { table: string; id: string; version: number }[] }

/** Applies one answer: folds every row, reports contacts and notes; answers the row count. */
function apply(d: Desktop, b: Batch, at: number): number {
  let n = 0;
  const report = (table: string, id: unknown) => {
    if (table === 'interactions' || table === 'notes') seen.push([d.idx, String(id), at]);
  };
  if (b.columns) {
    for (const [table, block] of Object.entries(b.columns)) {
      const ids = block.values[block.names.indexOf('id')] ?? [];
      const versions = block.values[block.names.indexOf('version')] ?? [];
      for (let j = 0; j < ids.length; j += 1) { fold(d, table, ids[j], versions[j]); report(table, ids[j]); n += 1; }
    }
  } else if (b.changes) {
    for (const [table, rows] of Object.entries(b.changes)) for (const r of rows) { fold(d, table, r.id, r.version); report(table, r.id); n += 1; }
  }
  for (const t of b.tombstones) { fold(d, `-${t.table}`, t.id, t.version); n += 1; }
  return n;
}

/** The sync client's run: pulls until the server has nothing more, once more if poked meanwhile. */
async function sync(d: Desktop, poked = false): Promise<void> {
  if (stopping) return;
  if (d.running) { d.again = true; return; }
  d.running = true;
  if (d.timer) clearTimeout(d.timer);
  try {
    do {
      d.again = false;
      let got = 0;
      for (;;) {
        const t = performance.now();
        const res = await fetch(`${start!.url}${API}/sync/pull?cursor=${d.cursor}&limit=1000&scope=working&bound=50000&clientId=${d.clientId}&wire=columns`, {
          headers: { authorization: `Bearer ${d.token}`, 'accept-encoding': 'br, gzip' },
        });
        if (!res.ok) { fail(`pull ${res.status}`); await res.arrayBuffer(); break; }
        const b = (await res.json()) as Batch;
        const at = now();
        pullMs.push(performance.now() - t);
        pulls += 1;
        got += apply(d, b, at);
        d.cursor = b.nextCursor;
        if (!b.more) break;
      }
      if (poked && got === 0) emptyPulls += 1;
      poked = false;
    } while (d.again && !stopping);
  } catch (error) {
    fail(`pull: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    d.running = false;
    if (!stopping) d.timer = setTimeout(() => void sync(d), start!.intervalMs);
  }
}

/** Runs `fn` over `items`, `width` at a time. */
async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

function flush(): void {
  if (seen.length || pokes.length || pulls) {
    send({ type: 'events', seen, pokes, pulls, emptyPulls, pullMs, errors });
    seen = []; pokes = []; pulls = 0; emptyPulls = 0; pullMs = []; errors = {};
  }
}

process.on('message', (m: ToWorker) => {
  if (m.type === 'start') {
    start = m;
    void (async () => {
      const t0 = performance.now();
      for (const u of m.desktops) {
        desktops.push({ idx: u.idx, username: u.username, clientId: randomUUID(), token: '', cursor: m.cursor, running: false, again: false, timer: null, socket: null, rows: 0, hash: 0 });
      }
      await inParallel(desktops, m.loginConcurrency, login);
      const signedInMs = performance.now() - t0;
      await inParallel(desktops, 20, connect);
      send({ type: 'ready', signedInMs, liveMs: performance.now() - t0 - signedInMs });
      setInterval(flush, 250).unref();
    })().catch((error: unknown) => {
      send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
    });
  } else if (m.type === 'go') {
    // The login's first pull, then the periodic one, each desktop at its own phase.
    for (const d of desktops) d.timer = setTimeout(() => void sync(d), Math.random() * start!.intervalMs);
  } else if (m.type === 'stop') {
    stopping = true;
    for (const d of desktops) { if (d.timer) clearTimeout(d.timer); d.socket?.terminate(); }
    flush();
    send({ type: 'done', desktops: desktops.map((d) => ({ idx: d.idx, rows: d.rows, hash: d.hash, cursor: d.cursor })) });
    setTimeout(() => process.exit(0), 200);
  }
});
