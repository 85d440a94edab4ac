// The proxy's X-Sapa-Trusted header → whether the card marks the caller ID as not verified.
import { describe, expect, it } from 'vitest';
import { callerVerified } from '../../../src/renderer/features/softphone/caller-trust.js';

describe('callerVerified', () => {
  it('is true only for the proxy saying yes', () => {
    expect(callerVerified('yes')).toBe(true);
    expect(callerVerified(' YES ')).toBe(true);
  });
  it('is false for no, for anything else, and when the header is missing (a proxy that does not vouch)', () => {
    expect(callerVerified('no')).toBe(false);
    expect(callerVerified('yes, really')).toBe(false);
    expect(callerVerified('')).toBe(false);
    expect(callerVerified(undefined)).toBe(false);
  });
});
