// The sales pipeline's HTTP routes (spread into ROUTES in routes.ts) and desktop methods
// (spread into `methods` in api.ts). Schemas: pipeline.ts. Who sees whose objects is checked
// per object on the server (src/server/pipeline/scope.ts); the access here is the door.
import { z } from 'zod';
import {
  Board, BoardQuery, BudgetQuery, BudgetSet, BudgetSummary, CostList, Forecast, ForecastQuery, OpportunityActivityCreate, OpportunityCreate,
  OpportunityDetail, OpportunityList, OpportunityListQuery, OpportunityMove, RECEIPT_MAX_BYTES, ReceiptType, ReceiptUploaded, Realisation,
  RealisationQuery, SalesPeople, VisitPlanInput, SalesSettings, SaveSalesSettings, Visit, VisitList, VisitPlan, VisitResult, VisitsQuery, GeoPosition,
  BudgetKind, CostCategory, CostIdr,
} from './pipeline.js';
import { DateOnly } from './domain.js';

const IdParams = z.object({ id: z.uuid() });
const Ok = z.object({ ok: z.literal(true) });

export const pipelineRoutes = {
  'sales.settings': { method: 'GET', path: '/sales/settings', access: 'opportunities.work', answer: SalesSettings },
  'sales.saveSettings': { method: 'PUT', path: '/sales/settings', access: 'opportunities.stages', body: SaveSalesSettings, answer: SalesSettings },
  'sales.people': { method: 'GET', path: '/sales/people', access: 'opportunities.work', answer: SalesPeople },
  'opportunities.board': { method: 'GET', path: '/sales/opportunities/board', access: 'opportunities.work', query: BoardQuery, answer: Board },
  'opportunities.list': { method: 'GET', path: '/sales/opportunities', access: 'opportunities.work', query: OpportunityListQuery, answer: OpportunityList },
  'opportunities.create': { method: 'POST', path: '/sales/opportunities', access: 'opportunities.work', body: OpportunityCreate, answer: OpportunityDetail, status: 201 },
  'opportunities.get': { method: 'GET', path: '/sales/opportunities/:id', access: 'opportunities.work', params: IdParams, answer: OpportunityDetail },
  'opportunities.move': {
    method: 'POST', path: '/sales/opportunities/:id/move', access: 'opportunities.work', params: IdParams, body: OpportunityMove, answer: OpportunityDetail,
  },
  'opportunities.addActivity': {
    method: 'POST', path: '/sales/opportunities/:id/activities', access: 'opportunities.work', params: IdParams, body: OpportunityActivityCreate,
    answer: OpportunityDetail,
  },
  'opportunities.forecast': { method: 'GET', path: '/sales/forecast', access: 'opportunities.work', query: ForecastQuery, answer: Forecast },
  'budgets.summary': { method: 'GET', path: '/sales/budgets', access: 'budgets.view', query: BudgetQuery, answer: BudgetSummary },
  'budgets.set': { method: 'PUT', path: '/sales/budgets', access: 'budgets.manage', body: BudgetSet, answer: Ok },
  'costs.list': { method: 'GET', path: '/sales/costs', access: 'budgets.view', query: BudgetQuery, answer: CostList },
  /** A receipt's bytes (application/octet-stream), by the id the desktop chose; idempotent. */
  'receipts.upload': { method: 'PUT', path: '/sales/receipts/:id', access: 'visits.work', params: IdParams, body: 'bytes', answer: ReceiptUploaded },
  'receipts.get': { method: 'GET', path: '/sales/receipts/:id', access: 'budgets.view', params: IdParams, answer: 'file' },
  'visits.list': { method: 'GET', path: '/sales/visits', access: 'visits.work', query: VisitsQuery, answer: VisitList },
  'visits.plan': { method: 'POST', path: '/sales/visits', access: 'visits.work', body: VisitPlan, answer: Visit, status: 201 },
  'visits.realisation': { method: 'GET', path: '/sales/visits/realisation', access: 'visits.work', query: RealisationQuery, answer: Realisation },
} as const;

/** A receipt handed from the renderer: base64 of at most RECEIPT_MAX_BYTES (a phone photo or a scanned PDF). */
const ReceiptFile = z.object({
  fileName: z.string().trim().min(1).max(255),
  base64: z.string().min(1, 'the receipt is empty').max(Math.ceil(RECEIPT_MAX_BYTES / 3) * 4 + 4, 'the receipt is larger than 5 MB'),
});

/** Desktop API. Visits and costs work offline (cached plan, outbox); the rest asks the server. */
export const pipelineMethods = {
  'sales.settings': { input: z.object({}).default({}), output: SalesSettings },
  'sales.saveSettings': { input: SaveSalesSettings, output: SalesSettings },
  'sales.people': { input: z.object({}).default({}), output: SalesPeople },
  'opportunities.board': { input: BoardQuery.partial(), output: Board },
  'opportunities.list': { input: OpportunityListQuery.partial(), output: OpportunityList },
  'opportunities.create': { input: OpportunityCreate, output: OpportunityDetail },
  'opportunities.get': { input: IdParams, output: OpportunityDetail },
  'opportunities.move': { input: OpportunityMove.extend({ id: z.uuid() }), output: OpportunityDetail },
  'opportunities.addActivity': { input: OpportunityActivityCreate.extend({ id: z.uuid() }), output: OpportunityDetail },
  'opportunities.forecast': { input: ForecastQuery.partial().extend({ from: ForecastQuery.shape.from }), output: Forecast },
  'budgets.summary': { input: BudgetQuery, output: BudgetSummary },
  'budgets.set': { input: BudgetSet, output: Ok },
  'costs.list': { input: BudgetQuery, output: CostList },
  /** The period's visits: from the server when online (and kept for offline), else the kept plan with the outbox's changes. */
  'visits.list': { input: z.object({ from: DateOnly, to: DateOnly, owner: z.string().max(40).default('mine') }), output: VisitList.extend({ offline: z.boolean() }) },
  'visits.plan': { input: VisitPlanInput, output: Visit },
  'visits.realisation': { input: RealisationQuery.partial().extend({ period: RealisationQuery.shape.period }), output: Realisation },
  'visits.checkIn': { input: z.object({ visitId: z.uuid(), position: GeoPosition.nullable().default(null) }), output: Visit },
  'visits.checkOut': { input: z.object({ visitId: z.uuid(), position: GeoPosition.nullable().default(null) }), output: Visit },
  'visits.report': {
    input: z.object({
      visitId: z.uuid(), result: VisitResult, notes: z.string().max(5_000).default(''), nextStep: z.string().max(500).default(''),
      nextStepDue: DateOnly.nullable().default(null),
    }),
    output: Visit,
  },
  /** A cost on a visit (offline too): the receipt is spooled on this desktop and uploaded once online. */
  'costs.record': {
    input: z.object({
      visitId: z.uuid().nullable().default(null), opportunityId: z.uuid().nullable().default(null), budget: BudgetKind, category: CostCategory,
      amountIdr: CostIdr, spentOn: DateOnly, note: z.string().max(1_000).default(''), receipt: ReceiptFile.nullable().default(null),
    }),
    output: z.object({ id: z.uuid(), receiptId: z.uuid().nullable(), receiptType: ReceiptType.nullable() }),
  },
  /** Receipts spooled on this desktop and not yet uploaded. */
  'receipts.pending': { input: z.object({}).default({}), output: z.object({ count: z.number().int() }) },
} as const;
