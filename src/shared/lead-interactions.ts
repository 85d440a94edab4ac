// The lead's interactions browser: recorded calls and handled e-mails and chats of the
// agents a lead leads (an admin: everyone's), filtered, sorted and paged by keyset (an
// opaque cursor: a page costs the same on page 1 and page 10,000). The review of one
// interaction brings its recording's metadata, its timeline as far as it is stored, the
// customer's profile and, for written work, its text.
import { z } from 'zod';
import { Customer, Direction, Tier, Timestamp } from './domain.js';
import { CALL_EVENT_KINDS, RecordingPause } from './softphone.js';

/** What the browser lists, as the lead names it; `call` is call_in and call_out. */
export const BROWSER_CHANNELS = ['call', 'email', 'chat'] as const;
export const BrowserChannel = z.enum(BROWSER_CHANNELS);
export type BrowserChannel = z.infer<typeof BrowserChannel>;

export const INTERACTION_SORTS = ['date', 'duration'] as const;
export const InteractionSort = z.enum(INTERACTION_SORTS);
export type InteractionSort = z.infer<typeof InteractionSort>;

export const INTERACTIONS_PAGE_MAX = 100;

const Text = (max: number) => z.string().trim().min(1).max(max);
/** Query strings are text: "true" / "false" only (z.coerce.boolean would take "false" as true). */
const Flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');
const Seconds = z.coerce.number().int().min(0).max(86_400 * 7);

export const LeadInteractionQuery = z.object({
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  agentId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  queue: Text(40).optional(),
  /** Customer name words, number, e-mail or phone, as the agent's search reads them. */
  customer: Text(200).optional(),
  tier: Tier.optional(),
  disposition: Text(40).optional(),
  minDurationSec: Seconds.optional(),
  maxDurationSec: Seconds.optional(),
  direction: Direction.optional(),
  channel: BrowserChannel.optional(),
  /** Only interactions with a recording (true) or without one (false). */
  recorded: Flag.optional(),
  /** Only recordings the desktop closed after a crash (true), or none of those (false). */
  recovered: Flag.optional(),
  /** Evaluated or not: no interaction is evaluated until the quality module lands. */
  hasEvaluation: Flag.optional(),
  sort: InteractionSort.default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** The previous page's nextCursor, as it was given (it is bound to the sort and order). */
  cursor: z.string().min(1).max(300).optional(),
  limit: z.coerce.number().int().min(1).max(INTERACTIONS_PAGE_MAX).default(50),
}).strict().refine((q) => q.minDurationSec === undefined || q.maxDurationSec === undefined || q.minDurationSec <= q.maxDurationSec, {
  message: 'minDurationSec must not be above maxDurationSec', path: ['minDurationSec'],
}).refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] });
export type LeadInteractionQuery = z.input<typeof LeadInteractionQuery>;
export type LeadInteractionFilters = z.output<typeof LeadInteractionQuery>;

export const LeadInteractionRow = z.object({
  id: z.uuid(),
  channel: z.string(),
  direction: Direction,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  durationSec: z.number().int().nullable(),
  agentId: z.uuid().nullable(),
  agentName: z.string().nullable(),
  teamName: z.string().nullable(),
  customerId: z.uuid(),
  customerNo: z.string(),
  customerName: z.string(),
  tier: Tier,
  vvip: z.boolean(),
  disposition: z.string().nullable(),
  subject: z.string().nullable(),
  queueCode: z.string().nullable(),
  recordingId: z.string().nullable(),
  /** Null: no recording row (none, or not uploaded yet). */
  recovered: z.boolean().nullable(),
  hasEvaluation: z.boolean(),
});
export type LeadInteractionRow = z.infer<typeof LeadInteractionRow>;

export const LeadInteractionPage = z.object({
  interactions: z.array(LeadInteractionRow),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type LeadInteractionPage = z.infer<typeof LeadInteractionPage>;

/** One moment of the interaction's timeline; `atMs` is from the start of the recording where known. */
export const TimelineEvent = z.object({
  kind: z.enum(['started', 'answered', 'recording_paused', 'recording_resumed', 'agent_state', 'ended', 'wrap_up_done', 'follow_up_set',
    ...CALL_EVENT_KINDS]),
  at: z.string().nullable(),
  atMs: z.number().int().nullable(),
  detail: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const InteractionReview = z.object({
  interaction: LeadInteractionRow.extend({ body: z.string().nullable() }),
  recording: z.object({
    id: z.string(), durationMs: z.number().int().nullable(), complete: z.boolean(), recovered: z.boolean(),
    pauses: z.array(RecordingPause),
  }).nullable(),
  call: z.object({
    number: z.string(), answeredAt: z.string().nullable(), talkSec: z.number().int(), holdSec: z.number().int(),
    acwSec: z.number().int(), followUpAt: z.string().nullable(),
  }).nullable(),
  timeline: z.array(TimelineEvent),
  /** The customer's profile as it is now (the server keeps no history of profile edits). */
  customer: Customer,
});
export type InteractionReview = z.infer<typeof InteractionReview>;

/** What the filters offer the caller: the agents and teams they may review, queues and dispositions. */
export const LeadInteractionOptions = z.object({
  agents: z.array(z.object({ id: z.uuid(), displayName: z.string(), teamId: z.uuid().nullable() })),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  queues: z.array(z.object({ code: z.string(), labelId: z.string(), labelEn: z.string() })),
  dispositions: z.array(z.object({ code: z.string(), labelId: z.string(), labelEn: z.string() })),
});
export type LeadInteractionOptions = z.infer<typeof LeadInteractionOptions>;
