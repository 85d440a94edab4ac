// The contact-center layer's contract (issue 13): tasks (a call, an inbound e-mail, a due
// call-back, a follow-up) waiting in queues, offers the router makes to agents, and the
// agent's state — the one the agent chooses and the one the server derives from the
// heartbeat, the SIP registration and the tasks in progress. Shared by server, core and
// renderer; the router (src/server/contact-center/) is the authority.
import { z } from 'zod';
import { Timestamp, Tier } from './domain.js';

/** `message`: an SMS or WhatsApp conversation (src/server/messaging/channels/; follow-ups join it); `chat`: a web chat (src/server/webchat/). */
export const TASK_KINDS = ['call', 'email', 'callback', 'follow_up', 'message', 'chat'] as const;
export const TaskKind = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof TaskKind>;

/**
 * waiting → reserved (offered to one agent for a few seconds) → assigned (accepted, or the
 * call answered) → done; a lapsed or rejected reservation goes back to waiting with its
 * place kept; a caller who hangs up while waiting is abandoned.
 */
export const TASK_STATUSES = ['waiting', 'reserved', 'assigned', 'done', 'abandoned', 'cancelled'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** What the agent chooses in the shell's status selector. */
export const CHOSEN_AGENT_STATES = ['ready', 'not_ready', 'offline'] as const;
export const ChosenAgentState = z.enum(CHOSEN_AGENT_STATES);
export type ChosenAgentState = z.infer<typeof ChosenAgentState>;

/** Why an agent is not ready; missed_offers is set by the router, never by the agent. */
export const NOT_READY_REASONS = ['break', 'meal', 'training', 'meeting', 'coaching', 'missed_offers'] as const;
export const NotReadyReason = z.enum(NOT_READY_REASONS);
export type NotReadyReason = z.infer<typeof NotReadyReason>;
export const AGENT_CHOSEN_REASONS = ['break', 'meal', 'training', 'meeting', 'coaching'] as const;

/**
 * The state the router routes on, derived: offline (no desktop heartbeat or no SIP
 * registration), not_ready, ready, reserved (an offer is out), on_task (a call in progress
 * or an accepted e-mail/call-back), wrap_up (after-call work, bounded by the queue's limit).
 */
export const DERIVED_AGENT_STATES = ['offline', 'not_ready', 'ready', 'reserved', 'on_task', 'wrap_up'] as const;
export const DerivedAgentState = z.enum(DERIVED_AGENT_STATES);
export type DerivedAgentState = z.infer<typeof DerivedAgentState>;

export const SetAgentStateRequest = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready') }).strict(),
  z.object({ state: z.literal('not_ready'), reason: z.enum(AGENT_CHOSEN_REASONS) }).strict(),
  z.object({ state: z.literal('offline') }).strict(),
]);
export type SetAgentStateRequest = z.infer<typeof SetAgentStateRequest>;

export const AgentStateView = z.object({
  chosen: ChosenAgentState,
  reason: NotReadyReason.nullable(),
  derived: DerivedAgentState,
  /** When the derived state began (the status selector shows how long). */
  since: Timestamp,
  /** During wrap-up: when the queue's limit ends it (null: no limit). */
  wrapUpUntil: Timestamp.nullable(),
});
export type AgentStateView = z.infer<typeof AgentStateView>;

/** Why a task has the priority it has, shown on the offer ("VVIP", "3 complaints in 90 days"). */
export const PriorityReason = z.object({
  factor: z.enum(['vvip', 'tier', 'complaints', 'tenure', 'billing', 'waited']),
  points: z.number(),
});
export type PriorityReason = z.infer<typeof PriorityReason>;

/** A reservation offered to one agent: accept before expiresAt or it lapses. */
export const TaskOffer = z.object({
  taskId: z.uuid(),
  reservationId: z.uuid(),
  kind: TaskKind,
  queueCode: z.string(),
  customerId: z.uuid().nullable(),
  /** Caller number (E.164 where known) or sender address; shown when no customer matched. */
  from: z.string().max(320),
  /** The e-mail's subject, the call-back's note; null for a call. */
  subject: z.string().max(500).nullable(),
  tier: Tier.nullable(),
  vvip: z.boolean(),
  priority: z.number(),
  reasons: z.array(PriorityReason),
  waitedSec: z.number().int().nonnegative(),
  expiresAt: Timestamp,
  /** The caller's number is not on file: the agent validates identity before account details. */
  needsIdentityCheck: z.boolean(),
  /** Inbound e-mail id (messaging/inbound) or call-back id, to open the right thing. */
  sourceId: z.string().max(200).nullable(),
});
export type TaskOffer = z.infer<typeof TaskOffer>;

export const OfferDecision = z.object({ reservationId: z.uuid() }).strict();

/** "My queue": what waits in the queues the agent works, with the oldest wait. */
export const QueueSummary = z.object({
  queueCode: z.string(),
  labelId: z.string(),
  labelEn: z.string(),
  waiting: z.object({ call: z.number().int(), email: z.number().int(), callback: z.number().int(), follow_up: z.number().int(), message: z.number().int(), chat: z.number().int() }),
  oldestWaitSec: z.number().int().nonnegative().nullable(),
});
export const MyQueue = z.object({ queues: z.array(QueueSummary), at: Timestamp });
export type MyQueue = z.infer<typeof MyQueue>;

/** The agent's tasks in progress (accepted e-mails and call-backs still to finish). */
export const AgentTask = TaskOffer.omit({ reservationId: true, expiresAt: true }).extend({
  status: TaskStatus,
  assignedAt: Timestamp.nullable(),
});
export type AgentTask = z.infer<typeof AgentTask>;

export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'wrong_number'] as const;
export const CallbackOutcome = z.enum(CALLBACK_OUTCOMES);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;

/** Finishing a task: a call-back with its outcome (no_answer → retried at retryAt). */
export const CompleteTaskRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('callback'), outcome: CallbackOutcome, retryAt: Timestamp.optional(), note: z.string().max(2000).optional() }).strict(),
  z.object({ kind: z.literal('email') }).strict(),
  z.object({ kind: z.literal('follow_up') }).strict(),
  z.object({ kind: z.literal('message') }).strict(),
  z.object({ kind: z.literal('chat') }).strict(),
]);
export type CompleteTaskRequest = z.infer<typeof CompleteTaskRequest>;

/** The live socket's contact-center messages (src/server/live): an offer, its end, a state change. */
export const ContactCenterPush = z.discriminatedUnion('type', [
  z.object({ type: z.literal('task_offer'), offer: TaskOffer }),
  z.object({ type: z.literal('task_offer_ended'), reservationId: z.uuid(), reason: z.enum(['accepted', 'rejected', 'lapsed', 'taken_back', 'caller_left']) }),
  z.object({ type: z.literal('agent_state'), state: AgentStateView }),
  /** The customer wrote, typed, read or left in a web chat this agent holds: the dock reads it again now (its poll is the safety net). */
  z.object({ type: z.literal('chat_changed'), conversationId: z.uuid(), what: z.enum(['message', 'typing', 'read', 'status']) }),
  /** A WhatsApp or SMS message came into a conversation whose task this agent holds: its view reads it again now. */
  z.object({ type: z.literal('conversation_changed'), conversationId: z.uuid() }),
]);
export type ContactCenterPush = z.infer<typeof ContactCenterPush>;
