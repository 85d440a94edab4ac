// The selling pipeline, visits and budgets (issue 18 items 4–6, docs/sales.md): the shapes
// the server answers and the desktop shows. Routes and desktop methods: pipeline-routes.ts;
// the offline visit and cost mutations: mutations.ts; the arithmetic: sales-money.ts.
import { z } from 'zod';
import { DateOnly, LifecycleStage, Salutation, Timestamp } from './domain.js';
import { PRODUCT_CODE_PATTERN } from './sales/portfolio.js';

const Code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a code is lower-case letters, digits, - or _ (up to 40)');
/** Whole rupiah. Deals up to a quadrillion; a single cost up to a trillion. */
export const Idr = z.number().int('a whole number of rupiah').min(0, 'an amount is never negative').max(1_000_000_000_000_000, 'an amount above Rp 1 000 000 000 000 000');
export const CostIdr = z.number().int('a whole number of rupiah').min(1, 'a cost is at least Rp 1').max(1_000_000_000_000, 'a cost above Rp 1 000 000 000 000');
export const MonthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is YYYY-MM');
export const PeriodKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'a period is YYYY-MM (a month) or YYYY-Qn (a quarter)');

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export const StageKind = z.enum(STAGE_KINDS);
export const Stage = z.object({
  code: Code,
  labelEn: z.string().trim().min(1, 'a stage needs a name').max(60),
  labelId: z.string().trim().min(1, 'a stage needs a name').max(60),
  probability: z.number().int('a probability is a whole number').min(0, 'a probability is 0 to 100').max(100, 'a probability is 0 to 100'),
  /** The stage's place on the board (left to right); two stages never share one. */
  position: z.number().int('an order is a whole number').min(0, 'an order is 0 to 10000').max(10_000, 'an order is 0 to 10000'),
  kind: StageKind,
});
export type Stage = z.infer<typeof Stage>;

export const LostReason = z.object({ code: Code, labelEn: z.string(), labelId: z.string() });
export type LostReason = z.infer<typeof LostReason>;

export const SalesSettings = z.object({
  stages: z.array(Stage),
  lostReasons: z.array(LostReason),
  /** Budgets warn from this share spent (e.g. 90 %); above 100 % they are over. */
  warnPercent: z.number().int().min(1).max(100),
});
export type SalesSettings = z.infer<typeof SalesSettings>;

export const SaveSalesSettings = z.object({
  stages: z.array(Stage).min(3).max(20),
  warnPercent: z.number().int().min(1).max(100),
}).strict();

export const ProductLine = z.object({
  /** A code of the product catalogue (checked against it on create: an unknown or inactive product is refused). */
  code: z.string().trim().toUpperCase().regex(PRODUCT_CODE_PATTERN, 'a product code is A–Z, 0–9, - or _ (2–40)'),
  quantity: z.number().int().min(1).max(100_000).default(1),
});
export type ProductLine = z.output<typeof ProductLine>;

export const Opportunity = z.object({
  id: z.uuid(),
  opportunityNo: z.string(),
  customerId: z.uuid(),
  customerName: z.string(),
  salutation: Salutation.nullable(),
  lifecycle: LifecycleStage,
  title: z.string(),
  stageCode: z.string(),
  valueIdr: z.number().int(),
  expectedClose: DateOnly,
  products: z.array(ProductLine),
  ownerId: z.uuid(),
  ownerName: z.string(),
  nextStep: z.string().nullable(),
  nextStepDue: DateOnly.nullable(),
  lostReason: z.string().nullable(),
  contractId: z.uuid().nullable(),
  contractNo: z.string().nullable(),
  closedAt: Timestamp.nullable(),
  revision: z.number().int(),
  updatedAt: Timestamp,
});
export type Opportunity = z.infer<typeof Opportunity>;

export const OpportunityActivity = z.object({
  id: z.uuid(), kind: z.enum(['created', 'note', 'stage', 'next_step', 'won', 'lost']), body: z.string(),
  authorName: z.string().nullable(), at: Timestamp,
});
export const OpportunityDetail = Opportunity.extend({ activities: z.array(OpportunityActivity) });
export type OpportunityDetail = z.infer<typeof OpportunityDetail>;

/** Whose objects: `mine`, `team` (a manager's teams, a lead's), or one user's id (checked). */
export const OwnerFilter = z.union([z.enum(['mine', 'team']), z.uuid()]);

