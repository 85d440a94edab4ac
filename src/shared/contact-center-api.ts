// Desktop API of the contact-center layer (spread into `methods` and `events` in api.ts):
// the agent's status, the offer out to them, "My queue", their tasks and finishing one.
// Online only: core passes each call to the server's router (contact-center-routes.ts) and
// relays the live socket's pushes (ContactCenterPush) to the renderer as `cc.push`.
import { z } from 'zod';
import {
  AgentStateView, AgentTask, CompleteTaskRequest, ContactCenterPush, MyQueue, OfferDecision, SetAgentStateRequest, TaskOffer,
} from './contact-center.js';

const Empty = z.object({}).strict();

export const CompleteTaskInput = z.object({ taskId: z.uuid(), completion: CompleteTaskRequest }).strict();
export type CompleteTaskInput = z.infer<typeof CompleteTaskInput>;

export const contactCenterMethods = {
  'cc.myState': { input: Empty, output: AgentStateView },
  'cc.setMyState': { input: SetAgentStateRequest, output: AgentStateView },
  /** The offer out to this agent now (after a reconnect the push may have been missed). */
  'cc.myOffer': { input: Empty, output: z.object({ offer: TaskOffer.nullable() }) },
  /** Accepts; an e-mail is then taken by this agent (nobody else can answer it). */
  'cc.acceptOffer': { input: OfferDecision, output: AgentTask },
  'cc.rejectOffer': { input: OfferDecision, output: z.object({ ok: z.literal(true) }) },
  'cc.myQueue': { input: Empty, output: MyQueue },
  'cc.myTasks': { input: Empty, output: z.object({ tasks: z.array(AgentTask) }) },
  /** A call-back's outcome also lands in the customer's timeline (an interaction, through the outbox). */
  'cc.completeTask': { input: CompleteTaskInput, output: AgentTask },
} as const;

export const contactCenterEvents = {
  /** An offer, its end, or a change of the agent's state, as the server pushed it. */
  'cc.push': ContactCenterPush,
} as const;
