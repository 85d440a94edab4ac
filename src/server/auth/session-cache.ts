// The session check from memory: token hash → the session's user and expiry, only while
// this instance hears every revocation (revocation-channel.ts turns it on once its LISTEN
// is up, and off when that connection drops). A heartbeat then costs no PostgreSQL round
// trip; a session that ends anywhere is dropped here at once by the channel, not after the
// TTL (docs/decisions/0020). The TTL bounds how long an entry answers since the database
// last confirmed it: session-sweep.ts confirms every entry in use with one query per half
// TTL, so a desktop beating every 60 s stays in memory while nothing it holds is older than
// 30 s. Refusals are never cached: a wrong or revoked token always asks the database.
import { type SessionUser } from '../../shared/http.js';

export interface SessionCacheOptions {
  /** How long an entry may answer since the database last confirmed it (0: no cache). */
  ttlMs: number;
  /** An entry nobody used for this long is not confirmed again, and goes (default 5 min). */
  idleMs?: number;
  /** Entries at most; the oldest go first. */
  maxEntries: number;
  now?: () => number;
}

export interface LiveSession {
  user: SessionUser;
  /** The session's own expiry (sessions.expires_at), enforced from memory too. */
  expiresAtMs: number;
}

export interface SessionCache {
  /** The user of a cached, unexpired session (a copy: routes may not change the cached one), or null. */
  get(tokenHash: string): SessionUser | null;
  /** Read before asking the database; `put` ignores an answer read before a revocation arrived. */
  epoch(): number;
  put(tokenHash: string, session: LiveSession, epochAtRead: number): void;
  /** Forgets every session of `userId` (a revocation heard from the channel). */
  dropUser(userId: string): void;
  /** Forgets everything (a revocation of unknown reach, e.g. the sessions table truncated). */
  dropAll(): void;
  /** The entries worth confirming (used lately, not expired); idle and expired ones go. */
  inUse(): { tokenHash: string; session: LiveSession }[];
  /**
   * The database's answer for `checked`, read from `readStartedAtMs` on: an entry the
   * database still holds the same (`live`) is confirmed as of then, unless a revocation
   * arrived meanwhile; every other checked entry goes.
   */
  confirm(checked: readonly string[], live: ReadonlyMap<string, LiveSession>, readStartedAtMs: number, epochAtRead: number): void;
  /** Serving from memory only while revocations are heard; either way everything cached is forgotten. */
  setEnabled(enabled: boolean): void;
  readonly enabled: boolean;
  size(): number;
}

interface Entry extends LiveSession { cachedAtMs: number; usedAtMs: number }

function sameSession(a: LiveSession, b: LiveSession): boolean {
  return a.expiresAtMs === b.expiresAtMs && a.user.id === b.user.id && a.user.username === b.user.username
    && a.user.displayName === b.user.displayName && a.user.role === b.user.role;
}

export function createSessionCache(options: SessionCacheOptions): SessionCache {
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? 5 * 60_000;
  const entries = new Map<string, Entry>();
  const byUser = new Map<string, Set<string>>();
  let epoch = 0;
  let enabled = false;

  const remove = (tokenHash: string): void => {
    const entry = entries.get(tokenHash);
    if (!entry) return;
    entries.delete(tokenHash);
    const hashes = byUser.get(entry.user.id);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) byUser.delete(entry.user.id);
  };

  const clear = (): void => {
    epoch += 1;
    entries.clear();
    byUser.clear();
  };

  return {
    get(tokenHash) {
      if (!enabled) return null;
      const entry = entries.get(tokenHash);
      if (!entry) return null;
      const t = now();
      if (t >= entry.expiresAtMs || t - entry.cachedAtMs >= options.ttlMs) {
        remove(tokenHash);
        return null;
      }
      entry.usedAtMs = t;
      return { ...entry.user };
    },
    epoch: () => epoch,
    put(tokenHash, session, epochAtRead) {
      if (!enabled || options.ttlMs <= 0 || epochAtRead !== epoch) return;
      remove(tokenHash);
      if (entries.size >= options.maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) remove(oldest.value);
      }
      const t = now();
      entries.set(tokenHash, { user: { ...session.user }, expiresAtMs: session.expiresAtMs, cachedAtMs: t, usedAtMs: t });
      let hashes = byUser.get(session.user.id);
      if (!hashes) byUser.set(session.user.id, (hashes = new Set()));
      hashes.add(tokenHash);
    },
    dropUser(userId) {
      // The epoch moves even when nothing is cached: a read of this user in flight must not land.
      epoch += 1;
      for (const tokenHash of [...(byUser.get(userId) ?? [])]) remove(tokenHash);
    },
    dropAll: clear,
    inUse() {
      const t = now();
      const out: { tokenHash: string; session: LiveSession }[] = [];
      for (const [tokenHash, entry] of [...entries]) {
        if (t >= entry.expiresAtMs || t - entry.usedAtMs >= idleMs) remove(tokenHash);
        else out.push({ tokenHash, session: { user: entry.user, expiresAtMs: entry.expiresAtMs } });
      }
      return out;
    },
    confirm(checked, live, readStartedAtMs, epochAtRead) {
      for (const tokenHash of checked) {
        const entry = entries.get(tokenHash);
        if (!entry) continue;
        const held = live.get(tokenHash);
        if (!held || !sameSession(entry, held)) remove(tokenHash);
        else if (epochAtRead === epoch) entry.cachedAtMs = Math.max(entry.cachedAtMs, readStartedAtMs);
      }
    },
    setEnabled(on) {
      enabled = on;
      clear();
    },
    get enabled() { return enabled; },
    size: () => entries.size,
  };
}
