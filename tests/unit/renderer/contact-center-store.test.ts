// The desktop's contact-center store against a scripted core: the first load after sign-in
// must not undo what the agent chose (or an offer pushed) while its answers were on the way.
import { beforeEach, describe, expect, it } from 'vitest';
import { type AgentStateView, type TaskOffer } from '../../../src/shared/contact-center.js';

const OFFLINE: AgentStateView = { chosen: 'offline', reason: null, derived: 'offline', since: '2026-12-02T08:00:00.000Z', wrapUpUntil: null };
const READY: AgentStateView = { chosen: 'ready', reason: null, derived: 'ready', since: '2026-12-02T08:00:05.000Z', wrapUpUntil: null };

interface Deferred<T> { promise: Promise<T>; resolve(value: T): void }
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/** Each core method answers from a queue of answers the test controls. */
const answers = new Map<string, Deferred<unknown>[]>();
function answerNext<T>(method: string): Deferred<T> {
  const d = deferred<T>();
  answers.set(method, [...(answers.get(method) ?? []), d as Deferred<unknown>]);
  return d;
}

const fakeCore = {
  call(method: string): Promise<unknown> {
    const next = answers.get(method)?.shift();
    return next ? next.promise : Promise.resolve({ items: [], tasks: [], offer: null });
  },
  on: () => () => undefined,
};
(globalThis as unknown as { window: unknown }).window = { sapa: fakeCore, location: { href: 'http://127.0.0.1/' } };

const { useContactCenterStore } = await import('../../../src/renderer/features/contact-center/store.js');

beforeEach(() => {
  answers.clear();
  useContactCenterStore.setState({ state: null, offer: null, offerEnded: null, current: null, busy: false, error: null });
});

function startLoad(): { state: Deferred<AgentStateView>; offer: Deferred<{ offer: TaskOffer | null }>; done: Promise<void> } {
  const state = answerNext<AgentStateView>('cc.myState');
  const offer = answerNext<{ offer: TaskOffer | null }>('cc.myOffer');
  answerNext<{ tasks: [] }>('cc.myTasks').resolve({ tasks: [] });
  return { state, offer, done: useContactCenterStore.getState().load() };
}

describe('the contact-center store', () => {
  it('shows the state the server reports when nothing happened meanwhile', async () => {
    const load = startLoad();
    load.state.resolve(READY);
    load.offer.resolve({ offer: null });
    await load.done;
    expect(useContactCenterStore.getState().state).toEqual(READY);
  });

  it("keeps the agent's choice made while the first load was on its way", async () => {
    const load = startLoad();
    answerNext<AgentStateView>('cc.setMyState').resolve(READY);
    await useContactCenterStore.getState().setState({ state: 'ready' });
    // The load's answer was read before the choice reached the server: older news.
    load.state.resolve(OFFLINE);
    load.offer.resolve({ offer: null });
    await load.done;
    expect(useContactCenterStore.getState().state?.chosen).toBe('ready');
  });

  it('keeps an offer pushed while the load was on its way', async () => {
    const load = startLoad();
    const offer = { reservationId: 'r-1', taskId: 't-1', kind: 'email' } as unknown as TaskOffer;
    useContactCenterStore.getState().apply({ type: 'task_offer', offer });
    load.state.resolve(READY);
    load.offer.resolve({ offer: null });
    await load.done;
    expect(useContactCenterStore.getState().offer?.reservationId).toBe('r-1');
    expect(useContactCenterStore.getState().state).toEqual(READY);
  });
});
