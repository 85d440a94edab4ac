// An admin disables an agent (or resets their password) while the agent's desktop is open:
// the live socket tells core why, core signs the agent out at once — long before its next
// pull (an hour away here) — and the sign-in screen's notice says why. A desktop whose live
// socket is not connected (another server instance) hears the reason on its next pull's 401.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { type SignedOutNotice } from '../../../src/shared/api.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer, type TestServer } from '../helpers/server.js';
import { insertTestUser } from '../helpers/users.js';
import { desktopKeyFor } from '../../support/desktop-key.js';
import { waitFor } from './harness.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f(); });

function desktop(server: TestServer, live: boolean): Core {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-disabled-'));
  const core = createCore({
    dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: [server.server.url], appVersion: 'test', host: 'browser',
    systemLocale: 'en-GB', syncIntervalSeconds: 3600, live,
  });
  cleanup.push(async () => { await core.close(); rmSync(dir, { recursive: true, force: true }); });
  return core;
}

function notices(core: Core): SignedOutNotice[] {
  const heard: SignedOutNotice[] = [];
  cleanup.push(core.on('session.changed', (e) => { if (e.signedOut) heard.push(e.signedOut); }));
  return heard;
}

forEachDatabase('a disabled user is signed out of an open desktop', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 3, interactionsMean: 0, seed: 5 } });
  const admin = async (path: string) => s.current.api(path, { method: 'POST', token: await s.current.login('admin1', 'admin1-pass') });

  it('disable: the live socket signs the desktop out within seconds and says the account was disabled', async () => {
    const id = await insertTestUser(s.current.server.db, { username: 'live.agent', password: 'live-agent-pass', displayName: 'Live', role: 'agent' });
    const core = desktop(s.current, true);
    const heard = notices(core);
    await core.call('auth.login', { username: 'live.agent', password: 'live-agent-pass' });
    await waitFor('the live channel is up', async () => (await core.call('sync.status', {})).live, 10_000, 50);

    expect((await admin(`/admin/users/${id}/disable`)).status).toBe(200);
    await waitFor('signed out', () => heard.length > 0, 5_000, 25);
    expect(heard).toContainEqual({ reason: 'account_disabled' });
    expect(await core.call('auth.session', {})).toEqual({ user: null, signedOut: { reason: 'account_disabled' } });
    await expect(core.call('auth.login', { username: 'live.agent', password: 'live-agent-pass' })).rejects.toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });

  it('password reset: the open desktop signs out and says the password was reset', async () => {
    const id = await insertTestUser(s.current.server.db, { username: 'reset.agent', password: 'reset-agent-pass', displayName: 'Reset', role: 'agent' });
    const core = desktop(s.current, true);
    const heard = notices(core);
    await core.call('auth.login', { username: 'reset.agent', password: 'reset-agent-pass' });
    await waitFor('the live channel is up', async () => (await core.call('sync.status', {})).live, 10_000, 50);
    expect((await admin(`/admin/users/${id}/password-reset`)).status).toBe(200);
    await waitFor('signed out', () => heard.length > 0, 15_000, 25);
    // The live message, or a request's 401 that beat it (it carries the same reason): either
    // way, and every time, the reason is the reset.
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.every((n) => n.reason === 'password_reset'), JSON.stringify(heard)).toBe(true);
  });

  it('without a live socket the next pull hears the reason in its 401', async () => {
    const id = await insertTestUser(s.current.server.db, { username: 'pull.agent', password: 'pull-agent-pass', displayName: 'Pull', role: 'agent' });
    const core = desktop(s.current, false);
    const heard = notices(core);
    await core.call('auth.login', { username: 'pull.agent', password: 'pull-agent-pass' });
    // The first sync (its priority step, pulls, working-set fetches) ends before the admin acts,
    // so the sync.now below starts a run of its own rather than joining one that has already
    // made its last request.
    await waitFor('the first sync', async () => (await core.call('sync.status', {})).state === 'idle', 15_000, 25);
    expect((await admin(`/admin/users/${id}/disable`)).status).toBe(200);
    expect(heard).toEqual([]);
    await core.call('sync.now', {});
    await waitFor('signed out', () => heard.length > 0, 5_000, 25);
    expect(heard).toEqual([{ reason: 'account_disabled' }]);
  });

  it('without a live socket a password reset is heard in the next pull\'s 401 (the session keeps why it ended)', async () => {
    const id = await insertTestUser(s.current.server.db, { username: 'pull.reset', password: 'pull-reset-pass', displayName: 'Pull reset', role: 'agent' });
    const core = desktop(s.current, false);
    const heard = notices(core);
    await core.call('auth.login', { username: 'pull.reset', password: 'pull-reset-pass' });
    // The first sync (its priority step, pulls, working-set fetches) ends before the admin acts,
    // so the sync.now below starts a run of its own rather than joining one that has already
    // made its last request.
    await waitFor('the first sync', async () => (await core.call('sync.status', {})).state === 'idle', 15_000, 25);
    expect((await admin(`/admin/users/${id}/password-reset`)).status).toBe(200);
    expect(heard).toEqual([]);
    await core.call('sync.now', {});
    await waitFor('signed out', () => heard.length > 0, 5_000, 25);
    expect(heard).toEqual([{ reason: 'password_reset' }]);
  });
});
