// customer.update (field edits, compared against the value the author saw: the only
// mutation that can conflict) and customer.create (an agent turns an unknown caller into a
// customer from the softphone's call card, offline too). For customer.create the desktop
// chose the id, so its cached row, its wrap-up and this row are the same customer; the
// server assigns the customer number from the shared sequence (as the CSV import does)
// and stamps the version.
import { SapaError } from '../../shared/errors.js';
import { type CustomerCreateArgs, EDITABLE_CUSTOMER_FIELDS, type EditableCustomerField } from '../../shared/mutations.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { type MutationContext, type ServerMutationsOf } from '../sync/mutations/types.js';
import { insertCustomers, nextCustomerNumbers } from './bulk-write.js';
import { searchTermsFor } from './terms.js';

const COLUMN: Record<EditableCustomerField, string> = {
  fullName: 'full_name', address: 'address', city: 'city', language: 'language', segment: 'segment',
  tier: 'tier', lifecycle: 'lifecycle',
};

export async function createCustomer(tx: Db, a: CustomerCreateArgs, ctx: Pick<MutationContext, 'user'>): Promise<void> {
  // A replay is answered by applied_mutations already; this guards a second client
  // pushing the same row id (and keeps the sequence from being spent twice).
  const [existing] = await tx.query<{ id: string }>('SELECT id FROM customers WHERE id = $1', [a.id]);
  if (existing) return;
  const [customerNo] = await nextCustomerNumbers(tx, 1);
  // A number that already belongs to someone still creates the customer: two agents
  // offline may both meet a stranger, and refusing would orphan their wrap-ups. The
  // duplicate shows up as two matches on the next call and a lead merges them.
  await insertCustomers(tx, [{
    id: a.id, customerNo: customerNo ?? '', externalId: null, fullName: a.fullName, salutation: a.salutation,
    phones: [{ e164: a.phoneE164, type: 'mobile' }], emails: a.email ? [a.email] : [],
    address: null, city: null, branch: null, language: 'id', segment: null, tier: a.tier, vvip: false,
    billing: 'prepaid', lifecycle: 'prospect', customerSince: a.createdAt.slice(0, 10), lifetimeValueIdr: 0,
  }]);
  // The author's desktop keeps what it created (a working-set desktop would otherwise
  // never pull the server's row, and its outbox entry would wait for it forever).
  await tx.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ctx.user.id, a.id]);
}

export const customerMutations = {
  'customer.update': {
    async apply(tx, a, ctx) {
      const [row] = await tx.query<Record<string, unknown>>(
        `SELECT ${Object.keys(COLUMN).map((f) => `${COLUMN[f as EditableCustomerField]} AS "${f}"`).join(', ')}
         FROM customers WHERE id = $1 FOR UPDATE`, [a.customerId]);
      if (!row) throw new SapaError('NOT_FOUND', `Customer ${a.customerId} does not exist`);
      const sets: string[] = [];
      const params: (string | null | string[])[] = [];
      for (const [field, edit] of Object.entries(a.fields) as [EditableCustomerField, { from: unknown; to: unknown }][]) {
        EDITABLE_CUSTOMER_FIELDS[field].parse(edit.to);
        const current = row[field] ?? null;
        if (current === edit.to) continue;
        if (current !== edit.from) {
          // Someone changed it since the author saw it: server order keeps theirs.
          ctx.conflict({ entity: 'customer', entityId: a.customerId, field, yourValue: edit.to, serverValue: current });
          continue;
        }
        params.push(edit.to as string | null);
        sets.push(`${COLUMN[field]} = $${params.length + 1}`);
      }
      if (sets.length === 0) return;
      if (sets.some((s) => s.startsWith('full_name'))) {
        // Search terms follow the name (computed in JS, as every writer does).
        const [c] = await tx.query<{ customer_no: string; external_id: string | null; emails: string[] }>(
          'SELECT customer_no, external_id, emails FROM customers WHERE id = $1', [a.customerId]);
        const fullName = (a.fields.fullName?.to ?? '');
        params.push(searchTermsFor({ customerNo: c?.customer_no ?? '', externalId: c?.external_id ?? null, fullName, emails: c?.emails ?? [] }));
        sets.push(`search_terms = $${params.length + 1}`);
      }
      await tx.query(`UPDATE customers SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [a.customerId, ...params]);
      // Audited in the same transaction as the edit: which fields (not their values, which
      // are personal data) from which desktop.
      const changed = (Object.keys(a.fields) as EditableCustomerField[])
        .filter((f) => sets.some((s) => s.startsWith(`${COLUMN[f]} =`)));
      await audit(tx, 'customer_edited', ctx.user.id, a.customerId, { fields: changed, desktop: ctx.clientId });
    },
  },
  'customer.create': {
    async apply(tx, a, ctx) {
      await createCustomer(tx, a, ctx);
      await audit(tx, 'customer_created', ctx.user.id, a.id, { desktop: ctx.clientId });
    },
  },
} satisfies ServerMutationsOf<'customer.update' | 'customer.create'>;
