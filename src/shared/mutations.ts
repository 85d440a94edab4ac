// The sync mutations: one map of mutation name → zod schema of its args (MUTATIONS, at the
// end), like api.ts is for the desktop API. Core validates args with it before writing the
// outbox row; the server validates them again before applying. Each side implements a map
// that `satisfies` its type — core's local effects (src/main/core/outbox/effects.ts), the
// server's handlers (src/server/sync/mutations/index.ts) — so a misspelt or unhandled
// mutation is a type error. A new mutation: add its schema here, then one entry on each side.
import { z } from 'zod';
import { CaseCategory, CaseSource } from './cases.js';
import { CaseStatus, Channel, DateOnly, Direction, Language, LifecycleStage, Priority, Salutation, Tier, Timestamp } from './domain.js';
import { toE164 } from './phone.js';
import { CallDetailsArgs, CallEventArgs } from './softphone.js';
import { ORDER_REQUEST_TEXT_MAX, OrderRequestKind } from './orders.js';
import { EvaluationSubmitArgs } from './quality/draft.js';
import { BudgetKind, CostCategory, CostIdr, GeoPosition, VisitResult } from './pipeline.js';

const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/);

/**
 * A contact (call, message, visit…). `customerId` may be null only when the agent was
 * offline and the number was not cached: then `phoneE164` is required and the server
 * attaches the interaction to the customer it resolves that number to.
 */
export const InteractionCreateArgs = z.object({
  id: z.uuid(),
  customerId: z.uuid().nullable(),
  phoneE164: E164.nullable().default(null),
  channel: Channel,
  direction: Direction,
  startedAt: Timestamp,
  endedAt: Timestamp.nullable().default(null),
  subject: z.string().max(500).nullable().default(null),
  body: z.string().max(100_000).nullable().default(null),
  disposition: z.string().max(100).nullable().default(null),
  durationSec: z.number().int().nonnegative().nullable().default(null),
  recordingId: z.string().max(100).nullable().default(null),
}).refine((a) => a.customerId !== null || a.phoneE164 !== null, {
  message: 'customerId or phoneE164 is required',
});
export type InteractionCreateArgs = z.output<typeof InteractionCreateArgs>;

export const NoteCreateArgs = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  interactionId: z.uuid().nullable().default(null),
  body: z.string().trim().min(1).max(10_000),
  createdAt: Timestamp,
});
export type NoteCreateArgs = z.output<typeof NoteCreateArgs>;

/** Like interaction.create: `customerId` null (offline, uncached caller) needs `phoneE164`. */
export const CallbackCreateArgs = z.object({
  id: z.uuid(),
  customerId: z.uuid().nullable(),
  phoneE164: E164.nullable().default(null),
  dueAt: Timestamp,
  note: z.string().max(2_000).nullable().default(null),
  /** Who should call back; null = the author. */
  assigneeId: z.uuid().nullable().default(null),
  createdAt: Timestamp,
}).refine((a) => a.customerId !== null || a.phoneE164 !== null, { message: 'customerId or phoneE164 is required' });
export type CallbackCreateArgs = z.output<typeof CallbackCreateArgs>;

/** Customer fields an agent may edit; the only mutation that can conflict. */
export const EDITABLE_CUSTOMER_FIELDS = {
  fullName: z.string().trim().min(1).max(200),
  address: z.string().max(500).nullable(),
  city: z.string().max(100).nullable(),
  language: Language,
  segment: z.string().max(50).nullable(),
  tier: Tier,
  lifecycle: LifecycleStage,
} as const;
export type EditableCustomerField = keyof typeof EDITABLE_CUSTOMER_FIELDS;

/**
 * Each edited field carries the value the agent saw (`from`) and the new one (`to`).
 * The server applies `to` only when the field still holds `from`; otherwise the newer
 * value stays (server order) and a conflict with both values goes back to the author.
 */
export const CustomerUpdateArgs = z.object({
  customerId: z.uuid(),
  fields: z.object(Object.fromEntries(
    Object.entries(EDITABLE_CUSTOMER_FIELDS).map(([k, s]) => [k, z.object({ from: s, to: s }).optional()]),
  ) as { [K in EditableCustomerField]: z.ZodOptional<z.ZodObject<{ from: (typeof EDITABLE_CUSTOMER_FIELDS)[K]; to: (typeof EDITABLE_CUSTOMER_FIELDS)[K] }>> }).strict()
    .refine((f) => Object.keys(f).length > 0, { message: 'at least one field' }),
});
export type CustomerUpdateArgs = z.output<typeof CustomerUpdateArgs>;

