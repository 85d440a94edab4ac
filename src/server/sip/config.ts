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
import { type Role, ROLES } from '../../shared/domain.js';

export interface SipConfig {
  secret: string | null;
  domain: string;
  wsUrls: string[];
  credentialTtlS: number;
  rpcUrls: string[];
  recordRoles: Role[];
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
  };
}
