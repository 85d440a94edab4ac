// Short-lived opaque links for playback. The renderer's <audio> element needs a URL it can
// stream and seek; putting the session token in it would let any page that learns the URL
// play as the agent, so core mints a random token per recording instead. A token names one
// recording for one signed-in user, lapses after a quiet spell (each request renews it) and
// dies with the session (`clear()` at sign-out).
import { randomBytes } from 'node:crypto';

/** A playing recording asks for ranges every few seconds; a paused one may sit for a while. */
export const PLAYBACK_IDLE_MS = 30 * 60_000;
/** No link outlives a working day, however busy. */
export const PLAYBACK_MAX_AGE_MS = 12 * 3600_000;
/** Enough for every recording on a long timeline; the oldest link goes first. */
export const MAX_PLAYBACK_TOKENS = 200;
/** 32 random bytes in base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface PlaybackGrant {
  recordingId: string;
  userId: string;
}

interface Entry extends PlaybackGrant {
  createdAt: number;
  lastUsedAt: number;
}

export interface PlaybackTokens {
  mint(grant: PlaybackGrant): string;
  /** The grant behind a live token (renewing it), or null when unknown, malformed or lapsed. */
  use(token: string): PlaybackGrant | null;
  clear(): void;
  readonly size: number;
}

export function createPlaybackTokens(clock: () => number = Date.now): PlaybackTokens {
  // A Map keeps insertion order, so the first key is the oldest link.
  const entries = new Map<string, Entry>();
  const alive = (entry: Entry, now: number) =>
    now - entry.lastUsedAt < PLAYBACK_IDLE_MS && now - entry.createdAt < PLAYBACK_MAX_AGE_MS;

  return {
    mint(grant) {
      const now = clock();
      for (const [token, entry] of entries) if (!alive(entry, now)) entries.delete(token);
      while (entries.size >= MAX_PLAYBACK_TOKENS) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      const token = randomBytes(32).toString('base64url');
      entries.set(token, { ...grant, createdAt: now, lastUsedAt: now });
      return token;
    },
    use(token) {
      if (!TOKEN_PATTERN.test(token)) return null;
      const entry = entries.get(token);
      if (!entry) return null;
      const now = clock();
      if (!alive(entry, now)) {
        entries.delete(token);
        return null;
      }
      entry.lastUsedAt = now;
      return { recordingId: entry.recordingId, userId: entry.userId };
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
