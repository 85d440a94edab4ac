// Confirms the session cache's entries in use against the database, all in one query every
// half TTL: an entry the database still holds the same answers for another TTL, any other
// goes. A desktop that beats every 60 s so never waits on the database for its session,
// while no entry answers on a confirmation older than the TTL (30 s). Revocations do not wait
// for this (revocation-channel.ts drops them at once); this catches whatever the channel
// could not tell — a notification lost with a dying connection, a sessions table truncated
// or restored, triggers switched off — within the TTL (docs/decisions/0020).
import { type FastifyBaseLogger } from 'fastify';
import { type SessionUser } from '../../shared/http.js';
import { type Db } from '../db/db.js';
import { type LiveSession, type SessionCache } from './session-cache.js';

const CHUNK = 5_000;

export interface SessionSweep {
  /** One round now (tests; the timer calls it every half TTL). */
  sweep(): Promise<void>;
  stop(): void;
}

export function startSessionSweep(
  db: Db, cache: SessionCache, ttlMs: number, log: FastifyBaseLogger, now: () => number = Date.now,
): SessionSweep {
  let running = false;
  let failing = false;

  async function sweep(): Promise<void> {
    if (running || !cache.enabled) return;
    running = true;
    try {
      const held = cache.inUse();
      for (let i = 0; i < held.length; i += CHUNK) {
        const hashes = held.slice(i, i + CHUNK).map((h) => h.tokenHash);
        const epoch = cache.epoch();
        const startedAt = now();
        const rows = await db.query<{ token_hash: string; id: string; username: string; display_name: string; role: SessionUser['role']; expires_at: Date }>(
          `SELECT s.token_hash, u.id, u.username, u.display_name, u.role, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ANY($1::text[]) AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
          [hashes]);
        const live = new Map<string, LiveSession>(rows.map((r) => [r.token_hash, {
          user: { id: r.id, username: r.username, displayName: r.display_name, role: r.role },
          expiresAtMs: new Date(r.expires_at).getTime(),
        }]));
        cache.confirm(hashes, live, startedAt, epoch);
      }
      failing = false;
    } catch (error) {
      // Entries then age out after the TTL: the requests ask the database themselves.
      if (!failing) log.warn({ err: error }, 'session cache not confirmed with the database; entries expire within the TTL');
      failing = true;
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void sweep(), Math.max(1_000, Math.floor(ttlMs / 2)));
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
