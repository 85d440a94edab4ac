// One prospect written, from the form or a CSV line: merged into the existing customer when
// the person is one already (match.ts), else a new customers row (lifecycle suspect or
// prospect) with its prospect profile. A merge adds what is new — numbers, e-mails, interest,
// products of interest — and never moves the stage backwards, so saving the same prospect
// twice (a re-import) changes nothing the second time. Call inside withWriteTransaction.
import { type LifecycleStage } from '../../../shared/domain.js';
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import { dedupeKeys } from '../../../shared/sales/dedupe.js';
import { type ProspectInput, type ProspectSaveAnswer } from '../../../shared/sales/prospects.js';
import { type Db } from '../../db/db.js';
import { insertCustomers, nextCustomerNumbers } from '../../customers/bulk-write.js';
import { searchTermsFor } from '../../customers/terms.js';
import { chooseOwner } from './assign.js';
import { advanceLifecycle } from './lifecycle.js';
import { findExistingCustomer } from './match.js';

export async function checkProductCodes(db: Db, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  const known = await db.query<{ code: string }>('SELECT code FROM products WHERE code = ANY($1::text[])', [codes]);
  const missing = codes.filter((c) => !known.some((k) => k.code === c));
  if (missing.length > 0) throw new SapaError('INVALID_INPUT', `Unknown product ${missing.join(', ')}`);
}

export async function saveProspect(tx: Db, caller: SessionUser, p: ProspectInput): Promise<ProspectSaveAnswer> {
  const keys = dedupeKeys(p.phones, p.emails);
  if (keys.invalid.length > 0) throw new SapaError('INVALID_INPUT', `Not a valid phone number or e-mail: ${keys.invalid[0]}`);
  if (keys.phones.length === 0 && keys.emails.length === 0) {
    throw new SapaError('INVALID_INPUT', 'A prospect needs a phone number or an e-mail (to tell whether they are a customer already)');
  }
  const products = [...new Set(p.productsOfInterest)];
  await checkProductCodes(tx, products);
  const existing = await findExistingCustomer(tx, keys);
  if (existing) return mergeInto(tx, caller, existing, p, keys, products);

  const owner = await chooseOwner(tx, caller, p.ownerId, p.branch);
  const [customerNo = ''] = await nextCustomerNumbers(tx, 1);
  const id = crypto.randomUUID();
  await insertCustomers(tx, [{
    id, customerNo, externalId: null, fullName: p.fullName, salutation: null,
    phones: keys.phones.map((e164) => ({ e164, type: e164.startsWith('+628') ? 'mobile' as const : 'home' as const })),
    emails: keys.emails, address: null, city: p.city, branch: p.branch, language: 'id', segment: null, tier: 'regular',
    vvip: false, billing: 'prepaid', lifecycle: p.stage, customerSince: null, lifetimeValueIdr: 0,
  }]);
  await tx.query(
    `INSERT INTO prospect_profiles (customer_id, source, owner_id, interest, products_of_interest) VALUES ($1, $2, $3, $4, $5::text[])`,
    [id, p.source, owner?.id ?? null, p.interest, products]);
  // The owner's desktop keeps the prospect (working set), as a customer an agent created.
  if (owner) await tx.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [owner.id, id]);
  return {
    outcome: 'created', matchedBy: null, customer: { id, customerNo, fullName: p.fullName, lifecycle: p.stage },
    ownerId: owner?.id ?? null, ownerName: owner?.name ?? null,
  };
}

async function mergeInto(
  tx: Db, caller: SessionUser, c: { id: string; customerNo: string; fullName: string; lifecycle: LifecycleStage; matchedBy: string },
  p: ProspectInput, keys: { phones: string[]; emails: string[] }, products: string[],
): Promise<ProspectSaveAnswer> {
  const [row] = await tx.query<{ phones: { e164: string; type: string }[]; emails: string[]; customer_no: string; external_id: string | null; full_name: string }>(
    'SELECT phones, emails, customer_no, external_id, full_name FROM customers WHERE id = $1 FOR UPDATE', [c.id]);
  if (!row) throw new SapaError('NOT_FOUND', `Customer ${c.id} is gone`);
  const newPhones = keys.phones.filter((e) => !row.phones.some((x) => x.e164 === e));
  const newEmails = keys.emails.filter((e) => !row.emails.includes(e));
  if (newPhones.length > 0 || newEmails.length > 0) {
    const phones = [...row.phones, ...newPhones.map((e164) => ({ e164, type: e164.startsWith('+628') ? 'mobile' : 'home' }))].slice(0, 20);
    const emails = [...row.emails, ...newEmails].slice(0, 20);
    const terms = searchTermsFor({ customerNo: row.customer_no, externalId: row.external_id, fullName: row.full_name, emails });
    await tx.query('UPDATE customers SET phones = $2::jsonb, emails = $3::jsonb, search_terms = $4::text[], updated_at = now() WHERE id = $1',
      [c.id, JSON.stringify(phones), JSON.stringify(emails), terms]);
  }
  const [profile] = await tx.query<{ owner_id: string | null; interest: string; products_of_interest: string[]; source: string }>(
    'SELECT owner_id::text AS owner_id, interest, products_of_interest, source FROM prospect_profiles WHERE customer_id = $1 FOR UPDATE', [c.id]);
  let ownerId = profile?.owner_id ?? null;
  if (!ownerId) ownerId = (await chooseOwner(tx, caller, p.ownerId, p.branch))?.id ?? null;
  const interest = mergeText(profile?.interest ?? '', p.interest);
  const allProducts = [...new Set([...(profile?.products_of_interest ?? []), ...products])];
  await tx.query(
    `INSERT INTO prospect_profiles (customer_id, source, owner_id, interest, products_of_interest) VALUES ($1, $2, $3, $4, $5::text[])
     ON CONFLICT (customer_id) DO UPDATE SET owner_id = EXCLUDED.owner_id, interest = EXCLUDED.interest,
       products_of_interest = EXCLUDED.products_of_interest,
       source = CASE WHEN prospect_profiles.source = '' THEN EXCLUDED.source ELSE prospect_profiles.source END,
       updated_at = CASE WHEN (prospect_profiles.owner_id, prospect_profiles.interest, prospect_profiles.products_of_interest)
         IS DISTINCT FROM (EXCLUDED.owner_id, EXCLUDED.interest, EXCLUDED.products_of_interest) THEN now() ELSE prospect_profiles.updated_at END`,
    [c.id, profile?.source || p.source, ownerId, interest, allProducts]);
  if (ownerId) await tx.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ownerId, c.id]);
  const lifecycle = (await advanceLifecycle(tx, c.id, p.stage)) ?? c.lifecycle;
  const [owner] = ownerId ? await tx.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [ownerId]) : [];
  return {
    outcome: 'merged', matchedBy: c.matchedBy, customer: { id: c.id, customerNo: c.customerNo, fullName: c.fullName, lifecycle },
    ownerId, ownerName: owner?.display_name ?? null,
  };
}

/** Adds `more` to `text` unless it says it already (a re-import repeats the same interest). */
export function mergeText(text: string, more: string): string {
  const add = more.trim();
  if (add === '' || text.includes(add)) return text;
  return (text === '' ? add : `${text}\n${add}`).slice(0, 2000);
}
