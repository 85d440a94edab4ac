// The contact center as this desktop sees it: the agent's state (chosen + derived), the
// offer out to them now, and the task they accepted last. Written from core's `cc.push`
// events and from the answers of the agent's own actions; the server is the authority,
// so after a reconnect `load()` reads it all again (a push may have been missed).
import { create } from 'zustand';
import { type AgentStateView, type AgentTask, type ContactCenterPush, type SetAgentStateRequest, type TaskOffer } from '../../../shared/contact-center.js';
import { type ErrorCode } from '../../../shared/errors.js';
import { errorCodeOf } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { invalidateMethod } from '../../platform/query-client.js';
import { sapa } from '../../platform/sapa.js';

export type OfferEndReason = Extract<ContactCenterPush, { type: 'task_offer_ended' }>['reason'];

interface ContactCenterState {
  state: AgentStateView | null;
  offer: TaskOffer | null;
  /** Why the last offer went away without this agent accepting it (shown briefly). */
  offerEnded: OfferEndReason | null;
  /** The e-mail or call-back being worked now (accepted, not completed). */
  current: AgentTask | null;
  busy: boolean;
  error: ErrorCode | null;
  /** Reads state, offer and tasks from the server (start, reconnect). */
  load(): Promise<void>;
  apply(push: ContactCenterPush): void;
  setState(request: SetAgentStateRequest): Promise<void>;
  accept(): Promise<AgentTask | null>;
  reject(): Promise<void>;
  finished(task: AgentTask): void;
  clearError(): void;
}

const refreshLists = () => {
  void invalidateMethod('cc.myQueue');
  void invalidateMethod('cc.myTasks');
};

/**
 * Bumped by every write of the agent's state or the offer (a push, the answer of the agent's
 * own action). A `load()` whose answers come back after such a write holds older news: it
 * must not put back the state the agent just left (signing in and clicking Ready at once
 * used to end "offline" again) nor drop an offer pushed meanwhile.
 */
const generation = { state: 0, offer: 0 };

export const useContactCenterStore = create<ContactCenterState>()((set, get) => ({
  state: null, offer: null, offerEnded: null, current: null, busy: false, error: null,

  async load() {
    const api = sapa();
    try {
      const asked = { ...generation };
      const [state, { offer }, { tasks }] = await Promise.all([api.call('cc.myState', {}), api.call('cc.myOffer', {}), api.call('cc.myTasks', {})]);
      set({
        ...(asked.state === generation.state ? { state } : {}),
        ...(asked.offer === generation.offer ? { offer } : {}),
        current: tasks.find((t) => t.kind !== 'call' && t.kind !== 'chat' && t.status === 'assigned') ?? null,
      });
    } catch (error) {
      // Offline or no router on this server: the selector says "unknown" until the next push.
      logger.warn('contact-center state not available', error);
    }
  },

  apply(push) {
    // A web chat's change is the chat dock's (useContactCenterEvents), not the queue's.
    if (push.type === 'chat_changed' || push.type === 'conversation_changed') return;
    if (push.type === 'agent_state') {
      generation.state++;
      set({ state: push.state });
    } else if (push.type === 'task_offer') {
      generation.offer++;
      set({ offer: push.offer, offerEnded: null, error: null });
    } else {
      generation.offer++;
      if (get().offer?.reservationId === push.reservationId) set({ offer: null, offerEnded: push.reason === 'accepted' ? null : push.reason });
    }
    refreshLists();
  },

  async setState(request) {
    set({ busy: true, error: null });
    try {
      const state = await sapa().call('cc.setMyState', request);
      generation.state++;
      set({ state });
    } catch (error) {
      set({ error: errorCodeOf(error) });
    } finally {
      set({ busy: false });
    }
  },

  async accept() {
    const offer = get().offer;
    if (!offer) return null;
    set({ busy: true, error: null });
    generation.offer++;
    try {
      const task = await sapa().call('cc.acceptOffer', { reservationId: offer.reservationId });
      set({ offer: null, current: task.kind === 'call' || task.kind === 'chat' ? get().current : task });
      return task;
    } catch (error) {
      // A lapsed offer (CONFLICT/NOT_FOUND) is gone: the panel says so instead of waiting.
      set({ error: errorCodeOf(error), offer: null });
      return null;
    } finally {
      set({ busy: false });
      refreshLists();
    }
  },

  async reject() {
    const offer = get().offer;
    if (!offer) return;
    set({ busy: true, error: null, offer: null });
    generation.offer++;
    try {
      await sapa().call('cc.rejectOffer', { reservationId: offer.reservationId });
    } catch (error) {
      set({ error: errorCodeOf(error) });
    } finally {
      set({ busy: false });
      refreshLists();
    }
  },

  finished(task) {
    if (get().current?.taskId === task.taskId) set({ current: null });
    refreshLists();
  },

  clearError: () => set({ error: null, offerEnded: null }),
}));
