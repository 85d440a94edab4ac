// Failures per key (a client address) in a fixed window, in this process's memory: a brake
// on guessing sharing codes (a million of them; ten wrong tries per address per ten minutes).
// @fastify/rate-limit counts HTTP requests; a socket's first frame is not one, hence this.
const MAX_KEYS = 10_000;

export interface FailureBudget {
  exhausted(key: string, now?: number): boolean;
  spend(key: string, now?: number): void;
}

export function createFailureBudget(max: number, windowMs: number): FailureBudget {
  const counts = new Map<string, { since: number; n: number }>();
  const current = (key: string, now: number) => {
    const c = counts.get(key);
    return c && now - c.since < windowMs ? c : null;
  };
  return {
    exhausted: (key, now = Date.now()) => (current(key, now)?.n ?? 0) >= max,
    spend(key, now = Date.now()) {
      const c = current(key, now);
      if (c) c.n++;
      else {
        // Bounded: the oldest entry goes first (Map keeps insertion order).
        if (counts.size >= MAX_KEYS) counts.delete(counts.keys().next().value as string);
        counts.delete(key);
        counts.set(key, { since: now, n: 1 });
      }
    },
  };
}
