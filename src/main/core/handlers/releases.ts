// admin.releases.*: the Releases screen. Reads and changes are passed to the server; a file
// upload arrives from the renderer in base64 chunks, in order, is appended to a temp file in
// the data folder (never held in memory), and is streamed to the server on finish, which
// checks it against the release's yml (sha512, size) and refuses a mismatch.
import { type MethodName } from '../../../shared/api.js';
import { SapaError } from '../../../shared/errors.js';
import { MAX_RELEASE_FILE_BYTES } from '../../../shared/releases-api.js';
import { type CoreContext, type HandlerMap } from '../context.js';
import { createUploadSpool } from '../uploads/upload-spool.js';

/** A 300 MB installer over a slow branch line still finishes. */
const UPLOAD_TIMEOUT_MS = 60 * 60_000;

type ReleaseMethods = Extract<MethodName, `admin.releases.${string}`>;

export interface ReleaseHandlers {
  handlers: HandlerMap<ReleaseMethods>;
  /** Closes and deletes unfinished uploads (core shutdown). */
  discardAll(): Promise<void>;
}

export function createReleaseHandlers(dataDir: string): ReleaseHandlers {
  const spool = createUploadSpool<{ releaseId: string; name: string; size: number }>(dataDir, '.release');
  const token = (ctx: CoreContext) => ({ token: ctx.requireSession().token });

  const handlers: HandlerMap<ReleaseMethods> = {
    'admin.releases.list': (_input, ctx) => ctx.server.call('releases.list', {}, token(ctx)),
    'admin.releases.create': (body, ctx) => ctx.server.call('releases.create', { body }, token(ctx)),

    'admin.releases.uploadBegin': async ({ releaseId, name, size }) => ({ uploadId: await spool.begin({ releaseId, name, size }) }),

    'admin.releases.uploadChunk': async ({ uploadId, data }) => ({
      bytesReceived: await spool.append(uploadId, Buffer.from(data, 'base64'), ({ size }) => Math.min(size, MAX_RELEASE_FILE_BYTES),
        ({ name, size }) => new SapaError('INVALID_INPUT', `${name} is larger than the ${size} bytes announced`)),
    }),

    'admin.releases.uploadFinish': ({ uploadId }, ctx) => spool.finish(uploadId, (body, { releaseId, name }) =>
      ctx.server.call('releases.upload', { params: { id: releaseId, name } }, {
        ...token(ctx), stream: { body, contentType: 'application/octet-stream' }, timeoutMs: UPLOAD_TIMEOUT_MS,
      })),

    'admin.releases.rings': (_input, ctx) => ctx.server.call('releases.rings', {}, token(ctx)),
    'admin.releases.saveRing': ({ ringId, ring }, ctx) => (ringId
      ? ctx.server.call('releases.updateRing', { params: { id: ringId }, body: ring }, token(ctx))
      : ctx.server.call('releases.createRing', { body: ring }, token(ctx))),
    'admin.releases.offer': ({ ringId, releaseId }, ctx) => ctx.server.call('releases.offer', { params: { id: ringId }, body: { releaseId } }, token(ctx)),
    'admin.releases.widen': ({ ringId }, ctx) => ctx.server.call('releases.widen', { params: { id: ringId } }, token(ctx)),
    'admin.releases.pause': ({ ringId, paused }, ctx) => ctx.server.call('releases.pause', { params: { id: ringId }, body: { paused } }, token(ctx)),
    'admin.releases.pin': ({ ringId, releaseId }, ctx) => ctx.server.call('releases.pin', { params: { id: ringId }, body: { releaseId } }, token(ctx)),
    'admin.releases.rollback': (body, ctx) => ctx.server.call('releases.rollback', { body }, token(ctx)),
    'admin.releases.policy': (_input, ctx) => ctx.server.call('releases.policy', {}, token(ctx)),
    'admin.releases.setPolicy': (body, ctx) => ctx.server.call('releases.setPolicy', { body }, token(ctx)),
    'admin.releases.setMirror': ({ siteCode, url }, ctx) => ctx.server.call('releases.setMirror', { params: { id: siteCode }, body: { url } }, token(ctx)),
  };

  return { handlers, discardAll: () => spool.discardAll() };
}
