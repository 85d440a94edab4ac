// The organisation an admin runs from the Organisation screen (/admin/org): sites, branches,
// teams, queues, skills and dispositions (tables of migration 014), the wrap-up time limit,
// and the schemas of their admin routes (src/shared/org-routes.ts). Codes follow the CHECK
// constraints of migration 014 so a bad code is a clear 400 here, never a database error.
import { z } from 'zod';
import { QueueRoutingFields, withRoutingChecks } from './queue-routing.js';

/** Printable text: no control characters (a label is shown in lists and in the wrap-up panel). */
const CONTROL = /[\u0000-\u001f\u007f]/;
const label = (max: number) => z.string().trim().min(1).max(max)
  .refine((s) => !CONTROL.test(s), 'must not contain control characters');

/** Sites, queues, skills: lowercase letters, digits, - and _, starting with a letter or digit, up to 40. */
export const OrgCode = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/,
  'lowercase letters, digits, "-" and "_" only, starting with a letter or digit, at most 40');
/** A branch code is the text customers.branch and users.branch carry (e.g. "Jakarta Pusat"). */
export const BranchCode = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,59}$/,
  'letters, digits, space, ".", "-" and "_" only, starting with a letter or digit, at most 60');
/** A disposition code (the same rule as src/shared/softphone.ts Disposition). */
export const DispositionCode = z.string().trim().regex(/^[a-z0-9_]{2,40}$/,
  'lowercase letters, digits and "_" only, 2 to 40');

export const CodeParams = z.object({ id: OrgCode });
export const BranchParams = z.object({ id: BranchCode });
export const DispositionParams = z.object({ id: DispositionCode });

/** GET list query: a search over code and labels, paged. */
export const OrgListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
}).strict();
export type OrgListQuery = z.input<typeof OrgListQuery>;

export const Site = z.object({ code: OrgCode, name: label(100) });
export type Site = z.infer<typeof Site>;
export const SiteUpdate = Site.omit({ code: true }).strict();

/**
 * The schedule (site_schedule, migration 017): which site takes inbound calls when, as windows
 * of local time ("HH:MM", 24 h) in a time zone; a window whose end is before its start runs
 * past midnight. Saved as a whole (PUT replaces every window); no window: the hotline is open
 * at every site that receives a call (no schedule).
 */
const LocalTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a local time HH:MM (00:00-23:59)');
export const ScheduleWindow = z.object({
  siteCode: OrgCode,
  startsAt: LocalTime,
  endsAt: LocalTime,
  timeZone: z.string().trim().min(1).max(64).default('Asia/Jakarta')
    .refine((tz) => { try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; } }, 'an IANA time zone (e.g. Asia/Jakarta)'),
}).strict().refine((w) => w.startsAt !== w.endsAt, { message: 'a window must not start and end at the same time', path: ['endsAt'] });
export type ScheduleWindow = z.infer<typeof ScheduleWindow>;
export const Schedule = z.object({ windows: z.array(ScheduleWindow).max(50) }).strict();
export type Schedule = z.infer<typeof Schedule>;

export const Branch = z.object({ code: BranchCode, name: label(100), siteCode: OrgCode.nullable() });
export type Branch = z.infer<typeof Branch>;
export const BranchUpdate = Branch.omit({ code: true }).strict();

export const TeamInput = z.object({
  name: label(100),
  branchCode: BranchCode.nullable(),
  /** A user with the role lead or admin (checked by the server). */
  leadUserId: z.uuid().nullable(),
}).strict();
export const Team = TeamInput.extend({ id: z.uuid(), leadName: z.string().nullable() });
export type Team = z.infer<typeof Team>;

export const Queue = z.object({
  code: OrgCode,
  labelId: label(100),
  labelEn: label(100),
  /** Case categories (cases.category) whose open cases bring customers into the working set. */
  caseCategories: z.array(OrgCode).max(20).refine((c) => new Set(c).size === c.length, 'a category is listed twice'),
  active: z.boolean(),
  // How the queue routes (queue-routing.ts). Optional on input: a create without them gets
  // the defaults, an update without them keeps what the queue has; answers always carry them.
  ...QueueRoutingFields.partial().shape,
});
export type Queue = z.infer<typeof Queue>;
export const QueueUpdate = Queue.omit({ code: true }).strict();
/** What the admin's queue form checks before sending: the row and the routing's cross-checks. */
export const QueueCreateForm = withRoutingChecks(Queue.strict());
export const QueueUpdateForm = withRoutingChecks(QueueUpdate);

export const Skill = z.object({ code: OrgCode, labelId: label(100), labelEn: label(100), active: z.boolean() });
export type Skill = z.infer<typeof Skill>;
export const SkillUpdate = Skill.omit({ code: true }).strict();

export const DispositionRow = z.object({
  code: DispositionCode,
  labelId: label(100),
  labelEn: label(100),
  /** The wrap-up asks for a follow-up call-back before it can be saved. */
  needsFollowUp: z.boolean(),
  /** Order in the wrap-up panel (lowest first). */
  position: z.number().int().min(0).max(10_000),
  active: z.boolean(),
});
export type DispositionRow = z.infer<typeof DispositionRow>;
export const DispositionUpdate = DispositionRow.omit({ code: true }).strict();

/** Who may lead a team: users with the role lead or admin who are not disabled. */
export const LeadCandidate = z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), role: z.enum(['lead', 'admin']) });
export type LeadCandidate = z.infer<typeof LeadCandidate>;

/** A page of a list. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int().nonnegative() });

export const DEFAULT_WRAPUP_LIMIT_SEC = 120;
/** Seconds of after-call work before the wrap-up panel says time is up; 0 = no limit. */
export const WrapUpLimitSec = z.number().int().min(0).max(3_600);
