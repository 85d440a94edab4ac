// A TCP fault proxy between desktops and a server. Modes, switchable at any time:
//   pass       forward both ways
//   drop       refuse new connections at once (and cut the open ones)
//   delay      forward, holding each chunk `delayMs` in both directions
//   reset      forward the request, then cut the connection with RST after `resetAfterBytes`
//              bytes of the answer (a response lost mid-way: the server did the work)
//   blackhole  accept and swallow everything, answer nothing (the client must time out)
//   duplicate  forward, and replay every byte the client sends on a second upstream
//              connection whose answers are thrown away (each push arrives twice)
// The proxy counts what it did (stats()), so a test can show its fault was met, not just set.
import net from 'node:net';

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
}

// How the server answers a mutation it had already applied (shared/sync.ts PushResult).
const DUPLICATE_MARK = '"status":"duplicate"';

export interface FaultProxy {
  url: string;
  port: number;
  mode(): FaultMode;
  /** What the proxy has done since it started (counts only grow). */
  stats(): FaultStats;
  set(mode: FaultMode, options?: { delayMs?: number; resetAfterBytes?: number }): void;
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
  const stats: FaultStats = { refused: 0, swallowed: 0, delayed: 0, cut: 0, replayed: 0, duplicateAnswers: 0 };

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
    if (current === 'drop') {
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
    client.on('data', (chunk) => {
      later(() => {
        if (!upstream.destroyed) upstream.write(chunk);
        if (shadow && !shadow.destroyed) {
          stats.replayed += 1;
          shadow.write(chunk);
        }
      });
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
      later(() => {
        if (client.destroyed) return;
        answers(chunk);
        client.write(chunk);
      });
    });
    const end = (): void => {
      later(() => {
        client.destroy();
        upstream.destroy();
        shadow?.destroy();
      });
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
    stats: () => ({ ...stats }),
    set(next, options = {}) {
      mode = next;
      delayMs = options.delayMs ?? delayMs;
      resetAfterBytes = options.resetAfterBytes ?? resetAfterBytes;
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
