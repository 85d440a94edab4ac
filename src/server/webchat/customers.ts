// Who a web visitor is. A phone number or e-mail on file names the customer — as a caller's
// number does on a call, it is a claim, not proof: until the visitor types back the
// one-time code sent to it, the agent's offer says "validate identity" (needsIdentityCheck).
// A visitor nobody knows becomes a new prospect, so the transcript has a timeline to land in.
import { v7 as uuidv7 } from 'uuid';
import { type Db } from '../db/db.js';
import { insertCustomers, nextCustomerNumbers } from '../customers/bulk-write.js';

export async function customerByContact(db: Db, phoneE164: string | null, email: string | null): Promise<string | null> {
  if (phoneE164) {
    const [row] = await db.query<{ customer_id: string }>('SELECT customer_id FROM customer_phones WHERE e164 = $1 ORDER BY customer_id LIMIT 1', [phoneE164]);
    if (row) return row.customer_id;
  }
  if (email) {
    const [row] = await db.query<{ id: string }>('SELECT id FROM customers WHERE emails @> $1::jsonb ORDER BY id LIMIT 1', [JSON.stringify([email.toLowerCase()])]);
    if (row) return row.id;
  }
  return null;
}

export async function findOrCreateCustomer(
  db: Db, v: { name: string; phoneE164: string | null; email: string | null; language: 'id' | 'en' }, now: Date,
): Promise<{ customerId: string; known: boolean }> {
  const known = await customerByContact(db, v.phoneE164, v.email);
  if (known) return { customerId: known, known: true };
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const [customerNo] = await nextCustomerNumbers(tx, 1);
    await insertCustomers(tx, [{
      id, customerNo: customerNo ?? '', externalId: null, fullName: v.name, salutation: null,
      phones: v.phoneE164 ? [{ e164: v.phoneE164, type: 'mobile' }] : [], emails: v.email ? [v.email.toLowerCase()] : [],
      address: null, city: null, branch: null, language: v.language, segment: null, tier: 'regular', vvip: false,
      billing: 'prepaid', lifecycle: 'prospect', customerSince: now.toISOString().slice(0, 10), lifetimeValueIdr: 0,
    }]);
  });
  return { customerId: id, known: false };
}
