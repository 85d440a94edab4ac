// Desktop API of cases (spread into `methods` in api.ts): the category tree, and filing a
// case through the outbox (it works offline and reaches the server once).
import { z } from 'zod';
import { CaseCategoriesResponse, CaseCategory, CaseSource } from './cases.js';
import { Case, CaseStatus, Interaction, Priority } from './domain.js';

export const CaseCreateInput = z.object({
  customerId: z.uuid(),
  category: CaseCategory,
  subject: z.string().trim().min(1).max(200),
  description: z.string().trim().max(10_000).optional(),
  priority: Priority,
  /** The call or e-mail the case came from (its interaction id). */
  interactionId: z.uuid().optional(),
  /** A typed letter or SMS, or an inbound e-mail (default: a call). */
  source: CaseSource.optional(),
}).strict();
export type CaseCreateInput = z.infer<typeof CaseCreateInput>;

export const CaseStatusInput = z.object({
  caseId: z.uuid(),
  to: CaseStatus,
  note: z.string().trim().max(2_000).optional(),
}).strict();

export const CaseNoteInput = z.object({
  caseId: z.uuid(),
  body: z.string().trim().min(1).max(10_000),
}).strict();

/** A reply on a case as the composer made it (see CaseReplyArgs in mutations.ts). */
export const CaseReplyInput = z.object({
  caseId: z.uuid(),
  channel: z.enum(['email', 'sms']),
  to: z.string().trim().min(1).max(254),
  subject: z.string().trim().max(300).optional(),
  template: z.string().min(1).max(50_000),
  blanks: z.record(z.string().max(40), z.string().max(2_000)).default({}),
  paragraphIds: z.array(z.uuid()).max(50).default([]),
  previewText: z.string().max(50_000),
}).strict();

export const casesMethods = {
  'cases.categories': { input: z.object({}).strict(), output: CaseCategoriesResponse },
  'cases.create': { input: CaseCreateInput, output: Case },
  /** Moves a case on (through the outbox); answers the case as the cache now shows it. */
  'cases.setStatus': { input: CaseStatusInput, output: Case },
  /** An internal note on a case (through the outbox; never sent to the customer). */
  'cases.note': { input: CaseNoteInput, output: z.object({ eventId: z.uuid() }) },
  /** A reply to the customer on a case (through the outbox; the server sends it once). */
  'cases.reply': { input: CaseReplyInput, output: z.object({ messageId: z.uuid(), eventId: z.uuid() }) },
  /** The case's events in the timeline as this desktop has them: opening, moves, notes, replies, notifications. */
  'cases.entries': { input: z.object({ caseId: z.uuid() }).strict(), output: z.object({ entries: z.array(Interaction) }) },
} as const;
