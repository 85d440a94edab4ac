// "The sale becomes an opportunity" (issue 18 item 3, docs/sales.md "Portfolio"): an offer
// made on the customer screen's Products tab (often by an agent during a service call)
// becomes an opportunity of the pipeline, in the first open stage, for one of the product at
// its catalogue price, closing in 30 days. It belongs to whoever sells to this customer: the
// prospect's owner, else the rep the assignment rule of the customer's branch hands it to,
// else the person who made the offer. Registered with setOpportunityPort by the pipeline's routes.
import { addDays } from '../../shared/report-periods.js';
import { type CreateOpportunity, type OfferAsOpportunity } from '../sales/portfolio/opportunity-port.js';
import { chooseOwner } from '../sales/prospects/assign.js';
import { type Db } from '../db/db.js';
import { businessToday } from '../integrations/upsert.js';
import { firstOpenStage, insertOpportunity } from './opportunities.js';

export const OFFER_CLOSE_DAYS = 30;

async function ownerOf(tx: Db, offer: OfferAsOpportunity): Promise<string> {
  const [p] = await tx.query<{ owner_id: string | null; branch: string | null }>(
    `SELECT u.id::text AS owner_id, c.branch FROM customers c
     LEFT JOIN prospect_profiles p ON p.customer_id = c.id
     LEFT JOIN users u ON u.id = p.owner_id AND u.disabled_at IS NULL
     WHERE c.id = $1`, [offer.customerId]);
  if (p?.owner_id) return p.owner_id;
  if (offer.by.role === 'sales_rep' || offer.by.role === 'sales_manager') return offer.by.id;
  return (await chooseOwner(tx, offer.by, null, p?.branch ?? null))?.id ?? offer.by.id;
}

export const opportunityFromOffer: CreateOpportunity = async (tx, offer) => {
  const stageCode = await firstOpenStage(tx);
  const created = await insertOpportunity(tx, {
    customerId: offer.customerId, title: `${offer.productCode} ${offer.productName}`.slice(0, 200), stageCode, valueIdr: offer.valueIdr,
    expectedClose: addDays(businessToday(), OFFER_CLOSE_DAYS), products: [{ code: offer.productCode, quantity: 1 }],
    ownerId: await ownerOf(tx, offer), nextStep: offer.note ? offer.note.slice(0, 500) : null, nextStepDue: null,
  }, offer.by.id);
  return { id: created.id, reference: created.opportunityNo, status: stageCode };
};
