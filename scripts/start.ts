// `npm start`: the product on its embedded defaults — the central server on PGlite in
// .data/server (seeded with demo data on first run), Kamailio for the softphone when it is
// installed, and one desktop through the browser host in .data/desktop. Open the printed
// URL in a browser. Ctrl+C stops everything.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const serverPort = process.env.PORT ?? '4010';
const hostPort = process.env.SAPA_HOST_PORT ?? '5173';
const children: ChildProcess[] = [];
const kamailioScript = path.join(root, 'scripts/kamailio.sh');
const hasKamailio = spawnSync('sh', ['-c', 'command -v kamailio || test -x /usr/sbin/kamailio']).status === 0;
// A fresh shared secret per start: the server issues SIP credentials that Kamailio checks.
const sipSecret = process.env.SAPA_SIP_SECRET ?? randomBytes(24).toString('hex');

// The demo desktop's key (it encrypts .data/desktop's cache and spool): made once, in a
// file only this user may read, as the browser host requires (src/main/host/desktop-key.ts).
const desktopKeyFile = path.join(root, '.data/desktop.key');
if (!existsSync(desktopKeyFile)) {
  mkdirSync(path.dirname(desktopKeyFile), { recursive: true });
  writeFileSync(desktopKeyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
}

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
  if (hasKamailio) spawnSync('bash', [kamailioScript, 'stop'], { stdio: 'ignore', env: { ...process.env, SAPA_SIP_SECRET: sipSecret } });
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

if (hasKamailio && existsSync(kamailioScript)) {
  // On this one machine a caller on loopback (sipp, a SIP phone app) plays the carrier's
  // trunk; a real install lists its carrier's addresses (docs/operator-guide.md).
  const trunks = process.env.SAPA_SIP_TRUNKS ?? '127.0.0.1';
  const started = spawnSync('bash', [kamailioScript, 'restart'], {
    stdio: 'inherit', env: { ...process.env, SAPA_SIP_SECRET: sipSecret, SAPA_SIP_TRUNKS: trunks },
  });
  if (started.status !== 0) console.error('Kamailio did not start: the softphone will show why it cannot register.');
} else {
  console.error('Kamailio is not installed (Debian: kamailio kamailio-websocket-modules kamailio-autheph-modules): the softphone will not register.');
}
// SAPA_DEMO=1: this is the demo, so the embedded database gets the demo users (seed/demo-gate.ts).
run('src/server/main.ts', { PORT: serverPort, SAPA_SIP_SECRET: sipSecret, SAPA_DEMO: '1' });
await waitFor(`http://127.0.0.1:${serverPort}/api/v1/health`, 'the server');
run('src/main/host/cli.ts', {
  SAPA_SERVER_URLS: `http://127.0.0.1:${serverPort}`, SAPA_HOST_PORT: hostPort, SAPA_DESKTOP_KEY_FILE: desktopKeyFile,
});
await waitFor(`http://127.0.0.1:${hostPort}/`, 'the browser host');
console.log(`\nSapa is running: open http://127.0.0.1:${hostPort}/  (demo users: agent1/agent1-pass, lead1/lead1-pass, admin1/admin1-pass)\n`);
