// Desktop API of the agent's home and the lead's floor (spread into `methods` in api.ts).
import { z } from 'zod';
import { CaseStatus, CustomerSummary, Priority, Salutation, Timestamp } from './domain.js';
import { AgentStatusRow } from './softphone.js';

const CustomerRef = z.object({ customerId: z.uuid(), customerName: z.string(), salutation: Salutation.nullable() });

export const HomeCallback = CustomerRef.extend({
  id: z.uuid(),
  dueAt: Timestamp,
  note: z.string().nullable(),
  phoneE164: z.string().nullable(),
  overdue: z.boolean(),
});
export type HomeCallback = z.infer<typeof HomeCallback>;

export const HomeCase = CustomerRef.extend({
  id: z.uuid(),
  caseNo: z.string(),
  subject: z.string(),
  priority: Priority,
  status: CaseStatus,
  slaDueAt: Timestamp,
  /** From here the case is "due soon" for its assignee (src/shared/case-sla.ts isDueSoon). */
  warnAt: Timestamp.nullable().optional(),
});
export type HomeCase = z.infer<typeof HomeCase>;

export const RecentCustomer = CustomerSummary.extend({ lastContactAt: Timestamp });
export type RecentCustomer = z.infer<typeof RecentCustomer>;

/** What the agent's home shows from the local cache (works offline). */
export const HomeOverview = z.object({
  /** Open call-backs assigned to the agent due by the end of today, overdue first. */
  callbacks: z.array(HomeCallback),
  /** Open and in-progress cases assigned to the agent, nearest SLA deadline first. */
  cases: z.array(HomeCase),
  /** Customers the agent handled or opened lately, newest first. */
  recentCustomers: z.array(RecentCustomer),
});
export type HomeOverview = z.infer<typeof HomeOverview>;

export const homeMethods = {
  'home.overview': { input: z.object({}).strict(), output: HomeOverview },
  /** Every agent's live status (leads and admins; asks the server). */
  'floor.agents': { input: z.object({}).strict(), output: z.object({ agents: z.array(AgentStatusRow) }) },
} as const;
