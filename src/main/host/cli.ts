// Runs core + the browser host from the environment and prints the URL to open:
//   SAPA_SERVER_URLS       comma-separated server URLs, in failover order (default http://127.0.0.1:4010;
//                          https:// only, plain http:// only to 127.0.0.0/8, ::1 or localhost). Set
//                          it empty for the first-start screen (the address saved in the data folder)
//   SAPA_POLICY_FILE       optional: an IT policy file to obey (server-config/policy.ts), as a
//                          packaged desktop obeys the platform's
//   SAPA_DESKTOP_DATA_DIR  the desktop's data folder (default .data/desktop)
//   SAPA_HOST_PORT         port on 127.0.0.1 (default 5173)
//   SAPA_RENDERER_DIR      built renderer (default out/renderer)
//   SAPA_HOST_TRACE_FILE   optional: a timing line per API call (npm run bench:softphone)
//   SAPA_DESKTOP_KEY       the desktop key that encrypts the cache and spool (64 hex digits), or
//   SAPA_DESKTOP_KEY_FILE  a file holding it, mode 0600 (desktop-key.ts); one of the two is required
//   SAPA_UPDATES           "on": check this desktop's update feed with the stand-in (feed-updater.ts;
//                          "installs" only record that Electron would restart). Off by default.
//   SAPA_UPDATE_FEED_URL   optional: a feed other than ${server}/api/v1/updates/feed/<installId>/
//   SAPA_APP_VERSION       optional: the version this desktop claims (default package.json's)
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../core/index.js';
import { createLogger } from '../core/logger.js';
import { SapaError } from '../../shared/errors.js';
import { startBrowserHost } from './browser-host.js';
import { desktopKeyFromEnv } from './desktop-key.js';
import { syncOptionsFromEnv } from '../core/sync/env-options.js';
import { createFeedUpdater } from './feed-updater.js';
import { REPO_RESOURCES_DIR } from '../core/resources/resources-dir.js';

const logger = createLogger('browser-host-cli');
const serverUrls = (process.env.SAPA_SERVER_URLS ?? 'http://127.0.0.1:4010')
  .split(',').map((u) => u.trim()).filter(Boolean);
const dataDir = resolve(process.env.SAPA_DESKTOP_DATA_DIR ?? '.data/desktop');
const port = Number(process.env.SAPA_HOST_PORT ?? 5173);
const rendererDir = resolve(process.env.SAPA_RENDERER_DIR ?? 'out/renderer');

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  logger.error('SAPA_HOST_PORT must be a port number', { value: process.env.SAPA_HOST_PORT });
  process.exit(2);
}

const appVersion = process.env.SAPA_APP_VERSION || (process.env.npm_package_version ?? '0.1.0');
const updater = process.env.SAPA_UPDATES === 'on'
  ? createFeedUpdater({ appVersion, cacheDir: join(dataDir, 'updates'), logger: createLogger('updater-stand-in') })
  : undefined;

/** Starts core; a missing or exposed key, a cache that key cannot read, or a refused
 *  SAPA_SERVER_URLS (e.g. http:// to another machine) ends the host with why, not a stack trace. */
function startCore(): Core {
  try {
    return createCore({
      dataDir, desktopKey: desktopKeyFromEnv(), serverUrls, appVersion, host: 'browser',
      ...(updater ? { updater } : {}),
      ...(process.env.SAPA_UPDATE_FEED_URL ? { updateFeedUrl: process.env.SAPA_UPDATE_FEED_URL } : {}),
      systemLocale: Intl.DateTimeFormat().resolvedOptions().locale,
      policyFile: process.env.SAPA_POLICY_FILE || null, resourcesDir: REPO_RESOURCES_DIR,
      ...syncOptionsFromEnv(),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error('cannot start core', { error: message, ...(error instanceof SapaError ? { code: error.code, details: error.details } : {}) });
    process.stderr.write(`Sapa browser host cannot start: ${message}\n`);
    process.exit(2);
  }
}
const core = startCore();
const host = await startBrowserHost({ core, port, rendererDir, traceFile: process.env.SAPA_HOST_TRACE_FILE || undefined });
process.stdout.write(`Sapa browser host: ${host.url}\n`);

async function shutdown(): Promise<void> {
  await host.close();
  await core.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
