// The softphone's contract: SIP credentials the server issues, agent status, the call
// wrap-up that becomes a call interaction, and recording metadata. Shared by server,
// core and renderer.
import { z } from 'zod';
import { Direction, Timestamp } from './domain.js';

/** Agent extensions: four digits 1000–8999 (the Kamailio config treats these as agents). */
export const Extension = z.string().regex(/^[1-8]\d{3}$/, 'an extension is four digits, 1000–8999');
export type Extension = z.infer<typeof Extension>;

/** GET /sip/credentials — short-lived auth_ephemeral credentials for the signed-in agent. */
export const SipCredentials = z.object({
  extension: Extension,
  /** "<expiry unix seconds>:<extension>" — the SIP authorization username. */
  authUsername: z.string(),
  password: z.string(),
  /** SIP domain (the Kamailio alias), e.g. 127.0.0.1 or sip.example.co.id */
  domain: z.string(),
  /** WebSocket URLs of the proxies, in failover order. */
  wsUrls: z.array(z.string()).min(1),
  expiresAt: Timestamp,
  displayName: z.string(),
  /** The role's recording policy: record every answered call unless false. */
  recordCalls: z.boolean(),
});
export type SipCredentials = z.infer<typeof SipCredentials>;

export const AgentExtension = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  extension: Extension.nullable(),
});
export type AgentExtension = z.infer<typeof AgentExtension>;
export const SetExtensionRequest = z.object({ extension: Extension });

export const AGENT_STATUSES = ['available', 'on_call', 'after_call_work', 'break', 'offline'] as const;
export const AgentStatus = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof AgentStatus>;
export const AgentStatusReport = z.object({ status: AgentStatus });
export const AgentStatusRow = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  extension: Extension.nullable(),
  status: AgentStatus,
  since: Timestamp,
});
export type AgentStatusRow = z.infer<typeof AgentStatusRow>;

/** Default disposition codes; the server's list (GET /calls/dispositions) can replace it. */
export const DEFAULT_DISPOSITIONS = [
  'resolved', 'info_given', 'complaint_logged', 'callback_promised', 'sale', 'wrong_number', 'no_answer',
] as const;
export const Disposition = z.string().regex(/^[a-z0-9_]{2,40}$/);

/** A finished call with its wrap-up: stored as a call interaction (+ call details). */
export const CallWrapUp = z.object({
  /** uuid chosen by the desktop, so a retry cannot create a second interaction. */
  id: z.uuid(),
  customerId: z.uuid(),
  direction: Direction,
  /** The far end's number as E.164 when it parses, else as received (max 64). */
  number: z.string().min(1).max(64),
  startedAt: Timestamp,
  answeredAt: Timestamp.nullable(),
  endedAt: Timestamp,
  talkSec: z.number().int().nonnegative().max(86_400),
  holdSec: z.number().int().nonnegative().max(86_400),
  /** After-call work: seconds from hang-up to saving the wrap-up. */
  acwSec: z.number().int().nonnegative().max(86_400),
  disposition: Disposition,
  notes: z.string().max(10_000),
  followUpAt: Timestamp.nullable(),
  recordingId: z.uuid().nullable(),
});
export type CallWrapUp = z.infer<typeof CallWrapUp>;

/**
 * Recording metadata sent with the upload (tus metadata) and kept by the server. A pause's
 * times are call time (ms since the recording started); `resumedAtMs` null: paused until
 * the recording ended.
 */
export const RecordingPause = z.object({ atMs: z.number().int().nonnegative(), resumedAtMs: z.number().int().nonnegative().nullable() });
export type RecordingPause = z.infer<typeof RecordingPause>;
export const RecordingMeta = z.object({
  recordingId: z.uuid(),
  durationMs: z.number().int().nonnegative(),
  pauses: z.array(RecordingPause).max(1000),
  mime: z.string().max(100),
  /**
   * Closed by the desktop after a crash cut the call off: duration estimated (begin to the
   * last chunk saved, less the pauses marked), pauses as marked before the crash.
   */
  recovered: z.boolean().default(false),
});
export type RecordingMeta = z.infer<typeof RecordingMeta>;

/** Outbox mutation `call.details`: the timing of a call interaction (after its `interaction.create`). */
export const CallDetailsArgs = z.object({
  interactionId: z.uuid(),
  number: z.string().min(1).max(64),
  answeredAt: Timestamp.nullable(),
  talkSec: z.number().int().nonnegative().max(86_400),
  holdSec: z.number().int().nonnegative().max(86_400),
  acwSec: z.number().int().nonnegative().max(86_400),
  followUpAt: Timestamp.nullable(),
});
export type CallDetailsArgs = z.infer<typeof CallDetailsArgs>;

/**
 * What the desktop records of a call while it happens, for the lead's review timeline.
 * pop_shown: the screen pop landed (detail: who it found); held / resumed: the far end
 * accepted the re-INVITE; transferred: a REFER was accepted (detail: blind or attended,
 * and the target); paragraph_inserted: a reply paragraph went into a message while the
 * call was on (detail: its title); wrap_up_saved: the agent saved the wrap-up.
 */
export const CALL_EVENT_KINDS = ['pop_shown', 'held', 'resumed', 'transferred', 'paragraph_inserted', 'wrap_up_saved'] as const;
export const CallEventKind = z.enum(CALL_EVENT_KINDS);
export type CallEventKind = z.infer<typeof CallEventKind>;
/** A call has at most this many events on the server; more are refused (a loop, not a call). */
export const MAX_CALL_EVENTS = 500;

/** One call event as the renderer reports it: `interactionId` is the id its wrap-up will carry. */
export const CallEventReport = z.object({
  interactionId: z.uuid(),
  kind: CallEventKind,
  /** The desktop's clock, like the interaction's startedAt: the review shows it relative to that. */
  at: Timestamp,
  detail: z.string().max(200).nullable().default(null),
}).strict();
export type CallEventReport = z.input<typeof CallEventReport>;

/**
 * Outbox mutation `call.event`: pushed as it happens, before the call's interaction.create
 * (which comes with the wrap-up); `id` makes a replay a no-op.
 */
export const CallEventArgs = CallEventReport.extend({ id: z.uuid() }).strict();
export type CallEventArgs = z.output<typeof CallEventArgs>;
