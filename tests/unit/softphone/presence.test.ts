// The agent's status as the lead sees it, derived from the softphone's state alone
// (presence.ts), and how its changes reach core: once each, in order, retried after a miss.
import { describe, expect, it } from 'vitest';
import { agentStatusFor, PresenceReporter, watchPresence, type PresenceInputs } from '../../../src/renderer/features/softphone/presence.js';
import { useSoftphoneStore, type CallView } from '../../../src/renderer/features/softphone/store.js';
import { type AgentStatus } from '../../../src/shared/softphone.js';

const inputs = (over: Partial<PresenceInputs>): PresenceInputs => ({ registration: 'registered', calls: [], wrapUps: [], ...over });
const ended = { id: 'ended-call' };

const callView = (id: string, state: CallView['state']): CallView => ({
  id, interactionId: '0190d5b8-0000-7000-8000-000000000002', direction: 'inbound', number: '081234567890', e164: '+6281234567890', callerVerified: true, state, pop: { status: 'looking' }, revealed: true,
  startedAt: 0, answeredAt: null, endedAt: null, held: false, holdPending: false, holdError: null, holdMs: 0, muted: false,
  dtmfSent: '', endReason: null, recording: 'off', recordingId: null, consultFor: null, transferState: 'none', mediaRecovering: false,
});

describe('agentStatusFor', () => {
  it.each<[string, Partial<PresenceInputs>, AgentStatus]>([
    ['registered, nothing going on', {}, 'available'],
    ['a call ringing', { calls: [{ state: 'ringing' }] }, 'available'],
    ['a call being dialled', { calls: [{ state: 'dialing' }] }, 'available'],
    ['a call answered', { calls: [{ state: 'active' }] }, 'on_call'],
    ['a call answered and another ringing (call waiting)', { calls: [{ state: 'active' }, { state: 'ringing' }] }, 'on_call'],
    ['a call answered while an earlier wrap-up is open', { calls: [{ state: 'active' }], wrapUps: [ended] }, 'on_call'],
    ['a wrap-up open', { wrapUps: [ended] }, 'after_call_work'],
    ['a wrap-up open and a new call ringing', { calls: [{ state: 'ringing' }], wrapUps: [ended] }, 'after_call_work'],
    ['a wrap-up open, and registered again after a loss', { registration: 'registered', wrapUps: [ended] }, 'after_call_work'],
    ['reconnecting to the proxy, idle', { registration: 'connecting' }, 'offline'],
    ['registration refused', { registration: 'failed' }, 'offline'],
    ['softphone stopped', { registration: 'off' }, 'offline'],
    ['proxy lost in the middle of a call', { registration: 'connecting', calls: [{ state: 'active' }] }, 'on_call'],
    ['proxy lost during a wrap-up', { registration: 'connecting', wrapUps: [ended] }, 'after_call_work'],
  ])('%s → %s', (_name, over, expected) => {
    expect(agentStatusFor(inputs(over))).toBe(expected);
  });
});

/** A report that waits until the test lets it answer. */
function controlledReport() {
  const sent: AgentStatus[] = [];
  const pending: ((reached: boolean) => void)[] = [];
  const report = (status: AgentStatus) => {
    sent.push(status);
    return new Promise<boolean>((resolve) => pending.push(resolve));
  };
  const answer = async (reached: boolean) => {
    pending.shift()?.(reached);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { sent, report, answer };
}

describe('PresenceReporter', () => {
  it('reports each change once, and not a repeat of the status the server has', async () => {
    const sent: AgentStatus[] = [];
    const reporter = new PresenceReporter(async (s) => { sent.push(s); return true; });
    for (const s of ['offline', 'available', 'available', 'on_call', 'on_call', 'after_call_work', 'available'] as const) {
      reporter.update(s);
      await reporter.settled();
    }
    expect(sent).toEqual(['offline', 'available', 'on_call', 'after_call_work', 'available']);
    expect(reporter.current).toBe('available');
  });

  it('sends one report at a time and skips statuses that came and went meanwhile', async () => {
    const c = controlledReport();
    const reporter = new PresenceReporter(c.report);
    reporter.update('available');
    reporter.update('on_call'); // while "available" is on its way
    reporter.update('after_call_work');
    expect(c.sent).toEqual(['available']);
    await c.answer(true);
    expect(c.sent).toEqual(['available', 'after_call_work']);
    await c.answer(true);
    await reporter.settled();
    expect(reporter.current).toBe('after_call_work');
  });

  it('does not send at all when the status returns to what the server has before the report ends', async () => {
    const c = controlledReport();
    const reporter = new PresenceReporter(c.report);
    reporter.update('available');
    reporter.update('on_call');
    reporter.update('available');
    await c.answer(true);
    await reporter.settled();
    expect(c.sent).toEqual(['available']);
  });

  it('tries again at the next change after a report that did not reach the server', async () => {
    const c = controlledReport();
    const reporter = new PresenceReporter(c.report);
    reporter.update('on_call');
    await c.answer(false); // core answered reported: false (server unreachable)
    await reporter.settled();
    expect(reporter.current).toBeNull();
    reporter.update('on_call');
    expect(c.sent).toEqual(['on_call', 'on_call']);
    await c.answer(true);
    await reporter.settled();
    expect(reporter.current).toBe('on_call');
  });

  it('treats a report that throws as not reached', async () => {
    let calls = 0;
    const reporter = new PresenceReporter(async () => { calls++; if (calls === 1) throw new Error('signed out'); return true; });
    reporter.update('available');
    await reporter.settled();
    expect(reporter.current).toBeNull();
    reporter.update('available');
    await reporter.settled();
    expect(reporter.current).toBe('available');
  });
});

describe('watchPresence on the softphone store', () => {
  it('follows a call from registration through the wrap-up, one report per change', async () => {
    const store = useSoftphoneStore;
    store.setState({ registration: 'connecting', calls: [], wrapUps: [] });
    const sent: AgentStatus[] = [];
    const { reporter, stop } = watchPresence(store, async (s) => { sent.push(s); return true; });
    const step = async (patch: Partial<ReturnType<typeof store.getState>>) => { store.setState(patch); await reporter.settled(); };

    await reporter.settled();
    await step({ registration: 'registered' });
    const call = callView('c1', 'ringing');
    await step({ calls: [call] });
    await step({ calls: [{ ...call, state: 'active' }] });
    await step({ calls: [{ ...call, state: 'active', held: true }] }); // hold: still on a call
    await step({ calls: [], wrapUps: [{ ...call, state: 'ended' }] });
    await step({ registration: 'connecting' }); // proxy lost during the wrap-up
    await step({ registration: 'registered' });
    await step({ wrapUps: [] });
    stop();
    await step({ registration: 'failed' }); // stopped: no longer reported
    expect(sent).toEqual(['offline', 'available', 'on_call', 'after_call_work', 'available']);
  });
});
