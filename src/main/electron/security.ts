// The Electron security policy as plain functions (unit-tested in Node); main.ts and ipc.ts
// only wire them to Electron's hooks. The app is served from its own origin (sapa://app,
// or the electron-vite dev server in development); nothing else is trusted.
export const APP_SCHEME = 'sapa';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

interface Origin {
  protocol: string;
  host: string;
}

function originOf(url: string): Origin | null {
  try {
    const parsed = new URL(url);
    // URL.origin is "null" for custom schemes, so compare scheme and host ourselves.
    return { protocol: parsed.protocol.toLowerCase(), host: parsed.host.toLowerCase() };
  } catch {
    return null;
  }
}

/**
 * The electron-vite dev server URL the renderer loads from, or null for the built renderer
 * (sapa://app). A packaged app never takes it: otherwise anyone who can set an environment
 * variable for the user could point the window, and the IPC trust that follows its origin,
 * at a page of their own.
 */
export function rendererDevUrl(isPackaged: boolean, value: string | undefined): string | null {
  if (isPackaged || !value) return null;
  try {
    return new URL(value).toString();
  } catch {
    return null;
  }
}

/** True when `url` belongs to the app's own origin (same scheme, host and port). */
export function isTrustedAppUrl(url: string, appOrigin: string): boolean {
  const candidate = originOf(url);
  const app = originOf(appOrigin);
  if (!candidate || !app || app.host === '') return false;
  return candidate.protocol === app.protocol && candidate.host === app.host;
}

/** Navigation stays inside the app; every other URL is refused (links are not followed). */
export function isNavigationAllowed(url: string, appOrigin: string): boolean {
  return isTrustedAppUrl(url, appOrigin);
}

/** window.open / target=_blank never creates a window. */
export function windowOpenAction(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * Only the app's own pages may ask for a permission, and only for the microphone
 * (softphone). Camera, notifications, geolocation, etc. are refused.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  appOrigin: string,
  mediaTypes: readonly string[] = [],
): boolean {
  if (permission !== 'media' || !isTrustedAppUrl(requestingUrl, appOrigin)) return false;
  return mediaTypes.length > 0 && mediaTypes.every((t) => t === 'audio');
}

/** An IPC call is served only for the app's own top-level frame. */
export function isTrustedIpcSender(
  frame: { url: string; isTopLevel: boolean } | null | undefined,
  appOrigin: string,
): boolean {
  return !!frame && frame.isTopLevel && isTrustedAppUrl(frame.url, appOrigin);
}

/** The BrowserWindow web preferences: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    // Electron's defaults, written out so a review (and the unit test) sees them.
    experimentalFeatures: false,
    spellcheck: true,
    // A softphone must ring and pop the caller while the window is behind other apps:
    // Chromium otherwise throttles timers and rendering of background windows.
    backgroundThrottling: false,
  } as const;
}
