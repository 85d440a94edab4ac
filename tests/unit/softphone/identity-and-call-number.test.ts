// Which call makes the agent validate the caller (customer/identity-check.ts), and the
// number of a call in the timeline (history/call-number.ts).
import { describe, expect, it } from 'vitest';
import { callNeedingValidation, validated } from '../../../src/renderer/features/customer/identity-check.js';
import { callNumberOf } from '../../../src/renderer/features/history/call-number.js';
import { type CallView } from '../../../src/renderer/features/softphone/store.js';

const call = (patch: Partial<CallView>): CallView => ({
  id: 'c1', interactionId: '0190d5b8-0000-7000-8000-000000000001', direction: 'inbound', number: '6281234567890', e164: '+6281234567890', callerVerified: true, state: 'active',
  pop: { status: 'found', customers: [], source: 'cache' }, revealed: true, startedAt: 0, answeredAt: 1, endedAt: null,
  held: false, holdPending: false, holdError: null, holdMs: 0, muted: false, dtmfSent: '', endReason: null,
  recording: 'off', recordingId: null, consultFor: null, transferState: 'none', mediaRecovering: false, ...patch,
});

describe('callNeedingValidation', () => {
  it('a matched caller from a trusted trunk: no check', () => {
    expect(callNeedingValidation([call({})])).toBeUndefined();
  });
  it('a number not on file, or a caller ID not vouched for: that call', () => {
    expect(callNeedingValidation([call({ pop: { status: 'unknown', e164: null } })])?.id).toBe('c1');
    expect(callNeedingValidation([call({ callerVerified: false, state: 'ringing' })])?.id).toBe('c1');
  });
  it('outbound calls, consult legs and ended calls: no check', () => {
    expect(callNeedingValidation([call({ direction: 'outbound', callerVerified: false })])).toBeUndefined();
    expect(callNeedingValidation([call({ consultFor: 'x', callerVerified: false })])).toBeUndefined();
    expect(callNeedingValidation([call({ state: 'ended', callerVerified: false })])).toBeUndefined();
  });
  it('validated only with all three ticked', () => {
    expect(validated(['name', 'address'])).toBe(false);
    expect(validated(['address', 'name', 'birthDateOrId'])).toBe(true);
    expect(validated(undefined)).toBe(false);
  });
});

describe('callNumberOf', () => {
  it('reads the E.164 number off a call subject', () => {
    expect(callNumberOf({ channel: 'call_out', subject: 'Call to +6281234567890' })).toBe('+6281234567890');
    expect(callNumberOf({ channel: 'call_in', subject: 'Call from 081234567890' })).toBe('+6281234567890');
  });
  it('no number: not a call, or none in the subject', () => {
    expect(callNumberOf({ channel: 'email', subject: 'Re: +6281234567890' })).toBeNull();
    expect(callNumberOf({ channel: 'call_in', subject: 'Call from 1002' })).toBeNull();
    expect(callNumberOf({ channel: 'call_in', subject: null })).toBeNull();
  });
});
