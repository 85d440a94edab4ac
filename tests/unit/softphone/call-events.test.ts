// What the review timeline is told about a call (call-events.ts): the call the agent is
// talking on, who a screen pop found, and that a consult leg or no call records nothing.
import { beforeEach, expect, it, vi } from 'vitest';

const calls: { method: string; input: unknown }[] = [];
vi.mock('../../../src/renderer/platform/sapa.js', () => ({
  sapa: () => ({ call: (method: string, input: unknown) => { calls.push({ method, input }); return Promise.resolve({ id: 'x' }); } }),
}));

const { currentCallId, popDetail, recordCallEvent, recordOnCurrentCall } = await import('../../../src/renderer/features/softphone/call-events.js');
const { newCall } = await import('../../../src/renderer/features/softphone/call-session.js');
const { useSoftphoneStore } = await import('../../../src/renderer/features/softphone/store.js');

beforeEach(() => {
  calls.length = 0;
  useSoftphoneStore.setState({ calls: [], wrapUps: [], focusedCallId: null });
});

it('records under the interaction id the call was given when it started; consult legs and no call record nothing', () => {
  const call = { ...newCall('a', 'inbound', '081234567890', 'active') };
  const consult = { ...newCall('b', 'outbound', '2002', 'active'), consultFor: 'a' };
  expect(call.interactionId).toMatch(/^[0-9a-f-]{36}$/);
  useSoftphoneStore.setState({ calls: [call, consult], focusedCallId: 'b' });
  // The consult leg is focused: the paragraph belongs to the customer's call.
  expect(currentCallId()).toBe('a');
  recordOnCurrentCall('paragraph_inserted', 'x'.repeat(300));
  recordCallEvent('b', 'held');
  recordCallEvent('nope', 'held');
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({ method: 'softphone.recordCallEvent', input: { interactionId: call.interactionId, kind: 'paragraph_inserted' } });
  expect((calls[0]?.input as { detail: string }).detail).toHaveLength(200);

  useSoftphoneStore.setState({ calls: [{ ...call, state: 'ringing' }] });
  expect(currentCallId()).toBeNull();
  recordOnCurrentCall('paragraph_inserted', 'Salam');
  expect(calls).toHaveLength(1);
});

it('names whom the screen pop found', () => {
  const customer = { id: 'c', customerNo: 'B00000001', fullName: 'Budi Santoso' } as never;
  expect(popDetail({ status: 'found', source: 'cache', customers: [customer] })).toBe('B00000001 Budi Santoso');
  expect(popDetail({ status: 'found', source: 'cache', customers: [customer, customer] })).toBe('B00000001 Budi Santoso +1');
  expect(popDetail({ status: 'unknown', e164: '+6281234567890' })).toBe('+6281234567890');
  expect(popDetail({ status: 'looking' })).toBeNull();
});
