// The sales pipeline's routes (src/shared/pipeline-routes.ts): settings, the board, list and
// forecast, opportunities, budgets and costs, receipts, visits. Visit check-in/out/report and
// costs arrive as mutations (mutations.ts) through the sync push.
import { type Readable } from 'node:stream';
import { SapaError } from '../../shared/errors.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { budgetSummary, listCosts, salesPeople, setBudget } from './budgets.js';
import {
  addOpportunityActivity, createOpportunity, getOpportunity, listOpportunities, moveOpportunity, pipelineBoard, pipelineForecast,
} from './opportunities.js';
import { readReceipt, uploadReceipt } from './receipts.js';
import { opportunityFromOffer } from './offer-port.js';
import { setOpportunityPort } from '../sales/portfolio/opportunity-port.js';
import { readSalesSettings, saveSalesSettings } from './settings.js';
import { listVisits, planVisit, visitRealisation } from './visits.js';
import { RECEIPT_MAX_BYTES } from '../../shared/pipeline.js';

export function registerPipelineRoutes(register: RegisterRoute, db: Db): void {
  // The customer screen's Offer as an opportunity (sales/portfolio asks through this port).
  setOpportunityPort(opportunityFromOffer);
  register('sales.settings', async () => readSalesSettings(db));
  register('sales.saveSettings', async ({ body, user }) => {
    const saved = await saveSalesSettings(db, body);
    await audit(db, 'sales.saveSettings', user.id, null, {
      stages: body.stages.map((st) => `${st.code} ${st.probability}% @${st.position}${st.kind === 'open' ? '' : ` ${st.kind}`}`), warnPercent: body.warnPercent,
    });
    return saved;
  });
  register('sales.people', async ({ user }) => salesPeople(db, user));
  register('opportunities.board', async ({ query, user }) => pipelineBoard(db, user, query));
  register('opportunities.list', async ({ query, user }) => listOpportunities(db, user, query));
  register('opportunities.create', async ({ body, user }) => createOpportunity(db, user, body));
  register('opportunities.get', async ({ params, user }) => getOpportunity(db, user, params.id));
  register('opportunities.move', async ({ params, body, user }) => moveOpportunity(db, user, params.id, body));
  register('opportunities.addActivity', async ({ params, body, user }) => addOpportunityActivity(db, user, params.id, body));
  register('opportunities.forecast', async ({ query, user }) => pipelineForecast(db, user, query));
  register('budgets.summary', async ({ query, user }) => budgetSummary(db, user, query.period, 90));
  register('budgets.set', async ({ body, user }) => {
    await setBudget(db, user, body);
    return { ok: true as const };
  });
  register('costs.list', async ({ query, user }) => listCosts(db, user, query.period));
  register('receipts.upload', async ({ params, body, user }) => {
    const stream = body as Readable | undefined;
    if (!stream || typeof stream.pipe !== 'function') {
      throw new SapaError('INVALID_INPUT', 'Send the receipt as the body with Content-Type: application/octet-stream');
    }
    return uploadReceipt(db, user, params.id, stream);
  }, { bodyLimit: RECEIPT_MAX_BYTES + 1 });
  register('receipts.get', async ({ params, user, reply }) => {
    const r = await readReceipt(db, user, params.id);
    return reply.header('content-type', r.mediaType).header('cache-control', 'private, no-store').send(r.content);
  });
  register('visits.list', async ({ query, user }) => listVisits(db, user, query));
  register('visits.plan', async ({ body, user }) => planVisit(db, user, body));
  register('visits.realisation', async ({ query, user }) => visitRealisation(db, user, query.period, query.owner));
}
