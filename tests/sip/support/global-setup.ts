// The SIP suite's world, inside a network namespace (scripts/test-sip.sh runs Playwright
// under `unshare -n` with only `lo` up): the real server on PGlite (PostgreSQL on the
// host is not reachable from a new namespace), the real Kamailio from our template, and a
// static page for the "customer phone" (sip.js bundled by esbuild).
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { freePort, ROOT, startProcess, type Running } from '../../e2e/support/processes.js';
import { scheduleAllDay } from './hotline.js';
import { kamailioSh } from './kamailio-sh.js';
import { rtpengineSh } from './rtpengine-sh.js';
import { CALLER_ID, EVAPI_HOST, EVAPI_PORT, GATEWAY, QUEUE_ANNOUNCE_S, RTPENGINE_NG, SIP_DOMAIN, SIP_SECRET, SITE_CODE, type SipSuiteEnv } from './sip-env.js';

declare global {
  var sapaSipSuite: { server: Running; phone: Server; dirs: string[]; kamailioDir: string; rtpengineDir: string } | undefined;
}

export const WS_PORT = 8088;
export const SIP_PORT = 5060;

export function kamailio(command: 'start' | 'stop', kamailioDir: string): void {
  kamailioSh(command, {
    SAPA_KAMAILIO_DIR: kamailioDir, SAPA_SIP_PORT: String(SIP_PORT), SAPA_SIP_WS_PORT: String(WS_PORT),
    SAPA_RTPENGINE_NG: RTPENGINE_NG, SAPA_SIP_TRUNK_GATEWAY: GATEWAY, SAPA_SIP_CALLER_ID: CALLER_ID,
    SAPA_SIP_EVAPI: `${EVAPI_HOST}:${EVAPI_PORT}`, SAPA_SITE_CODE: SITE_CODE,
  });
}

/** The site's media relay (scripts/rtpengine.sh), on the namespace's loopback. */
export function rtpengine(command: 'start' | 'stop', rtpengineDir: string): void {
  rtpengineSh(command, { SAPA_RTPENGINE_DIR: rtpengineDir, SAPA_RTPENGINE_NG: RTPENGINE_NG });
}

export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sip-server-'));
  const kamailioDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sip-kamailio-'));
  const rtpengineDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sip-rtpengine-'));
  const wsUrl = `ws://${SIP_DOMAIN}:${WS_PORT}`;
  // The SIP bridge is on (SAPA_SIP_BRIDGE, the site's evapi + rtpengine NG): a trunk call to a
  // hotline goes through the real router (hotline-queue.spec.ts). Calls to an extension and
  // WebSocket callers never enter route[QUEUE], so the other specs do not meet the queue.
  const sipEnv = {
    SAPA_SIP_SECRET: SIP_SECRET, SAPA_SIP_DOMAIN: SIP_DOMAIN, SAPA_SIP_WS_URLS: wsUrl,
    SAPA_RECORDINGS_DIR: path.join(dataDir, 'recordings'),
    SAPA_SIP_BRIDGE: `${SITE_CODE}=${EVAPI_HOST}:${EVAPI_PORT}@${RTPENGINE_NG}`,
    SAPA_QUEUE_ANNOUNCE_S: String(QUEUE_ANNOUNCE_S),
  };
  Object.assign(process.env, { SAPA_SIP_WS_URLS: wsUrl });
  rtpengine('start', rtpengineDir);
  try {
    kamailio('start', kamailioDir);
  } catch (error) {
    rtpengine('stop', rtpengineDir);   // the teardown does not run when the setup fails
    throw error;
  }
  const port = await freePort();
  let server: Running;
  try {
    server = await startProcess(
      'src/server/main.ts',
      // The case clock may be run ahead (POST /test/clock, admins): complaint-journey.spec.ts.
      { ...sipEnv, SAPA_DEMO: '1', SAPA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', SAPA_TEST_CLOCK: '1' },
      `http://127.0.0.1:${port}/api/v1/health`,
      'server (PGlite)',
    );
  } catch (error) {
    // Kamailio and rtpengine are daemons: without this they outlive a failed setup.
    kamailio('stop', kamailioDir);
    rtpengine('stop', rtpengineDir);
    throw error;
  }
  // The suite's world is one site: Jakarta takes the hotline at every hour the suite runs at
  // (the seeded schedule sends it to Yogyakarta, which has no Kamailio here, 23:00-07:00).
  try {
    await scheduleAllDay(SITE_CODE, server.url);
  } catch (error) {
    await server.stop();
    kamailio('stop', kamailioDir);
    rtpengine('stop', rtpengineDir);
    throw error;
  }
  // The server's log (warnings: the SIP bridge's among them) outlives the run too.
  const serverLog = createWriteStream(path.join(dataDir, 'server.log'));
  server.child.stdout?.pipe(serverLog);
  server.child.stderr?.pipe(serverLog);

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
  globalThis.sapaSipSuite = { server, phone, dirs: [dataDir, kamailioDir, rtpengineDir], kamailioDir, rtpengineDir };
}

export async function globalTeardown(): Promise<void> {
  const suite = globalThis.sapaSipSuite;
  if (!suite) return;
  kamailio('stop', suite.kamailioDir);
  rtpengine('stop', suite.rtpengineDir);
  await suite.server.stop();
  suite.phone.close();
  // The proxies' and the media relay's logs outlive the run (test-results/sip-logs/).
  const logs = path.join(ROOT, 'test-results/sip-logs');
  await mkdir(logs, { recursive: true });
  await copyFile(path.join(suite.kamailioDir, 'kamailio.log'), path.join(logs, 'kamailio.log')).catch(() => undefined);
  await copyFile(path.join(suite.rtpengineDir, 'rtpengine.log'), path.join(logs, 'rtpengine.log')).catch(() => undefined);
  await copyFile(path.join(suite.dirs[0] ?? '', 'server.log'), path.join(logs, 'server.log')).catch(() => undefined);
  for (const dir of suite.dirs) await rm(dir, { recursive: true, force: true });
}
