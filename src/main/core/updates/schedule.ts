// When to check the feed. 2,000 desktops switched on at 08:00 must not ask the server in
// the same second: the first check waits a random part of a window, and each later one a
// random ±10 % around the interval, so desktops that start together drift apart.
export const DEFAULT_CHECK_INTERVAL_MS = 4 * 3_600_000;
/** The first check comes 10 s after start plus up to this much. */
export const FIRST_CHECK_WINDOW_MS = 5 * 60_000;
const FIRST_CHECK_MIN_MS = 10_000;

/** `random` in [0, 1). */
export function firstCheckDelay(random: number, windowMs = FIRST_CHECK_WINDOW_MS): number {
  return Math.round(FIRST_CHECK_MIN_MS + random * windowMs);
}

export function nextCheckDelay(random: number, intervalMs = DEFAULT_CHECK_INTERVAL_MS): number {
  return Math.round(intervalMs * (0.9 + 0.2 * random));
}
