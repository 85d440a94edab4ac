// When a call with broken media is restarted (media-recovery-policy.ts).
import { describe, expect, it } from 'vitest';
import { recoveryStep, STALL_MS, type RecoveryInput } from '../../../src/renderer/features/softphone/media-recovery-policy.js';

const broken: RecoveryInput = { ice: 'disconnected', stalledMs: 0, held: false, now: 10_000, inFlight: false, notBefore: 0, transportUp: true };
const fine: RecoveryInput = { ...broken, ice: 'connected' };

describe('recoveryStep', () => {
  it('ICE connected and audio arriving: healthy', () => {
    expect(recoveryStep(fine)).toBe('healthy');
    expect(recoveryStep({ ...fine, ice: 'completed', stalledMs: STALL_MS - 1 })).toBe('healthy');
  });
  it('ICE disconnected or failed: a restart', () => {
    expect(recoveryStep(broken)).toBe('restart');
    expect(recoveryStep({ ...broken, ice: 'failed' })).toBe('restart');
  });
  it('no audio for the stall time off hold: broken even while ICE still says connected', () => {
    expect(recoveryStep({ ...fine, stalledMs: STALL_MS })).toBe('restart');
  });
  it('on hold, silence is no fault', () => {
    expect(recoveryStep({ ...fine, stalledMs: 60_000, held: true })).toBe('healthy');
  });
  it('never while the SIP transport is down, a restart is in flight, or too soon after the last', () => {
    expect(recoveryStep({ ...broken, transportUp: false })).toBe('wait');
    expect(recoveryStep({ ...broken, inFlight: true })).toBe('wait');
    expect(recoveryStep({ ...broken, notBefore: broken.now + 1 })).toBe('wait');
  });
});
