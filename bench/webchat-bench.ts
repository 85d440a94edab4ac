// `npm run bench:webchat`: 1,000 concurrent widget chats on one server (forked: its memory
// is reported on its own), on PostgreSQL over loopback. Each chat is started as the widget
// starts it (config → proof of work → POST), holds its event stream open (SSE) and sends
// messages, one every 5–15 s as a person writes (about 100 a second over the thousand chats); for each, the "agent" (this process, over the agent's HTTP route) answers the
// moment the customer's POST is acknowledged, and the round trip ends when the answer
// arrives on the customer's stream: customer → server → agent → server → customer, without
// the human and without the desktop's one-second poll. Also: the widget's sizes gzipped,
// and the proof of work's cost at the production difficulty.
// Prints one JSON object on stdout (progress on stderr). Target: round trip p95 ≤ 300 ms.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { createSession } from '../src/server/auth/sessions.js';
import { type Db } from '../src/server/db/db.js';
import { POW_BITS, solvePow } from '../src/server/webchat/pow.js';
import { databaseUrl, ensureDatabase } from './databases.js';
import { cpuSeconds, cpuSpent, processTree } from './proc-cpu.js';
import { percentiles, rng } from './stats.js';

const CHATS = Number(process.env.BENCH_WEBCHAT_CHATS ?? 1_000);
const MESSAGES = Number(process.env.BENCH_WEBCHAT_MESSAGES ?? 3);
/** A person writes a message every 5–15 s (the figures: ~100 messages a second over 1,000 chats, each answered). */
const GAP_MS = [5_000, 15_000] as const;
const AGENTS = Math.ceil(CHATS / 10);
const TARGET_P95_MS = 300;
const DB_NAME = 'sapa_bench_webchat';
const ORIGIN = 'http://shop.bench.test';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg: string) => process.stderr.write(`[bench:webchat] ${msg}\n`);
const random = rng(20261204);
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function main(): Promise<void> {
  const sizes = {
    loaderGzBytes: gzipSync(readFileSync(path.join(ROOT, 'out/widget/loader.js'))).length,
    widgetGzBytes: gzipSync(readFileSync(path.join(ROOT, 'out/widget/widget.js'))).length,
    limits: { loaderGzBytes: 15 * 1024, widgetGzBytes: 100 * 1024 },
  };
  const powMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    solvePow(randomUUID(), POW_BITS);
    powMs.push(performance.now() - t0);
  }

  await ensureDatabase(DB_NAME, 0, true);
  const url = databaseUrl(DB_NAME);
  const child = fork(path.join(ROOT, 'bench/webchat-server.ts'), [], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_WEBCHAT_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WEBCHAT_CPU_PROF}`] : [])], env: { ...process.env, BENCH_DATABASE_URL: url } });
  const ask = <T>(message: string, key: string): Promise<T> => new Promise((ok) => {
    const on = (m: unknown) => {
      if (m && typeof m === 'object' && key in m) { child.off('message', on); ok((m as Record<string, T>)[key]!); }
    };
    child.on('message', on);
    if (message) child.send(message);
  });
  const server = await ask<string>('', 'url');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const streams: AbortController[] = [];
  try {
    await db.query("INSERT INTO server_settings (key, value) VALUES ('widgetOrigins', $1::jsonb)", [JSON.stringify([ORIGIN])]);
    const idle = await ask<{ rssMb: number; heapUsedMb: number }>('memory', 'memory');
    log(`seeding ${AGENTS} agents…`);
    const agents: string[] = [];
    const agentIds: string[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const id = randomUUID();
      await db.query("INSERT INTO users (id, username, display_name, role, password_hash, queues, chat_capacity) VALUES ($1, $2, $3, 'agent', 'x', '{general}', 10)",
        [id, `bench-chat-${i}`, `Agen ${i}`]);
      agentIds.push(id);
      agents.push((await createSession(new PgDb(db) as unknown as Db, id, 3_600_000)).token);
    }
    const pub = async (p: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
      const res = await fetch(`${server}/api/v1/webchat${p}`, {
        method: init.method ?? 'GET',
        headers: { origin: ORIGIN, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
        ...(init.body ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${p}: ${res.status} ${text}`);
      return JSON.parse(text) as Record<string, unknown>;
    };

    log(`starting ${CHATS} chats…`);
    const startMs: number[] = [];
    const chats: { id: string; token: string; agent: string; waiters: Map<string, () => void> }[] = [];
    const configs: Record<string, unknown>[] = [];
    for (let i = 0; i < CHATS; i += 100) configs.push(...await Promise.all(Array.from({ length: Math.min(100, CHATS - i) }, () => pub('/config'))));
    await sleep(1_600); // the minimum fill time, as a person takes
    for (let i = 0; i < CHATS; i += 50) {
      await Promise.all(configs.slice(i, i + 50).map(async (c, j) => {
        const t0 = performance.now();
        const challenge = c.challenge as string;
        const started = await pub('/conversations', { method: 'POST', body: {
          name: `Pelanggan ${i + j}`, phone: `0812${String(10_000_000 + i + j)}`, language: 'id', pow: { challenge, nonce: solvePow(challenge, 8) } } });
        startMs.push(performance.now() - t0);
        chats.push({ id: started.conversationId as string, token: started.token as string, agent: '', waiters: new Map() });
      }));
    }
    // Every chat taken by an agent (ten each, their capacity), as the router and chat.take would.
    for (const [i, c] of chats.entries()) {
      c.agent = agents[i % AGENTS]!;
      await db.query("UPDATE webchat_conversations SET status = 'active', agent_id = $2 WHERE id = $1", [c.id, agentIds[i % AGENTS]]);
    }
    await db.query("UPDATE cc_tasks SET status = 'cancelled' WHERE kind = 'chat'");

    log('opening 1,000 event streams…');
    let delivered = 0;
    await Promise.all(chats.map(async (c) => {
      const ac = new AbortController();
      streams.push(ac);
      const res = await fetch(`${server}/api/v1/webchat/stream?token=${c.token}`, { headers: { origin: ORIGIN }, signal: ac.signal });
      if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            buffer += decoder.decode(value, { stream: true });
            let cut: number;
            while ((cut = buffer.indexOf('\n\n')) >= 0) {
              const event = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              const data = /^data: (.*)$/m.exec(event)?.[1];
              if (!event.includes('event: message') || !data) continue;
              const m = JSON.parse(data) as { body: string; author: string };
              if (m.author !== 'agent') continue;
              delivered++;
              c.waiters.get(m.body)?.();
            }
          }
        } catch { /* aborted at the end */ }
      })();
    }));
    const open = await ask<{ rssMb: number; heapUsedMb: number }>('memory', 'memory');

    log(`${CHATS} chats × ${MESSAGES} messages, concurrently…`);
    const roundTripMs: number[] = [];
    const postMs: number[] = [];
    let failed = 0;
    // CPU over the message window, per side: the server process, its PostgreSQL backends and
    // this process (the thousand simulated widgets and agents), so the figure is the server's.
    const backendPids = async () => (await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [DB_NAME])).rows.map((r) => r.pid);
    const serverPids = processTree(child.pid ?? 0);
    const cpuBefore = { server: cpuSeconds(serverPids), pg: cpuSeconds(await backendPids()), client: process.cpuUsage() };
    const clientLag = monitorEventLoopDelay({ resolution: 10 });
    clientLag.enable();
    const wallStart = performance.now();
    await Promise.all(chats.map(async (c) => {
      for (let k = 0; k < MESSAGES; k++) {
        await sleep(GAP_MS[0] + Math.floor(random() * (GAP_MS[1] - GAP_MS[0]))); // a person types
        const answer = `jawaban ${k} ${c.id.slice(0, 8)}`;
        const arrived = new Promise<boolean>((ok) => {
          const timer = setTimeout(() => ok(false), 10_000);
          c.waiters.set(answer, () => { clearTimeout(timer); c.waiters.delete(answer); ok(true); });
        });
        const t0 = performance.now();
        try {
          await pub('/messages', { method: 'POST', token: c.token, body: { body: `pertanyaan ${k}` } });
          postMs.push(performance.now() - t0);
          const res = await fetch(`${server}/api/v1/chat/conversations/${c.id}/messages`, {
            method: 'POST', headers: { authorization: `Bearer ${c.agent}`, 'content-type': 'application/json' }, body: JSON.stringify({ body: answer }),
          });
          await res.text();
          if (!res.ok) throw new Error(`agent send ${res.status}`);
          if (await arrived) roundTripMs.push(performance.now() - t0); else failed++;
        } catch (error) {
          failed++;
          if (failed < 5) log(String(error));
        }
      }
    }));
    const wallSec = (performance.now() - wallStart) / 1000;
    clientLag.disable();
    const clientCpu = process.cpuUsage(cpuBefore.client);
    const cpuSec = (x: number) => Math.round(x * 10) / 10;
    const cpu = {
      windowSec: cpuSec(wallSec),
      serverSec: cpuSec(cpuSpent(cpuBefore.server, cpuSeconds(serverPids))),
      postgresBackendsSec: cpuSec(cpuSpent(cpuBefore.pg, cpuSeconds(await backendPids()))),
      clientSec: cpuSec((clientCpu.user + clientCpu.system) / 1e6),
      clientEventLoopDelayP99Ms: Math.round(clientLag.percentile(99) / 1e6),
    };
    const busy = await ask<{ rssMb: number; heapUsedMb: number }>('memory', 'memory');
    const rt = percentiles(roundTripMs);
    process.stdout.write(`${JSON.stringify({
      bench: 'webchat',
      cores: os.cpus().length,
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      chats: CHATS, messagesPerChat: MESSAGES, agents: AGENTS,
      startChatMs: percentiles(startMs),
      customerPostMs: percentiles(postMs),
      roundTripMs: rt,
      roundTripsPerSec: Math.round(roundTripMs.length / wallSec),
      failed, agentMessagesDelivered: delivered,
      cpu,
      serverMemory: { idle, with1000StreamsOpen: open, afterMessages: busy },
      widget: sizes,
      powSolveMsAtProductionBits: { bits: POW_BITS, ...percentiles(powMs) },
      targetRoundTripP95Ms: TARGET_P95_MS,
      met: rt.p95 <= TARGET_P95_MS && failed === 0 && sizes.loaderGzBytes <= sizes.limits.loaderGzBytes && sizes.widgetGzBytes <= sizes.limits.widgetGzBytes,
    }, null, 2)}\n`);
  } finally {
    for (const s of streams) s.abort();
    await db.end();
    child.send('stop');
  }
}

/** createSession takes the server's Db; a pg client is enough for it here. */
class PgDb {
  constructor(private readonly client: pg.Client) {}
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
