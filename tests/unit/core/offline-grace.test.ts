// The offline grace at its edge, on core's own clock: a stored session that ended within
// SAPA_OFFLINE_GRACE_HOURS still signs the agent in (no server needed); one that ended
// longer ago is dropped, auth.session says why, the open window hears it as
// session.changed, and signing in stays refused while the server cannot be reached.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openCacheStore } from '../../../src/main/core/cache-tables.js';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

const HOUR = 3600_000;
const ENDED = Date.parse('2026-12-01T08:00:00Z');
const USER = { id: '00000000-0000-4000-8000-0000000000a1', username: 'agent1', displayName: 'Sari Wulandari', role: 'agent' as const };

let dir: string;
let core: Core | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-grace-'));
  const store = openCacheStore(dir, desktopKeyFor(dir));
  store.state.saveSession({ token: 't', user: USER, expiresAt: new Date(ENDED).toISOString(), serverUrl: 'http://127.0.0.1:9' });
  store.close();
});
afterEach(async () => {
  await core?.close();
  await rm(dir, { recursive: true, force: true });
});

const start = (hoursAfterEnd: number) => createCore({
  dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: ['http://127.0.0.1:9'], appVersion: '1', host: 'browser', systemLocale: 'id-ID',
  offlineGraceSeconds: 2 * 3600, live: false, clock: () => ENDED + hoursAfterEnd * HOUR,
});

it('within the grace the stored session still signs the agent in', async () => {
  core = start(1.9);
  await expect(core.call('auth.session', {})).resolves.toEqual({ user: USER });
});

it('past the grace the session is dropped and core says why, also to an open window', async () => {
  core = start(2.1);
  const heard: unknown[] = [];
  core.on('session.changed', (payload) => heard.push(payload));
  const notice = { reason: 'offline_grace_over', graceHours: 2 };
  await expect(core.call('auth.session', {})).resolves.toEqual({ user: null, signedOut: notice });
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(heard).toEqual([{ user: null, signedOut: notice }]);
  // Data needs a session now; the reason stays until someone signs in.
  await expect(core.call('customers.search', { query: 'budi' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await expect(core.call('auth.login', { username: 'agent1', password: 'agent1-pass' })).rejects.toMatchObject({ code: 'OFFLINE' });
  await expect(core.call('auth.session', {})).resolves.toEqual({ user: null, signedOut: notice });
});
