// A file the renderer hands core in chunks (a CSV import, a release installer): each chunk
// is appended, in order, to a temp file in the data folder — never held in memory — and the
// finished file is streamed on (to the server) and deleted, whatever the answer. An upload
// that goes over its limit is discarded at once, so nothing half-sent stays behind.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SapaError } from '../../../shared/errors.js';

interface SpooledUpload<Meta> {
  meta: Meta;
  path: string;
  file: FileHandle;
  bytes: number;
  /** Chunks are appended one after another even if calls overlap. */
  tail: Promise<unknown>;
}

export interface UploadSpool<Meta> {
  /** Opens a new temp file (`<uploadId><extension>` in `<dataDir>/uploads`). */
  begin(meta: Meta): Promise<string>;
  /**
   * Appends one chunk and answers the bytes received so far. When the total would pass
   * `limit`, the upload is discarded and `tooLarge(meta)` is thrown.
   */
  append(uploadId: string, chunk: Buffer, limit: (meta: Meta) => number, tooLarge: (meta: Meta) => SapaError): Promise<number>;
  /** Waits for the last chunk, hands the file as a stream to `send`, then deletes it. */
  finish<T>(uploadId: string, send: (body: ReadableStream<Uint8Array>, meta: Meta) => Promise<T>): Promise<T>;
  /** Closes and deletes every unfinished upload (core shutdown). */
  discardAll(): Promise<void>;
  /** An upload is in progress. */
  busy(): boolean;
}

export function createUploadSpool<Meta>(dataDir: string, extension: string): UploadSpool<Meta> {
  const uploadsDir = join(dataDir, 'uploads');
  const uploads = new Map<string, SpooledUpload<Meta>>();

  function uploadOf(uploadId: string): SpooledUpload<Meta> {
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

  return {
    async begin(meta) {
      await mkdir(uploadsDir, { recursive: true });
      const uploadId = randomUUID();
      const path = join(uploadsDir, `${uploadId}${extension}`);
      const file = await open(path, 'wx', 0o600);
      uploads.set(uploadId, { meta, path, file, bytes: 0, tail: Promise.resolve() });
      return uploadId;
    },

    async append(uploadId, chunk, limit, tooLarge) {
      const upload = uploadOf(uploadId);
      const write = upload.tail.then(async () => {
        if (upload.bytes + chunk.length > limit(upload.meta)) {
          await discard(uploadId);
          throw tooLarge(upload.meta);
        }
        await upload.file.write(chunk);
        upload.bytes += chunk.length;
        return upload.bytes;
      });
      upload.tail = write.catch(() => undefined);
      return write;
    },

    async finish(uploadId, send) {
      const upload = uploadOf(uploadId);
      await upload.tail;
      await upload.file.close();
      try {
        return await send(Readable.toWeb(createReadStream(upload.path)) as ReadableStream<Uint8Array>, upload.meta);
      } finally {
        uploads.delete(uploadId);
        await rm(upload.path, { force: true });
      }
    },

    async discardAll() {
      await Promise.all([...uploads.keys()].map((id) => discard(id)));
    },

    busy: () => uploads.size > 0,
  };
}
