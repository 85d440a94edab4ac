// The lead's interactions browser: lead.interactions (GET /lead/interactions) and
// lead.interactionOptions (GET /lead/interactions/options, the filters' choices) and
// lead.interactionReview (GET /lead/interactions/:id), for leads and admins
// (interactions.review); which interactions each may see is scope.ts.
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { listInteractions } from './browser-query.js';
import { interactionOptions } from './options.js';
import { reviewInteraction } from './review.js';

export function registerLeadInteractionRoutes(register: RegisterRoute, db: Db): void {
  register('lead.interactions', async ({ query, user }) => listInteractions(db, user, query));
  register('lead.interactionOptions', async ({ user }) => interactionOptions(db, user));
  register('lead.interactionReview', async ({ params, user }) => reviewInteraction(db, user, params.id));
}
