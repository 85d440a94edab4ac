// The SIP bridge's settings, from the environment:
//   SAPA_SIP_BRIDGE        the Kamailios this server bridges, "<site>=<evapi host:port>@<rtpengine NG host:port>",
//                          comma-separated, e.g. "jakarta=127.0.0.1:8448@127.0.0.1:22222" (empty: no bridge)
//   SAPA_SIP_PEER_SITES    where a call sent to a site goes: "<site>=<that site's Kamailio SIP host:port>",
//                          comma-separated (overflow and the schedule forward calls there)
//   SAPA_QUEUE_ANNOUNCE_S  seconds of music between a waiting caller's announcements of position / wait (default 30)
//   SAPA_PROMPTS_DIR       the prompts folder (default resources/prompts of this checkout; rtpengine
//                          must see the same absolute paths)
// A malformed entry stops the server at start with a message naming it: a bridge that
// silently skips a site leaves its callers in the queue forever.
import path from 'node:path';

export interface BridgeSite { siteCode: string; evapiHost: string; evapiPort: number; ngHost: string; ngPort: number }

export interface SipBridgeConfig {
  sites: BridgeSite[];
  peerSites: Record<string, string>;
  announceEveryMs: number;
  promptsDir: string;
}

const SITE = /^[A-Za-z0-9_-]{1,16}$/;
const HOST_PORT = /^([A-Za-z0-9.-]+):([0-9]{1,5})$/;

export class SipBridgeConfigError extends Error {}

function hostPort(text: string, what: string): [string, number] {
  const m = HOST_PORT.exec(text);
  const port = Number(m?.[2]);
  if (!m?.[1] || !(port >= 1 && port <= 65535)) throw new SipBridgeConfigError(`${what}: "${text}" is not host:port`);
  return [m[1], port];
}

function entries(text: string | undefined, name: string): [string, string][] {
  return (text ?? '').split(',').map((e) => e.trim()).filter(Boolean).map((entry) => {
    const eq = entry.indexOf('=');
    const site = entry.slice(0, eq);
    if (eq < 1 || !SITE.test(site)) throw new SipBridgeConfigError(`${name}: "${entry}" must be <site code>=<address>`);
    return [site, entry.slice(eq + 1)];
  });
}

export function sipBridgeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): SipBridgeConfig {
  const sites = entries(env.SAPA_SIP_BRIDGE, 'SAPA_SIP_BRIDGE').map(([siteCode, value]) => {
    const [evapi, ng] = value.split('@');
    if (!evapi || !ng) throw new SipBridgeConfigError(`SAPA_SIP_BRIDGE: "${siteCode}=${value}" must be <evapi host:port>@<rtpengine NG host:port>`);
    const [evapiHost, evapiPort] = hostPort(evapi, 'SAPA_SIP_BRIDGE');
    const [ngHost, ngPort] = hostPort(ng, 'SAPA_SIP_BRIDGE');
    return { siteCode, evapiHost, evapiPort, ngHost, ngPort };
  });
  const peerSites: Record<string, string> = {};
  for (const [site, value] of entries(env.SAPA_SIP_PEER_SITES, 'SAPA_SIP_PEER_SITES')) {
    hostPort(value, 'SAPA_SIP_PEER_SITES');
    peerSites[site] = value;
  }
  const announce = Number(env.SAPA_QUEUE_ANNOUNCE_S ?? 30);
  if (!Number.isInteger(announce) || announce < 5 || announce > 600) throw new SipBridgeConfigError('SAPA_QUEUE_ANNOUNCE_S must be a whole number of seconds, 5-600');
  return { sites, peerSites, announceEveryMs: announce * 1000, promptsDir: path.resolve(root, env.SAPA_PROMPTS_DIR ?? 'resources/prompts') };
}
