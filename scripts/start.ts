// `npm start`: the product on its embedded defaults — the central server on PGlite in
// .data/server (seeded with demo data on first run) and one desktop through the browser
// host in .data/desktop. Open the printed URL in a browser. Ctrl+C stops both.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const serverPort = process.env.PORT ?? '4010';
const hostPort = process.env.SAPA_HOST_PORT ?? '5173';
const children: ChildProcess[] = [];

function run(entry: string, env: Record<string, string>): ChildProcess {
  const child = spawn(tsx, [path.join(root, entry)], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.push(child);
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) {
      console.error(`${entry} stopped with code ${code}`);
      shutdown(1);
    }
  });
  return child;
}

function shutdown(code = 0): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500);
}
process.on('SIGINT', () => shutdown());
process.on('SIGTERM', () => shutdown());

async function waitFor(url: string, what: string): Promise<void> {
  // First start seeds the demo set into a new PGlite database: allow it a couple of minutes.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not start at ${url}`);
}

run('src/server/main.ts', { PORT: serverPort });
await waitFor(`http://127.0.0.1:${serverPort}/api/v1/health`, 'the server');
run('src/main/host/cli.ts', { SAPA_SERVER_URLS: `http://127.0.0.1:${serverPort}`, SAPA_HOST_PORT: hostPort });
await waitFor(`http://127.0.0.1:${hostPort}/`, 'the browser host');
console.log(`\nSapa is running: open http://127.0.0.1:${hostPort}/  (demo users: agent1/agent1-pass, lead1/lead1-pass, admin1/admin1-pass)\n`);
