// The browser host's UpdaterPort: a stand-in for electron-updater that speaks the real
// format, so the update path is exercised without the Electron binary. It reads the
// desktop's generic-provider feed with electron-updater's own GenericProvider (fetch,
// js-yaml parse, file URLs resolved against the feed, sha512 required), compares versions
// with semver as AppUpdater does, and downloads the installer with builder-util-runtime's
// executor, which verifies the sha512 while streaming. What it cannot do is restart into
// the installer: install() records that it would (would-restart.json beside the download)
// and the state stays "installing" — docs/operator-guide.md, "How desktops update".
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import { basename, join } from 'node:path';
import { CancellationToken, HttpExecutor, configureRequestOptions, configureRequestUrl, type DownloadOptions, type UpdateInfo } from 'builder-util-runtime';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider.js';
import { findFile } from 'electron-updater/out/providers/Provider.js';
import semver from 'semver';
import { type Logger } from '../core/logger.js';
import { type UpdaterPort, type UpdaterPortEvent } from '../core/updates/port.js';
import { APP_VERSION_HEADER, offeredUpdateOf } from '../core/updates/update-info.js';

/** The platform whose feed file and installer it reads: win32 → latest.yml + .exe, darwin → latest-mac.yml + .zip. */
export type FeedPlatform = 'win32' | 'darwin';

export interface FeedUpdaterOptions {
  appVersion: string;
  /** Where installers are downloaded to (the host's data folder, updates/). */
  cacheDir: string;
  logger: Logger;
  platform?: FeedPlatform;
}

export interface WouldRestart { version: string; file: string; at: string }

/** builder-util-runtime's HttpExecutor over Node's http/https (electron-updater's uses Electron's net). */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    // No keep-alive: builder-util-runtime adds a timeout listener per request to the socket.
    return (options.protocol === 'https:' ? https : http).request({ ...options, agent: false }, callback);
  }

  /** As ElectronHttpExecutor.download: streams to `destination`, checking sha512 on the way. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, {
        destination, options, onCancel, responseHandler: null,
        callback: (error) => (error ? reject(error) : resolve(destination)),
      }, 0);
    });
  }
}

async function sha512Base64(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('base64');
}

export function createFeedUpdater(o: FeedUpdaterOptions): UpdaterPort & { wouldRestart(): WouldRestart | null } {
  const platform = o.platform ?? 'win32';
  const executor = new NodeHttpExecutor();
  const listeners = new Set<(event: UpdaterPortEvent) => void>();
  let offer: { info: UpdateInfo; provider: GenericProvider } | null = null;
  let downloadedFile: string | null = null;
  let restart: WouldRestart | null = null;
  const emit = (event: UpdaterPortEvent) => {
    for (const listener of listeners) listener(event);
  };
  const failed = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    o.logger.warn('update stand-in: step failed', { error: message });
    emit({ type: 'error', message });
  };

  return {
    async check(feedUrl) {
      emit({ type: 'checking' });
      try {
        // GenericProvider reads only these two members of its AppUpdater.
        const updater = { channel: null, isAddNoCacheQuery: true } as unknown as ConstructorParameters<typeof GenericProvider>[1];
        const provider = new GenericProvider({ provider: 'generic', url: feedUrl }, updater, {
          platform, isUseMultipleRangeRequest: false,
          executor: executor as unknown as ConstructorParameters<typeof GenericProvider>[2]['executor'],
        });
        // The version this desktop runs, as the shell sends it: the feed tells a desktop that
        // already runs a rollback's build that there is nothing newer (src/server/updates/feed.ts).
        provider.setRequestHeaders({ [APP_VERSION_HEADER]: o.appVersion });
        const info = await provider.getLatestVersion();
        const latest = semver.parse(info?.version);
        if (!latest) throw new Error(`The feed's version is not a semver version: "${String(info?.version)}"`);
        // As AppUpdater.isUpdateAvailable with allowDowngrade off: only a newer version.
        if (semver.gt(latest, o.appVersion)) {
          offer = { info, provider };
          emit({ type: 'available', update: offeredUpdateOf(info) });
        } else {
          offer = null;
          emit({ type: 'not-available', version: latest.version });
        }
      } catch (error) {
        failed(error);
      }
    },

    async download() {
      const current = offer;
      if (!current) {
        failed(new Error('Please check update first'));
        return;
      }
      let tmp: string | null = null;
      try {
        const files = current.provider.resolveFiles(current.info);
        const file = platform === 'darwin' ? findFile(files, 'zip', ['pkg', 'dmg']) : findFile(files, 'exe');
        if (!file) throw new Error(`The feed names no ${platform === 'darwin' ? '.zip' : '.exe'} file`);
        const sha512 = file.info.sha512;
        await mkdir(o.cacheDir, { recursive: true });
        // basename: a feed path like "../../x" cannot leave the cache folder.
        const target = join(o.cacheDir, basename(decodeURIComponent(file.url.pathname)));
        const cached = await stat(target).then(() => true, () => false);
        if (!(cached && (await sha512Base64(target)) === sha512)) {
          tmp = `${target}.${process.pid}.part`;
          await executor.download(file.url, tmp, {
            sha512, cancellationToken: new CancellationToken(),
            onProgress: (progress) => emit({ type: 'progress', percent: progress.percent }),
          });
          await rename(tmp, target);
          tmp = null;
        }
        downloadedFile = target;
        emit({ type: 'downloaded', update: offeredUpdateOf(current.info), source: file.url.host || null });
      } catch (error) {
        if (tmp) await rm(tmp, { force: true });
        failed(error);
      }
    },

    install() {
      if (!offer || !downloadedFile) throw new Error('No downloaded update to install');
      restart = { version: offer.info.version, file: downloadedFile, at: new Date().toISOString() };
      o.logger.info('update stand-in: Electron would quit and run the installer now', { ...restart });
      void writeFile(join(o.cacheDir, 'would-restart.json'), JSON.stringify(restart)).catch(failed);
    },

    setInstallOnQuit(allowed) {
      o.logger.debug('update stand-in: install on quit', { allowed });
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    wouldRestart: () => restart,
  };
}
