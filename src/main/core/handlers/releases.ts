// admin.releases.*: the Releases screen. Reads and changes are passed to the server; a file
// upload arrives from the renderer in base64 chunks, in order, is appended to a temp file in
// the data folder (never held in memory), and is streamed to the server on finish, which
// checks it against the release's yml (sha512, size) and refuses a mismatch.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type MethodName } from '../../../shared/api.js';
import { SapaError } from '../../../shared/errors.js';
import { MAX_RELEASE_FILE_BYTES } from '../../../shared/releases-api.js';
import { type CoreContext, type HandlerMap } from '../context.js';

/** A 300 MB installer over a slow branch line still finishes. */
const UPLOAD_TIMEOUT_MS = 60 * 60_000;

interface Upload {
  releaseId: string;
  name: string;
  size: number;
  path: string;
  file: FileHandle;
  bytes: number;
  tail: Promise<unknown>;
}

type ReleaseMethods = Extract<MethodName, `admin.releases.${string}`>;

export interface ReleaseHandlers {
  handlers: HandlerMap<ReleaseMethods>;
  /** Closes and deletes unfinished uploads (core shutdown). */
  discardAll(): Promise<void>;
}

export function createReleaseHandlers(dataDir: string): ReleaseHandlers {
  const uploadsDir = join(dataDir, 'uploads');
  const uploads = new Map<string, Upload>();
  const token = (ctx: CoreContext) => ({ token: ctx.requireSession().token });

  function uploadOf(uploadId: string): Upload {
    const upload = uploads.get(uploadId);
    if (!upload) throw new SapaError('NOT_FOUND', `No upload ${uploadId} in progress`);
    return upload;
  }

  async function discard(uploadId: string): Promise<void> {
    const upload = uploads.get(uploadId);
    if (!upload) return;
    uploads.delete(uploadId);
    await upload.file.close().catch(() => undefined);
    await rm(upload.path, { force: true });
  }

  const handlers: HandlerMap<ReleaseMethods> = {
    'admin.releases.list': (_input, ctx) => ctx.server.call('releases.list', {}, token(ctx)),
    'admin.releases.create': (body, ctx) => ctx.server.call('releases.create', { body }, token(ctx)),

    'admin.releases.uploadBegin': async ({ releaseId, name, size }) => {
      await mkdir(uploadsDir, { recursive: true });
      const uploadId = randomUUID();
      const path = join(uploadsDir, `${uploadId}.release`);
      const file = await open(path, 'wx', 0o600);
      uploads.set(uploadId, { releaseId, name, size, path, file, bytes: 0, tail: Promise.resolve() });
      return { uploadId };
    },

    'admin.releases.uploadChunk': async ({ uploadId, data }) => {
      const upload = uploadOf(uploadId);
      const write = upload.tail.then(async () => {
        const bytes = Buffer.from(data, 'base64');
        if (upload.bytes + bytes.length > Math.min(upload.size, MAX_RELEASE_FILE_BYTES)) {
          await discard(uploadId);
          throw new SapaError('INVALID_INPUT', `${upload.name} is larger than the ${upload.size} bytes announced`);
        }
        await upload.file.write(bytes);
        upload.bytes += bytes.length;
        return upload.bytes;
      });
      upload.tail = write.catch(() => undefined);
      return { bytesReceived: await write };
    },

    'admin.releases.uploadFinish': async ({ uploadId }, ctx) => {
      const upload = uploadOf(uploadId);
      await upload.tail;
      await upload.file.close();
      try {
        const body = Readable.toWeb(createReadStream(upload.path)) as ReadableStream<Uint8Array>;
        return await ctx.server.call('releases.upload', { params: { id: upload.releaseId, name: upload.name } }, {
          ...token(ctx), stream: { body, contentType: 'application/octet-stream' }, timeoutMs: UPLOAD_TIMEOUT_MS,
        });
      } finally {
        uploads.delete(uploadId);
        await rm(upload.path, { force: true });
      }
    },

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

  return {
    handlers,
    async discardAll() {
      await Promise.all([...uploads.keys()].map((id) => discard(id)));
    },
  };
}
