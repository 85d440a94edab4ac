// A TCP fault proxy between desktops and a server. Modes, switchable at any time:
//   pass       forward both ways
//   drop       refuse new connections at once (and cut the open ones)
//   delay      forward, holding each chunk `delayMs` in both directions
//   reset      forward the request, then cut the connection with RST after `resetAfterBytes`
//              bytes of the answer (a response lost mid-way: the server did the work)
//   blackhole  accept and swallow everything, answer nothing (the client must time out)
//   duplicate  forward, and replay every byte the client sends on a second upstream
//              connection whose answers are thrown away (each push arrives twice)
// Options that work in pass mode (slow links, docs/decisions/0028-slow-links.md):
//   line       { bitsPerSecond, latencyMs }: one shared line per direction at that rate (as
//              a branch's link: every connection queues on it), each chunk also held
//              latencyMs / 2 each way, so latencyMs is the round trip added
//   cutAfterBytes  cut every connection (RST) once this many answer bytes went through since
//              the option was set, and refuse new ones (drop) until the mode is set again
//   hold       a RegExp on request lines ("GET /api/v1/sync/pull?…"): a connection that sends
//              a matching request is held from then on — nothing more is forwarded — until the
//              mode is set again (which cuts it)
// It also counts answer bytes and logs request lines (stats().bytesDown, requests), so a
// test can see what was asked and how much came back.
// The proxy counts what it did (stats()), so a test can show its fault was met, not just set.
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export type FaultMode = 'pass' | 'drop' | 'delay' | 'reset' | 'blackhole' | 'duplicate';

export interface FaultStats {
  /** Connections refused at once (drop). */
  refused: number;
  /** Connections accepted and never answered (blackhole). */
  swallowed: number;
  /** Chunks held back before forwarding (delay), both directions. */
  delayed: number;
  /** Answers cut with RST part-way (reset). */
  cut: number;
  /** Client chunks replayed on a second upstream connection (duplicate). */
  replayed: number;
  /** Push answers that said a mutation was a duplicate: handed to the desktop, or to the replay. */
  duplicateAnswers: number;
  /** Answer bytes handed to clients (server → desktop, headers included). */
  bytesDown: number;
  /** Request bytes handed to the server. */
  bytesUp: number;
  /** Request lines seen, in order ("GET /api/v1/sync/pull?cursor=0…"). */
  requests: string[];
  /** Connections held (hold). */
  held: number;
}

export interface FaultOptions {
  delayMs?: number;
  resetAfterBytes?: number;
  line?: { bitsPerSecond: number; latencyMs: number } | null;
  cutAfterBytes?: number | null;
  hold?: RegExp | null;
}

const REQUEST_LINE = /(?:^|\r\n)((?:GET|POST|PUT|DELETE|PATCH) \S+) HTTP\/1\.[01]\r\n/g;

/** A line of a given rate and latency, shared by every connection in one direction. */
function createLine(bitsPerSecond: number, latencyMs: number): (deliver: () => void, bytes: number) => void {
  let freeAt = 0;
  const queue: { at: number; deliver: () => void }[] = [];
  let timer: NodeJS.Timeout | null = null;
  const pump = (): void => {
    timer = null;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.at <= now) queue.shift()!.deliver();
    if (queue.length > 0) timer = setTimeout(pump, Math.max(0, queue[0]!.at - now));
  };
  return (deliver, bytes) => {
    const now = performance.now();
    freeAt = Math.max(now, freeAt) + (bytes * 8 * 1000) / bitsPerSecond;
    // Delivered in order: the line is FIFO, so `at` never decreases.
    queue.push({ at: freeAt + latencyMs / 2, deliver });
    if (!timer) timer = setTimeout(pump, Math.max(0, queue[0]!.at - now));
  };
}

// How the server answers a mutation it had already applied (shared/sync.ts PushResult).
const DUPLICATE_MARK = '"status":"duplicate"';

export interface FaultProxy {
  url: string;
  port: number;
  mode(): FaultMode;
  /** What the proxy has done since it started (counts only grow). */
  stats(): FaultStats;
  set(mode: FaultMode, options?: FaultOptions): void;
  /** Points the proxy at another upstream port (a restarted server). */
  retarget(port: number): void;
  close(): Promise<void>;
}

