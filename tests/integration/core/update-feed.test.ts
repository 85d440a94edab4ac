// The browser host's update stand-in against a loopback HTTP server that serves a feed the
// way electron-builder writes it (latest.yml / latest-mac.yml, base64 sha512, sizes, a
// quoted releaseDate) plus Sapa's `sapaMandatoryAfter`, at the per-desktop path of the
// server's generic provider. Then the whole of core with the stand-in: the state the fleet
// view gets, the notice the renderer gets, and the next start.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { createLogger } from '../../../src/main/core/logger.js';
import { loadInstallId } from '../../../src/main/core/fleet/install-id.js';
import { type UpdaterPortEvent } from '../../../src/main/core/updates/port.js';
import { createFeedUpdater } from '../../../src/main/host/feed-updater.js';
import { type UpdatesStatus } from '../../../src/shared/updates-api.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

const installer = randomBytes(256 * 1024);
const installerSha512 = createHash('sha512').update(installer).digest('base64');
const zip = randomBytes(64 * 1024);
const zipSha512 = createHash('sha512').update(zip).digest('base64');
const wrongSha512 = createHash('sha512').update('something else').digest('base64');

/** latest.yml as electron-builder 26 writes it for an NSIS per-machine target. */
function latestYml(o: { version: string; sha512?: string; url?: string; mandatoryAfter?: string }): string {
  const url = o.url ?? `Sapa-Setup-${o.version}.exe`;
  const sha512 = o.sha512 ?? installerSha512;
  return [
    `version: ${o.version}`,
    'files:',
    `  - url: ${url}`,
    `    sha512: ${sha512}`,
    `    size: ${installer.length}`,
    '    isAdminRightsRequired: true',
    `path: ${url}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    ...(o.mandatoryAfter ? [`sapaMandatoryAfter: '${o.mandatoryAfter}'`] : []),
    '',
  ].join('\n');
}

function latestMacYml(version: string): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: Sapa-${version}-mac.zip`,
    `    sha512: ${zipSha512}`,
    `    size: ${zip.length}`,
    `  - url: Sapa-${version}.dmg`,
    `    sha512: ${wrongSha512}`,
    '    size: 10',
    `path: Sapa-${version}-mac.zip`,
    `sha512: ${zipSha512}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    '',
  ].join('\n');
}

interface Feed { yml: string; macYml?: string; requests: string[] }
let feed: Feed;
let server: Server;
let base: string;
let mirror: Server;
let mirrorBase: string;
let mirrorHits = 0;

function listen(s: Server): Promise<string> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    feed.requests.push(path);
    const m = /^\/api\/v1\/updates\/feed\/([0-9a-f-]{36})\/(.+)$/.exec(path);
    if (!m) return void res.writeHead(404).end();
    const name = m[2]!;
    if (name === 'latest.yml') return void res.writeHead(200, { 'content-type': 'text/yaml' }).end(feed.yml);
    if (name === 'latest-mac.yml' && feed.macYml) return void res.writeHead(200, { 'content-type': 'text/yaml' }).end(feed.macYml);
    if (name.endsWith('.exe')) return void res.writeHead(200, { 'content-length': installer.length }).end(installer);
    if (name.endsWith('-mac.zip')) return void res.writeHead(200, { 'content-length': zip.length }).end(zip);
    res.writeHead(404).end();
  });
  base = await listen(server);
  mirror = createServer((req, res) => {
    mirrorHits += 1;
    if ((req.url ?? '').startsWith('/sapa/Sapa-Setup-')) return void res.writeHead(200, { 'content-length': installer.length }).end(installer);
    res.writeHead(404).end();
  });
  mirrorBase = await listen(mirror);
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await new Promise((r) => mirror.close(r));
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-update-feed-'));
  feed = { yml: latestYml({ version: '1.5.0' }), requests: [] };
  mirrorHits = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const logger = createLogger('test', 'error');
const installId = '7d0c1f5e-2b7a-4f51-9a3e-5a2b1c0d9e8f';
const feedUrl = () => `${base}/api/v1/updates/feed/${installId}/`;

function standIn(appVersion = '1.4.0', platform: 'win32' | 'darwin' = 'win32') {
  const port = createFeedUpdater({ appVersion, cacheDir: join(dir, 'updates'), logger, platform });
  const events: UpdaterPortEvent[] = [];
  port.onEvent((e) => events.push(e));
  return { port, events, types: () => events.map((e) => e.type) };
}

describe('the browser host update stand-in', () => {
  it('reads latest.yml with electron-updater\'s parser, downloads the .exe and verifies its sha512', async () => {
    const { port, events, types } = standIn();
    await port.check(feedUrl());
    expect(feed.requests[0]).toBe(`/api/v1/updates/feed/${installId}/latest.yml`);
    expect(events.at(-1)).toEqual({ type: 'available', update: { version: '1.5.0', mandatoryAfter: null } });
    await port.download();
    expect(types()).toContain('progress');
    expect(events.at(-1)).toEqual({
      type: 'downloaded', update: { version: '1.5.0', mandatoryAfter: null }, source: new URL(base).host,
    });
    expect(await readFile(join(dir, 'updates', 'Sapa-Setup-1.5.0.exe'))).toEqual(installer);
  });

  it('refuses a file whose sha512 does not match the feed: failed with the checksum error, nothing kept', async () => {
    feed.yml = latestYml({ version: '1.5.0', sha512: wrongSha512 });
    const { port, events } = standIn();
    await port.check(feedUrl());
    await port.download();
    const last = events.at(-1)!;
    expect(last.type).toBe('error');
    expect(last.type === 'error' && last.message).toMatch(/sha512 checksum mismatch/);
    await expect(readFile(join(dir, 'updates', 'Sapa-Setup-1.5.0.exe'))).rejects.toThrow(/ENOENT/);
  });

  it('offers nothing when the feed\'s version is the same or older (never a downgrade)', async () => {
    for (const version of ['1.4.0', '1.3.9']) {
      feed.yml = latestYml({ version });
      const { port, events } = standIn('1.4.0');
      await port.check(feedUrl());
      expect(events.at(-1)).toEqual({ type: 'not-available', version });
    }
  });

  it('compares versions as semver, not as text (1.10.0 is newer than 1.9.3)', async () => {
    feed.yml = latestYml({ version: '1.10.0' });
    const { port, events } = standIn('1.9.3');
    await port.check(feedUrl());
    expect(events.at(-1)?.type).toBe('available');
  });

  it('reads the mandatory deadline from sapaMandatoryAfter, quoted or not', async () => {
    feed.yml = latestYml({ version: '1.4.1', mandatoryAfter: '2026-12-05T00:00:00.000Z' });
    const quoted = standIn();
    await quoted.port.check(feedUrl());
    expect(quoted.events.at(-1)).toEqual({ type: 'available', update: { version: '1.4.1', mandatoryAfter: '2026-12-05T00:00:00.000Z' } });
    feed.yml = feed.yml.replace("'2026-12-05T00:00:00.000Z'", '2026-12-05T00:00:00Z');
    const bare = standIn();
    await bare.port.check(feedUrl());
    expect(bare.events.at(-1)).toEqual({ type: 'available', update: { version: '1.4.1', mandatoryAfter: '2026-12-05T00:00:00.000Z' } });
  });

  it('fetches the file from a branch mirror the feed names, and says so as the source', async () => {
    feed.yml = latestYml({ version: '1.5.0', url: `${mirrorBase}/sapa/Sapa-Setup-1.5.0.exe` });
    const { port, events } = standIn();
    await port.check(feedUrl());
    await port.download();
    expect(mirrorHits).toBe(1);
    expect(feed.requests.filter((p) => p.endsWith('.exe'))).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'downloaded', source: new URL(mirrorBase).host });
  });

  it('reads latest-mac.yml and takes the .zip on macOS, as MacUpdater does', async () => {
    feed.macYml = latestMacYml('1.5.0');
    const { port, events } = standIn('1.4.0', 'darwin');
    await port.check(feedUrl());
    expect(feed.requests[0]).toBe(`/api/v1/updates/feed/${installId}/latest-mac.yml`);
    await port.download();
    expect(events.at(-1)).toMatchObject({ type: 'downloaded' });
    expect(await readFile(join(dir, 'updates', 'Sapa-1.5.0-mac.zip'))).toEqual(zip);
  });

  it('fails clearly on a feed that is missing, malformed or has no checksum', async () => {
    const cases: [string | null, RegExp][] = [
      [null, /Cannot find channel "latest.yml"/],
      ['version: [1.5.0\n', /Cannot parse update info/],
      ['version: not-a-version\nfiles:\n  - url: a.exe\n    sha512: x\n', /not a semver version/],
    ];
    for (const [yml, message] of cases) {
      feed.yml = yml ?? '';
      const { port, events } = standIn();
      if (yml === null) {
        const missing = createFeedUpdater({ appVersion: '1.4.0', cacheDir: join(dir, 'updates'), logger });
        const seen: UpdaterPortEvent[] = [];
        missing.onEvent((e) => seen.push(e));
        await missing.check(`${base}/nowhere/`);
        expect(seen.at(-1)?.type === 'error' && seen.at(-1)).toMatchObject({ message: expect.stringMatching(message) });
        continue;
      }
      await port.check(feedUrl());
      expect(events.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(message) });
    }
    feed.yml = 'version: 1.5.0\nfiles:\n  - url: Sapa-Setup-1.5.0.exe\n    size: 3\n';
    const { port, events } = standIn();
    await port.check(feedUrl());
    await port.download();
    expect(events.at(-1)).toMatchObject({ type: 'error', message: expect.stringMatching(/checksum/) });
  });
});

describe('core with the stand-in', () => {
  let core: Core | null = null;
  afterEach(async () => {
    await core?.close();
    core = null;
  });

  function start(appVersion: string) {
    const updater = createFeedUpdater({ appVersion, cacheDir: join(dir, 'updates'), logger });
    core = createCore({
      dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: [base], appVersion, host: 'browser', systemLocale: 'id-ID',
      live: false, updater,
    });
    const seen: UpdatesStatus[] = [];
    core.on('updates.changed', (s) => seen.push(s));
    return { core, updater, seen };
  }

  /** checkNow answers after the check; the download goes on in the background. */
  async function settled(c: Core, phases: string[]) {
    await c.call('updates.checkNow', {});
    await vi.waitFor(async () => {
      expect(phases).toContain((await c.call('updates.status', {})).state?.phase);
    }, { timeout: 10_000, interval: 20 });
    return c.call('updates.status', {});
  }

  it('checks this desktop\'s feed on the server, offers the notice, installs on "restart now" and reports installed at the next start', async () => {
    const first = start('1.4.0');
    const steps: (string | undefined)[] = [];
    first.core.updates.onChange((state) => steps.push(state?.phase));
    const id = loadInstallId(dir);
    await first.core.call('updates.reportActivity', { call: 'none', keystrokeAgoMs: null, unsavedDraft: false, importing: false });
    const status = await settled(first.core, ['downloaded']);
    expect(feed.requests[0]).toBe(`/api/v1/updates/feed/${id}/latest.yml`);
    expect(status).toMatchObject({
      currentVersion: '1.4.0', enabled: true, prompt: { version: '1.5.0', mandatoryAfter: null },
      state: { phase: 'downloaded', version: '1.5.0', source: new URL(base).host },
    });
    expect(first.seen.map((s) => s.state?.phase)).toEqual(expect.arrayContaining(['checking', 'available', 'downloading', 'downloaded']));
    expect(first.core.updates.state()?.phase).toBe('downloaded');
    // The heartbeat hears each step once, not each percent of the download.
    expect(steps).toEqual(['checking', 'available', 'downloading', 'downloaded']);

    const installing = await first.core.call('updates.restartNow', {});
    expect(installing.state).toMatchObject({ phase: 'installing', version: '1.5.0' });
    expect(first.updater.wouldRestart()).toMatchObject({ version: '1.5.0' });
    await first.core.close();

    // The installer ran: the app comes back as 1.5.0.
    const second = start('1.5.0');
    expect(await second.core.call('updates.status', {})).toMatchObject({
      currentVersion: '1.5.0', state: { phase: 'installed', version: '1.5.0' }, prompt: null,
    });
  });

  it('shows no notice during a call, and refuses "restart now" with the reason', async () => {
    const { core: c } = start('1.4.0');
    await c.call('updates.reportActivity', { call: 'talking', keystrokeAgoMs: null, unsavedDraft: false, importing: false });
    const status = await settled(c, ['deferred']);
    expect(status.prompt).toBeNull();
    expect(status.state).toMatchObject({ phase: 'deferred', waitingFor: ['call'] });
    await expect(c.call('updates.restartNow', {})).rejects.toMatchObject({ code: 'CONFLICT', details: { reasons: ['call'] } });
  });

  it('a bad sha512 ends in the failed state with the error, for the fleet view', async () => {
    feed.yml = latestYml({ version: '1.5.0', sha512: wrongSha512 });
    const { core: c } = start('1.4.0');
    const status = await settled(c, ['failed']);
    expect(status.state).toMatchObject({ phase: 'failed', version: '1.5.0', error: expect.stringMatching(/sha512 checksum mismatch/) });
    expect(status.prompt).toBeNull();
  });

  it('refuses malformed activity reports', async () => {
    const { core: c } = start('1.4.0');
    for (const bad of [{}, { call: 'dancing', keystrokeAgoMs: null, unsavedDraft: false, importing: false },
      { call: 'none', keystrokeAgoMs: -1, unsavedDraft: false, importing: false },
      { call: 'none', keystrokeAgoMs: null, unsavedDraft: 'yes', importing: false },
      { call: 'none', keystrokeAgoMs: null, unsavedDraft: false, importing: false, extra: '<script>' }]) {
      await expect(c.callByName('updates.reportActivity', bad)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });
});
