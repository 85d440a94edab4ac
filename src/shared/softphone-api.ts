// Desktop API methods of the softphone (spread into `methods` in api.ts).
import { z } from 'zod';
import { AgentStatus, CallEventReport, CallWrapUp, SipCredentials } from './softphone.js';
import { RecordingPause } from './softphone.js';
import { CustomerSummary, Salutation, Tier } from './domain.js';

const DispositionOption = z.object({ code: z.string(), labelId: z.string(), labelEn: z.string(), needsFollowUp: z.boolean() });
export const DispositionsAnswer = z.object({
  dispositions: z.array(z.string()),
  items: z.array(DispositionOption).optional(),
  wrapUpLimitSec: z.number().int().nonnegative().optional(),
});
export type DispositionsAnswer = z.infer<typeof DispositionsAnswer>;

export const RecordingState = z.enum(['recording', 'queued', 'uploading', 'uploaded', 'failed']);
export const RecordingStatus = z.object({
  recordingId: z.uuid(),
  state: RecordingState,
  spooledBytes: z.number().int(),
  uploadedBytes: z.number().int(),
  lastError: z.string().nullable(),
});
export type RecordingStatus = z.infer<typeof RecordingStatus>;

export const RecordingMarkKind = z.enum(['pause', 'resume']);
export type RecordingMarkKind = z.infer<typeof RecordingMarkKind>;
/** A mark later than a day into the call is a bug, not a call (wrap-up times stop at a day too). */
export const MAX_MARK_MS = 86_400_000;

export const softphoneMethods = {
  'softphone.credentials': { input: z.object({}).strict(), output: SipCredentials },
  /**
   * The server's dispositions with labels and the wrap-up limit; offline, the last list the
   * server gave this run, or the built-in codes (no items: the panel labels them itself).
   */
  'softphone.dispositions': { input: z.object({}).strict(), output: DispositionsAnswer },
  /** Writes the call interaction to the cache (timeline at once) and the outbox (to the server, exactly once). */
  /** A moment of a call in progress, through the outbox (kept offline and across a crash). */
  'softphone.recordCallEvent': { input: CallEventReport, output: z.object({ id: z.uuid() }) },
  'softphone.saveWrapUp': {
    input: CallWrapUp,
    output: z.object({ id: z.uuid(), server: z.literal('queued') }),
  },
  /**
   * An unknown caller becomes a customer (outbox mutation `customer.create`: in the cache at
   * once, on the server exactly once, which assigns the customer number). `phone` in any
   * Indonesian form; refused with INVALID_INPUT when it is not a phone number.
   */
  'softphone.createCustomer': {
    input: z.object({
      salutation: Salutation.nullable().default(null),
      fullName: z.string().trim().min(1).max(200),
      phone: z.string().trim().min(1).max(64),
      email: z.email().max(254).nullable().default(null),
      tier: Tier.default('regular'),
    }),
    output: CustomerSummary,
  },
  'agent.setStatus': { input: z.object({ status: AgentStatus }), output: z.object({ status: AgentStatus, reported: z.boolean() }) },
  'recording.begin': {
    input: z.object({ recordingId: z.uuid(), mime: z.string().min(1).max(100) }),
    output: RecordingStatus,
  },
  /** One MediaRecorder timeslice, base64; `seq` numbers chunks from 0 so a repeat is ignored. */
  'recording.chunk': {
    input: z.object({ recordingId: z.uuid(), seq: z.number().int().nonnegative(), data: z.string().max(4_000_000) }),
    output: z.object({ spooledBytes: z.number().int() }),
  },
  /**
   * The agent paused or resumed the recording (e.g. while a card number is read). Core keeps
   * the marks in the spool state at once, so a recording cut off by a crash still carries
   * its pauses; `recording.finish` later sends the full list, which replaces them. `atMs`
   * is call time: ms since the recording started. Pause and resume must alternate, starting
   * with a pause, in time order (CONFLICT / INVALID_INPUT); repeating the last mark exactly
   * changes nothing. A finished recording answers CONFLICT, an unknown one NOT_FOUND.
   */
  'recording.mark': {
    input: z.object({
      recordingId: z.uuid(), kind: RecordingMarkKind, atMs: z.number().int().nonnegative().max(MAX_MARK_MS),
    }),
    output: z.object({ recordingId: z.uuid(), paused: z.boolean(), pauses: z.array(RecordingPause) }),
  },
  'recording.finish': {
    input: z.object({
      recordingId: z.uuid(), durationMs: z.number().int().nonnegative(), pauses: z.array(RecordingPause).max(1000),
    }),
    output: RecordingStatus,
  },
  'recording.status': { input: z.object({ recordingId: z.uuid() }), output: RecordingStatus },
  /**
   * A local URL the <audio> element streams and seeks the recording from: core forwards each
   * Range request to the server with the agent's session (the URL carries a short-lived
   * opaque token, never the session). The server is asked first, so a recording that does
   * not exist, may not be heard or is still uploading answers NOT_FOUND, FORBIDDEN or
   * CONFLICT here, and OFFLINE when the server cannot be reached.
   */
  'recording.playbackUrl': {
    input: z.object({ recordingId: z.uuid() }),
    output: z.object({ url: z.string().min(1), mime: z.string(), durationMs: z.number().int().nullable() }),
  },
} as const;
