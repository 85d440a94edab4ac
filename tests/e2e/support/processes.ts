// Starting Sapa's real processes (server, browser host) as children for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

export async function freePort(): Promise<number> {
  const srv = createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  srv.close();
  return port;
}

export interface Running {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Runs a TypeScript entry point with tsx and waits until `readyUrl` answers 200. */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
  readyUrl: string,
  name: string,
): Promise<Running> {
  const child = spawn(TSX, [path.join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, SAPA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // PGlite's cold start plus the demo seed took 55 s on a 2-core machine shared by several
  // test runs: 60 s failed suites that had nothing wrong.
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(readyUrl);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not become ready at ${readyUrl}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url: new URL(readyUrl).origin,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}

/** Runs a TypeScript script to completion (e.g. the seeder); throws with its output on failure. */
export async function runScript(entry: string, args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn(TSX, [path.join(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${entry} failed (${code}):\n${output.slice(-4000)}`);
}
