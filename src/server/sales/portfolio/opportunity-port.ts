// "The sale becomes an opportunity" (docs/sales.md): the selling pipeline owns opportunities;
// the customer screen's Offer asks it through this port (so the portfolio does not import the
// pipeline). The pipeline's routes register src/server/pipeline/offer-port.ts at server start;
// a server without them refuses an offer as an opportunity with a clear 409 (place an order).
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import { type Db } from '../../db/db.js';

export interface OfferAsOpportunity {
  customerId: string; productId: string; productCode: string; productName: string; valueIdr: number; note: string; by: SessionUser;
}
/** Creates the opportunity inside the caller's write transaction; answers its id, a reference to show and its stage. */
export type CreateOpportunity = (tx: Db, offer: OfferAsOpportunity) => Promise<{ id: string; reference: string; status: string }>;

let port: CreateOpportunity | null = null;

export function setOpportunityPort(create: CreateOpportunity | null): void {
  port = create;
}

export function createOpportunity(tx: Db, offer: OfferAsOpportunity): Promise<{ id: string; reference: string; status: string }> {
  if (!port) throw new SapaError('CONFLICT', 'Opportunities are not available on this server yet; place an order instead');
  return port(tx, offer);
}
