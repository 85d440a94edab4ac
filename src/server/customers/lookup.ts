// Screen-pop lookup: any written form of a number → E.164 → the indexed phone table.
import { type CustomerSummary } from '../../shared/domain.js';
import { toE164 } from '../../shared/phone.js';
import { type Db } from '../db/db.js';
import { CUSTOMER_COLUMNS, type CustomerRow, toCustomerSummary } from './rows.js';

export async function lookupByPhone(db: Db, phone: string): Promise<{ e164: string | null; customers: CustomerSummary[] }> {
  const e164 = toE164(phone);
  // Not a valid number (anonymous caller, typo): no match rather than an error.
  if (!e164) return { e164: null, customers: [] };
  const rows = await db.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers
     WHERE id IN (SELECT customer_id FROM customer_phones WHERE e164 = $1)
     ORDER BY full_name, id LIMIT 50`,
    [e164],
  );
  return { e164, customers: rows.map(toCustomerSummary) };
}