/** workingset.join / workingset.leave: the customers a desktop replicates (pull scope=working). */
export const WorkingSetArgs = z.object({ customerId: z.uuid() });
export type WorkingSetArgs = z.output<typeof WorkingSetArgs>;

/**
 * customer.create (an unknown caller becomes a customer, offline too): the desktop picks
 * the id; the server assigns the customer number. The phone must already be in canonical
 * E.164 form (the desktop normalises it with toE164 first).
 */
export const CustomerCreateArgs = z.object({
  id: z.uuid(),
  salutation: Salutation.nullable().default(null),
  fullName: z.string().trim().min(1, 'name is required').max(200),
  phoneE164: E164.refine((p) => toE164(p) === p, { message: 'not a valid phone number' }),
  email: z.email('not an e-mail address').max(254).nullable().default(null),
  tier: Tier.default('regular'),
  createdAt: Timestamp,
});
export type CustomerCreateArgs = z.output<typeof CustomerCreateArgs>;

/**
 * case.create: a complaint or service request filed from the customer screen (offline too).
 * The desktop picks the case's id and the id of its timeline event; the server assigns the
 * case number and the due time. `interactionId` links the call or e-mail it came from.
 */
export const CaseCreateArgs = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  customerId: z.uuid(),
  category: CaseCategory,
  subject: z.string().trim().min(1, 'subject is required').max(200, 'subject is longer than 200 characters'),
  description: z.string().trim().max(10_000, 'description is longer than 10000 characters').default(''),
  priority: Priority,
  interactionId: z.uuid().nullable().default(null),
  /** Where it came from (an e-mail, a typed letter or SMS); a call by default. */
  source: CaseSource.default('phone'),
  createdAt: Timestamp,
}).strict();
export type CaseCreateArgs = z.output<typeof CaseCreateArgs>;

/**
 * case.setStatus: work a case (in progress, waiting for the customer, resolved, closed, or
 * reopened). `from` is the status the agent saw: the local effect is undone to it if the
 * server refuses. The assignee, a lead or an admin may change a case; another agent may not.
 */
export const CaseStatusArgs = z.object({
  caseId: z.uuid(),
  eventId: z.uuid(),
  from: CaseStatus,
  to: CaseStatus,
  note: z.string().trim().max(2_000, 'note is longer than 2000 characters').default(''),
  at: Timestamp,
}).strict();
export type CaseStatusArgs = z.output<typeof CaseStatusArgs>;

/**
 * order.request: an agent's note or the customer's request (reschedule to `wantedDate`,
 * cancel, other) on one of the customer's orders; it becomes an open request in the back
 * office's queue and is offered to the order system. The desktop picks the request's id and
 * its timeline event's id, so a replay files it once.
 */
export const OrderRequestArgs = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  orderId: z.uuid(),
  customerId: z.uuid(),
  kind: OrderRequestKind,
  wantedDate: DateOnly.nullable().default(null),
  body: z.string().trim().max(ORDER_REQUEST_TEXT_MAX, `body is longer than ${ORDER_REQUEST_TEXT_MAX} characters`).default(''),
  createdAt: Timestamp,
}).strict()
  .refine((a) => a.kind !== 'reschedule' || a.wantedDate !== null, { message: 'a reschedule needs the wanted date', path: ['wantedDate'] })
  .refine((a) => a.kind === 'reschedule' || a.wantedDate === null, { message: 'only a reschedule has a wanted date', path: ['wantedDate'] })
  .refine((a) => a.kind === 'reschedule' || a.kind === 'cancel' || a.body.length > 0, { message: 'say what the customer asks for', path: ['body'] });
export type OrderRequestArgs = z.output<typeof OrderRequestArgs>;

/**
 * case.note: an internal note on a case, an event in the customer's timeline marked internal
 * (never sent to the customer). Same rule as case.setStatus: the assignee, a lead or an admin.
 */
export const CaseNoteArgs = z.object({
  caseId: z.uuid(),
  eventId: z.uuid(),
  body: z.string().trim().min(1, 'note is required').max(10_000, 'note is longer than 10000 characters'),
  at: Timestamp,
}).strict();
export type CaseNoteArgs = z.output<typeof CaseNoteArgs>;

/**
 * case.reply: a customer-visible reply on a case, composed in the reply composer (approved
 * paragraphs, blanks, the previewed text) and sent by e-mail or SMS once the server has it:
 * the server renders it again and refuses anything but the previewed text, like
 * messages.send. `messageId` is the outbound message's id and `eventId` its timeline event,
 * both chosen by the desktop, so a replay sends nothing twice.
 */
