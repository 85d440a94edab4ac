// An admin orders a desktop to wipe its cache (a lost laptop): the order reaches the desktop
// at its next contact (a pull), which deletes its cached customers, outbox, session and
// spooled recordings and signs the agent out; the old token no longer works; the agent can
// sign in again and the cache fills again. Orders by user and by desktop (client id), both
// audited; only admins may order one.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { type SignedOutNotice } from '../../../src/shared/api.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer, type TestServer } from '../helpers/server.js';
import { desktopKeyFor, openTestCache } from '../../support/desktop-key.js';
import { BUDI_ID, waitFor } from './harness.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f(); });

async function desktop(server: TestServer): Promise<{ core: Core; dir: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-cache-wipe-'));
  const core = createCore({
    dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: [server.server.url], appVersion: 'test', host: 'browser',
    systemLocale: 'id-ID', syncIntervalSeconds: 3600, live: false,
  });
  cleanup.push(async () => { await core.close(); rmSync(dir, { recursive: true, force: true }); });
  return { core, dir };
}

function cachedCounts(dir: string): { customers: number; outbox: number; session: number } {
  const db = openTestCache(dir, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { customers: count('customers'), outbox: count('outbox'), session: count('session') };
  } finally {
    db.close();
  }
}

/** Signed in, synced, Budi opened and a recording spooled. */
async function busyDesktop(server: TestServer) {
  const d = await desktop(server);
  await d.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  await d.core.call('sync.now', {});
  await d.core.call('sync.now', {});
  expect((await d.core.call('customers.get360', { customerId: BUDI_ID })).customer.fullName).toBeTruthy();
  await d.core.call('recording.begin', { recordingId: randomUUID(), mime: 'audio/webm' });
  expect(cachedCounts(d.dir).customers).toBeGreaterThan(0);
  expect(readdirSync(path.join(d.dir, 'recordings')).length).toBeGreaterThan(0);
  return d;
}

async function orderWipe(server: TestServer, body: unknown, username = 'admin1') {
  const token = await server.login(username, `${username}-pass`);
  return server.api('/admin/cache-wipes', { method: 'POST', token, body: JSON.stringify(body) });
}

async function wipedOnNextContact(core: Core): Promise<void> {
  const heard: SignedOutNotice[] = [];
  const off = core.on('session.changed', (e) => { if (e.signedOut) heard.push(e.signedOut); });
  cleanup.push(off);
  await core.call('sync.now', {});
  await waitFor('the desktop wiped and signed out', () => heard.length > 0, 10_000, 50);
  expect(heard).toEqual([{ reason: 'cache_wiped' }]);
  expect(await core.call('auth.session', {})).toEqual({ user: null, signedOut: { reason: 'cache_wiped' } });
}

forEachDatabase('an admin wipes a desktop cache', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 12, interactionsMean: 1, seed: 11 } });

  it('by user: every desktop signed in as agent1 wipes at its next pull and signs out; agent1 signs in again and resyncs', async () => {
    const d = await busyDesktop(s.current);
    const [agent] = await s.current.server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'agent1'");
    const ordered = await orderWipe(s.current, { userId: agent!.id });
    expect(ordered.status).toBe(201);
    expect(ordered.body).toMatchObject({ userId: agent!.id, clientId: null, deliveredAt: null });

    await wipedOnNextContact(d.core);
    expect(cachedCounts(d.dir)).toEqual({ customers: 0, outbox: 0, session: 0 });
    expect(readdirSync(path.join(d.dir, 'recordings'))).toEqual([]);
    // The server revoked the session that heard the order.
    const revoked = await s.current.server.db.query('SELECT 1 FROM sessions WHERE revoked_at IS NOT NULL');
    expect(revoked.length).toBeGreaterThanOrEqual(1);

    // A new session is not covered by the old order: signing in works and the cache fills again.
    await d.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    const after = await d.core.call('sync.now', {});
    expect(after.state).toBe('idle');
    expect(cachedCounts(d.dir).customers).toBeGreaterThan(0);

    const audit = await s.current.server.db.query<{ action: string; subject: string | null }>(
      "SELECT action, subject FROM audit_log WHERE action LIKE 'cache_wipe_%' ORDER BY id");
    expect(audit.map((a) => a.action)).toEqual(['cache_wipe_ordered', 'cache_wipe_delivered']);
    expect(audit[0]?.subject).toBe(agent!.id);
  });

  it('by desktop: only the desktop with that client id wipes, once', async () => {
    const target = await busyDesktop(s.current);
    const other = await busyDesktop(s.current);
    const { clientId } = await target.core.call('sync.diagnostics', {});
    const ordered = await orderWipe(s.current, { clientId });
    expect(ordered.status).toBe(201);

    await wipedOnNextContact(target.core);
    expect(cachedCounts(target.dir).customers).toBe(0);
    expect((await other.core.call('sync.now', {})).state).toBe('idle');
    expect(cachedCounts(other.dir).customers).toBeGreaterThan(0);
    expect(await other.core.call('auth.session', {})).toMatchObject({ user: { username: 'agent1' } });

    // Delivered: the same desktop signs in again and is not wiped a second time.
    await target.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
    expect((await target.core.call('sync.now', {})).state).toBe('idle');
    expect(cachedCounts(target.dir).customers).toBeGreaterThan(0);
    const [row] = await s.current.server.db.query<{ delivered: boolean }>(
      'SELECT delivered_at IS NOT NULL AS delivered FROM cache_wipe_orders WHERE client_id = $1', [clientId]);
    expect(row?.delivered).toBe(true);
  });

  it('only admins may order a wipe, for one target, of a known user', async () => {
    const body = { clientId: randomUUID() };
    expect((await orderWipe(s.current, body, 'agent1')).status).toBe(403);
    expect((await orderWipe(s.current, body, 'lead1')).status).toBe(403);
    expect((await s.current.api('/admin/cache-wipes', { method: 'POST', body: JSON.stringify(body) })).status).toBe(401);
    const both = await orderWipe(s.current, { clientId: randomUUID(), userId: randomUUID() });
    expect(both).toMatchObject({ status: 400, body: { code: 'INVALID_INPUT' } });
    expect((await orderWipe(s.current, {})).status).toBe(400);
    expect((await orderWipe(s.current, { userId: randomUUID() })).body).toMatchObject({ code: 'NOT_FOUND' });
  });
});
