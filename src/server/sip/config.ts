// SIP settings of the server, from the environment (the same secret is in Kamailio's
// config, see scripts/kamailio.sh):
//   SAPA_SIP_SECRET        auth_ephemeral shared secret (unset → SIP credentials are refused)
//   SAPA_SIP_DOMAIN        SIP domain / Kamailio alias            (default 127.0.0.1)
//   SAPA_SIP_WS_URLS       proxies' WebSocket URLs, comma-separated (default ws://127.0.0.1:8088)
//   SAPA_SIP_CREDENTIAL_TTL_S  credential lifetime in seconds     (default 43200 = a shift)
//   SAPA_SIP_RPC_URLS      proxies' JSON-RPC URLs the server revokes credentials through,
//                          comma-separated (default http://127.0.0.1:5090/RPC; scripts/kamailio.sh
//                          SAPA_SIP_RPC_HOST/PORT). Empty → no proxy is told (revocation then
//                          waits for the credentials' expiry: do not run production so)
//   SAPA_RECORD_ROLES      roles whose calls are recorded          (default agent,lead,admin)
//   SAPA_SIP_SITE_PROXIES  which site each proxy of the list is at: "<site>=<ws url>", comma-separated
//                          (a site may list several). An agent whose branch is at a site gets that
//                          site's proxies first in their credentials, the others after them for
//                          failover (empty: everyone gets the list in its own order)
import { type Role, ROLES } from '../../shared/domain.js';

export interface SipConfig {
  secret: string | null;
  domain: string;
  wsUrls: string[];
  credentialTtlS: number;
  rpcUrls: string[];
  recordRoles: Role[];
  /** Proxy WebSocket URL → the site it is at (SAPA_SIP_SITE_PROXIES). */
  proxySites: Record<string, string>;
}

export class SipConfigError extends Error {}

function proxySitesFrom(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of (text ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    const site = entry.slice(0, eq);
    const url = entry.slice(eq + 1).trim();
    if (eq < 1 || !/^[a-z0-9][a-z0-9_-]{0,39}$/.test(site) || !/^wss?:\/\/\S+$/.test(url)) {
      throw new SipConfigError(`SAPA_SIP_SITE_PROXIES: "${entry}" must be <site code>=<ws:// or wss:// URL>`);
    }
    out[url] = site;
  }
  return out;
}

/**
 * The proxy list for an agent at `site`: that site's proxies first, then the others, each
 * group in the list's own order (a site's agents register at their own Kamailio, which is the
 * one that rings them; the other site's is their failover).
 */
export function proxiesForSite(wsUrls: readonly string[], proxySites: Readonly<Record<string, string>>, site: string | null): string[] {
  if (!site) return [...wsUrls];
  const own = wsUrls.filter((u) => proxySites[u] === site);
  return [...own, ...wsUrls.filter((u) => proxySites[u] !== site)];
}

export function sipConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SipConfig {
  const ttl = Number(env.SAPA_SIP_CREDENTIAL_TTL_S ?? 43_200);
  const roles = (env.SAPA_RECORD_ROLES ?? ROLES.join(','))
    .split(',').map((r) => r.trim()).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return {
    secret: env.SAPA_SIP_SECRET && env.SAPA_SIP_SECRET.length >= 16 ? env.SAPA_SIP_SECRET : null,
    domain: env.SAPA_SIP_DOMAIN ?? '127.0.0.1',
    wsUrls: (env.SAPA_SIP_WS_URLS ?? 'ws://127.0.0.1:8088').split(',').map((u) => u.trim()).filter(Boolean),
    credentialTtlS: Number.isInteger(ttl) && ttl >= 60 ? ttl : 43_200,
    rpcUrls: (env.SAPA_SIP_RPC_URLS ?? 'http://127.0.0.1:5090/RPC').split(',').map((u) => u.trim()).filter(Boolean),
    recordRoles: roles,
    proxySites: proxySitesFrom(env.SAPA_SIP_SITE_PROXIES),
  };
}
