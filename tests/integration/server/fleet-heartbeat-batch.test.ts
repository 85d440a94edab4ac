// Routine heartbeats written in batches (src/server/fleet/heartbeat-batch.ts), on PostgreSQL
// and PGlite: news (a first beat, another user, another version, an update step) is in the
// table when the request returns; "still here" waits for the flush, then all of it lands in
// one statement with each desktop's last facts, its user and its user's site; the flush
// timer writes without being asked; and a beat's time seen is when it arrived, not when it
// was written.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { type SessionUser } from '../../../src/shared/http.js';
import { type DesktopHeartbeat } from '../../../src/shared/updates.js';
import { createHeartbeatBatch } from '../../../src/server/fleet/heartbeat-batch.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

function heartbeat(over: Partial<DesktopHeartbeat> = {}): DesktopHeartbeat {
  return {
    installId: randomUUID(), machineName: 'SBY-CC-PC-003', os: 'windows', osVersion: 'Windows 11 Pro 10.0.22631',
    appVersion: '1.4.2', electronVersion: '45.5.0', chromeVersion: '142.0.7444.52',
    updateState: null, cacheBytes: 1_000, lastSyncAt: '2026-12-02T01:00:00.000Z', ...over,
  };
}

forEachDatabase('heartbeat batches', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 } });
  let agent: SessionUser;
  let lead: SessionUser;

  const row = async (installId: string) => (await t.current.server.db.query<{
    user_id: string; site_code: string | null; cache_bytes: number; app_version: string; last_seen_at: Date | string;
  }>('SELECT user_id, site_code, cache_bytes, app_version, last_seen_at FROM desktops WHERE install_id = $1', [installId]))[0];

  beforeAll(async () => {
    const db = t.current.server.db;
    await db.query(`INSERT INTO sites (code, name) VALUES ('sby', 'Surabaya')`);
    await db.query(`INSERT INTO branches (code, name, site_code) VALUES ('Surabaya', 'Surabaya', 'sby')`);
    await db.query(`UPDATE users SET branch = 'Surabaya' WHERE username = 'agent1'`);
    const users = await db.query<{ id: string; username: string; display_name: string; role: SessionUser['role'] }>(
      `SELECT id, username, display_name, role FROM users WHERE username IN ('agent1', 'lead1')`);
    const as = (name: string): SessionUser => {
      const u = users.find((x) => x.username === name);
      if (!u) throw new Error(`no ${name}`);
      return { id: u.id, username: u.username, displayName: u.display_name, role: u.role };
    };
    agent = as('agent1');
    lead = as('lead1');
  });

  it('writes news at once and routine beats at the flush, each desktop with its last facts, user and site', async () => {
    const batch = createHeartbeatBatch(t.current.server.db, { flushMs: 60_000 });
    const a = heartbeat();
    const b = heartbeat({ machineName: 'SBY-CC-PC-004' });
    await batch.record(agent, a);
    await batch.record(agent, b);
    expect(await row(a.installId)).toMatchObject({ site_code: 'sby', cache_bytes: 1000 });

    // "Still here" with a bigger cache: waits.
    await batch.record(agent, { ...a, cacheBytes: 2_000 });
    await batch.record(agent, { ...a, cacheBytes: 3_000 });
    await batch.record(agent, { ...b, cacheBytes: 5_000 });
    expect((await row(a.installId))?.cache_bytes).toBe(1000);
    await batch.flush();
    expect((await row(a.installId))?.cache_bytes).toBe(3000);
    expect(await row(b.installId)).toMatchObject({ cache_bytes: 5000, site_code: 'sby' });

    // News: an update step, another version, another user — each in the table at once.
    await batch.record(agent, { ...a, updateState: { phase: 'downloading', version: '1.5.0', percent: 10, at: new Date().toISOString() } });
    const [stored] = await t.current.server.db.query<{ phase: string }>(
      `SELECT update_state->>'phase' AS phase FROM desktops WHERE install_id = $1`, [a.installId]);
    expect(stored?.phase).toBe('downloading');
    await batch.record(agent, { ...a, appVersion: '1.5.0' });
    expect((await row(a.installId))?.app_version).toBe('1.5.0');
    await batch.record(lead, { ...a, appVersion: '1.5.0' });
    expect(await row(a.installId)).toMatchObject({ user_id: lead.id, site_code: null });
    await batch.close();
  });

  it('a routine beat that waited keeps the time it arrived, and the timer writes it unasked', async () => {
    const batch = createHeartbeatBatch(t.current.server.db, { flushMs: 50 });
    const a = heartbeat();
    await batch.record(agent, a);
    await t.current.server.db.query(`UPDATE desktops SET last_seen_at = now() - interval '1 hour' WHERE install_id = $1`, [a.installId]);
    const arrived = Date.now();
    await batch.record(agent, { ...a, cacheBytes: 9_000 });
    await expect.poll(async () => (await row(a.installId))?.cache_bytes, { timeout: 10_000 }).toBe(9000);
    const seen = new Date((await row(a.installId))?.last_seen_at ?? 0).getTime();
    expect(Math.abs(seen - arrived)).toBeLessThan(5_000);
    await batch.close();
  });

  it('with flushMs 0 every beat is written in its request', async () => {
    const batch = createHeartbeatBatch(t.current.server.db, { flushMs: 0 });
    const a = heartbeat();
    await batch.record(agent, a);
    await batch.record(agent, { ...a, cacheBytes: 4_242 });
    expect((await row(a.installId))?.cache_bytes).toBe(4242);
  });
});
