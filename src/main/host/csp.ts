// The renderer's Content-Security-Policy, shared by the browser host (HTTP header) and the
// Electron shell (onHeadersReceived). Scripts only from the app itself; no eval, no inline
// scripts, no plugins, no framing, no form posts. Inline styles are allowed because the UI
// library (Mantine) sets style attributes; that cannot run code.
export interface CspOptions {
  /** Extra origins the renderer may connect to (e.g. the host's own ws:// origin). */
  connectSrc?: readonly string[];
  /** Extra sources of audio (e.g. Electron's sapa-media: playback scheme). */
  mediaSrc?: readonly string[];
}

/**
 * The SIP proxies' WebSocket origins the softphone connects to: SAPA_SIP_WS_URLS
 * (comma-separated ws:// or wss:// URLs, the same setting the server hands to desktops).
 */
export function sipConnectSources(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.SAPA_SIP_WS_URLS ?? 'ws://127.0.0.1:8088').split(',').map((u) => u.trim())
    .filter((u) => /^wss?:\/\/[A-Za-z0-9.:[\]-]+(\/[A-Za-z0-9._~/-]*)?$/.test(u));
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectSrc ?? []), ...sipConnectSources()].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ["media-src 'self' blob:", ...(options.mediaSrc ?? [])].join(' '),
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
  ].join('; ');
}
