// POST /admin/imports/customers (streamed CSV), GET /admin/imports/:id, GET …/rejects.csv
import { createReadStream } from 'node:fs';
import { type Readable } from 'node:stream';
import { type FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { audit } from '../auth/audit.js';
import { authenticate, currentUser, requireRole } from '../auth/guard.js';
import { type ServerConfig } from '../config.js';
import { type Db } from '../db/db.js';
import { parseInput } from '../http/validate.js';
import { runImport } from './run-import.js';
import { spoolUpload } from './spool.js';
import { createImport, getImport, readRejects } from './store.js';

const StartQuery = z.object({ fileName: z.string().trim().min(1).max(255).default('import.csv') });
const IdParams = z.object({ id: z.uuid() });

export function registerImportRoutes(app: FastifyInstance, db: Db, config: ServerConfig): void {
  // Hand the raw request stream to the route: it is spooled to disk, never buffered in memory.
  app.addContentTypeParser(['text/csv', 'application/csv', 'application/octet-stream'], (_request, payload, done) => {
    done(null, payload);
  });
  const admin = { preHandler: [authenticate(db), requireRole('admin')] };

  app.post('/admin/imports/customers', { ...admin, bodyLimit: config.importBodyLimit }, async (request, reply) => {
    const { fileName } = parseInput(StartQuery, request.query, 'import query');
    const user = currentUser(request);
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== 'function') {
      return reply.status(400).send({ code: 'INVALID_INPUT', message: 'Send the CSV as the body with Content-Type: text/csv' });
    }
    const file = await spoolUpload(body, config.importBodyLimit);
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
    return reply.status(202).send(status);
  });

  app.get('/admin/imports/:id', admin, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'import id');
    return getImport(db, id);
  });

  app.get('/admin/imports/:id/rejects.csv', admin, async (request, reply) => {
    const { id } = parseInput(IdParams, request.params, 'import id');
    await getImport(db, id); // 404 for an unknown import
    const csv = stringify({ header: true, columns: ['line', 'external_id', 'reason', 'raw'] });
    void (async () => {
      try {
        for await (const r of readRejects(db, id)) {
          if (!csv.write([r.line, r.externalId ?? '', r.reason, r.raw])) await new Promise((ok) => csv.once('drain', ok));
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
