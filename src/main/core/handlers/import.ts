// admin.import.*: the renderer sends the CSV as UTF-8 text chunks, in order; core appends
// them to a temp file in the data folder (never holding the file in memory), then streams
// the file to the server on finish and deletes it. Status and rejects are proxied.
import { SapaError } from '../../../shared/errors.js';
import { type HandlerMap } from '../context.js';
import { createUploadSpool } from '../uploads/upload-spool.js';

export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;
const UPLOAD_TIMEOUT_MS = 30 * 60_000;

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
  const spool = createUploadSpool<{ fileName: string; kind: 'customers' | 'orders' | 'invoices' | 'contracts' }>(dataDir, '.csv');

  const handlers: HandlerMap<ImportMethods> = {
    'admin.import.begin': async ({ fileName, size, kind }) => {
      if (size > MAX_IMPORT_BYTES) {
        throw new SapaError('TOO_LARGE', `The file is ${size} bytes; imports are limited to ${MAX_IMPORT_BYTES} bytes`);
      }
      return { uploadId: await spool.begin({ fileName, kind }) };
    },

    'admin.import.chunk': async ({ uploadId, data }) => ({
      bytesReceived: await spool.append(uploadId, Buffer.from(data, 'utf8'), () => MAX_IMPORT_BYTES,
        () => new SapaError('TOO_LARGE', `Imports are limited to ${MAX_IMPORT_BYTES} bytes`)),
    }),

    'admin.import.finish': ({ uploadId }, ctx) => spool.finish(uploadId, (body, { fileName, kind }) => {
      const options = { token: ctx.requireSession().token, stream: { body, contentType: 'text/csv' }, timeoutMs: UPLOAD_TIMEOUT_MS };
      return kind === 'customers'
        ? ctx.server.call('imports.start', { query: { fileName } }, options)
        : ctx.server.call('imports.feed', { params: { kind }, query: { fileName } }, options);
    }),

    'admin.import.status': ({ importId }, ctx) => ctx.server.call('imports.status', { params: { id: importId } }, {
      token: ctx.requireSession().token,
    }),

    'admin.import.rejectsCsv': async ({ importId }, ctx) => {
      const csv = await ctx.server.call('imports.rejects', { params: { id: importId } }, { token: ctx.requireSession().token });
      return { fileName: `rejects-${importId}.csv`, csv };
    },
  };

  return { handlers, discardAll: () => spool.discardAll(), busy: () => spool.busy() };
}
