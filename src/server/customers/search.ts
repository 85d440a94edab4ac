// Customer search: exact phone in any form, phone prefix as it is typed, customer number,
// e-mail prefix, and prefixes of name words (every query word must prefix some term).
import { toE164, phonePrefixKey } from '../../shared/phone.js';
import { type CustomerSummary } from '../../shared/domain.js';
import { type Db } from '../db/db.js';
import { CUSTOMER_COLUMNS, type CustomerRow, toCustomerSummary } from './rows.js';
import { normaliseTerm, wordsOf } from './terms.js';

/** Candidates read per index probe before the other words filter them. */
const CANDIDATES = 2000;

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function searchCustomers(db: Db, q: string, limit: number): Promise<CustomerSummary[]> {
  const text = q.trim();
  if (!text) return [];
  const phoneKey = phonePrefixKey(text);
  if (phoneKey) {
    const e164 = toE164(text);
    const rows = await db.query<CustomerRow>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id IN (
         SELECT customer_id FROM customer_phones WHERE e164 = $1
         UNION SELECT customer_id FROM (
           SELECT customer_id FROM customer_phones WHERE national LIKE $2 ESCAPE '\\' LIMIT ${CANDIDATES}) p)
       ORDER BY full_name, id LIMIT $3`,
      [e164 ?? '', `${escapeLike(phoneKey)}%`, limit],
    );
    // Digits that match no phone may still be a customer number or external id.
    if (rows.length > 0) return rows.map(toCustomerSummary);
  }
  // An e-mail or customer number is one term; a name is several words.
  const whole = normaliseTerm(text);
  const words = whole.includes('@') ? [whole] : wordsOf(text);
  if (words.length === 0) return [];
  // Probe the index with the longest word (most selective), filter by the others.
  const sorted = [...words].sort((a, b) => b.length - a.length);
  const params: (string | number)[] = sorted.map((w) => `${escapeLike(w)}%`);
  const others = sorted
    .slice(1)
    .map((_, i) => `AND EXISTS (SELECT 1 FROM customer_terms t WHERE t.customer_id = c.id AND t.term LIKE $${i + 2} ESCAPE '\\')`)
    .join(' ');
  params.push(limit);
  const rows = await db.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS.replace(/(\w+)/g, 'c.$1')} FROM customers c
     WHERE c.id IN (SELECT customer_id FROM customer_terms WHERE term LIKE $1 ESCAPE '\\' LIMIT ${CANDIDATES}) ${others}
     ORDER BY c.full_name, c.id LIMIT $${params.length}`,
    params,
  );
  return rows.map(toCustomerSummary);
}