export const OpportunityCreate = z.object({
  customerId: z.uuid(),
  title: z.string().trim().min(1, 'title is required').max(200, 'title is longer than 200 characters'),
  stageCode: Code.optional(),
  valueIdr: Idr,
  expectedClose: DateOnly,
  products: z.array(ProductLine).max(50).default([]),
  nextStep: z.string().trim().max(500).nullable().default(null),
  nextStepDue: DateOnly.nullable().default(null),
  /** Another rep of the manager's team; the caller by default. */
  ownerId: z.uuid().optional(),
}).strict();

export const OpportunityMove = z.object({
  stageCode: Code,
  /** The revision the user saw: a card moved meanwhile by someone else is refused (CONFLICT). */
  revision: z.number().int().min(1),
  lostReason: Code.optional(),
  lostNote: z.string().trim().max(1000).optional(),
}).strict();

export const OpportunityActivityCreate = z.object({
  kind: z.enum(['note', 'next_step']),
  body: z.string().trim().min(1, 'write the note or the next step').max(2000),
  nextStepDue: DateOnly.nullable().optional(),
}).strict();

export const BOARD_PAGE = 50;
export const BoardQuery = z.object({
  owner: OwnerFilter.default('team'),
  perStage: z.coerce.number().int().min(1).max(200).default(BOARD_PAGE),
}).strict();
export const BoardColumn = z.object({
  stageCode: z.string(), count: z.number().int(), valueIdr: z.number().int(), weightedIdr: z.number().int(),
  /** The first `perStage` cards, nearest expected close first; the list view pages through all. */
  cards: z.array(Opportunity),
});
export const Board = z.object({ columns: z.array(BoardColumn) });
export type Board = z.infer<typeof Board>;

export const OpportunityListQuery = z.object({
  owner: OwnerFilter.default('team'),
  stage: Code.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}).strict();
export const OpportunityList = z.object({ opportunities: z.array(Opportunity), total: z.number().int() });

export const ForecastQuery = z.object({
  from: MonthKey,
  months: z.coerce.number().int().min(1).max(24).default(6),
  owner: OwnerFilter.default('team'),
}).strict();
export const Forecast = z.object({
  months: z.array(z.object({
    month: MonthKey, pipelineIdr: z.number().int(), weightedIdr: z.number().int(), count: z.number().int(),
    /** Won in that month (closed as won, by close date). */
    wonIdr: z.number().int(),
  })),
});
export type Forecast = z.infer<typeof Forecast>;

// Budgets and costs.
export const BUDGET_KINDS = ['prospecting', 'cost'] as const;
export const BudgetKind = z.enum(BUDGET_KINDS);
export type BudgetKind = z.infer<typeof BudgetKind>;
/** What a manager sets per period: the two budgets, and the won-value target the sales report holds won contracts against. */
export const BUDGET_SET_KINDS = [...BUDGET_KINDS, 'target'] as const;
export type BudgetSetKind = (typeof BUDGET_SET_KINDS)[number];
export const COST_CATEGORIES = ['transport', 'meal', 'lodging', 'entertainment', 'material', 'other'] as const;
export const CostCategory = z.enum(COST_CATEGORIES);

export const BudgetSet = z.object({
  kind: z.enum(BUDGET_SET_KINDS),
  period: PeriodKey,
  teamId: z.uuid().nullable().default(null),
  userId: z.uuid().nullable().default(null),
  amountIdr: Idr,
}).strict().refine((b) => (b.teamId === null) !== (b.userId === null), { message: 'a budget is for a team or for one rep' });

export const BudgetRow = z.object({
  kind: BudgetKind,
  scope: z.enum(['team', 'rep']),
  teamId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  name: z.string(),
  budgetIdr: z.number().int().nullable(),
  spentIdr: z.number().int(),
  percent: z.number().int().nullable(),
  state: z.enum(['none', 'ok', 'warn', 'over']),
});
export type BudgetRow = z.infer<typeof BudgetRow>;
export const BudgetSummary = z.object({
  period: PeriodKey, start: DateOnly, end: DateOnly, warnPercent: z.number().int(), rows: z.array(BudgetRow),
});
export type BudgetSummary = z.infer<typeof BudgetSummary>;
export const BudgetQuery = z.object({ period: PeriodKey }).strict();

