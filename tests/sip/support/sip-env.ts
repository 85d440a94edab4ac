// Where the SIP suite's processes are: written by global-setup, read by tests and fixtures.
export const SIP_DOMAIN = '127.0.0.1';
export const SIP_SECRET = 'sapa-test-secret-0123456789';
/**
 * Addresses on the namespace's lo (all of 127.0.0.0/8 is local there, no set-up needed):
 * sipp calls from TRUNK_IP as the carrier's trunk, from STRANGER_IP as anyone else.
 * SAPA_SIP_TRUNKS also holds 127.0.0.1: the customer phones (Chromium over WebSocket,
 * which always connects from 127.0.0.1) stand in for trunk callers.
 */
export const TRUNK_IP = '127.0.0.2';
export const STRANGER_IP = '127.0.0.3';
export const SIP_TRUNKS = `127.0.0.1,${TRUNK_IP}`;
/** rtpengine's NG control address inside the namespace (scripts/rtpengine.sh default). */
export const RTPENGINE_NG = '127.0.0.1:22222';
/**
 * The carrier's side for outbound calls: a sipp UAS listens here (GATEWAY_IP is a trunk
 * address too, like a carrier whose gateway also sends its calls).
 */
export const GATEWAY_IP = TRUNK_IP;
export const GATEWAY_PORT = 5080;
export const GATEWAY = `${GATEWAY_IP}:${GATEWAY_PORT}`;
/** Kamailio's evapi socket the server's SIP bridge connects to (SAPA_SIP_EVAPI). */
export const EVAPI_HOST = '127.0.0.1';
export const EVAPI_PORT = 8448;
export const SITE_CODE = 'jakarta';
/**
 * The suite server's SAPA_QUEUE_ANNOUNCE_S: 5 s of music between a waiting caller's
 * announcements (the lowest the server takes; production's default is 30), so
 * hotline-callback.spec.ts hears several within a queue's limit.
 */
export const QUEUE_ANNOUNCE_S = 5;
/** The company's number outbound calls show (SAPA_SIP_CALLER_ID). */
export const CALLER_ID = '+622150001234';
/** Kamailio's JSON-RPC listener (scripts/kamailio.sh defaults), which the server revokes through. */
export const RPC_URL = 'http://127.0.0.1:5090/RPC';

export interface SipSuiteEnv {
  serverUrl: string;
  wsUrl: string;
  sipPort: number;
  phoneUrl: string;
  kamailioDir: string;
}

export function suiteEnv(): SipSuiteEnv {
  const raw = process.env.SAPA_SIP_SUITE;
  if (!raw) throw new Error('the SIP suite global setup did not run');
  return JSON.parse(raw) as SipSuiteEnv;
}
