// Customer look-ups that mutations share: refuse an unknown id, and attach a row written
// offline by phone number (no customer id) to the customer that number belongs to.
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';

export async function requireCustomer(tx: Db, id: string): Promise<void> {
  const [row] = await tx.query<{ id: string }>('SELECT id FROM customers WHERE id = $1', [id]);
  if (!row) throw new SapaError('NOT_FOUND', `Customer ${id} does not exist`);
}

/** The customer a number belongs to (first by customer number when several share it). */
export async function resolvePhone(tx: Db, e164: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `SELECT c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
     WHERE p.e164 = $1 ORDER BY c.customer_no LIMIT 1`, [e164]);
  if (!row) throw new SapaError('NOT_FOUND', `No customer has the number ${e164}`);
  return row.id;
}

/** The customer an append belongs to: the given id (which must exist) or the number's owner. */
export async function customerOf(tx: Db, a: { customerId: string | null; phoneE164: string | null }): Promise<string> {
  if (a.customerId) {
    await requireCustomer(tx, a.customerId);
    return a.customerId;
  }
  return resolvePhone(tx, a.phoneE164 ?? '');
}
