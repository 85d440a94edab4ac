// Which proxy the softphone tries next, and after how long (pure). The credentials list the
// proxies in failover order (two sites: each site's Kamailio); after a transport loss or a
// registration the proxy cannot serve, the next attempt goes to the next proxy in the list,
// round and round, so a dead site costs one short delay instead of a back-off on a corpse.

/** Delay of each attempt in round `round` (0 = the first pass over the list); the last repeats. */
const ROUND_DELAY_MS = [500, 1000, 2000, 4000, 5000] as const;

/** How long to wait before reconnect attempt `attempt` (0 = the first after a loss), one proxy. */
export function reconnectDelayMs(attempt: number): number {
  return ROUND_DELAY_MS[Math.min(Math.max(attempt, 0), ROUND_DELAY_MS.length - 1)] ?? 5000;
}

export interface ProxyAttempt {
  /** Index into the proxy list. */
  index: number;
  delayMs: number;
}

/**
 * Attempt `attempt` (0-based, counted since the last successful registration) after losing
 * proxy `lostIndex`: the proxies after it first, the lost one last in each round. The delay
 * grows per round, not per proxy, so every proxy of the list is tried within seconds.
 */
export function nextProxy(lostIndex: number, attempt: number, proxyCount: number): ProxyAttempt {
  const count = Math.max(proxyCount, 1);
  const n = Math.max(attempt, 0);
  return { index: (lostIndex + 1 + n) % count, delayMs: reconnectDelayMs(Math.floor(n / count)) };
}

/**
 * A REGISTER refusal another proxy might not give: the proxy is overloaded, shutting down or
 * cannot reach its registrar (5xx, 408 timeout, 480). 4xx auth answers (401/403: the
 * credentials) would be the same everywhere: the softphone stops and says why instead.
 */
export function refusalWorthFailover(statusCode: number): boolean {
  return statusCode >= 500 || statusCode === 408 || statusCode === 480;
}
