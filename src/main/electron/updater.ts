// The shell's UpdaterPort: electron-updater's autoUpdater (NsisUpdater on Windows,
// MacUpdater on macOS) pointed at this desktop's generic feed. It decides nothing — core's
// controller (src/main/core/updates/controller.ts) says when to check, download and
// install; this file only translates calls and events. It cannot run on the build machine
// (no Electron binary): the same feed is exercised by the browser host's stand-in
// (src/main/host/feed-updater.ts, tests/integration/core/update-feed.test.ts). Keep it small.
import { app } from 'electron';
// Default import: electron-updater is CommonJS and defines `autoUpdater` with a getter that
// Node's ESM loader cannot see as a named export ("Named export 'autoUpdater' not found").
import electronUpdater, { type AppUpdater, type ProgressInfo, type UpdateDownloadedEvent, type UpdateInfo } from 'electron-updater';
import { type Logger } from '../core/logger.js';
import { type UpdaterPort, type UpdaterPortEvent } from '../core/updates/port.js';
import { APP_VERSION_HEADER, offeredUpdateOf, sourceHostOf } from '../core/updates/update-info.js';

/** The installer file electron-updater picks (NsisUpdater: .exe; MacUpdater: .zip). */
function downloadedFileUrl(info: UpdateInfo): string | null {
  const ext = process.platform === 'darwin' ? '.zip' : '.exe';
  const files = info.files ?? [];
  return (files.find((f) => f.url.toLowerCase().endsWith(ext)) ?? files[0])?.url ?? null;
}

/** `updater`: electron-updater's platform updater, made on first use (tests pass a fake). */
export function createElectronUpdater(logger: Logger, updater: AppUpdater = electronUpdater.autoUpdater): UpdaterPort {
  const listeners = new Set<(event: UpdaterPortEvent) => void>();
  const emit = (event: UpdaterPortEvent) => {
    for (const listener of listeners) listener(event);
  };
  let feedUrl: string | null = null;
  let installOnQuit = false;

  // Core asks for the download once a check offers one, and for the install when it is safe.
  updater.autoDownload = false;
  // A rollback is published as a higher build number: never go down.
  updater.allowDowngrade = false;
  // Left on so electron-updater registers its quit handler when a download completes; the
  // handler reads the flag at quit time, which is set from core's wish just before (below).
  updater.autoInstallOnAppQuit = true;
  // The version this desktop runs: the feed tells a desktop that already runs a rollback's
  // build that there is nothing newer, before its first heartbeat says so (src/server/updates/feed.ts).
  updater.requestHeaders = { [APP_VERSION_HEADER]: app.getVersion() };
  updater.logger = {
    info: (message?: unknown) => logger.info(String(message)),
    warn: (message?: unknown) => logger.warn(String(message)),
    error: (message?: unknown) => logger.error(String(message)),
    debug: (message: string) => logger.debug(message),
  };
  app.on('before-quit', () => {
    updater.autoInstallOnAppQuit = installOnQuit;
  });

  updater.on('checking-for-update', () => emit({ type: 'checking' }));
  updater.on('update-available', (info: UpdateInfo) => emit({ type: 'available', update: offeredUpdateOf(info) }));
  updater.on('update-not-available', (info: UpdateInfo) => emit({ type: 'not-available', version: info?.version ?? null }));
  updater.on('download-progress', (progress: ProgressInfo) => emit({ type: 'progress', percent: progress.percent }));
  updater.on('update-downloaded', (event: UpdateDownloadedEvent) => {
    const fileUrl = downloadedFileUrl(event);
    emit({
      type: 'downloaded', update: offeredUpdateOf(event),
      source: fileUrl && feedUrl ? sourceHostOf(fileUrl, feedUrl) : null,
    });
  });
  updater.on('error', (error: Error) => emit({ type: 'error', message: error?.message ?? String(error) }));

  return {
    async check(url) {
      if (url !== feedUrl) {
        updater.setFeedURL({ provider: 'generic', url });
        feedUrl = url;
      }
      // A failure arrives as the 'error' event as well; the promise's rejection adds nothing.
      await updater.checkForUpdates().catch(() => undefined);
    },
    async download() {
      await updater.downloadUpdate().catch(() => undefined);
    },
    install() {
      // Silent (no installer wizard for the agent) and start Sapa again afterwards.
      updater.quitAndInstall(true, true);
    },
    setInstallOnQuit(allowed) {
      installOnQuit = allowed;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
