// Releases, rings, offers, the mandatory minimum, site mirrors (admins: releases.manage,
// each change audited by the registrar), and the public per-desktop feed.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type Readable } from 'node:stream';
import { type FastifyInstance } from 'fastify';
import { SapaError } from '../../shared/errors.js';
import { CHANNEL_FILES, ChannelFile } from '../../shared/releases-routes.js';
import { type Db } from '../db/db.js';
import { closeAfterReply } from '../http/errors.js';
import { type RegisterRoute } from '../http/route.js';
import { multipartByteranges, parseRanges } from './byte-ranges.js';
import { feedYml, storedFile } from './feed.js';
import { getPolicy, setMirror, setPolicy } from './policy.js';
import { createRelease, loadReleases, uploadReleaseFile } from './releases.js';
import { listRings, offerRelease, pause, pin, rollback, saveRing, widen } from './rings.js';
import { releaseFilePath } from './storage.js';

export function registerUpdateRoutes(app: FastifyInstance, register: RegisterRoute, db: Db, directory: string): void {
  // Installers arrive as the raw request stream (application/octet-stream), hashed on the way to disk.
  if (!app.hasContentTypeParser('application/octet-stream')) {
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  }

  register('releases.list', async () => ({ releases: await loadReleases(db) }));
  register('releases.create', async ({ body, user }) => createRelease(db, body, user.id));
  register('releases.upload', async ({ params, body, reply }) => {
    const stream = body as Readable | undefined;
    if (!stream || typeof stream.pipe !== 'function') {
      throw new SapaError('INVALID_INPUT', 'Send the file as the body with Content-Type: application/octet-stream');
    }
    return uploadReleaseFile(db, directory, params.id, params.name, stream).catch((err: unknown) => {
      if (!stream.readableEnded) closeAfterReply(reply); // the rest of the body is not read
      throw err;
    });
  }, { bodyLimit: 4 * 1024 ** 3 + 1 });

  register('releases.rings', async () => ({ rings: await listRings(db) }));
  register('releases.createRing', async ({ body }) => saveRing(db, body, null));
  register('releases.updateRing', async ({ params, body }) => saveRing(db, body, params.id));
  register('releases.offer', async ({ params, body, user }) => offerRelease(db, params.id, body.releaseId, user.id));
  register('releases.widen', async ({ params, user }) => widen(db, params.id, user.id));
  register('releases.pause', async ({ params, body }) => pause(db, params.id, body.paused));
  register('releases.pin', async ({ params, body }) => pin(db, params.id, body.releaseId));
  register('releases.rollback', async ({ body, user }) => rollback(db, body.goodReleaseId, body.version, user.id));
  register('releases.policy', async () => getPolicy(db));
  register('releases.setPolicy', async ({ body }) => setPolicy(db, body));
  register('releases.setMirror', async ({ params, body }) => setMirror(db, params.id, body.url));

  register('updates.feed', async ({ params: { id, name }, request, reply }) => {
    reply.header('Cache-Control', 'no-store');
    const channel = ChannelFile.safeParse(name);
    if (channel.success) {
      const running = request.headers['x-sapa-app-version'];
      const yml = await feedYml(db, id.toLowerCase(), CHANNEL_FILES[channel.data], typeof running === 'string' ? running.trim() : undefined);
      if (yml === null) throw new SapaError('NOT_FOUND', 'No release is offered to this desktop');
      return reply.header('Content-Type', 'text/yaml; charset=utf-8').send(yml);
    }
    const file = await storedFile(db, name);
    if (!file) throw new SapaError('NOT_FOUND', `No release file ${name}`);
    const path = releaseFilePath(directory, file.releaseId, name);
    const size = (await stat(path).catch(() => null))?.size;
    if (size === undefined) throw new SapaError('NOT_FOUND', `No release file ${name}`);
    reply.header('Accept-Ranges', 'bytes').header('Content-Type', 'application/octet-stream');
    const ranges = parseRanges(request.headers.range, size);
    if (ranges === 'unsatisfiable') return reply.status(416).header('Content-Range', `bytes */${size}`).send();
    if (ranges?.length === 1) {
      const [r] = ranges;
      reply.status(206).header('Content-Range', `bytes ${r!.start}-${r!.end}/${size}`).header('Content-Length', r!.end - r!.start + 1);
      return reply.send(createReadStream(path, { start: r!.start, end: r!.end }));
    }
    if (ranges) {
      const body = multipartByteranges(path, size, ranges);
      return reply.status(206).header('Content-Type', body.contentType).header('Content-Length', body.length).send(body.stream);
    }
    return reply.header('Content-Length', size).send(createReadStream(path));
  });
}
