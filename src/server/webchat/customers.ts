// Who a web visitor is: the one rule of every channel (findOrLinkCustomer), so a customer who
// wrote on WhatsApp and then chats on the site is the same customer. A phone number or e-mail
// on file (or on a WhatsApp/SMS conversation an agent linked) names the customer — as a caller's
// number does on a call, it is a claim, not proof: until the visitor types back the
// one-time code sent to it, the agent's offer says "validate identity" (needsIdentityCheck).
// A visitor nobody knows becomes a new prospect, so the transcript has a timeline to land in.
import { v7 as uuidv7 } from 'uuid';
import { type Db } from '../db/db.js';
import { insertCustomers, nextCustomerNumbers } from '../customers/bulk-write.js';
import { findOrLinkCustomer } from '../messaging/channels/customer-link.js';

export async function findOrCreateCustomer(
  db: Db, v: { name: string; phoneE164: string | null; email: string | null; language: 'id' | 'en' }, now: Date,
): Promise<{ customerId: string; known: boolean }> {
  const known = (await findOrLinkCustomer(db, { phone: v.phoneE164, email: v.email })).customerId;
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