export async function startFaultProxy(upstreamPort: number, listenPort = 0): Promise<FaultProxy> {
  let mode: FaultMode = 'pass';
  let delayMs = 200;
  let resetAfterBytes = 10;
  let target = upstreamPort;
  const open = new Set<net.Socket>();
  const stats: FaultStats = {
    refused: 0, swallowed: 0, delayed: 0, cut: 0, replayed: 0, duplicateAnswers: 0, bytesDown: 0, bytesUp: 0, requests: [], held: 0,
  };
  let up: ReturnType<typeof createLine> | null = null;
  let down: ReturnType<typeof createLine> | null = null;
  let cutAfter: number | null = null;
  let downSinceSet = 0;
  let hold: RegExp | null = null;
  let cutDone = false;

  // Counts DUPLICATE_MARK in a stream of answer chunks, also when a chunk boundary splits it.
  const duplicateCounter = (): ((chunk: Buffer) => void) => {
    let tail = '';
    return (chunk) => {
      const text = tail + chunk.toString('latin1');
      stats.duplicateAnswers += text.split(DUPLICATE_MARK).length - 1;
      tail = text.slice(-(DUPLICATE_MARK.length - 1));
    };
  };

  const track = (s: net.Socket): net.Socket => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => undefined);
    return s;
  };

  const cutAll = (): void => {
    for (const s of open) s.resetAndDestroy();
  };

  const server = net.createServer((client) => {
    track(client);
    const current = mode;
    if (current === 'drop' || cutDone) {
      stats.refused += 1;
      client.resetAndDestroy();
      return;
    }
    if (current === 'blackhole') {
      stats.swallowed += 1;
      client.on('data', () => undefined);
      return;
    }
    const upstream = track(net.connect(target, '127.0.0.1'));
    const shadow = current === 'duplicate' ? track(net.connect(target, '127.0.0.1')) : null;
    const shadowAnswers = duplicateCounter();
    shadow?.on('data', shadowAnswers);
    const answers = duplicateCounter();
    const later = (fn: () => void): void => {
      if (current === 'delay') {
        stats.delayed += 1;
        setTimeout(fn, delayMs);
      } else fn();
    };
    let holding = false;
    client.on('data', (chunk) => {
      const text = chunk.toString('latin1');
      for (const m of text.matchAll(REQUEST_LINE)) {
        stats.requests.push(m[1]!);
        if (hold?.test(m[1]!) && !holding) {
          holding = true;
          stats.held += 1;
        }
      }
      if (holding) return;
      const send = (): void => {
        stats.bytesUp += chunk.length;
        if (!upstream.destroyed) upstream.write(chunk);
        if (shadow && !shadow.destroyed) {
          stats.replayed += 1;
          shadow.write(chunk);
        }
      };
      if (up) up(send, chunk.length);
      else later(send);
    });
    let answered = 0;
    upstream.on('data', (chunk) => {
      if (current === 'reset') {
        const room = resetAfterBytes - answered;
        answered += chunk.length;
        if (room > 0) client.write(chunk.subarray(0, room));
        if (answered >= resetAfterBytes) {
          stats.cut += 1;
          client.resetAndDestroy();
          upstream.destroy();
        }
        return;
      }
      const deliver = (): void => {
        if (client.destroyed) return;
        answers(chunk);
        stats.bytesDown += chunk.length;
        if (cutAfter !== null) {
          const room = cutAfter - downSinceSet;
          downSinceSet += chunk.length;
          if (room < chunk.length) {
            if (room > 0) client.write(chunk.subarray(0, room));
            stats.cut += 1;
            cutDone = true;
            cutAll();
            return;
          }
        }
        client.write(chunk);
      };
      if (down) down(deliver, chunk.length);
      else later(deliver);
    });
    const end = (): void => {
      const close = (): void => {
        client.destroy();
        upstream.destroy();
        shadow?.destroy();
      };
      // Behind a line, the close waits for the bytes still on it.
      if (down) down(close, 0);
      else later(close);
    };
    upstream.on('close', end);
    client.on('close', () => {
      upstream.destroy();
      // The shadow finishes its replay on its own; it is closed shortly after.
      setTimeout(() => shadow?.destroy(), 2_000).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    mode: () => mode,
    stats: () => ({ ...stats, requests: [...stats.requests] }),
    set(next, options = {}) {
      mode = next;
      delayMs = options.delayMs ?? delayMs;
      resetAfterBytes = options.resetAfterBytes ?? resetAfterBytes;
      if (options.line !== undefined) {
        up = options.line ? createLine(options.line.bitsPerSecond, options.line.latencyMs) : null;
        down = options.line ? createLine(options.line.bitsPerSecond, options.line.latencyMs) : null;
      }
      cutAfter = options.cutAfterBytes ?? null;
      downSinceSet = 0;
      cutDone = false;
      hold = options.hold ?? null;
      // Kept-alive connections would carry on in the old mode: cut them.
      cutAll();
    },
    retarget(port) {
      target = port;
      cutAll();
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
