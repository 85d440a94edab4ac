// admin.import.*: the renderer sends the CSV as UTF-8 text chunks, in order; core appends
// them to a temp file in the data folder (never holding the file in memory), then streams
// the file to the server on finish and deletes it. Status and rejects are proxied.
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { SapaError } from '../../../shared/errors.js';
import { type CoreContext, type HandlerMap } from '../context.js';

export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;
const UPLOAD_TIMEOUT_MS = 30 * 60_000;

interface Upload {
  fileName: string;
  path: string;
  file: FileHandle;
  bytes: number;
  /** Chunks are appended one after another even if calls overlap. */
  tail: Promise<unknown>;
}

type ImportMethods =
  'admin.import.begin' | 'admin.import.chunk' | 'admin.import.finish' | 'admin.import.status' | 'admin.import.rejectsCsv';

export interface ImportHandlers {
  handlers: HandlerMap<ImportMethods>;
  /** Closes and deletes unfinished uploads (core shutdown). */
  discardAll(): Promise<void>;
  /** An upload is in progress (an update must not restart the desktop under it). */
  busy(): boolean;
}

export function createImportHandlers(dataDir: string): ImportHandlers {
  const uploadsDir = join(dataDir, 'uploads');
  const uploads = new Map<string, Upload>();

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

  async function send(upload: Upload, ctx: CoreContext) {
    const body = Readable.toWeb(createReadStream(upload.path)) as ReadableStream<Uint8Array>;
    return ctx.server.call('imports.start', { query: { fileName: upload.fileName } }, {
      token: ctx.requireSession().token, stream: { body, contentType: 'text/csv' }, timeoutMs: UPLOAD_TIMEOUT_MS,
    });
  }

  const handlers: HandlerMap<ImportMethods> = {
    'admin.import.begin': async ({ fileName, size }) => {
      if (size > MAX_IMPORT_BYTES) {
        throw new SapaError('TOO_LARGE', `The file is ${size} bytes; imports are limited to ${MAX_IMPORT_BYTES} bytes`);
      }
      await mkdir(uploadsDir, { recursive: true });
      const uploadId = randomUUID();
      const path = join(uploadsDir, `${uploadId}.csv`);
      const file = await open(path, 'wx', 0o600);
      uploads.set(uploadId, { fileName, path, file, bytes: 0, tail: Promise.resolve() });
      return { uploadId };
    },

    'admin.import.chunk': async ({ uploadId, data }) => {
      const upload = uploadOf(uploadId);
      const write = upload.tail.then(async () => {
        const bytes = Buffer.from(data, 'utf8');
        if (upload.bytes + bytes.length > MAX_IMPORT_BYTES) {
          await discard(uploadId);
          throw new SapaError('TOO_LARGE', `Imports are limited to ${MAX_IMPORT_BYTES} bytes`);
        }
        await upload.file.write(bytes);
        upload.bytes += bytes.length;
        return upload.bytes;
      });
      upload.tail = write.catch(() => undefined);
      return { bytesReceived: await write };
    },

    'admin.import.finish': async ({ uploadId }, ctx) => {
      const upload = uploadOf(uploadId);
      await upload.tail;
      await upload.file.close();
      try {
        return await send(upload, ctx);
      } finally {
        uploads.delete(uploadId);
        await rm(upload.path, { force: true });
      }
    },

    'admin.import.status': ({ importId }, ctx) => ctx.server.call('imports.status', { params: { id: importId } }, {
      token: ctx.requireSession().token,
    }),

    'admin.import.rejectsCsv': async ({ importId }, ctx) => {
      const csv = await ctx.server.call('imports.rejects', { params: { id: importId } }, { token: ctx.requireSession().token });
      return { fileName: `rejects-${importId}.csv`, csv };
    },
  };

  return {
    handlers,
    async discardAll() {
      await Promise.all([...uploads.keys()].map((id) => discard(id)));
    },
    busy: () => uploads.size > 0,
  };
}
