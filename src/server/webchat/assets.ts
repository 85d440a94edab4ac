// The widget's scripts, served by the Sapa server: GET /widget/loader.js (the one script tag
// a site embeds), /widget/widget.js (loaded by it when the customer opens the chat), and any
// other script the build put there (the browser-sharing script, /widget/cobrowse.js, loaded
// on demand). Built by `npm run build:widget` into out/widget (SAPA_WIDGET_DIR overrides).
// Short cache with revalidation: a fixed URL that every customer's browser must refresh soon
// after an upgrade.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FastifyInstance } from 'fastify';

const DEFAULT_DIR = fileURLToPath(new URL('../../../out/widget/', import.meta.url));

export function widgetDir(): string {
  return process.env.SAPA_WIDGET_DIR ?? DEFAULT_DIR;
}

export function registerWidgetAssets(app: FastifyInstance, dir = widgetDir()): void {
  app.get('/widget/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!/^[a-z][a-z0-9-]{0,40}\.js$/.test(file)) return reply.status(404).send({ code: 'NOT_FOUND', message: 'No such widget file' });
    const full = path.join(dir, file);
    try {
      const info = await stat(full);
      const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').header('etag', etag)
        .header('access-control-allow-origin', '*').header('x-content-type-options', 'nosniff')
        .send(await readFile(full));
    } catch {
      return reply.status(404).send({ code: 'NOT_FOUND', message: 'The widget is not built on this server (npm run build:widget)' });
    }
  });
}
