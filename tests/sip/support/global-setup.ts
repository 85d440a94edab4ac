// The SIP suite's world, inside a network namespace (scripts/test-sip.sh runs Playwright
// under `unshare -n` with only `lo` up): the real server on PGlite (PostgreSQL on the
// host is not reachable from a new namespace), the real Kamailio from our template, and a
// static page for the "customer phone" (sip.js bundled by esbuild).
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { freePort, ROOT, startProcess, type Running } from '../../e2e/support/processes.js';
import { SIP_DOMAIN, SIP_SECRET, SIP_TRUNKS, type SipSuiteEnv } from './sip-env.js';

declare global {
  var sapaSipSuite: { server: Running; phone: Server; dirs: string[]; kamailioDir: string } | undefined;
}

export const WS_PORT = 8088;
export const SIP_PORT = 5060;

export function kamailio(command: 'start' | 'stop', kamailioDir: string): void {
  execFileSync('bash', [path.join(ROOT, 'scripts/kamailio.sh'), command], {
    env: {
      ...process.env, SAPA_SIP_SECRET: SIP_SECRET, SAPA_KAMAILIO_DIR: kamailioDir,
      SAPA_SIP_PORT: String(SIP_PORT), SAPA_SIP_WS_PORT: String(WS_PORT), SAPA_SIP_HOST: SIP_DOMAIN,
      SAPA_SIP_TRUNKS: SIP_TRUNKS,
    },
    stdio: 'pipe',
  });
}

export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sip-server-'));
  const kamailioDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sip-kamailio-'));
  const wsUrl = `ws://${SIP_DOMAIN}:${WS_PORT}`;
  const sipEnv = {
    SAPA_SIP_SECRET: SIP_SECRET, SAPA_SIP_DOMAIN: SIP_DOMAIN, SAPA_SIP_WS_URLS: wsUrl,
    SAPA_RECORDINGS_DIR: path.join(dataDir, 'recordings'),
  };
  Object.assign(process.env, { SAPA_SIP_WS_URLS: wsUrl });
  kamailio('start', kamailioDir);
  const port = await freePort();
  const server = await startProcess(
    'src/server/main.ts',
    { ...sipEnv, SAPA_DEMO: '1', SAPA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    `http://127.0.0.1:${port}/api/v1/health`,
    'server (PGlite)',
  );

  const bundle = await build({
    entryPoints: [path.join(ROOT, 'tests/sip/support/customer-phone.ts')],
    bundle: true, format: 'iife', write: false, platform: 'browser', target: 'chrome120',
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const html = '<!doctype html><html><head><title>Customer phone</title></head><body><script src="/phone.js"></script></body></html>';
  const phone = createServer((req, res) => {
    if (req.url === '/phone.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  const phonePort = await freePort();
  await new Promise<void>((resolve) => phone.listen(phonePort, '127.0.0.1', resolve));

  const env: SipSuiteEnv = { serverUrl: server.url, wsUrl, sipPort: SIP_PORT, phoneUrl: `http://127.0.0.1:${phonePort}/`, kamailioDir };
  process.env.SAPA_SIP_SUITE = JSON.stringify(env);
  globalThis.sapaSipSuite = { server, phone, dirs: [dataDir, kamailioDir], kamailioDir };
}

export async function globalTeardown(): Promise<void> {
  const suite = globalThis.sapaSipSuite;
  if (!suite) return;
  kamailio('stop', suite.kamailioDir);
  await suite.server.stop();
  suite.phone.close();
  for (const dir of suite.dirs) await rm(dir, { recursive: true, force: true });
}
