// Serves the built renderer: files under one root only (no traversal, no symlink escape,
// no dot-files), index.html for "/" and for unknown paths without an extension (the app
// routes by hash, so this is only for reloads), and the right content types.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
  '.webm': 'audio/webm',
};

/** Maps a URL path to a file path inside `root`, or null when it would leave it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  return full === base || full.startsWith(base + sep) ? full : null;
}

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

async function fileInside(root: string, path: string): Promise<string | null> {
  try {
    const real = await realpath(path);
    const realRoot = await realpath(root);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

export async function serveStatic(
  root: string, req: IncomingMessage, res: ServerResponse, headers: Record<string, string>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return;
  }
  const urlPath = req.url ?? '/';
  const candidate = resolveStaticPath(root, urlPath);
  if (candidate === null) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  let file = await fileInside(root, candidate);
  if (file === null && extname(candidate) === '') file = await fileInside(root, join(root, 'index.html'));
  if (file === null) {
    const missingApp = (await fileInside(root, join(root, 'index.html'))) === null;
    res.writeHead(missingApp ? 503 : 404, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
      .end(missingApp ? 'The renderer is not built: run npm run build:renderer' : 'Not found');
    return;
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    ...headers,
    'content-type': contentTypeOf(file),
    // Hashed assets may be cached; index.html never, so a rebuilt app is picked up.
    'cache-control': isHtml ? 'no-store' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
