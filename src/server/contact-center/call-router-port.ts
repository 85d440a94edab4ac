// The seam between the router (tasks, reservations, agent state: this folder) and the SIP
// bridge (sip-bridge/: what Kamailio asks and is told). The bridge turns SIP events into
// these calls and the router's call offers into "ring this extension" for the Kamailio
// that holds the caller. Everything here is in-process; the state behind it is in
// PostgreSQL, so any server instance can answer any Kamailio.

/** A trunk call that reached a hotline number (Kamailio has the caller on early media). */
export interface CallArrival {
  /** SIP Call-ID of the caller's INVITE: the task's source reference (one task per call). */
  sipCallId: string;
  /** Caller number as the trunk sent it (From user / P-Asserted-Identity). */
  callerNumber: string;
  /** The dialled number (Request-URI user): picks the queue. */
  dialledNumber: string;
  /** The site whose Kamailio holds the call (sites.code). */
  siteCode: string;
  /** The carrier vouched for the caller ID (it came from a trunk address). */
  trusted: boolean;
}

export type ArrivalAnswer =
  /** An agent was free and is reserved now: ring this extension at once. */
  | { outcome: 'ring'; taskId: string; reservationId: string; extension: string; agentId: string }
  /** Queued: play hold media and announcements; the router calls back through onCallOffer. */
  | { outcome: 'queued'; taskId: string; position: number; expectedWaitSec: number | null }
  /** Nobody can take it here (no queue for the number, or the site is closed now). */
  | { outcome: 'overflow'; taskId: string | null; toSiteCode: string }
  | { outcome: 'rejected'; reason: 'no_queue' | 'closed' };

/** The router reserved an agent for a queued call: the bridge rings them. */
export interface CallOffer {
  taskId: string;
  reservationId: string;
  sipCallId: string;
  siteCode: string;
  extension: string;
  agentId: string;
  /** The reservation lapses then (the bridge cancels the ringing leg and reports it). */
  expiresAt: Date;
}

/** What a queued caller should hear next (announcements: position or expected wait). */
export interface QueueStanding {
  position: number;
  expectedWaitSec: number | null;
  waitedSec: number;
  /** The queue's limit passed: offer a call-back or overflow (the queue's setting). */
  overLimit: null | { action: 'callback' } | { action: 'overflow'; toSiteCode: string };
}

export interface CallRouterPort {
  arrive(call: CallArrival): Promise<ArrivalAnswer>;
  /** The agent's leg answered (200 OK): the task is assigned, the agent on a call. */
  answered(taskId: string, reservationId: string): Promise<void>;
  /** The agent's leg failed (busy, no answer, declined, not registered): the reservation ends, the task keeps its place. */
  ringFailed(taskId: string, reservationId: string, reason: 'busy' | 'no_answer' | 'declined' | 'unreachable'): Promise<void>;
  /** The call ended (BYE from either side, or the caller left while waiting → abandoned). */
  ended(sipCallId: string, reason: 'hangup' | 'caller_left' | 'failed'): Promise<void>;
  /** The caller accepted a call-back instead of waiting: the call task ends, a call-back task is queued at the number. */
  convertToCallback(sipCallId: string): Promise<{ callbackTaskId: string }>;
  standing(sipCallId: string): Promise<QueueStanding | null>;
  /** Subscribe to call offers for queued calls held at a site; returns the unsubscribe. */
  onCallOffer(siteCode: string, listener: (offer: CallOffer) => void): () => void;
}
