// Cases (complaints and service requests): the policy both sides share, as plain functions.
// The priority an agent is offered follows from the customer's tier and the category; the
// due time is a number of WORKING hours after opening on the office calendar (replies/sla.ts).
import { z } from 'zod';
import { type CaseStatus as CaseStatusSchema, type Priority as PrioritySchema, type Tier } from './domain.js';
import { addWorkingMinutes, type SlaSettings } from './replies/sla.js';

type Priority = z.infer<typeof PrioritySchema>;
type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** The category whose open cases count as complaints on the profile ("last 90 days"). */
export const COMPLAINT_CATEGORY = 'complaint';

/** A case category is a queue's case-category code (Organisation → Queues). */
export const CaseCategory = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'not a category code');

/** The tiers the contact center treats first (the lead's board sorts them up too). */
const PREMIUM: readonly Tier[] = ['platinum', 'gold'];

/** Priority offered when the agent picks a category: the agent may change it. */
export function suggestPriority(tier: Tier, category: string): Priority {
  const complaint = category === COMPLAINT_CATEGORY;
  if (tier === 'platinum') return complaint ? 'urgent' : 'high';
  if (PREMIUM.includes(tier) || complaint) return 'high';
  return 'normal';
}

/** Resolution targets in working hours per priority (until per-category targets exist). */
export const RESOLUTION_WORKING_HOURS: Record<Priority, number> = { urgent: 4, high: 8, normal: 24, low: 40 };

/** When a case opened at `openedAt` with `priority` is due, on the office calendar. */
export function caseDueAt(openedAt: Date, priority: Priority, sla: SlaSettings): Date {
  return addWorkingMinutes(openedAt, (RESOLUTION_WORKING_HOURS[priority] ?? 24) * 60, sla);
}

/** The subject line of the timeline event a new case writes. */
export function caseOpenedSubject(caseNo: string | null, subject: string): string {
  return caseNo ? `${caseNo} · ${subject}` : subject;
}

/** One branch of the category tree: a queue and the case categories it handles. */
export const CaseCategoryGroup = z.object({
  queue: z.string().max(40),
  labelId: z.string().max(100),
  labelEn: z.string().max(100),
  categories: z.array(CaseCategory),
});
export type CaseCategoryGroup = z.infer<typeof CaseCategoryGroup>;

/** GET /cases/categories: the tree an agent files a case under (active queues only). */
export const CaseCategoriesResponse = z.object({ groups: z.array(CaseCategoryGroup) });
export type CaseCategoriesResponse = z.infer<typeof CaseCategoriesResponse>;

/** The tree a desktop offers before it has ever reached the server (migration 014's queues). */
export const DEFAULT_CASE_CATEGORIES: CaseCategoriesResponse = {
  groups: [
    { queue: 'vip', labelId: 'VIP', labelEn: 'VIP', categories: ['complaint'] },
    { queue: 'billing', labelId: 'Tagihan', labelEn: 'Billing', categories: ['billing'] },
    { queue: 'network', labelId: 'Jaringan', labelEn: 'Network', categories: ['technical'] },
    { queue: 'general', labelId: 'Umum', labelEn: 'General', categories: ['request'] },
  ],
};

/** Days after resolving in which a resolved or closed case may be reopened (server setting SAPA_CASE_REOPEN_DAYS). */
export const DEFAULT_REOPEN_DAYS = 14;

/** Where a case may go from each status (reopening is the way back from resolved and closed). */
const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['in_progress', 'waiting_customer', 'resolved'],
  in_progress: ['waiting_customer', 'resolved'],
  waiting_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

/** The statuses a case may be moved to now (the renderer offers these). */
export function nextStatuses(from: CaseStatus, resolvedAt: string | null, now: Date, reopenDays = DEFAULT_REOPEN_DAYS): CaseStatus[] {
  return (NEXT[from] ?? []).filter((to) => transitionProblem(from, to, resolvedAt, now, reopenDays) === null);
}

/** Why a case may not move from `from` to `to` (English, for the server's 400), or null. */
export function transitionProblem(from: CaseStatus, to: CaseStatus, resolvedAt: string | null, now: Date, reopenDays = DEFAULT_REOPEN_DAYS): string | null {
  if (!(NEXT[from] ?? []).includes(to)) return `a case that is ${from} cannot become ${to}`;
  const reopening = (from === 'resolved' || from === 'closed') && to === 'in_progress';
  if (reopening && resolvedAt && now.getTime() - Date.parse(resolvedAt) > reopenDays * 86_400_000) {
    return `the case was resolved more than ${reopenDays} days ago: open a new case`;
  }
  return null;
}

/** Where a case came from: a call, an e-mail, or an SMS or letter the agent typed in. */
export const CASE_SOURCES = ['phone', 'email', 'sms', 'letter'] as const;
export const CaseSource = z.enum(CASE_SOURCES);
export type CaseSource = z.infer<typeof CaseSource>;

/** The opening event of a case not from a call names its source in its disposition (`source:letter`). */
export function caseSourceDisposition(source: CaseSource): string | null {
  return source === 'phone' ? null : `source:${source}`;
}

/** The statuses whose arrival may notify the customer (server setting caseNotifications). */
export const NOTIFY_STATUSES = ['in_progress', 'waiting_customer', 'resolved'] as const;
export type NotifyStatus = (typeof NOTIFY_STATUSES)[number];

/** One status's notification: on or off, the approved paragraph (by shortcut, in the customer's language) and the channel. */
export const CaseNotifyRule = z.object({
  enabled: z.boolean(),
  shortcut: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a paragraph shortcut: lower-case letters, digits, - and _'),
  channel: z.enum(['sms', 'email']),
}).strict();
export type CaseNotifyRule = z.infer<typeof CaseNotifyRule>;
export const CaseNotifications = z.object({
  in_progress: CaseNotifyRule, waiting_customer: CaseNotifyRule, resolved: CaseNotifyRule,
}).strict();
export type CaseNotifications = z.infer<typeof CaseNotifications>;

/** The demo seed has these paragraphs in both languages (src/server/replies/seed-paragraphs.ts). */
export const DEFAULT_CASE_NOTIFICATIONS: CaseNotifications = {
  in_progress: { enabled: false, shortcut: 'case-status-progress', channel: 'sms' },
  waiting_customer: { enabled: true, shortcut: 'case-status-waiting', channel: 'sms' },
  resolved: { enabled: true, shortcut: 'case-status-resolved', channel: 'sms' },
};

/** The subject of the timeline event of an internal note on a case (never sent). */
export function caseNoteSubject(caseNo: string, subject: string): string {
  return `${caseNo} · ${subject} · Internal note`;
}

/** Disposition that marks a case's timeline event as internal (never shown to the customer). */
export const INTERNAL_DISPOSITION = 'internal';

/** Timeline events belong to a case when their subject starts with its number. */
export function belongsToCase(subject: string | null, caseNo: string): boolean {
  return caseNo !== '' && subject !== null && subject.startsWith(`${caseNo} · `);
}
