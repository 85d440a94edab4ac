// Writes one batch of validated rows: insert new external ids, update known ones.
import { v7 as uuidv7 } from 'uuid';
import { type CustomerRecord, insertCustomers, nextCustomerNumbers, updateCustomers } from '../customers/bulk-write.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { type ImportedCustomer } from './customer-row.js';

type Field = Exclude<keyof CustomerRecord, 'id'>;

const DEFAULTS = {
  salutation: null, address: null, branch: null, language: 'id', vvip: false, billing: 'prepaid',
  lifecycle: 'customer', lifetimeValueIdr: 0,
} as const;

/** Fields an update writes: the required columns plus whichever optional ones the file has. */
export function updatedFields(present: ReadonlySet<string>): Field[] {
  const optional: [string, Field][] = [
    ['salutation', 'salutation'], ['address', 'address'], ['branch', 'branch'], ['language', 'language'],
    ['vvip', 'vvip'], ['billing', 'billing'], ['lifecycle', 'lifecycle'], ['lifetime_value_idr', 'lifetimeValueIdr'],
  ];
  return [
    'fullName', 'phones', 'emails', 'tier', 'segment', 'city', 'customerSince',
    ...optional.filter(([col]) => present.has(col)).map(([, f]) => f),
  ];
}

export async function applyBatch(
  db: Db, batch: readonly ImportedCustomer[], fields: readonly Field[],
): Promise<{ inserted: number; updated: number }> {
  return withWriteTransaction(db, async (tx) => {
    const existing = await tx.query<{ id: string; external_id: string; customer_no: string }>(
      'SELECT id, external_id, customer_no FROM customers WHERE external_id = ANY($1::text[])',
      [batch.map((c) => c.externalId)],
    );
    const byExternal = new Map(existing.map((e) => [e.external_id, e]));
    const fresh = batch.filter((c) => !byExternal.has(c.externalId));
    const numbers = await nextCustomerNumbers(tx, fresh.length);
    const inserts: CustomerRecord[] = fresh.map((c, i) => ({
      ...DEFAULTS, ...c, id: uuidv7(), customerNo: numbers[i] ?? '',
    }));
    const updates: CustomerRecord[] = batch.flatMap((c) => {
      const known = byExternal.get(c.externalId);
      return known ? [{ ...DEFAULTS, ...c, id: known.id, customerNo: known.customer_no }] : [];
    });
    await insertCustomers(tx, inserts);
    await updateCustomers(tx, updates, fields);
    return { inserted: inserts.length, updated: updates.length };
  });
}
