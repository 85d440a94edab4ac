// Telesales (docs/sales.md, "Telesales"): campaigns with a period, a call script (reply
// paragraphs of the call_script channel), the dispositions a contact may end with, and a call
// list built from a customer filter or a CSV of numbers / customer numbers. Agents work the
// list with "next contact"; numbers on the do-not-call list never enter it and are never dialled.
import { z } from 'zod';
import { DateOnly, Language, LifecycleStage, Salutation, Tier, Timestamp } from '../domain.js';
import { Disposition } from '../softphone.js';

const Text = (max: number) => z.string().trim().max(max, `is longer than ${max} characters`);

export const CampaignInput = z.object({
  name: Text(200).min(1, 'a name is needed'),
  startsOn: DateOnly,
  endsOn: DateOnly,
  scriptParagraphIds: z.array(z.uuid()).max(20).default([]),
  dispositionCodes: z.array(Disposition).min(1, 'pick at least one disposition').max(30),
  /** Dispositions that count as a conversion (a subset of dispositionCodes). */
  successCodes: z.array(Disposition).max(30).default([]),
}).strict().refine((c) => c.endsOn >= c.startsOn, { message: 'the campaign ends before it starts', path: ['endsOn'] })
  .refine((c) => c.successCodes.every((s) => c.dispositionCodes.includes(s)), { message: 'a conversion code is not one of the campaign\'s dispositions', path: ['successCodes'] });
export type CampaignInput = z.infer<typeof CampaignInput>;

export const CampaignCounts = z.object({
  total: z.number().int(), pending: z.number().int(), claimed: z.number().int(), done: z.number().int(), excluded: z.number().int(),
});

