// HTTP routes of the contact-center layer (issue 13). Spread into ROUTES in routes.ts by
// the router's change (src/server/contact-center/routes.ts registers them). Desktops use
// these; Kamailio talks to the router through the SIP bridge (src/server/contact-center/
// sip-bridge/), not through this map.
import { z } from 'zod';
import {
  AgentStateView, AgentTask, CompleteTaskRequest, MyQueue, OfferDecision, SetAgentStateRequest, TaskOffer,
} from './contact-center.js';

const TaskIdParams = z.object({ id: z.uuid() });

export const contactCenterRoutes = {
  /** The agent's chosen state (ready / not ready with a reason / offline) and the derived one. */
  'cc.myState': { method: 'GET', path: '/cc/agents/me/state', access: 'calls.handle', answer: AgentStateView },
  'cc.setMyState': { method: 'PUT', path: '/cc/agents/me/state', access: 'calls.handle', body: SetAgentStateRequest, answer: AgentStateView },
  /** The offer out to this agent now, if any (the live socket pushes it too; this is the poll after a reconnect). */
  'cc.myOffer': { method: 'GET', path: '/cc/offers/mine', access: 'calls.handle', answer: z.object({ offer: TaskOffer.nullable() }) },
  'cc.acceptOffer': { method: 'POST', path: '/cc/offers/accept', access: 'calls.handle', body: OfferDecision, answer: AgentTask },
  'cc.rejectOffer': { method: 'POST', path: '/cc/offers/reject', access: 'calls.handle', body: OfferDecision, answer: z.object({ ok: z.literal(true) }) },
  'cc.myQueue': { method: 'GET', path: '/cc/queues/mine', access: 'calls.handle', answer: MyQueue },
  'cc.myTasks': { method: 'GET', path: '/cc/tasks/mine', access: 'calls.handle', answer: z.object({ tasks: z.array(AgentTask) }) },
  'cc.completeTask': {
    method: 'POST', path: '/cc/tasks/:id/complete', access: 'calls.handle', params: TaskIdParams, body: CompleteTaskRequest, answer: AgentTask,
  },
} as const;
