// Streams a customer CSV into the database: parse → validate → batches of ~500 rows, each
// in one write transaction. The file is never held in memory; progress is saved after
// every batch so GET /admin/imports/:id can show it.
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import { applyBatch, updatedFields } from './apply-batch.js';
import { type HeaderMap, readHeader } from './columns.js';
import { type ImportCounters, type Reject, finishImport, saveProgress, saveRejects } from './store.js';
import { validateRow } from './validate-row.js';
import { type ImportedCustomer } from './customer-row.js';

export const BATCH_SIZE = 500;
/** csv-parse refuses records above this; fields above MAX_FIELD_CHARS are rejected per row. */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;
const RAW_CHARS = 200;

interface ParsedRecord { record: string[]; info: Info; raw: string }

export interface ImportLogger { error(obj: object, msg: string): void }

/** Counts bytes and enforces the size limit while passing the stream through. */
export class ByteCounter extends Transform {
  bytes = 0;
  constructor(private readonly limit: number) { super(); }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) done(new SapaError('TOO_LARGE', `The file is larger than ${this.limit} bytes`));
    else done(null, chunk);
  }
}

export async function runImport(
  db: Db, importId: string, body: Readable, opts: { byteLimit: number; log?: ImportLogger },
): Promise<void> {
  const counters: ImportCounters = { rowsRead: 0, rowsInserted: 0, rowsUpdated: 0, rowsRejected: 0, bytesRead: 0 };
  const counter = new ByteCounter(opts.byteLimit);
  const parser = parse({
    bom: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES, skip_empty_lines: true,
    info: true, raw: true,
  });
  body.on('error', (err) => counter.destroy(err));
  body.pipe(counter).on('error', (err) => parser.destroy(err)).pipe(parser);

  let header: HeaderMap | null = null;
  let width = 0;
  let fields: ReturnType<typeof updatedFields> = [];
  let batch: ImportedCustomer[] = [];
  let rejects: Reject[] = [];
  const firstLine = new Map<string, number>();
  let previousEnd = 0;
  let previousEmpty = 0;

  const flush = async (): Promise<void> => {
    counters.bytesRead = counter.bytes;
    if (batch.length > 0) {
      const { inserted, updated } = await applyBatch(db, batch, fields);
      counters.rowsInserted += inserted;
      counters.rowsUpdated += updated;
    }
    await saveRejects(db, importId, rejects);
    await saveProgress(db, importId, counters);
    batch = [];
    rejects = [];
  };

  try {
    for await (const item of parser as AsyncIterable<ParsedRecord>) {
      // The record starts on the line after the previous one ended, plus any skipped blank lines.
      const line = previousEnd + 1 + (item.info.empty_lines - previousEmpty);
      previousEnd = item.info.lines;
      previousEmpty = item.info.empty_lines;
      if (!header) {
        header = readHeader(item.record);
        width = item.record.length;
        fields = updatedFields(new Set(header.keys()));
        continue;
      }
      counters.rowsRead += 1;
      const result = validateRow(item.record, header, width);
      const externalId = (item.record[header.get('external_id') ?? -1] ?? '').trim().slice(0, 64) || null;
      let reason = result.ok ? null : result.reason;
      if (result.ok) {
        const seen = firstLine.get(result.customer.externalId);
        if (seen !== undefined) reason = `Duplicate external_id; first seen on line ${seen}`;
        else firstLine.set(result.customer.externalId, line);
      }
      if (reason !== null || !result.ok) {
        counters.rowsRejected += 1;
        rejects.push({ line, externalId, reason: reason ?? 'invalid', raw: item.raw.replace(/\r?\n$/, '').slice(0, RAW_CHARS) });
      } else {
        batch.push(result.customer);
      }
      if (batch.length >= BATCH_SIZE || rejects.length >= BATCH_SIZE) await flush();
    }
    if (!header) throw new SapaError('INVALID_INPUT', 'The file is empty (no header row)');
    await flush();
    await finishImport(db, importId, counters, null);
  } catch (err) {
    body.resume(); // drain what the client still sends so its request completes
    counters.bytesRead = counter.bytes;
    const message = describeFailure(err);
    opts.log?.error({ err, importId }, 'import failed');
    await finishImport(db, importId, counters, message).catch(() => undefined);
  }
}

/** The import's `error` text for a failure (also the prospect import's, src/server/sales/prospects/import.ts). */
export function describeFailure(err: unknown): string {
  if (err instanceof SapaError) return err.message;
  const e = err as { code?: string; message?: string; lines?: number };
  if (e.code === 'CSV_MAX_RECORD_SIZE') return `A record is larger than ${MAX_RECORD_BYTES} bytes (line ${e.lines ?? '?'}); import stopped`;
  if (typeof e.code === 'string' && e.code.startsWith('CSV_')) return `The file is not valid CSV: ${e.message ?? e.code}`;
  return `Import failed: ${e.message ?? String(err)}`;
}
