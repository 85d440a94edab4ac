// The first-start screen's address check: the address must be a server URL by core's rules
// (https://, plain http:// only to this machine) and answer GET /api/v1/health as a Sapa
// server does, before it is saved. A bare host name gets https:// in front.
import { SapaError } from '../../../shared/errors.js';
import { API_PREFIX } from '../../../shared/http.js';
import { ROUTES } from '../../../shared/routes.js';
import { type ConnectRefusal } from '../../../shared/server-setup-api.js';
import { checkServerUrl, isLoopbackHost } from '../remote/server-url.js';

export const HEALTH_TIMEOUT_MS = 8_000;

function refuse(code: 'INVALID_INPUT' | 'OFFLINE', reason: ConnectRefusal, message: string): SapaError {
  return new SapaError(code, message, { reason });
}

/** The address as a server URL (no trailing slash), or INVALID_INPUT with details.reason. */
export function serverUrlFromAddress(address: string): string {
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `https://${address}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('INVALID_INPUT', 'not_a_url', `Not a server address: ${address}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw refuse('INVALID_INPUT', 'http_remote', `Plain http:// is allowed only to this machine; use https://${url.host}`);
  }
  if (url.username || url.password) {
    throw refuse('INVALID_INPUT', 'has_credentials', 'A server address must not contain a user name or password');
  }
  try {
    return checkServerUrl(raw);
  } catch (error) {
    throw refuse('INVALID_INPUT', 'not_a_url', error instanceof Error ? error.message : String(error));
  }
}

/** Resolves when `base` answers its health route as a Sapa server; else OFFLINE / INVALID_INPUT. */
export async function checkSapaServer(base: string, timeoutMs = HEALTH_TIMEOUT_MS): Promise<void> {
  let response: Response;
  try {
    // No redirects: a captive portal or a web server's redirect is not the Sapa server.
    response = await fetch(`${base}${API_PREFIX}${ROUTES.health.path}`, {
      headers: { accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw refuse('OFFLINE', 'unreachable', `${base} cannot be reached${cause}`);
  }
  let body: unknown = null;
  try {
    body = response.ok ? await response.json() : null;
  } catch {
    body = null;
  }
  const health = ROUTES.health.answer.safeParse(body);
  if (!response.ok || !health.success || !health.data.ok) {
    throw refuse('INVALID_INPUT', 'not_sapa', `${base} answered ${API_PREFIX}/health with HTTP ${response.status}, not as a Sapa server`);
  }
}