export const Campaign = z.object({
  id: z.uuid(), name: z.string(), startsOn: DateOnly, endsOn: DateOnly,
  scriptParagraphIds: z.array(z.uuid()), dispositionCodes: z.array(z.string()), successCodes: z.array(z.string()),
  counts: CampaignCounts, createdAt: Timestamp,
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignList = z.object({ campaigns: z.array(Campaign) });

/** Who goes on the list: every filter given must match (AND); none given is refused. */
export const CustomerFilter = z.object({
  tiers: z.array(Tier).max(4).default([]),
  segment: Text(50).default(''),
  branch: Text(100).default(''),
  lifecycle: z.array(LifecycleStage).max(5).default([]),
}).strict();
export type CustomerFilter = z.infer<typeof CustomerFilter>;

export const CONTACT_LIST_MAX = 50_000;
export const AddContactsBody = z.union([
  z.object({ from: z.literal('filter'), filter: CustomerFilter }).strict(),
  /** A CSV with a `phone` or `customer_no` column (any written form of the number). */
  z.object({ from: z.literal('csv'), csv: z.string().min(1, 'the file is empty').max(5 * 1024 * 1024, 'the file is larger than 5 MB') }).strict(),
]);
export type AddContactsBody = z.infer<typeof AddContactsBody>;
export const AddContactsAnswer = z.object({
  added: z.number().int(), alreadyOnList: z.number().int(), excludedDoNotCall: z.number().int(),
  /** CSV lines with no known customer or an unreadable number: `line 4: no customer with +62…`. */
  unmatched: z.array(z.string()).max(200),
});
export type AddContactsAnswer = z.infer<typeof AddContactsAnswer>;

export const ScriptParagraph = z.object({ id: z.uuid(), title: z.string(), body: z.string(), language: z.enum(['id', 'en']) });
export const CampaignDisposition = z.object({ code: z.string(), labelId: z.string(), labelEn: z.string() });

export const CampaignContact = z.object({
  id: z.uuid(), customerId: z.uuid(), customerNo: z.string(), customerName: z.string(), salutation: Salutation.nullable(), language: Language,
  tier: Tier, phone: z.string(),
});
export type CampaignContact = z.infer<typeof CampaignContact>;

/** The next contact claimed for the caller (null when the list is worked through), with the script. */
export const NextContactAnswer = z.object({
  campaign: z.object({ id: z.uuid(), name: z.string() }),
  contact: CampaignContact.nullable(),
  script: z.array(ScriptParagraph),
  dispositions: z.array(CampaignDisposition),
});
export type NextContactAnswer = z.infer<typeof NextContactAnswer>;

export const DisposeBody = z.object({ disposition: Disposition, note: Text(2000).default('') }).strict();
export const DisposeAnswer = z.object({ id: z.uuid(), disposition: z.string(), doneAt: Timestamp });

export const CampaignResults = z.object({
  campaignId: z.uuid(),
  total: z.number().int(), excluded: z.number().int(), done: z.number().int(), pending: z.number().int(),
  /** done / (total − excluded), 0–100, one decimal. */
  contactedPct: z.number(),
  conversions: z.number().int(),
  /** conversions / done, 0–100, one decimal. */
  conversionPct: z.number(),
  byDisposition: z.array(z.object({ code: z.string(), count: z.number().int() })),
});
export type CampaignResults = z.infer<typeof CampaignResults>;

/** Percentage with one decimal; 0 when there is nothing to divide by. */
export function percent(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

export const DncEntry = z.object({ e164: z.string(), reason: z.string(), addedAt: Timestamp, addedBy: z.string().nullable() });
export const DncList = z.object({ entries: z.array(DncEntry) });
export const DncAddBody = z.object({ phone: z.string().min(1).max(64), reason: Text(500).default('') }).strict();
export const DncCheckQuery = z.object({ phone: z.string().min(1).max(64) }).strict();
export const DncCheckAnswer = z.object({ e164: z.string().nullable(), listed: z.boolean() });
export type DncCheckAnswer = z.infer<typeof DncCheckAnswer>;

const IdParams = z.object({ id: z.uuid() });

export const telesalesRoutes = {
  'campaigns.list': { method: 'GET', path: '/telesales/campaigns', access: 'campaigns.work', answer: CampaignList },
  'campaigns.create': { method: 'POST', path: '/telesales/campaigns', access: 'campaigns.manage', body: CampaignInput, answer: Campaign },
  'campaigns.addContacts': {
    method: 'POST', path: '/telesales/campaigns/:id/contacts', access: 'campaigns.manage', params: IdParams, body: AddContactsBody, answer: AddContactsAnswer,
  },
  'campaigns.next': { method: 'POST', path: '/telesales/campaigns/:id/next', access: 'campaigns.work', params: IdParams, answer: NextContactAnswer },
  'campaigns.dispose': {
    method: 'POST', path: '/telesales/contacts/:id/disposition', access: 'campaigns.work', params: IdParams, body: DisposeBody, answer: DisposeAnswer,
  },
  'campaigns.results': { method: 'GET', path: '/telesales/campaigns/:id/results', access: 'campaigns.manage', params: IdParams, answer: CampaignResults },
  'dnc.list': { method: 'GET', path: '/telesales/dnc', access: 'campaigns.manage', answer: DncList },
  /** Anyone on a call may put the number on the list when the customer asks. */
  'dnc.add': { method: 'POST', path: '/telesales/dnc', access: 'calls.handle', body: DncAddBody, answer: DncEntry },
  'dnc.remove': { method: 'POST', path: '/telesales/dnc/remove', access: 'campaigns.manage', body: DncCheckQuery, answer: DncCheckAnswer },
  'dnc.check': { method: 'GET', path: '/telesales/dnc/check', access: 'calls.handle', query: DncCheckQuery, answer: DncCheckAnswer },
} as const;

export const telesalesMethods = {
  'sales.campaigns.list': { input: z.object({}).strict(), output: CampaignList },
  'sales.campaigns.create': { input: CampaignInput, output: Campaign },
  'sales.campaigns.addContacts': { input: z.object({ campaignId: z.uuid(), body: AddContactsBody }).strict(), output: AddContactsAnswer },
  'sales.campaigns.next': { input: z.object({ campaignId: z.uuid() }).strict(), output: NextContactAnswer },
  'sales.campaigns.dispose': { input: z.object({ contactId: z.uuid(), body: DisposeBody }).strict(), output: DisposeAnswer },
  'sales.campaigns.results': { input: z.object({ campaignId: z.uuid() }).strict(), output: CampaignResults },
  'sales.dnc.list': { input: z.object({}).strict(), output: DncList },
  'sales.dnc.add': { input: DncAddBody, output: DncEntry },
  'sales.dnc.remove': { input: DncCheckQuery, output: DncCheckAnswer },
  'sales.dnc.check': { input: DncCheckQuery, output: DncCheckAnswer },
} as const;
