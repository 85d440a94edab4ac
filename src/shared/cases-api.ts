// Desktop API of cases (spread into `methods` in api.ts): the category tree, and filing a
// case through the outbox (it works offline and reaches the server once).
import { z } from 'zod';
import { CaseCategoriesResponse, CaseCategory } from './cases.js';
import { Case, CaseStatus, Priority } from './domain.js';

export const CaseCreateInput = z.object({
  customerId: z.uuid(),
  category: CaseCategory,
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().max(10_000).optional(),
  priority: Priority,
  /** The call or e-mail the case came from (its interaction id). */
  interactionId: z.uuid().optional(),
}).strict();
export type CaseCreateInput = z.infer<typeof CaseCreateInput>;

export const CaseStatusInput = z.object({
  caseId: z.uuid(),
  to: CaseStatus,
  note: z.string().trim().max(2_000).optional(),
}).strict();

export const casesMethods = {
  'cases.categories': { input: z.object({}).strict(), output: CaseCategoriesResponse },
  'cases.create': { input: CaseCreateInput, output: Case },
  /** Moves a case on (through the outbox); answers the case as the cache now shows it. */
  'cases.setStatus': { input: CaseStatusInput, output: Case },
} as const;
