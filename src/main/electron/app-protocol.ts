// Serves the built renderer under sapa://app/ so the app has a real, private origin (file://
// pages share one origin with every local file). Paths are confined to the renderer folder.
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../host/csp.js';
import { contentTypeOf, resolveStaticPath } from '../host/static-files.js';
import { MEDIA_SOURCE, privilegedSchemes } from './media-scheme.js';
import { APP_SCHEME } from './security.js';

/** Registers the app's and the playback scheme. Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged(privilegedSchemes());
}

export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = resolveStaticPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (path === null) return new Response('Not found', { status: 404 });
    const file = await net.fetch(pathToFileURL(path).toString());
    if (!file.ok) return new Response('Not found', { status: 404 });
    return new Response(file.body, {
      status: 200,
      headers: { 'content-type': contentTypeOf(path), 'content-security-policy': contentSecurityPolicy({ mediaSrc: [MEDIA_SOURCE] }) },
    });
  });
}
