// The `customer.create` outbox mutation: an agent turns an unknown caller into a customer
// (from the softphone's call card, offline too). The desktop chose the id, so its cached
// row, its wrap-up and this row are the same customer; the server assigns the customer
// number from the shared sequence (as the CSV import does) and stamps the version.
import { type CustomerCreateArgs as Args, CustomerCreateArgs } from '../../../shared/mutations.js';
import { insertCustomers, nextCustomerNumbers } from '../../customers/bulk-write.js';
import { type Db } from '../../db/db.js';
import { findMutation, registerMutation, type MutationContext } from './registry.js';

export async function createCustomer(tx: Db, a: Args, ctx: Pick<MutationContext, 'user'>): Promise<void> {
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

export function registerCustomerCreateMutation(): void {
  if (findMutation('customer.create')) return; // several servers in one process (tests)
  registerMutation('customer.create', { schema: CustomerCreateArgs, apply: (tx, a, ctx) => createCustomer(tx, a, ctx) });
}
