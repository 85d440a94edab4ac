// A real core signing in to a real server registers its desktop at once (the install id of
// its data folder, this machine's name, the app version, the browser host's null Electron
// versions); an admin's core reads it back through admin.fleet.*; an agent's core refuses;
// an update step reaches the fleet view at once, not at the next minute's beat.
import { mkdtemp, rm } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { loadInstallId } from '../../../src/main/core/fleet/install-id.js';
import { type UpdaterPort, type UpdaterPortEvent } from '../../../src/main/core/updates/port.js';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let server: RunningServer;
const dirs: string[] = [];
const cores: Core[] = [];

async function desktop(appVersion: string): Promise<{ core: Core; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sapa-fleet-core-'));
  dirs.push(dataDir);
  const core = createCore({
    dataDir, desktopKey: desktopKeyFor(dataDir), serverUrls: [server.url], appVersion, host: 'browser', systemLocale: 'en-US',
    syncIntervalSeconds: 3600, live: false,
  });
  cores.push(core);
  return { core, dataDir };
}

async function rowOf(installId: string, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await server.db.query<{ app_version: string; machine_name: string; electron_version: string | null; user_id: string }>(
      'SELECT app_version, machine_name, electron_version, user_id FROM desktops WHERE install_id = $1', [installId]);
    if (row || Date.now() > until) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const serverDir = await mkdtemp(join(tmpdir(), 'sapa-fleet-server-'));
  dirs.push(serverDir);
  server = await startServer({ dataDir: serverDir, seedDemo: { customers: 2, interactionsMean: 0 } });
});

afterAll(async () => {
  for (const core of cores) await core.close();
  await server?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

it('registers the desktop at sign-in, and an admin sees it through core', async () => {
  const { core, dataDir } = await desktop('2.0.0-test');
  const installId = loadInstallId(dataDir);
  expect(await rowOf(installId, 300)).toBeUndefined(); // nothing before sign-in
  await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  const row = await rowOf(installId);
  expect(row).toMatchObject({ app_version: '2.0.0-test', machine_name: os.hostname().slice(0, 120), electron_version: null });

  const { core: adminCore } = await desktop('2.0.0-admin');
  await adminCore.call('auth.login', { username: 'admin1', password: 'admin1-pass' });
  const page = await adminCore.call('admin.fleet.list', { machine: os.hostname().slice(0, 120) });
  expect(page.desktops.find((d) => d.installId === installId)).toMatchObject({ appVersion: '2.0.0-test', username: 'agent1' });
  const versions = await adminCore.call('admin.fleet.versions', {});
  expect(versions.versions.find((v) => v.appVersion === '2.0.0-test')).toMatchObject({ desktops: 1, online: 1 });
  const { fileName, csv } = await adminCore.call('admin.fleet.exportCsv', { appVersion: '2.0.0-test' });
  expect(fileName).toMatch(/^fleet-\d{4}-\d\d-\d\d\.csv$/);
  expect(csv).toContain(installId);

  await expect(core.call('admin.fleet.list', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
});

it('keeps its install id across sign-out and a new sign-in', async () => {
  const { core, dataDir } = await desktop('2.0.1-test');
  await core.call('auth.login', { username: 'lead1', password: 'lead1-pass' });
  const installId = loadInstallId(dataDir);
  expect(await rowOf(installId)).toBeDefined();
  await core.call('auth.logout', {});
  await core.call('auth.login', { username: 'agent2', password: 'agent2-pass' });
  const [agent2] = await server.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'agent2'`);
  const until = Date.now() + 10_000;
  let row = await rowOf(installId);
  while (row?.user_id !== agent2?.id && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    row = await rowOf(installId);
  }
  expect(row?.user_id).toBe(agent2?.id);
  expect(loadInstallId(dataDir)).toBe(installId);
  const [{ n } = { n: '0' }] = await server.db.query<{ n: string }>('SELECT count(*) AS n FROM desktops WHERE app_version = $1', ['2.0.1-test']);
  expect(Number(n)).toBe(1);
});

it('reports an update step to the fleet at once, with the error of a failed step', async () => {
  let emit: (event: UpdaterPortEvent) => void = () => undefined;
  const port: UpdaterPort = {
    check: async () => undefined, download: async () => undefined, install: () => undefined, setInstallOnQuit: () => undefined,
    onEvent: (listener) => {
      emit = listener;
      return () => undefined;
    },
  };
  const dataDir = await mkdtemp(join(tmpdir(), 'sapa-fleet-core-'));
  dirs.push(dataDir);
  const core = createCore({
    dataDir, desktopKey: desktopKeyFor(dataDir), serverUrls: [server.url], appVersion: '3.0.0-test', host: 'browser',
    systemLocale: 'en-US', syncIntervalSeconds: 3600, live: false, updater: port,
  });
  cores.push(core);
  await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  const installId = loadInstallId(dataDir);
  expect(await rowOf(installId)).toBeDefined();
  emit({ type: 'checking' });
  emit({ type: 'error', message: 'feed unreachable: ECONNREFUSED' });
  const until = Date.now() + 10_000;
  let state: { phase?: string; error?: string } | null = null;
  while (Date.now() < until) {
    const [row] = await server.db.query<{ update_state: { phase?: string; error?: string } | null }>(
      'SELECT update_state FROM desktops WHERE install_id = $1', [installId]);
    state = row?.update_state ?? null;
    if (state?.phase === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // Well before the next minute's beat: the step itself sent it.
  expect(state).toMatchObject({ phase: 'failed', error: expect.stringContaining('feed unreachable') });
});
