// Budgets of the public widget endpoints (docs/web-widget.md). Per address: a flood from one
// address is refused with 429 while everyone else goes on; per conversation: one chat
// cannot flood its agent. In memory on each instance (a soft brake: the proof of work and
// the size limits hold whatever the instance).
export interface WebchatLimits {
  /** Chats and call-me requests started per address per minute. */
  startsPerIpPerMin: number;
  /** Every public request per address per minute (the widget's stream, messages, FAQ …). */
  requestsPerIpPerMin: number;
  /** Messages (and files) per conversation per minute. */
  messagesPerConversationPerMin: number;
  /** Typing marks per conversation per minute (the widget sends at most one every 2 s). */
  typingPerConversationPerMin: number;
  /** Proof-of-work difficulty (leading zero bits) and the shortest time to fill a form. */
  powBits: number;
  minFillMs: number;
}

export const DEFAULT_WEBCHAT_LIMITS: WebchatLimits = {
  startsPerIpPerMin: 5,
  requestsPerIpPerMin: 300,
  messagesPerConversationPerMin: 30,
  typingPerConversationPerMin: 40,
  powBits: 14,
  minFillMs: 1_500,
};

/** A fixed one-minute window per key: cheap, and exact enough for a brake. */
export function windowCounter(max: number, windowMs = 60_000) {
  const counts = new Map<string, { n: number; until: number }>();
  let lastSweep = Date.now();
  return {
    /** Spends one; answers the seconds to wait when over budget, else 0. */
    hit(key: string, now = Date.now()): number {
      if (now - lastSweep > windowMs) {
        for (const [k, v] of counts) if (v.until <= now) counts.delete(k);
        lastSweep = now;
      }
      const c = counts.get(key);
      if (!c || c.until <= now) {
        counts.set(key, { n: 1, until: now + windowMs });
        return 0;
      }
      c.n += 1;
      return c.n > max ? Math.ceil((c.until - now) / 1000) : 0;
    },
  };
}
