// What a typed number calls (dial-target.ts) and the re-register back-off (ua.ts).
import { describe, expect, it } from 'vitest';
import { dialTarget } from '../../../src/renderer/features/softphone/dial-target.js';
import { reconnectDelayMs } from '../../../src/renderer/features/softphone/ua.js';

describe('dialTarget', () => {
  it.each([
    ['2002', 'sip:2002@sapa.test'],
    [' 1001 ', 'sip:1001@sapa.test'],
    ['0812 3456 7890', 'sip:6281234567890@sapa.test'],
    ['+62 812-3456-7890', 'sip:6281234567890@sapa.test'],
    ['(021) 5550123', 'sip:62215550123@sapa.test'],
    ['*99#', 'sip:*99#@sapa.test'],
  ])('%s → %s', (number, uri) => {
    expect(dialTarget(number, 'sapa.test')).toBe(uri);
  });

  it.each(['', '9', 'budi', 'sip:2002@evil.test', '1'.repeat(21), '2002; rm'])('refuses %j', (number) => {
    expect(dialTarget(number, 'sapa.test')).toBeNull();
  });
});

describe('reconnectDelayMs', () => {
  it('backs off from half a second to five, then stays at five', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(reconnectDelayMs)).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });
});
