// Streams a prospect CSV (docs/sales.md, "Importing prospects"): parse → one line at a time
// through saveProspect (the same rules as the form: de-duplicated, assigned), batches of 200
// lines per write transaction, each line's outcome kept for the report (created / merged with
// which customer / rejected why). The status row is the shared imports table (rows inserted =
// created, rows updated = merged). A re-import merges every line into the customers the first
// run created: nothing is written twice.
import { type Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import { splitList } from '../../../shared/sales/dedupe.js';
import { ProspectInput } from '../../../shared/sales/prospects.js';
import { type Db } from '../../db/db.js';
import { withWriteTransaction } from '../../db/write-transaction.js';
import { ByteCounter, MAX_RECORD_BYTES, describeFailure } from '../../imports/run-import.js';
import { type ImportCounters, finishImport, saveProgress } from '../../imports/store.js';
import { ownerByUsername } from './assign.js';
import { saveProspect } from './save.js';

const BATCH = 200;
const MAX_FIELD_CHARS = 10_000;
const RAW_CHARS = 200;

/** Header names → field; the first of each list found is used. */
const COLUMNS = {
  name: ['name', 'full_name', 'nama'], phone: ['phone', 'phones', 'telepon'], email: ['email', 'emails', 'e-mail'],
  source: ['source', 'sumber'], owner: ['owner', 'pemilik'], interest: ['interest', 'minat'],
  products: ['products', 'products_of_interest', 'produk'], stage: ['stage', 'lifecycle'], branch: ['branch', 'cabang'], city: ['city', 'kota'],
} as const;
type Column = keyof typeof COLUMNS;

export function readProspectHeader(record: readonly string[]): Map<Column, number> {
  const names = record.map((r) => r.trim().toLowerCase());
  const map = new Map<Column, number>();
  for (const [col, aliases] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const i = names.findIndex((n) => aliases.includes(n));
    if (i >= 0) map.set(col, i);
  }
  if (!map.has('name')) throw new SapaError('INVALID_INPUT', 'The header row lacks the column name (or full_name)');
  if (!map.has('phone') && !map.has('email')) throw new SapaError('INVALID_INPUT', 'The header row needs a phone or an email column');
  return map;
}

interface Line { line: number; outcome: 'created' | 'merged' | 'rejected'; customerId: string | null; customerNo: string | null; customerName: string | null; reason: string | null; raw: string }

async function saveLines(db: Db, importId: string, lines: readonly Line[]): Promise<void> {
  if (lines.length === 0) return;
  await db.query(
    `INSERT INTO prospect_import_lines (import_id, line, outcome, customer_id, customer_no, customer_name, reason, raw)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[])`,
    [importId, lines.map((l) => l.line), lines.map((l) => l.outcome), lines.map((l) => l.customerId), lines.map((l) => l.customerNo),
      lines.map((l) => l.customerName), lines.map((l) => l.reason), lines.map((l) => l.raw)]);
}

/** The form's input from one CSV record, or the reason it cannot be one. */
async function toInput(db: Db, record: readonly string[], header: Map<Column, number>): Promise<ProspectInput | string> {
  const cell = (c: Column) => (header.has(c) ? (record[header.get(c) ?? -1] ?? '') : '');
  const tooLong = record.findIndex((f) => f.length > MAX_FIELD_CHARS);
  if (tooLong >= 0) return `A field is longer than ${MAX_FIELD_CHARS} characters (column ${tooLong + 1})`;
  let ownerId: string | null = null;
  const ownerName = cell('owner').trim();
  if (ownerName) {
    const owner = await ownerByUsername(db, ownerName);
    if (!owner) return `The owner ${ownerName} is not an active sales rep or manager`;
    ownerId = owner.id;
  }
  const parsed = ProspectInput.safeParse({
    fullName: cell('name'), phones: splitList(cell('phone')), emails: splitList(cell('email')), source: cell('source'),
    ownerId, interest: cell('interest'), productsOfInterest: splitList(cell('products')),
    stage: cell('stage').trim().toLowerCase() || 'suspect', branch: cell('branch').trim() || null, city: cell('city').trim() || null,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`;
  }
  return parsed.data;
}

export async function runProspectImport(
  db: Db, importId: string, caller: SessionUser, body: Readable, opts: { byteLimit: number; log?: { error(o: object, m: string): void } },
): Promise<void> {
  const counters: ImportCounters = { rowsRead: 0, rowsInserted: 0, rowsUpdated: 0, rowsRejected: 0, bytesRead: 0 };
  const counter = new ByteCounter(opts.byteLimit);
  const parser = parse({ bom: true, relax_column_count: true, max_record_size: MAX_RECORD_BYTES, skip_empty_lines: true, info: true, raw: true });
  body.on('error', (err) => counter.destroy(err));
  body.pipe(counter).on('error', (err) => parser.destroy(err)).pipe(parser);
  let header: Map<Column, number> | null = null;
  let pending: { line: number; record: string[]; raw: string }[] = [];
  let previousEnd = 0;
  let previousEmpty = 0;

  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    const lines = await withWriteTransaction(db, async (tx) => {
      const out: Line[] = [];
      for (const item of batch) {
        const input = await toInput(tx, item.record, header ?? new Map());
        if (typeof input === 'string') {
          out.push({ line: item.line, outcome: 'rejected', customerId: null, customerNo: null, customerName: null, reason: input, raw: item.raw });
          continue;
        }
        // A savepoint per line: a refused line (unknown product, bad number) leaves the others.
        await tx.query('SAVEPOINT prospect_line');
        try {
          const saved = await saveProspect(tx, caller, input);
          await tx.query('RELEASE SAVEPOINT prospect_line');
          out.push({
            line: item.line, outcome: saved.outcome, customerId: saved.customer.id, customerNo: saved.customer.customerNo,
            customerName: saved.customer.fullName, reason: saved.outcome === 'merged' ? `merged with ${saved.customer.customerNo} ${saved.customer.fullName} (same ${saved.matchedBy})` : null,
            raw: item.raw,
          });
        } catch (err) {
          await tx.query('ROLLBACK TO SAVEPOINT prospect_line');
          if (!(err instanceof SapaError) || err.code !== 'INVALID_INPUT') throw err;
          out.push({ line: item.line, outcome: 'rejected', customerId: null, customerNo: null, customerName: null, reason: err.message, raw: item.raw });
        }
      }
      return out;
    });
    for (const l of lines) {
      if (l.outcome === 'created') counters.rowsInserted += 1;
      else if (l.outcome === 'merged') counters.rowsUpdated += 1;
      else counters.rowsRejected += 1;
    }
    counters.bytesRead = counter.bytes;
    await saveLines(db, importId, lines);
    await saveProgress(db, importId, counters);
  };

  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info; raw: string }>) {
      const line = previousEnd + 1 + (item.info.empty_lines - previousEmpty);
      previousEnd = item.info.lines;
      previousEmpty = item.info.empty_lines;
      if (!header) { header = readProspectHeader(item.record); continue; }
      counters.rowsRead += 1;
      pending.push({ line, record: item.record, raw: item.raw.replace(/\r?\n$/, '').slice(0, RAW_CHARS) });
      if (pending.length >= BATCH) await flush();
    }
    if (!header) throw new SapaError('INVALID_INPUT', 'The file is empty (no header row)');
    await flush();
    await finishImport(db, importId, counters, null);
  } catch (err) {
    body.resume();
    counters.bytesRead = counter.bytes;
    opts.log?.error({ err, importId }, 'prospect import failed');
    await finishImport(db, importId, counters, describeFailure(err)).catch(() => undefined);
  }
}
