// `npx tsx bench/sync-apply-phases.ts`: where one pull batch's time goes on core's thread
// (issue 16: the sync must not hold core's thread for long stretches, and must come near
// the raw insert). Pulls the first BENCH_PHASE_BATCHES batches of a full sync from a server
// on the bench database (in this process; only the desktop's steps are timed) and times,
// per batch: JSON.parse of the body, columns → rows, the schema check, and the apply into
// a fresh encrypted cache (core's openCacheStore, one transaction per batch, or in slices of
// BENCH_PHASE_SLICE_MS as a catch-up applies them). Prints JSON.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startServer } from '../src/server/app.js';
import { API_PREFIX } from '../src/shared/http.js';
import { PullResponse } from '../src/shared/sync.js';
import { decodeColumns } from '../src/shared/sync-wire.js';
import { openCacheStore } from '../src/main/core/cache-tables.js';
import { desktopKeyFor } from '../tests/support/desktop-key.js';
import { databaseUrl } from './databases.js';

const DB = process.env.BENCH_WORKING_SET_DB ?? 'sapa_bench_sync';
const BATCHES = Number(process.env.BENCH_PHASE_BATCHES ?? 20);
const LIMIT = Number(process.env.BENCH_PHASE_LIMIT ?? 5000);
/** Apply as a catch-up does (sync-client.ts): slices of at most this long (absent: one transaction a batch). */
const SLICE_MS = process.env.BENCH_PHASE_SLICE_MS === undefined ? null : Number(process.env.BENCH_PHASE_SLICE_MS);

const server = await startServer({ databaseUrl: databaseUrl(DB) });
const dir = await mkdtemp(path.join(os.tmpdir(), 'sapa-phases-'));
const store = openCacheStore(dir, desktopKeyFor(dir));
try {
  const api = async (p: string, token?: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.url}${API_PREFIX}${p}`, {
      ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res;
  };
  const login = async (u: string) => ((await (await api('/auth/login', undefined, {
    method: 'POST', body: JSON.stringify({ username: u, password: `${u}-pass` }) })).json()) as { token: string }).token;
  const admin = await login('admin1');
  await api('/admin/data-access', admin, { method: 'PUT', body: JSON.stringify({
    fullReplicationRoles: ['agent', 'lead', 'admin'], fullReplicationDevices: [], lookupLimitPerHour: 60 }) });
  const token = await login('agent1');
  const sums = { parse: 0, decode: 0, validate: 0, apply: 0 };
  const maxima = { parse: 0, decode: 0, validate: 0, apply: 0 };
  let rows = 0;
  let bytes = 0;
  let cursor = 0;
  const slices: number[] = [];
  const slice = (ms: number) => {
    slices.push(ms);
    sums.apply += ms;
    maxima.apply = Math.max(maxima.apply, ms);
  };
  const time = <T>(phase: keyof typeof sums, fn: () => T): T => {
    const t = performance.now();
    const out = fn();
    const ms = performance.now() - t;
    sums[phase] += ms;
    maxima[phase] = Math.max(maxima[phase], ms);
    return out;
  };
  for (let i = 0; i < BATCHES; i += 1) {
    const text = await (await api(`/sync/pull?cursor=${cursor}&limit=${LIMIT}&wire=columns&clientId=00000000-0000-4000-8000-0000000000aa`, token)).text();
    bytes += text.length;
    const json = time('parse', () => JSON.parse(text) as unknown);
    const decoded = time('decode', () => decodeColumns(json));
    const batch = time('validate', () => PullResponse.parse(decoded));
    if (SLICE_MS === null) time('apply', () => store.apply.applyPull(batch, new Date().toISOString()));
    else {
      // Each slice is timed on its own; the apply's total is their sum (the yields are not counted).
      let t = performance.now();
      await store.apply.applyPullInSlices(batch, new Date().toISOString(), {
        sliceRows: 500, sliceMs: SLICE_MS,
        yieldNow: async () => {
          slice(performance.now() - t);
          await new Promise((r) => setImmediate(r));
          t = performance.now();
        },
      });
      slice(performance.now() - t);
    }
    rows += Object.values(batch.changes).reduce((s, l) => s + l.length, 0) + batch.tombstones.length;
    cursor = batch.nextCursor;
    if (!batch.more) break;
  }
  const perRowUs = (ms: number) => Math.round((ms * 1000 / Math.max(1, rows)) * 10) / 10;
  process.stdout.write(`${JSON.stringify({
    rows, bytesJson: bytes, limit: LIMIT, sliceMs: SLICE_MS, slices: slices.length,
    sliceP95Ms: slices.length ? Math.round(slices.sort((a, b) => a - b)[Math.floor(slices.length * 0.95)]! * 100) / 100 : null, loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    perRowMicroseconds: Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, perRowUs(v)])),
    longestBatchMs: Object.fromEntries(Object.entries(maxima).map(([k, v]) => [k, Math.round(v * 10) / 10])),
  }, null, 2)}\n`);
} finally {
  store.close();
  await rm(dir, { recursive: true, force: true });
  await server.close();
}
process.exit(0);
