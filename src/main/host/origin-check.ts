// The browser host's sender check: a WebSocket is accepted only from a page the host itself
// served. The Origin must be http://<Host header>, and the Host must name this machine's
// loopback on our port — so another web site (or a DNS-rebinding name) can never drive core.
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.toLowerCase());
  if (!match) return false;
  const [, name, portText] = match;
  return name !== undefined && LOOPBACK_NAMES.has(name) && Number(portText ?? 80) === port;
}

export function isAllowedOrigin(origin: string | undefined, hostHeader: string | undefined, port: number): boolean {
  if (!origin || !isLoopbackHost(hostHeader, port)) return false;
  return origin.toLowerCase() === `http://${hostHeader?.toLowerCase()}`;
}
