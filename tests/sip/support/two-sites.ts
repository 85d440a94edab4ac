// Two sites, Jakarta and Yogyakarta, as they would run: two Kamailio instances from our
// template (each with its own ports and run folder, the same secret) and a server of the
// test's own on PGlite whose credentials list both proxies and which revokes through both.
// Its own world, so that killing a proxy or queueing calls cannot touch the suite's Kamailio
// the other spec files use.
//   - failover (proxy-failover.spec.ts): the proxies alone;
//   - `queue`: each site's Kamailio also has its evapi queue and its own rtpengine (NG, CLI
//     and media ports of its own), and the one server bridges both sites (SAPA_SIP_BRIDGE),
//     overflows each to the other (SAPA_SIP_PEER_SITES) and gives each site's agents their
//     own site's proxy first (SAPA_SIP_SITE_PROXIES) — two-sites-queue.spec.ts.
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, ROOT, startProcess, type Running } from '../../e2e/support/processes.js';
import { kamailioSh } from './kamailio-sh.js';
import { killTree } from './process-tree.js';
import { rtpengineSh } from './rtpengine-sh.js';
import { SIP_DOMAIN, SIP_SECRET } from './sip-env.js';

export interface Site {
  code: string;
  wsUrl: string;
  rpcUrl: string;
  sipPort: number;
  dir: string;
}

export interface TwoSites {
  sites: [Site, Site];
  serverUrl: string;
  /** kill -9 of a site's Kamailio, every process of it (a crashed host, not a clean stop). */
  crash(site: Site): Promise<void>;
  /** A site's rtpengine log so far ('' without the queue). */
  rtpengineLog(site: Site): Promise<string>;
  close(): Promise<void>;
}

export interface TwoSitesOptions {
  /** Ports of the first site from here (SIP, WS, RPC, then evapi, NG, CLI), the second's at base + 100. */
  base?: number;
  /** Each site with its queue (evapi) and rtpengine, bridged by the server. */
  queue?: boolean;
  /** Server environment besides the world's (e.g. SAPA_QUEUE_ANNOUNCE_S). */
  serverEnv?: Record<string, string>;
}

const CODES = ['jakarta', 'yogyakarta'] as const;
/** Each site's rtpengine media ports (the suite's is at 30000-30999). */
const MEDIA_PORTS = [[31000, 31199], [31200, 31399]] as const;

interface SitePorts { sip: number; ws: number; rpc: number; evapi: number; ng: number; cli: number; media: readonly [number, number] }

