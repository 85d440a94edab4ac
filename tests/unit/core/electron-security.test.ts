import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN, isNavigationAllowed, isPermissionAllowed, isTrustedAppUrl, isTrustedIpcSender,
  rendererDevUrl, secureWebPreferences, windowOpenAction,
} from '../../../src/main/electron/security.js';

describe('Electron security policy', () => {
  it('trusts only the app origin', () => {
    expect(isTrustedAppUrl('sapa://app/index.html', APP_ORIGIN)).toBe(true);
    expect(isTrustedAppUrl('sapa://app/#/admin/import', APP_ORIGIN)).toBe(true);
    expect(isTrustedAppUrl('sapa://evil/index.html', APP_ORIGIN)).toBe(false);
    expect(isTrustedAppUrl('https://app/index.html', APP_ORIGIN)).toBe(false);
    expect(isTrustedAppUrl('file:///etc/passwd', APP_ORIGIN)).toBe(false);
    expect(isTrustedAppUrl('not a url', APP_ORIGIN)).toBe(false);
    expect(isTrustedAppUrl('sapa://app.evil.com/', APP_ORIGIN)).toBe(false);
  });

  it('distinguishes dev-server origins by port', () => {
    expect(isTrustedAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isTrustedAppUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
    expect(isTrustedAppUrl('http://localhost:5173@evil.com/', 'http://localhost:5173')).toBe(false);
  });

  it('allows navigation inside the app only and never opens windows', () => {
    expect(isNavigationAllowed('sapa://app/index.html#/', APP_ORIGIN)).toBe(true);
    expect(isNavigationAllowed('https://example.com/', APP_ORIGIN)).toBe(false);
    expect(windowOpenAction()).toEqual({ action: 'deny' });
  });

  it('grants only the microphone, and only to the app', () => {
    expect(isPermissionAllowed('media', 'sapa://app/index.html', APP_ORIGIN, ['audio'])).toBe(true);
    expect(isPermissionAllowed('media', 'sapa://app/index.html', APP_ORIGIN, ['audio', 'video'])).toBe(false);
    expect(isPermissionAllowed('media', 'sapa://app/index.html', APP_ORIGIN, [])).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example/', APP_ORIGIN, ['audio'])).toBe(false);
    expect(isPermissionAllowed('notifications', 'sapa://app/index.html', APP_ORIGIN)).toBe(false);
    expect(isPermissionAllowed('geolocation', 'sapa://app/index.html', APP_ORIGIN)).toBe(false);
  });

  it('serves IPC only to the app top-level frame', () => {
    expect(isTrustedIpcSender({ url: 'sapa://app/index.html', isTopLevel: true }, APP_ORIGIN)).toBe(true);
    expect(isTrustedIpcSender({ url: 'sapa://app/index.html', isTopLevel: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedIpcSender({ url: 'https://evil.example/', isTopLevel: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedIpcSender(null, APP_ORIGIN)).toBe(false);
  });

  it('loads the renderer from a dev server only in development, never when packaged', () => {
    expect(rendererDevUrl(false, 'http://localhost:5173')).toBe('http://localhost:5173/');
    expect(rendererDevUrl(true, 'http://localhost:5173')).toBeNull();
    expect(rendererDevUrl(true, 'https://evil.example/')).toBeNull();
    expect(rendererDevUrl(false, undefined)).toBeNull();
    expect(rendererDevUrl(false, '')).toBeNull();
    expect(rendererDevUrl(false, 'not a url')).toBeNull();
  });

  it('uses isolated, sandboxed web preferences without Node', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, allowRunningInsecureContent: false,
      webviewTag: false, experimentalFeatures: false,
    });
    expect(secureWebPreferences('/p.cjs')).not.toHaveProperty('enableBlinkFeatures');
  });
});
