// CSV feeds of orders, invoices and contracts (docs/integrations.md, "CSV feeds"): the same
// path as the customer import — spooled upload, streamed parse, status row and rejects in
// the imports tables, GET /admin/imports/:id and its rejects.csv — with each batch of rows
// turned into the integration API's records and applied by its idempotent upsert
// (integrations/upsert.ts). A row's reject names its line.
import { type Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { SapaError } from '../../shared/errors.js';
import { type IntegrationScope } from '../../shared/integrations.js';
import { type Db } from '../db/db.js';
import { applyFeedBatch } from '../integrations/upsert.js';
import { ByteCounter, MAX_RECORD_BYTES, type ImportLogger } from './run-import.js';
import { type ImportCounters, type Reject, finishImport, saveProgress, saveRejects } from './store.js';

const BATCH_SIZE = 1000;
const RAW_CHARS = 200;

type Kind = 'number' | 'text' | 'nullable';
/** CSV column → record field, and how the cell is read. */
const COLUMNS: Record<IntegrationScope, Record<string, [string, Kind]>> = {
  orders: {
    order_no: ['orderNo', 'text'], customer_external_id: ['customerExternalId', 'text'], customer_no: ['customerNo', 'text'],
    product: ['product', 'text'], amount_idr: ['amountIdr', 'number'], status: ['status', 'text'], placed_at: ['placedAt', 'text'],
    expected_at: ['expectedAt', 'nullable'],
  },
  invoices: {
    invoice_no: ['invoiceNo', 'text'], customer_external_id: ['customerExternalId', 'text'], customer_no: ['customerNo', 'text'],
    amount_idr: ['amountIdr', 'number'], issued_at: ['issuedAt', 'text'], due_date: ['dueDate', 'text'], paid_idr: ['paidIdr', 'number'],
  },
  contracts: {
    contract_no: ['contractNo', 'text'], customer_external_id: ['customerExternalId', 'text'], customer_no: ['customerNo', 'text'],
    product: ['product', 'text'], start_date: ['startDate', 'text'], end_date: ['endDate', 'nullable'],
    monthly_fee_idr: ['monthlyFeeIdr', 'number'], value_idr: ['valueIdr', 'nullable'], status: ['status', 'text'],
    owner_username: ['ownerUsername', 'nullable'],
  },
};
const ID_COLUMN: Record<IntegrationScope, string> = { orders: 'order_no', invoices: 'invoice_no', contracts: 'contract_no' };

function cell(value: string, kind: Kind): unknown {
  const v = value.trim();
  if (v === '') return kind === 'nullable' ? null : undefined;
  if (kind === 'number' || /^-?\d+$/.test(v)) return /^-?\d+$/.test(v) ? Number(v) : v;
  return v;
}

interface ParsedRecord { record: string[]; info: Info; raw: string }

export async function runFeedImport(
  db: Db, importId: string, scope: IntegrationScope, fileName: string, body: Readable, opts: { byteLimit: number; log?: ImportLogger },
): Promise<void> {
  const counters: ImportCounters = { rowsRead: 0, rowsInserted: 0, rowsUpdated: 0, rowsRejected: 0, bytesRead: 0 };
  const counter = new ByteCounter(opts.byteLimit);
  const parser = parse({ bom: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES, skip_empty_lines: true, info: true, raw: true });
  body.on('error', (err) => counter.destroy(err));
  body.pipe(counter).on('error', (err) => parser.destroy(err)).pipe(parser);

  const columns = COLUMNS[scope];
  let header: { index: number; field: string; kind: Kind }[] | null = null;
  let idIndex = -1;
  let records: unknown[] = [];
  let lines: number[] = [];
  let raws: string[] = [];
  let previousEnd = 0;
  let previousEmpty = 0;

  const flush = async (): Promise<void> => {
    counters.bytesRead = counter.bytes;
    if (records.length) {
      const r = await applyFeedBatch(db, scope, records, `csv:${fileName}`.slice(0, 120));
      counters.rowsInserted += r.inserted;
      counters.rowsUpdated += r.updated;
      counters.rowsRejected += r.rejected.length;
      const rejects: Reject[] = r.rejected.map((x) => ({ line: lines[x.index] ?? 0, externalId: x.ref, reason: x.reason, raw: raws[x.index] ?? '' }));
      await saveRejects(db, importId, rejects);
    }
    await saveProgress(db, importId, counters);
    records = []; lines = []; raws = [];
  };

  try {
    for await (const item of parser as AsyncIterable<ParsedRecord>) {
      const line = previousEnd + 1 + (item.info.empty_lines - previousEmpty);
      previousEnd = item.info.lines;
      previousEmpty = item.info.empty_lines;
      if (!header) {
        const names = item.record.map((h) => h.trim().toLowerCase());
        const unknown = names.filter((n) => n && !(n in columns));
        if (unknown.length) throw new SapaError('INVALID_INPUT', `Unknown columns: ${unknown.join(', ')} (expected ${Object.keys(columns).join(', ')})`);
        idIndex = names.indexOf(ID_COLUMN[scope]);
        if (idIndex < 0) throw new SapaError('INVALID_INPUT', `The header has no ${ID_COLUMN[scope]} column`);
        header = names.flatMap((n, index) => (columns[n] ? [{ index, field: columns[n][0], kind: columns[n][1] }] : []));
        continue;
      }
      counters.rowsRead += 1;
      const record: Record<string, unknown> = {};
      for (const h of header) {
        const v = cell(item.record[h.index] ?? '', h.kind);
        if (v !== undefined) record[h.field] = v;
      }
      records.push(record);
      lines.push(line);
      raws.push(item.raw.replace(/\r?\n$/, '').slice(0, RAW_CHARS));
      if (records.length >= BATCH_SIZE) await flush();
    }
    if (!header) throw new SapaError('INVALID_INPUT', 'The file is empty (no header row)');
    await flush();
    await finishImport(db, importId, counters, null);
  } catch (err) {
    body.resume();
    counters.bytesRead = counter.bytes;
    opts.log?.error({ err, importId }, 'feed import failed');
    const e = err as { code?: string; message?: string };
    const message = err instanceof SapaError ? err.message
      : e.code === 'CSV_MAX_RECORD_SIZE' ? `A record is larger than ${MAX_RECORD_BYTES} bytes; import stopped`
        : `Import failed: ${e.message ?? String(err)}`;
    await finishImport(db, importId, counters, message).catch(() => undefined);
  }
}
