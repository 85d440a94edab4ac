// Demo data: users, Bapak Budi Santoso (#1), then N-1 generated customers in batches.
import { Faker, id_ID, en, base } from '@faker-js/faker';
import { SapaError } from '../../shared/errors.js';
import { insertCustomers } from '../customers/bulk-write.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { seedBudi } from './budi.js';
import {
  CASE_COLUMNS, CONTRACT_COLUMNS, INTERACTION_COLUMNS, ORDER_COLUMNS, RECEIVABLE_COLUMNS, insertRows,
} from './bulk-insert.js';
import { generateBatch } from './generate.js';
import { seedReplyParagraphs } from '../replies/seed-paragraphs.js';
import { DEMO_USERS, seedUsers } from './users.js';
import { seedProducts } from './products.js';

export interface SeedOptions {
  /** Total customers including #1 (Budi Santoso). */
  customers: number;
  seed?: number;
  /** Mean interactions per customer (0 → customers only, no records). Default 10. */
  interactionsMean?: number;
  /** Reference time for relative dates (overdue, last 90 days). Default now. */
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  /** The demo product catalogue and Budi's holding (src/server/seed/products.ts). Default true. */
  catalogue?: boolean;
}

const BATCH = 2000;

export async function seedDemo(db: Db, opts: SeedOptions): Promise<void> {
  const now = opts.now ?? new Date();
  const mean = opts.interactionsMean ?? 10;
  const faker = new Faker({ locale: [id_ID, en, base], seed: opts.seed ?? 42 });
  await withWriteTransaction(db, async (tx) => {
    await seedUsers(tx);
    const [row] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    if ((row?.n ?? 0) > 0) throw new SapaError('CONFLICT', 'The database already has customers; seed an empty database');
    if (opts.customers >= 1) await seedBudi(tx, now);
  });
  const lead = DEMO_USERS.find((u) => u.role === 'lead') ?? null;
  await seedReplyParagraphs(db, lead);
  if (opts.catalogue !== false) await withWriteTransaction(db, (tx) => seedProducts(tx, opts.customers >= 1));
  for (let first = 2; first <= opts.customers; first += BATCH) {
    const count = Math.min(BATCH, opts.customers - first + 1);
    const batch = generateBatch(faker, first, count, now, mean);
    await withWriteTransaction(db, async (tx) => {
      await insertCustomers(tx, batch.customers);
      for (let i = 0; i < batch.interactions.length; i += 10_000) {
        await insertRows(tx, 'interactions', INTERACTION_COLUMNS, batch.interactions.slice(i, i + 10_000));
      }
      await insertRows(tx, 'cases', CASE_COLUMNS, batch.cases);
      await insertRows(tx, 'orders', ORDER_COLUMNS, batch.orders);
      await insertRows(tx, 'receivables', RECEIVABLE_COLUMNS, batch.receivables);
      await insertRows(tx, 'contracts', CONTRACT_COLUMNS, batch.contracts);
    });
    opts.onProgress?.(first + count - 1, opts.customers);
  }
  // Imports continue numbering after the seeded customers.
  await db.query('SELECT setval(\'customer_no_seq\', GREATEST($1::bigint, 1))', [Math.max(opts.customers, 1)]);
}
