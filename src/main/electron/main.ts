// Electron main process: the thin shell around core. One instance, one window, strict
// security defaults (see security.ts); core runs here in plain Node and is reached only
// through ipc.ts. Cannot be run on the build machine (no Electron binary); keep it small.
import { app, BrowserWindow, dialog, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { SapaError } from '../../shared/errors.js';
import { discardLocalData } from '../core/at-rest/discard.js';
import { createCore, type Core, type CoreOptions } from '../core/index.js';
import { createLogger } from '../core/logger.js';
import { contentSecurityPolicy } from '../host/csp.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { DESKTOP_KEY_FILE_NAME, loadOrCreateDesktopKey, type KeyVault } from './desktop-key-store.js';
import { registerAttention } from './attention.js';
import { registerIpc } from './ipc.js';
import { createElectronUpdater } from './updater.js';
import { serveMediaScheme } from './media-protocol.js';
import { MEDIA_BASE_URL, MEDIA_SOURCE } from './media-scheme.js';
import { syncOptionsFromEnv } from '../core/sync/env-options.js';
import { desktopPlaces } from './desktop-places.js';
import {
  APP_ORIGIN, isNavigationAllowed, isPermissionAllowed, rendererDevUrl, secureWebPreferences, windowOpenAction,
} from './security.js';

const logger = createLogger('electron');
// electron-vite dev serves the renderer over http; in a build it is served as sapa://app.
// A packaged app ignores ELECTRON_RENDERER_URL (rendererDevUrl).
const devUrl = rendererDevUrl(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;
const startUrl = devUrl ?? `${APP_ORIGIN}/index.html`;
let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    void core?.close();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    logger.error('startup failed', { error: message });
    // The agent sees why (e.g. a refused http:// server URL) instead of a window that never opens.
    dialog.showErrorBox('Sapa', `Sapa tidak dapat dimulai / Sapa cannot start:\n${message}`);
    app.exit(1);
  });
}

function applySessionPolicy(): void {
  const defaultSession = session.defaultSession;
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy({ mediaSrc: [MEDIA_SOURCE] })] },
    });
  });
  defaultSession.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(isPermissionAllowed(permission, details.requestingUrl, appOrigin, mediaTypes));
  });
  defaultSession.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    const mediaType = 'mediaType' in details && details.mediaType ? [details.mediaType] : [];
    return isPermissionAllowed(permission, requestingOrigin, appOrigin, mediaType);
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400, height: 900, show: false, title: 'Sapa',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, appOrigin)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url, appOrigin)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => windowOpenAction());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(startUrl);
  return window;
}

async function start(): Promise<void> {
  applySessionPolicy();
  serveAppScheme(join(import.meta.dirname, '../renderer'));
  const dataDir = join(app.getPath('userData'), 'data');
  const vault = process.platform === 'linux'
    ? { ...bindVault(), getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend() }
    : bindVault();
  const { key, replacedUnreadable } = loadOrCreateDesktopKey(join(app.getPath('userData'), DESKTOP_KEY_FILE_NAME), vault);
  if (replacedUnreadable) logger.warn('the keychain could not open the desktop key: a new key was made');
  const options: CoreOptions = {
    ...syncOptionsFromEnv(),
    dataDir,
    desktopKey: key,
    // SAPA_SERVER_URLS (developer override), the IT policy file, the spell-check dictionaries.
    ...desktopPlaces({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath, env: process.env }),
    appVersion: app.getVersion(),
    host: 'electron',
    systemLocale: app.getLocale(),
    playbackBaseUrl: MEDIA_BASE_URL,
    // Only a packaged app updates itself (electron-updater skips checks otherwise).
    ...(app.isPackaged ? { updater: createElectronUpdater(createLogger('updater')) } : {}),
  };
  try {
    core = createCore(options);
  } catch (error) {
    // A cache this key cannot read (the key was lost) holds nothing usable: start empty,
    // the cache syncs again from the server (docs/operator-guide.md, "Encryption at rest").
    if (!(error instanceof SapaError && isKeyMismatch(error.details))) throw error;
    logger.warn('the cache cannot be read with the desktop key: discarded, it syncs again', { dataDir });
    discardLocalData(dataDir);
    core = createCore(options);
  }
  serveMediaScheme(core);
  registerIpc(core, appOrigin, logger);
  registerAttention(() => mainWindow, appOrigin, logger);
  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function isKeyMismatch(details: unknown): boolean {
  return typeof details === 'object' && details !== null && 'reason' in details && details.reason === 'cache_key_mismatch';
}

/** safeStorage's methods as a KeyVault (desktop-key-store.ts). */
function bindVault(): KeyVault {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (sealed) => safeStorage.decryptString(sealed),
  };
}