export const CaseReplyArgs = z.object({
  caseId: z.uuid(),
  messageId: z.uuid(),
  eventId: z.uuid(),
  channel: z.enum(['email', 'sms']),
  to: z.string().trim().min(1, 'recipient is required').max(254),
  subject: z.string().trim().max(300, 'subject is longer than 300 characters').default(''),
  template: z.string().min(1, 'the reply is empty').max(50_000, 'the reply is longer than 50000 characters'),
  blanks: z.record(z.string().max(40), z.string().max(2_000)).default({}),
  paragraphIds: z.array(z.uuid()).max(50).default([]),
  previewText: z.string().max(50_000),
  at: Timestamp,
}).strict();
export type CaseReplyArgs = z.output<typeof CaseReplyArgs>;

/**
 * visit.checkIn / visit.checkOut: the rep at the customer's door and leaving it, offline too.
 * `at` is when it happened (the desktop's clock; the server keeps it unless it lies in the
 * future); `position` only when the rep allowed the browser's geolocation. The first
 * check-in wins: a second (a replay, another desktop) changes nothing.
 */
export const VisitCheckArgs = z.object({
  visitId: z.uuid(),
  at: Timestamp,
  position: GeoPosition.nullable().default(null),
}).strict();
export type VisitCheckArgs = z.output<typeof VisitCheckArgs>;

/** visit.report: the result, notes and next step of a visit (the last report wins). */
export const VisitReportArgs = z.object({
  visitId: z.uuid(),
  result: VisitResult,
  notes: z.string().trim().max(5_000, 'notes are longer than 5000 characters').default(''),
  nextStep: z.string().trim().max(500, 'the next step is longer than 500 characters').default(''),
  nextStepDue: DateOnly.nullable().default(null),
  at: Timestamp,
}).strict();
export type VisitReportArgs = z.output<typeof VisitReportArgs>;

/**
 * cost.record: a cost against the prospecting or cost budget, on a visit or an opportunity,
 * with an optional receipt. The receipt's file is not in the mutation: the desktop spools it
 * and uploads it by `receiptId` when online (decision 0036), so the cost may arrive first.
 */
export const CostRecordArgs = z.object({
  id: z.uuid(),
  budget: BudgetKind,
  category: CostCategory,
  amountIdr: CostIdr,
  spentOn: DateOnly,
  visitId: z.uuid().nullable().default(null),
  opportunityId: z.uuid().nullable().default(null),
  note: z.string().trim().max(1_000, 'note is longer than 1000 characters').default(''),
  receiptId: z.uuid().nullable().default(null),
  createdAt: Timestamp,
}).strict().refine((a) => a.visitId !== null || a.opportunityId !== null, { message: 'a cost belongs to a visit or an opportunity', path: ['visitId'] });
export type CostRecordArgs = z.output<typeof CostRecordArgs>;

export const MUTATIONS = {
  'interaction.create': InteractionCreateArgs,
  'note.create': NoteCreateArgs,
  'callback.create': CallbackCreateArgs,
  'customer.create': CustomerCreateArgs,
  'customer.update': CustomerUpdateArgs,
  'case.create': CaseCreateArgs,
  'case.setStatus': CaseStatusArgs,
  'order.request': OrderRequestArgs,
  'case.note': CaseNoteArgs,
  'case.reply': CaseReplyArgs,
  'workingset.join': WorkingSetArgs,
  'workingset.leave': WorkingSetArgs,
  /** A call's timing; pushed right after the wrap-up's interaction.create. */
  'call.details': CallDetailsArgs,
  /** A moment of a call (pop, hold, transfer, paragraph, wrap-up) for the review timeline. */
  'call.event': CallEventArgs,
  /** A lead's evaluation saved while the server was out of reach (quality/draft.ts). */
  'evaluation.submit': EvaluationSubmitArgs,
  /** Field sales (docs/sales.md): a visit's check-in, check-out and report; a cost with its receipt's id. */
  'visit.checkIn': VisitCheckArgs,
  'visit.checkOut': VisitCheckArgs,
  'visit.report': VisitReportArgs,
  'cost.record': CostRecordArgs,
} as const satisfies Record<string, z.ZodType>;

export type MutationName = keyof typeof MUTATIONS;
export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];
/** Args as a caller writes them (defaults may be left out). */
export type MutationInput<N extends MutationName> = z.input<(typeof MUTATIONS)[N]>;
/** Args as validated (defaults filled in): what local effects and server handlers receive. */
export type MutationArgs<N extends MutationName> = z.output<(typeof MUTATIONS)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(MUTATIONS, name);
}
