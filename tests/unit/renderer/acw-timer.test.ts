// The wrap-up time limit as the panel counts it (src/renderer/features/wrapup/acw-timer.ts).
import { describe, expect, it } from 'vitest';
import { acwClock, formatSeconds } from '../../../src/renderer/features/wrapup/acw-timer.js';

const ended = Date.parse('2026-11-25T10:00:00Z');

describe('wrap-up clock', () => {
  it('counts down from the hang-up and is over at the limit', () => {
    expect(acwClock(ended, 120, ended)).toEqual({ limited: true, leftSec: 120, over: false });
    expect(acwClock(ended, 120, ended + 119_500)).toEqual({ limited: true, leftSec: 1, over: false });
    expect(acwClock(ended, 120, ended + 120_000)).toEqual({ limited: true, leftSec: 0, over: true });
    expect(acwClock(ended, 120, ended + 600_000)).toEqual({ limited: true, leftSec: 0, over: true });
  });

  it('has no limit at 0 or when the server sends none', () => {
    expect(acwClock(ended, 0, ended + 999_000)).toEqual({ limited: false, leftSec: 0, over: false });
    expect(acwClock(ended, undefined, ended + 999_000).limited).toBe(false);
  });

  it('formats m:ss', () => {
    expect(formatSeconds(120)).toBe('2:00');
    expect(formatSeconds(65)).toBe('1:05');
    expect(formatSeconds(-3)).toBe('0:00');
  });
});
