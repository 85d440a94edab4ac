// Prospects (docs/sales.md, "Prospects"): suspects and prospects are customers rows with a
// prospect profile (source, owner, interest, products of interest). Created from the
// Prospects screen or imported from CSV; de-duplicated against every customer by phone and
// e-mail (dedupe.ts) — a duplicate is merged into the existing customer, never a new row.
import { z } from 'zod';
import { LifecycleStage, Timestamp } from '../domain.js';
import { ImportStatus } from '../http.js';

/** Stages a new prospect may start in. */
export const ProspectStartStage = z.enum(['suspect', 'prospect']);

const Text = (max: number) => z.string().trim().max(max, `is longer than ${max} characters`);
const ProductCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, 'is not a product code');

export const ProspectInput = z.object({
  fullName: Text(200).min(1, 'a name is needed'),
  phones: z.array(z.string().max(64)).max(20).default([]),
  emails: z.array(z.string().max(254)).max(20).default([]),
  source: Text(100).default(''),
  /** A sales rep; null lets the assignment rules choose (a rep creating for themself: themself). */
  ownerId: z.uuid().nullable().default(null),
  interest: Text(2000).default(''),
  productsOfInterest: z.array(ProductCode).max(50).default([]),
  stage: ProspectStartStage.default('suspect'),
  branch: Text(100).nullable().default(null),
  city: Text(100).nullable().default(null),
}).strict();
export type ProspectInput = z.infer<typeof ProspectInput>;

export const CustomerRef = z.object({
  id: z.uuid(), customerNo: z.string(), fullName: z.string(), lifecycle: LifecycleStage,
});
export type CustomerRef = z.infer<typeof CustomerRef>;

export const ProspectSaveAnswer = z.object({
  /** created: a new customers row; merged: the person was already a customer (by phone or e-mail). */
  outcome: z.enum(['created', 'merged']),
  /** What matched when merged: `phone +6281234567890` or `e-mail siti@example.co.id`. */
  matchedBy: z.string().nullable(),
  customer: CustomerRef,
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
});
export type ProspectSaveAnswer = z.infer<typeof ProspectSaveAnswer>;

export const Prospect = z.object({
  customerId: z.uuid(),
  customerNo: z.string(),
  fullName: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  lifecycle: LifecycleStage,
  branch: z.string().nullable(),
  source: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  interest: z.string(),
  productsOfInterest: z.array(z.string()),
  updatedAt: Timestamp,
});
export type Prospect = z.infer<typeof Prospect>;

export const ProspectListQuery = z.object({
  /** A manager sees everyone's by default; `mine` narrows to their own. A rep always sees their own. */
  mine: z.enum(['true', 'false']).default('false'),
  stage: LifecycleStage.optional(),
  q: z.string().trim().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();
export type ProspectListQuery = z.infer<typeof ProspectListQuery>;

export const ProspectList = z.object({ prospects: z.array(Prospect) });

export const ProspectStageBody = z.object({ to: LifecycleStage }).strict();
export const ProspectAssignBody = z.object({ ownerId: z.uuid() }).strict();

export const ImportLine = z.object({
  line: z.number().int(),
  outcome: z.enum(['created', 'merged', 'rejected']),
  customerId: z.uuid().nullable(),
  customerNo: z.string().nullable(),
  customerName: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ImportLine = z.infer<typeof ImportLine>;

/** An import's status with its lines (created / merged with whom / rejected why), file order. */
export const ProspectImportReport = z.object({ status: ImportStatus, lines: z.array(ImportLine), more: z.boolean() });
export type ProspectImportReport = z.infer<typeof ProspectImportReport>;

export const AssignmentRule = z.object({
  /** A customers.branch value, or `*` for every branch without its own rule. */
  branch: Text(100).min(1),
  repIds: z.array(z.uuid()).min(1, 'pick at least one sales rep').max(200),
}).strict();
export type AssignmentRule = z.infer<typeof AssignmentRule>;

export const SalesRep = z.object({ id: z.uuid(), name: z.string(), branch: z.string().nullable() });
export const AssignmentRules = z.object({ rules: z.array(AssignmentRule), reps: z.array(SalesRep) });
export type AssignmentRules = z.infer<typeof AssignmentRules>;
export const SaveAssignmentRules = z.object({ rules: z.array(AssignmentRule).max(200) }).strict();

/** A prospect CSV sent by the desktop in one piece; prospect lists are small (docs/sales.md). */
export const PROSPECT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const IdParams = z.object({ id: z.uuid() });
const ImportFileQuery = z.object({ fileName: z.string().trim().min(1).max(255) }).strict();

export const prospectRoutes = {
  'prospects.list': { method: 'GET', path: '/sales/prospects', access: 'prospects.write', query: ProspectListQuery, answer: ProspectList },
  'prospects.create': { method: 'POST', path: '/sales/prospects', access: 'prospects.write', body: ProspectInput, answer: ProspectSaveAnswer },
  'prospects.stage': {
    method: 'POST', path: '/sales/prospects/:id/stage', access: 'prospects.write', params: IdParams, body: ProspectStageBody, answer: CustomerRef,
  },
  'prospects.assign': {
    method: 'POST', path: '/sales/prospects/:id/assign', access: 'prospects.assign', params: IdParams, body: ProspectAssignBody, answer: Prospect,
  },
  'prospects.import': {
    method: 'POST', path: '/sales/prospects/import', access: 'prospects.write', query: ImportFileQuery, body: 'csv', answer: ImportStatus, status: 202,
  },
  'prospects.importReport': {
    method: 'GET', path: '/sales/prospects/imports/:id', access: 'prospects.write', params: IdParams, answer: ProspectImportReport,
  },
  'prospects.rules': { method: 'GET', path: '/sales/assignment-rules', access: 'prospects.assign', answer: AssignmentRules },
  'prospects.saveRules': {
    method: 'PUT', path: '/sales/assignment-rules', access: 'prospects.assign', body: SaveAssignmentRules, answer: AssignmentRules,
  },
} as const;

export const prospectMethods = {
  'sales.prospects.list': { input: ProspectListQuery, output: ProspectList },
  'sales.prospects.create': { input: ProspectInput, output: ProspectSaveAnswer },
  'sales.prospects.stage': { input: z.object({ customerId: z.uuid(), to: LifecycleStage }).strict(), output: CustomerRef },
  'sales.prospects.assign': { input: z.object({ customerId: z.uuid(), ownerId: z.uuid() }).strict(), output: Prospect },
  'sales.prospects.import': {
    input: z.object({ fileName: z.string().trim().min(1).max(255), csv: z.string().max(PROSPECT_IMPORT_MAX_BYTES, 'The file is larger than 10 MB') }).strict(),
    output: ImportStatus,
  },
  'sales.prospects.importReport': { input: z.object({ importId: z.uuid() }).strict(), output: ProspectImportReport },
  'sales.rules.get': { input: z.object({}).strict(), output: AssignmentRules },
  'sales.rules.save': { input: SaveAssignmentRules, output: AssignmentRules },
} as const;
