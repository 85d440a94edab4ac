// The shell's UpdaterPort over a stand-in for electron-updater's AppUpdater (the Electron
// binary is not here): the settings it makes, each event translated for core, the feed URL
// set once per desktop, the source host of the downloaded file, and install-on-quit taking
// core's wish only at quit time (electron-updater adds its quit handler only while the flag
// is on when a download completes).
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type AppUpdater } from 'electron-updater';

const quitHandlers: (() => void)[] = [];
vi.mock('electron', () => ({ app: { getVersion: () => '1.4.0', on: (event: string, fn: () => void) => { if (event === 'before-quit') quitHandlers.push(fn); } } }));

const { createElectronUpdater } = await import('../../../src/main/electron/updater.js');
const { createLogger } = await import('../../../src/main/core/logger.js');
type Event = Parameters<Parameters<ReturnType<typeof createElectronUpdater>['onEvent']>[0]>[0];

class FakeAppUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  logger: unknown = null;
  requestHeaders: unknown = null;
  feeds: unknown[] = [];
  installs: [boolean, boolean][] = [];
  setFeedURL(options: unknown) { this.feeds.push(options); }
  checkForUpdates() { return Promise.reject(new Error('offline')); }
  downloadUpdate() { return Promise.resolve([]); }
  quitAndInstall(isSilent: boolean, isForceRunAfter: boolean) { this.installs.push([isSilent, isForceRunAfter]); }
}

const FEED = 'https://sapa.example.co.id/api/v1/updates/feed/7d0c1f5e-2b7a-4f51-9a3e-5a2b1c0d9e8f/';
let fake: FakeAppUpdater;
let events: Event[];
let port: ReturnType<typeof createElectronUpdater>;
beforeEach(() => {
  quitHandlers.length = 0;
  fake = new FakeAppUpdater();
  port = createElectronUpdater(createLogger('test', 'error'), fake as unknown as AppUpdater);
  events = [];
  port.onEvent((e) => events.push(e));
});

describe('the Electron UpdaterPort', () => {
  it('reaches autoUpdater through the default export: Node\'s ESM loader (Electron\'s main) does not see it as a named one', async () => {
    const { execFileSync } = await import('node:child_process');
    const probe = "import('electron-updater').then((m) => process.stdout.write(JSON.stringify(["
      + "Object.keys(m).includes('autoUpdater'), Boolean(Object.getOwnPropertyDescriptor(m.default, 'autoUpdater')?.get)])))";
    expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' }))).toEqual([false, true]);
  });

  it('leaves deciding to core: no auto download, no downgrade, a logger; tells the feed the running version', () => {
    expect(fake.autoDownload).toBe(false);
    expect(fake.requestHeaders).toEqual({ 'X-Sapa-App-Version': '1.4.0' });
    expect(fake.allowDowngrade).toBe(false);
    expect(fake.logger).toMatchObject({ info: expect.any(Function), warn: expect.any(Function), error: expect.any(Function) });
  });

  it('sets the generic feed once per URL and answers a failed check through the error event only', async () => {
    await port.check(FEED);
    await port.check(FEED);
    expect(fake.feeds).toEqual([{ provider: 'generic', url: FEED }]);
  });

  it('translates electron-updater\'s events, with the mandatory deadline and the file\'s host', async () => {
    await port.check(FEED);
    fake.emit('checking-for-update');
    fake.emit('update-available', { version: '1.4.1', files: [], sapaMandatoryAfter: new Date('2026-12-05T00:00:00Z') });
    fake.emit('download-progress', { percent: 37.5, bytesPerSecond: 1, total: 10, transferred: 4, delta: 1 });
    fake.emit('update-downloaded', {
      version: '1.4.1', downloadedFile: '/tmp/x.exe', sapaMandatoryAfter: '2026-12-05T00:00:00Z',
      files: [{ url: 'https://mirror.cabang-medan.local/sapa/Sapa-Setup-1.4.1.exe', sha512: 'x' }],
    });
    fake.emit('update-not-available', { version: '1.4.0' });
    fake.emit('error', new Error('net::ERR_CONNECTION_REFUSED'));
    expect(events).toEqual([
      { type: 'checking' },
      { type: 'available', update: { version: '1.4.1', mandatoryAfter: '2026-12-05T00:00:00.000Z' } },
      { type: 'progress', percent: 37.5 },
      { type: 'downloaded', update: { version: '1.4.1', mandatoryAfter: '2026-12-05T00:00:00.000Z' }, source: 'mirror.cabang-medan.local' },
      { type: 'not-available', version: '1.4.0' },
      { type: 'error', message: 'net::ERR_CONNECTION_REFUSED' },
    ]);
  });

  it('names the server as the source of a file relative to the feed', async () => {
    await port.check(FEED);
    fake.emit('update-downloaded', { version: '1.5.0', downloadedFile: '/tmp/x.exe', files: [{ url: 'Sapa-Setup-1.5.0.exe', sha512: 'x' }] });
    expect(events.at(-1)).toMatchObject({ source: 'sapa.example.co.id' });
  });

  it('installs silently and starts Sapa again', () => {
    port.install();
    expect(fake.installs).toEqual([[true, true]]);
  });

  it('keeps install-on-quit on until the app quits, then applies core\'s wish', () => {
    port.setInstallOnQuit(false);
    expect(fake.autoInstallOnAppQuit).toBe(true);
    for (const fn of quitHandlers) fn();
    expect(fake.autoInstallOnAppQuit).toBe(false);
    port.setInstallOnQuit(true);
    for (const fn of quitHandlers) fn();
    expect(fake.autoInstallOnAppQuit).toBe(true);
  });
});
