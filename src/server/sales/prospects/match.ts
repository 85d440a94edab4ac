// Finds the existing customer a prospect is (docs/sales.md, "De-duplication"): the same
// phone number in any written form (customer_phones holds E.164, indexed) or the same
// e-mail ignoring case (customers.emails are stored lower-case, GIN-indexed for @>).
// The oldest customer wins when several match, so repeated imports always merge into one row.
import { type LifecycleStage } from '../../../shared/domain.js';
import { type DedupeKeys } from '../../../shared/sales/dedupe.js';
import { type Db } from '../../db/db.js';

export interface MatchedCustomer {
  id: string; customerNo: string; fullName: string; lifecycle: LifecycleStage; matchedBy: string;
}

export async function findExistingCustomer(db: Db, keys: DedupeKeys): Promise<MatchedCustomer | null> {
  type Row = { id: string; customer_no: string; full_name: string; lifecycle: LifecycleStage; e164: string };
  if (keys.phones.length > 0) {
    const [byPhone] = await db.query<Row>(
      `SELECT c.id, c.customer_no, c.full_name, c.lifecycle, p.e164 FROM customer_phones p JOIN customers c ON c.id = p.customer_id
       WHERE p.e164 = ANY($1::text[]) ORDER BY c.customer_no LIMIT 1`, [keys.phones]);
    if (byPhone) return { id: byPhone.id, customerNo: byPhone.customer_no, fullName: byPhone.full_name, lifecycle: byPhone.lifecycle, matchedBy: `phone ${byPhone.e164}` };
  }
  for (const email of keys.emails) {
    const [byEmail] = await db.query<Omit<Row, 'e164'>>(
      'SELECT id, customer_no, full_name, lifecycle FROM customers WHERE emails @> $1::jsonb ORDER BY customer_no LIMIT 1',
      [JSON.stringify([email])]);
    if (byEmail) return { id: byEmail.id, customerNo: byEmail.customer_no, fullName: byEmail.full_name, lifecycle: byEmail.lifecycle, matchedBy: `e-mail ${email}` };
  }
  return null;
}
