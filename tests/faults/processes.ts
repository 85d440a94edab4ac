// Child processes for the kill -9 tests: a server and a desktop core, each killable.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { desktopKeyEnv } from '../support/desktop-key.js';

// node itself with tsx's loader (not the tsx binary, which runs node as a child that a
// SIGKILL of the wrapper would leave running).
const NODE_ARGS = ['--import', 'tsx'];
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

// Generous: on a loaded 2-core machine tsx compiling the server alone can take 20 s.
const START_TIMEOUT_MS = 60_000;

function waitForLine(child: ChildProcess, prefix: string, timeoutMs = START_TIMEOUT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${prefix}" from child within ${timeoutMs} ms`)), timeoutMs);
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      if (line.startsWith(prefix)) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before "${prefix}"`)));
  });
}

export interface ServerProcess { url: string; child: ChildProcess; kill(): Promise<void> }

export async function spawnServer(databaseUrl: string, port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, here('./procs/server-main.ts')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await startedOrKilled(child, 'READY ');
  return { url: line.slice(6), child, kill: () => killHard(child) };
}

export interface CoreProcess {
  call<T>(method: string, input?: unknown): Promise<T>;
  kill(): Promise<void>;
}

/** A desktop core process; `env` adds sync settings it reads (e.g. SAPA_WORKING_SET_LIMIT). */
export async function spawnCore(dataDir: string, urls: string[], env: Record<string, string> = {}): Promise<CoreProcess> {
  const child = spawn(process.execPath, [...NODE_ARGS, here('./procs/core-main.ts')], {
    env: { ...process.env, ...desktopKeyEnv(dataDir), ...env, SAPA_DATA_DIR: dataDir, SAPA_SERVER_URLS: urls.join(','), SAPA_LOG_LEVEL: 'error' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await startedOrKilled(child, 'READY');
  let next = 0;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const answer = JSON.parse(line) as { id: number; ok: boolean; output?: unknown; error?: unknown };
    const w = waiting.get(answer.id);
    waiting.delete(answer.id);
    if (answer.ok) w?.resolve(answer.output);
    else w?.reject(answer.error);
  });
  return {
    call<T>(method: string, input: unknown = {}) {
      const id = ++next;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.stdin!.write(`${JSON.stringify({ id, method, input })}\n`);
      });
    },
    kill: () => killHard(child),
  };
}

/** A child that never said it was ready is killed, not left running after the test. */
async function startedOrKilled(child: ChildProcess, prefix: string): Promise<string> {
  try {
    return await waitForLine(child, prefix);
  } catch (error) {
    await killHard(child);
    throw error;
  }
}

async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
