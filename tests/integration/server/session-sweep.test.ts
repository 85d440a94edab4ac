// The session cache's confirmation round (auth/session-sweep.ts) against a real database:
// what the database still holds the same answers on, a revoked session, a disabled user and
// a changed role go, and a confirmed entry outlives the TTL from its first read (so a
// desktop beating every 60 s stays in memory with a 30 s TTL). The clock is the test's.
import pino from 'pino';
import { expect, it } from 'vitest';
import { createSessionCache } from '../../../src/server/auth/session-cache.js';
import { startSessionSweep } from '../../../src/server/auth/session-sweep.js';
import { createSession, hashToken, lookupSession } from '../../../src/server/auth/sessions.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';
import { insertTestUser } from '../helpers/users.js';

forEachDatabase('session cache confirmations', (engine) => {
  const s = useTestServer(engine);

  it('confirms what is unchanged, drops what was revoked, disabled or re-roled, and stops at the TTL without a round', async () => {
    const db = s.current.server.db;
    let t = Date.now();
    const cache = createSessionCache({ ttlMs: 30_000, maxEntries: 100, now: () => t });
    cache.setEnabled(true);
    const sweep = startSessionSweep(db, cache, 30_000, pino({ level: 'silent' }), () => t);
    try {
      const ids = await Promise.all(['kept', 'revoked', 'disabled', 'reroled'].map((name) =>
        insertTestUser(db, { username: `sweep.${name}`, password: 'sweep-pass', displayName: name, role: 'lead' })));
      const tokens: string[] = [];
      for (const id of ids) {
        const { token } = await createSession(db, id, 3_600_000);
        const session = await lookupSession(db, hashToken(token));
        if (!session) throw new Error('no session');
        cache.put(hashToken(token), session, cache.epoch());
        tokens.push(token);
      }
      const [kept, revoked, disabled, reroled] = tokens.map(hashToken) as [string, string, string, string];
      const [, , disabledId, reroledId] = ids as [string, string, string, string];
      await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1', [revoked]);
      await db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabledId]);
      await db.query("UPDATE users SET role = 'agent' WHERE id = $1", [reroledId]);
      t += 20_000;
      expect(cache.get(revoked)).not.toBeNull(); // nothing told this cache (no channel here)
      await sweep.sweep();
      expect(cache.get(revoked)).toBeNull();
      expect(cache.get(disabled)).toBeNull();
      expect(cache.get(reroled)).toBeNull();
      t += 25_000; // 45 s after the first read, 25 s after the confirmation
      expect(cache.get(kept)?.username).toBe('sweep.kept');
      t += 10_000; // no round for 35 s: past the TTL
      expect(cache.get(kept)).toBeNull();
    } finally {
      sweep.stop();
    }
  });
});
