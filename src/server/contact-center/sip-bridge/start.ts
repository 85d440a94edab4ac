// Starts one bridge per configured site (SAPA_SIP_BRIDGE): its evapi link to that site's
// Kamailio, its rtpengine line, and the bridge between them and the router. Called by the
// server's start-up once the router (CallRouterPort) exists; returns the stop.
import type { FastifyBaseLogger } from 'fastify';
import type { CallRouterPort } from '../call-router-port.js';
import { createSipBridge, type SipBridge } from './bridge.js';
import type { SipBridgeConfig } from './config.js';
import { connectEvapi } from './evapi-client.js';
import { loadPrompts } from './prompts.js';
import { rtpengineNg } from './rtpengine-ng.js';

export function startSipBridges(router: CallRouterPort, config: SipBridgeConfig, secret: string, log: FastifyBaseLogger): () => void {
  if (config.sites.length === 0) return () => undefined;
  const prompts = loadPrompts(config.promptsDir);
  const stops = config.sites.map((site) => {
    const rtpengine = rtpengineNg(site.ngHost, site.ngPort);
    let bridge: SipBridge | null = null;
    const link = connectEvapi({
      host: site.evapiHost, port: site.evapiPort, secret, log,
      onEvent: (event) => {
        void bridge?.handle(event).catch((error: unknown) => log.warn({ err: error, site: site.siteCode, event: event.event }, 'SIP bridge: the router failed on a Kamailio event'));
      },
    });
    bridge = createSipBridge({ router, siteCode: site.siteCode, send: (c) => link.send(c), rtpengine, prompts, peerSites: config.peerSites, announceEveryMs: config.announceEveryMs, log });
    return () => { bridge?.close(); link.close(); rtpengine.close(); };
  });
  return () => { for (const stop of stops) stop(); };
}