export const Cost = z.object({
  id: z.uuid(), ownerId: z.uuid(), ownerName: z.string(), budget: BudgetKind, category: CostCategory,
  amountIdr: z.number().int(), spentOn: DateOnly, note: z.string(),
  visitId: z.uuid().nullable(), opportunityId: z.uuid().nullable(), customerName: z.string().nullable(),
  receiptId: z.uuid().nullable(),
  /** The receipt's file has reached the server (it is uploaded after the cost when recorded offline). */
  receiptUploaded: z.boolean(),
  receiptType: z.string().nullable(),
});
export type Cost = z.infer<typeof Cost>;
export const CostList = z.object({ costs: z.array(Cost) });
export type CostList = z.infer<typeof CostList>;

// Receipts: a photo or a PDF, checked by content.
export const RECEIPT_MAX_BYTES = 5 * 1024 * 1024;
export const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export const ReceiptType = z.enum(RECEIPT_TYPES);
export const ReceiptUploaded = z.object({ id: z.uuid(), mediaType: ReceiptType, bytes: z.number().int(), sha256: z.string() });

// Visits.
export const VISIT_STATUSES = ['planned', 'checked_in', 'done', 'cancelled'] as const;
export const VisitStatus = z.enum(VISIT_STATUSES);
export const VISIT_RESULTS = ['interested', 'not_interested', 'follow_up', 'deal', 'not_met'] as const;
export const VisitResult = z.enum(VISIT_RESULTS);
export type VisitResult = z.infer<typeof VisitResult>;

export const GeoPosition = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000).nullable().default(null),
}).strict();
export type GeoPosition = z.output<typeof GeoPosition>;

export const Visit = z.object({
  id: z.uuid(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  customerId: z.uuid(),
  customerName: z.string(),
  salutation: Salutation.nullable(),
  address: z.string().nullable(),
  purpose: z.string(),
  plannedStart: Timestamp,
  plannedEnd: Timestamp,
  opportunityId: z.uuid().nullable(),
  status: VisitStatus,
  checkInAt: Timestamp.nullable(),
  checkInPosition: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  checkOutAt: Timestamp.nullable(),
  result: VisitResult.nullable(),
  notes: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextStepDue: DateOnly.nullable(),
  /** Σ costs recorded on this visit. */
  costIdr: z.number().int(),
  /** On the desktop: a change of this visit waits in the outbox. */
  pending: z.boolean().default(false),
});
export type Visit = z.infer<typeof Visit>;

export const VisitsQuery = z.object({
  from: DateOnly,
  to: DateOnly,
  owner: OwnerFilter.default('mine'),
}).strict().refine((q) => q.from <= q.to, { message: 'from is after to' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 62 * 86_400_000, { message: 'at most 62 days at once' });
export const VisitList = z.object({ visits: z.array(Visit) });

export const VisitPlanFields = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  purpose: z.string().trim().min(1, 'purpose is required').max(500, 'purpose is longer than 500 characters'),
  plannedStart: Timestamp,
  plannedEnd: Timestamp,
  opportunityId: z.uuid().nullable().default(null),
  /** A manager plans for a rep of their team; a rep for themself. */
  ownerId: z.uuid().optional(),
}).strict();
const endsAfterStart = (v: { plannedStart: string; plannedEnd: string }) => Date.parse(v.plannedEnd) > Date.parse(v.plannedStart);
export const VisitPlan = VisitPlanFields.refine(endsAfterStart, { message: 'the visit ends before it starts', path: ['plannedEnd'] });
/** The desktop's planning input: the id is chosen by core. */
export const VisitPlanInput = VisitPlanFields.omit({ id: true }).refine(endsAfterStart, { message: 'the visit ends before it starts', path: ['plannedEnd'] });

export const RealisationQuery = z.object({ period: PeriodKey, owner: OwnerFilter.default('team') }).strict();
export const RealisationRow = z.object({
  userId: z.uuid(), name: z.string(), planned: z.number().int(), done: z.number().int(), notMet: z.number().int(),
  cancelled: z.number().int(), open: z.number().int(),
  /** Visits done of those planned, whole percent (rounded down); null when none planned. */
  percent: z.number().int().nullable(),
});
export const Realisation = z.object({ period: PeriodKey, rows: z.array(RealisationRow) });
export type Realisation = z.infer<typeof Realisation>;

/** Who the caller may see on the sales screens (filters, budget targets). */
export const SalesPeople = z.object({
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  people: z.array(z.object({ id: z.uuid(), name: z.string(), teamId: z.uuid().nullable(), role: z.string() })),
});
export type SalesPeople = z.infer<typeof SalesPeople>;
