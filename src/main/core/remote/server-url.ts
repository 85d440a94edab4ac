// Which server URLs core accepts. The desktop sends the session token, customer data and
// recordings to these URLs, so plain http:// is allowed only to this machine (loopback:
// the tests, the demo, a local TLS-terminating proxy); every other server must be https://.
// Checked where core takes its server list (createServerClient), so the rule holds for the
// Electron shell and the browser host alike. The live channel follows: https → wss.
import { SapaError } from '../../../shared/errors.js';

/** True for 127.0.0.0/8, ::1 and localhost (a WHATWG-parsed hostname: IPv6 in brackets). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  // The URL parser has already turned 127.1, 0x7f.0.0.1 and the like into dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The server URL as core uses it (no trailing slash), or INVALID_INPUT saying why not:
 * not a URL, not http(s), http:// to a host that is not loopback, or credentials in it.
 */
export function checkServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SapaError('INVALID_INPUT', `Not a server URL: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SapaError('INVALID_INPUT', `A server URL must start with https:// (got ${url.protocol}//): ${raw}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new SapaError(
      'INVALID_INPUT',
      `Refusing plain http:// to ${url.hostname}: use https:// (http:// is allowed only to this machine: 127.0.0.0/8, ::1, localhost)`,
    );
  }
  if (url.username || url.password) {
    // They would be sent in the clear to every log on the way; the session token is the credential.
    throw new SapaError('INVALID_INPUT', `A server URL must not contain a user name or password: ${url.host}`);
  }
  if (url.search || url.hash) {
    throw new SapaError('INVALID_INPUT', `A server URL must not have a query or fragment: ${url.host}`);
  }
  return url.toString().replace(/\/$/, '');
}
