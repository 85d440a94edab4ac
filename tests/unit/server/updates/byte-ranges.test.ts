// Range headers of the update feed: one or many ranges, what is ignored, what is unsatisfiable.
import { describe, expect, it } from 'vitest';
import { MAX_RANGES, parseRanges } from '../../../../src/server/updates/byte-ranges.js';

describe('parseRanges', () => {
  it('reads one range, many, open and suffix ranges', () => {
    expect(parseRanges('bytes=0-9', 100)).toEqual([{ start: 0, end: 9 }]);
    expect(parseRanges('bytes=0-9, 20-29,90-', 100)).toEqual([{ start: 0, end: 9 }, { start: 20, end: 29 }, { start: 90, end: 99 }]);
    expect(parseRanges('bytes=-5', 100)).toEqual([{ start: 95, end: 99 }]);
    expect(parseRanges('bytes=95-500', 100)).toEqual([{ start: 95, end: 99 }]);
  });

  it('answers the whole file for no header, a malformed one, too many ranges or an amplifying request', () => {
    for (const h of [undefined, '', 'bytes=abc', 'items=0-1', 'bytes=5-3', 'bytes=-', 'bytes=0-1,,2-3']) expect(parseRanges(h, 100), String(h)).toBeNull();
    expect(parseRanges(`bytes=${Array.from({ length: MAX_RANGES + 1 }, (_, i) => `${i}-${i}`).join(',')}`, 10_000)).toBeNull();
    expect(parseRanges(`bytes=${Array.from({ length: 30 }, () => '0-99').join(',')}`, 100)).toBeNull();
  });

  it('is unsatisfiable when no range falls in the file', () => {
    expect(parseRanges('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRanges('bytes=200-300, 150-160', 100)).toBe('unsatisfiable');
    expect(parseRanges('bytes=-0', 100)).toBe('unsatisfiable');
  });
});