export async function startTwoSites(options: TwoSitesOptions = {}): Promise<TwoSites> {
  const base = options.base ?? 5260;
  const queue = options.queue ?? false;
  const ports: SitePorts[] = [0, 1].map((i) => {
    const b = base + 100 * i;
    return { sip: b, ws: b + 1, rpc: b + 2, evapi: b + 3, ng: b + 4, cli: b + 5, media: MEDIA_PORTS[i] ?? MEDIA_PORTS[0] };
  });
  const sites = await Promise.all(ports.map(async (p, i) => ({
    code: CODES[i] ?? 'jakarta', sipPort: p.sip, wsUrl: `ws://${SIP_DOMAIN}:${p.ws}`, rpcUrl: `http://127.0.0.1:${p.rpc}/RPC`,
    dir: await mkdtemp(path.join(os.tmpdir(), 'sapa-sip-site-')),
  }))) as [Site, Site];
  const rtpDir = (site: Site) => path.join(site.dir, 'rtpengine');
  const ng = (p: SitePorts) => `127.0.0.1:${p.ng}`;
  const kamailio = (command: 'start' | 'stop', i: number) => {
    const site = sites[i]!; const p = ports[i]!;
    kamailioSh(command, {
      SAPA_KAMAILIO_DIR: site.dir, SAPA_SIP_PORT: String(p.sip), SAPA_SIP_WS_PORT: String(p.ws), SAPA_SIP_RPC_PORT: String(p.rpc),
      ...(queue ? { SAPA_SIP_EVAPI: `127.0.0.1:${p.evapi}`, SAPA_SITE_CODE: site.code, SAPA_RTPENGINE_NG: ng(p), SAPA_KAMAILIO_DEBUG: '2' } : {}),
    });
  };
  const rtpengine = (command: 'start' | 'stop', i: number) => {
    const site = sites[i]!; const p = ports[i]!;
    rtpengineSh(command, {
      SAPA_RTPENGINE_DIR: rtpDir(site), SAPA_RTPENGINE_NG: ng(p), SAPA_RTPENGINE_CLI: `127.0.0.1:${p.cli}`,
      SAPA_RTPENGINE_PORT_MIN: String(p.media[0]), SAPA_RTPENGINE_PORT_MAX: String(p.media[1]), SAPA_RTPENGINE_LOG_LEVEL: '7',
    });
  };
  const stopAll = () => {
    for (const i of [0, 1]) {
      try { kamailio('stop', i); } catch { /* crashed or never started */ }
      if (queue) try { rtpengine('stop', i); } catch { /* never started */ }
    }
  };

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sip-two-sites-'));
  const port = await freePort();
  let server: Running;
  try {
    for (const i of [0, 1]) {
      if (queue) rtpengine('start', i);
      kamailio('start', i);
    }
    const queueEnv: Record<string, string> = queue ? {
      SAPA_SIP_BRIDGE: sites.map((s, i) => `${s.code}=127.0.0.1:${ports[i]!.evapi}@${ng(ports[i]!)}`).join(','),
      // where a call sent to a site goes: that site's Kamailio (each overflows to the other)
      SAPA_SIP_PEER_SITES: sites.map((s) => `${s.code}=127.0.0.1:${s.sipPort}`).join(','),
      SAPA_SIP_SITE_PROXIES: sites.map((s) => `${s.code}=${s.wsUrl}`).join(','),
    } : {};
    server = await startProcess('src/server/main.ts', {
      SAPA_SIP_SECRET: SIP_SECRET, SAPA_SIP_DOMAIN: SIP_DOMAIN,
      SAPA_SIP_WS_URLS: sites.map((s) => s.wsUrl).join(','), SAPA_SIP_RPC_URLS: sites.map((s) => s.rpcUrl).join(','),
      SAPA_RECORDINGS_DIR: path.join(dataDir, 'recordings'), ...queueEnv, ...options.serverEnv,
      SAPA_DEMO: '1', SAPA_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
    }, `http://127.0.0.1:${port}/api/v1/health`, 'server (two sites)');
  } catch (error) {
    stopAll();
    throw error;
  }
  const serverLog = createWriteStream(path.join(dataDir, 'server.log'));
  server.child.stdout?.pipe(serverLog);
  server.child.stderr?.pipe(serverLog);
  return {
    sites,
    serverUrl: server.url,
    async crash(site) {
      const pid = Number((await readFile(path.join(site.dir, 'kamailio.pid'), 'utf8')).trim());
      killTree(pid);
    },
    rtpengineLog: (site) => readFile(path.join(rtpDir(site), 'rtpengine.log'), 'utf8').catch(() => ''),
    async close() {
      await server.stop();
      stopAll();
      // Each site's logs outlive the run (test-results/sip-logs/two-sites-<site>-…).
      const logs = path.join(ROOT, 'test-results/sip-logs');
      await mkdir(logs, { recursive: true });
      await copyFile(path.join(dataDir, 'server.log'), path.join(logs, 'two-sites-server.log')).catch(() => undefined);
      for (const site of sites) {
        await copyFile(path.join(site.dir, 'kamailio.log'), path.join(logs, `two-sites-${site.code}-kamailio.log`)).catch(() => undefined);
        await copyFile(path.join(rtpDir(site), 'rtpengine.log'), path.join(logs, `two-sites-${site.code}-rtpengine.log`)).catch(() => undefined);
      }
      for (const dir of [dataDir, ...sites.map((s) => s.dir)]) await rm(dir, { recursive: true, force: true });
    },
  };
}
