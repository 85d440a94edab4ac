// imports.start (POST /admin/imports/customers, streamed CSV), imports.status, imports.rejects.
import { createReadStream } from 'node:fs';
import { type Readable } from 'node:stream';
import { type FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify';
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import { audit } from '../auth/audit.js';
import { type ServerConfig } from '../config.js';
import { type Db } from '../db/db.js';
import { closeAfterReply } from '../http/errors.js';
import { spreadsheetSafe } from '../http/spreadsheet-safe.js';
import { type RegisterRoute } from '../http/route.js';
import { runFeedImport } from './run-feed-import.js';
import { runImport } from './run-import.js';
import { spoolUpload } from './spool.js';
import { createImport, getImport, readRejects } from './store.js';

export function registerImportRoutes(app: FastifyInstance, register: RegisterRoute, db: Db, config: ServerConfig): void {
  // Hand the raw request stream to the route: it is spooled to disk, never buffered in memory.
  app.addContentTypeParser(['text/csv', 'application/csv', 'application/octet-stream'], (_request, payload, done) => {
    done(null, payload);
  });

  register('imports.start', async ({ query: { fileName }, body: raw, user, request, reply }) => {
    const body = raw as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      throw new SapaError('INVALID_INPUT', 'Send the CSV as the body with Content-Type: text/csv');
    }
    const file = await spoolUpload(body, config.importBodyLimit).catch((err: unknown) => {
      closeAfterReply(reply); // the rest of the body is not read
      throw err;
    });
    const id = uuidv7();
    const status = await createImport(db, id, fileName, user.id);
    await audit(db, 'import_started', user.id, fileName, { importId: id, bytes: file.bytes });
    void runImport(db, id, createReadStream(file.path), { byteLimit: config.importBodyLimit, log: request.log })
      .then(async () => {
        const final = await getImport(db, id);
        await audit(db, 'import_finished', user.id, fileName, { importId: id, state: final.state, rows: final.rowsRead });
      })
      .catch((err: unknown) => request.log.error({ err }, 'import bookkeeping failed'))
      .finally(() => void file.remove());
    return status;
  }, { bodyLimit: config.importBodyLimit });

  register('imports.feed', async ({ params: { kind }, query: { fileName }, body: raw, user, request, reply }) => {
    const body = raw as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      throw new SapaError('INVALID_INPUT', 'Send the CSV as the body with Content-Type: text/csv');
    }
    const file = await spoolUpload(body, config.importBodyLimit).catch((err: unknown) => {
      closeAfterReply(reply);
      throw err;
    });
    const id = uuidv7();
    const status = await createImport(db, id, fileName, user.id);
    await audit(db, 'import_started', user.id, fileName, { importId: id, bytes: file.bytes, feed: kind });
    void runFeedImport(db, id, kind, fileName, createReadStream(file.path), { byteLimit: config.importBodyLimit, log: request.log })
      .then(async () => {
        const final = await getImport(db, id);
        await audit(db, 'import_finished', user.id, fileName, { importId: id, state: final.state, rows: final.rowsRead, feed: kind });
      })
      .catch((err: unknown) => request.log.error({ err }, 'feed import bookkeeping failed'))
      .finally(() => void file.remove());
    return status;
  }, { bodyLimit: config.importBodyLimit });

  register('imports.status', async ({ params }) => getImport(db, params.id));

  register('imports.rejects', async ({ params: { id }, reply }) => {
    await getImport(db, id); // 404 for an unknown import
    const csv = stringify({ header: true, columns: ['line', 'external_id', 'reason', 'raw'] });
    void (async () => {
      try {
        for await (const r of readRejects(db, id)) {
          if (!csv.write([r.line, spreadsheetSafe(r.externalId ?? ''), spreadsheetSafe(r.reason), spreadsheetSafe(r.raw)])) await new Promise((ok) => csv.once('drain', ok));
        }
        csv.end();
      } catch (err) {
        csv.destroy(err as Error);
      }
    })();
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-${id}-rejects.csv"`)
      .send(csv);
  });
}
