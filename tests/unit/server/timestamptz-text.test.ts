import { describe, expect, it } from 'vitest';
import { isoFromTimestamptzText } from '../../../src/server/db/timestamps.js';

describe('isoFromTimestamptzText', () => {
  it('rewrites UTC text without a Date, as toISOString would write it', () => {
    expect(isoFromTimestamptzText('2025-03-04 05:06:07+00')).toBe('2025-03-04T05:06:07.000Z');
    expect(isoFromTimestamptzText('2025-03-04 05:06:07.5+00')).toBe('2025-03-04T05:06:07.500Z');
    expect(isoFromTimestamptzText('2025-03-04 05:06:07.12+00')).toBe('2025-03-04T05:06:07.120Z');
    // Sub-millisecond digits are cut, as pg's parser and Date do.
    expect(isoFromTimestamptzText('2025-12-31 23:59:59.999999+00')).toBe('2025-12-31T23:59:59.999Z');
  });

  it('converts other offsets through a Date', () => {
    expect(isoFromTimestamptzText('2025-03-04 05:06:07.123456+07')).toBe('2025-03-03T22:06:07.123Z');
    expect(isoFromTimestamptzText('2025-03-04 05:06:07-03')).toBe('2025-03-04T08:06:07.000Z');
    expect(isoFromTimestamptzText('2025-03-04 05:06:07+05:30')).toBe('2025-03-03T23:36:07.000Z');
  });

  it('refuses what it cannot read instead of inventing a time', () => {
    expect(() => isoFromTimestamptzText('infinity')).toThrow(/unreadable/);
    expect(() => isoFromTimestamptzText('')).toThrow(/unreadable/);
  });
});
