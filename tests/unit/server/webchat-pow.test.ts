// The widget's spam guard (src/server/webchat/pow.ts) and budgets (limits.ts): a solved,
// fresh, unused challenge passes; a forged, expired, early, reused or unsolved one, or a
// filled honeypot, is refused with the reason; a window counter refuses past its budget per
// key and lets other keys through.
import { describe, expect, it } from 'vitest';
import { SapaError } from '../../../src/shared/errors.js';
import { windowCounter } from '../../../src/server/webchat/limits.js';
import { createPowGuard, leadingZeroBits, powHash, solvePow } from '../../../src/server/webchat/pow.js';
import { type Signer } from '../../../src/server/webchat/secret.js';

/** A signer with a fixed key (the real one keeps its key in the database). */
function memorySigner(): Signer {
  return {
    sign: async (payload) => `${Buffer.from(payload).toString('base64url')}.sig`,
    open: async (token) => {
      const [body, sig] = token.split('.');
      return sig === 'sig' && body ? Buffer.from(body, 'base64url').toString() : null;
    },
  };
}

const refusal = async (p: Promise<unknown>): Promise<string> => {
  try { await p; } catch (e) { if (e instanceof SapaError) return e.message; throw e; }
  return 'accepted';
};

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0, 0, 0x0f]))).toBe(20);
    expect(leadingZeroBits(Buffer.from([0x80]))).toBe(0);
    expect(leadingZeroBits(Buffer.from([0, 1]))).toBe(15);
  });

  it('accepts a solved challenge once, and refuses the rest with the reason', async () => {
    const guard = createPowGuard(memorySigner(), { bits: 8, minFillMs: 1_000 });
    const challenge = await guard.challenge();
    const nonce = solvePow(challenge, 8);
    expect(leadingZeroBits(powHash(challenge, nonce))).toBeGreaterThanOrEqual(8);
    const later = Date.now() + 2_000;
    expect(await refusal(guard.check({ challenge, nonce }, 'http://spam', later))).toMatch(/not filled in by a person/);
    expect(await refusal(guard.check({ challenge, nonce }, undefined, Date.now()))).toMatch(/too quickly/);
    let wrong = 0;
    while (leadingZeroBits(powHash(challenge, String(wrong))) >= 8) wrong++;
    expect(await refusal(guard.check({ challenge, nonce: String(wrong) }, undefined, later))).toMatch(/proof of work/);
    expect(await refusal(guard.check({ challenge, nonce }, undefined, later))).toBe('accepted');
    expect(await refusal(guard.check({ challenge, nonce }, undefined, later))).toMatch(/already sent/);
    expect(await refusal(guard.check({ challenge: 'bm90LXNpZ25lZA.forged', nonce }, undefined, later))).toMatch(/expired/);
    expect(await refusal(guard.check({ challenge: await guard.challenge(), nonce }, undefined, Date.now() + 11 * 60_000))).toMatch(/expired/);
  });
});

describe('window counter', () => {
  it('refuses past the budget per key, not for other keys, and forgets after the window', () => {
    const c = windowCounter(3, 60_000);
    const t = 1_000_000;
    expect([c.hit('a', t), c.hit('a', t), c.hit('a', t)]).toEqual([0, 0, 0]);
    expect(c.hit('a', t + 1_000)).toBe(59);
    expect(c.hit('b', t + 1_000)).toBe(0);
    expect(c.hit('a', t + 60_001)).toBe(0);
  });
});
