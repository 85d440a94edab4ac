// Who a contact is: one rule for every channel (SMS, WhatsApp, the web chat), so a customer
// who wrote on WhatsApp and then chats on the site is the same customer and both land in
// one timeline. The web chat calls this with the phone number or e-mail the visitor gave.
import { toE164 } from '../../../shared/phone.js';
import { type Db } from '../../db/db.js';

export interface Contact { phone?: string | null; email?: string | null }

export interface LinkedContact {
  customerId: string | null;
  /** The phone in E.164, or null when none was given or it is not a valid number. */
  phone: string | null;
  email: string | null;
  /** How the customer was found: their record's phone or e-mail, or an earlier conversation an agent linked. */
  matchedBy: 'phone' | 'email' | 'conversation' | null;
}

/**
 * The customer a phone number (any written form: +62 812…, 0812-…, 62812…) or e-mail
 * belongs to. The phone wins over the e-mail (WhatsApp and SMS numbers are verified by the
 * network; a typed e-mail is not). A number on no record but on an earlier conversation an
 * agent linked to a customer follows that link. Several customers with one number: the
 * oldest record. Never creates a customer: an unknown contact stays unlinked (null).
 * `db` may be a transaction.
 */
export async function findOrLinkCustomer(db: Db, contact: Contact): Promise<LinkedContact> {
  const phone = contact.phone ? toE164(contact.phone) : null;
  const email = contact.email?.trim().toLowerCase() || null;
  if (phone) {
    // customer_phones (kept by a trigger from customers.phones) is indexed; phones @> is not.
    const [byPhone] = await db.query<{ id: string }>(
      'SELECT c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.e164 = $1 ORDER BY c.customer_no LIMIT 1', [phone]);
    if (byPhone) return { customerId: byPhone.id, phone, email, matchedBy: 'phone' };
  }
  if (email) {
    const [byEmail] = await db.query<{ id: string }>(
      'SELECT id FROM customers WHERE emails @> jsonb_build_array($1::text) ORDER BY customer_no LIMIT 1', [email]);
    if (byEmail) return { customerId: byEmail.id, phone, email, matchedBy: 'email' };
  }
  if (phone) {
    const [linked] = await db.query<{ customer_id: string }>(
      'SELECT customer_id FROM conversations WHERE contact = $1 AND customer_id IS NOT NULL ORDER BY created_at DESC LIMIT 1', [phone]);
    if (linked) return { customerId: linked.customer_id, phone, email, matchedBy: 'conversation' };
  }
  return { customerId: null, phone, email, matchedBy: null };
}
