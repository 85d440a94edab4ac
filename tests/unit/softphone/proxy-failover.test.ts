// Which proxy the softphone tries after a loss, and when (proxy-failover.ts).
import { describe, expect, it } from 'vitest';
import { nextProxy, refusalWorthFailover } from '../../../src/renderer/features/softphone/proxy-failover.js';

describe('nextProxy', () => {
  it('one proxy: the same one, with the back-off', () => {
    expect([0, 1, 2, 3, 4, 9].map((n) => nextProxy(0, n, 1))).toEqual(
      [500, 1000, 2000, 4000, 5000, 5000].map((delayMs) => ({ index: 0, delayMs })),
    );
  });

  it('two proxies, the first lost: the second at once, then round and round, slower each round', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map((n) => nextProxy(0, n, 2))).toEqual([
      { index: 1, delayMs: 500 }, { index: 0, delayMs: 500 },
      { index: 1, delayMs: 1000 }, { index: 0, delayMs: 1000 },
      { index: 1, delayMs: 2000 }, { index: 0, delayMs: 2000 },
      { index: 1, delayMs: 5000 },
    ]);
  });

  it('the second lost: back to the first, never a 30 s wait', () => {
    expect(nextProxy(1, 0, 2)).toEqual({ index: 0, delayMs: 500 });
    expect(nextProxy(2, 0, 3)).toEqual({ index: 0, delayMs: 500 });
    for (let n = 0; n < 100; n++) expect(nextProxy(1, n, 3).delayMs).toBeLessThanOrEqual(5000);
  });
});

describe('refusalWorthFailover', () => {
  it.each([[500, true], [503, true], [408, true], [480, true], [401, false], [403, false], [404, false]])('%i → %s', (code, expected) => {
    expect(refusalWorthFailover(code)).toBe(expected);
  });
});
