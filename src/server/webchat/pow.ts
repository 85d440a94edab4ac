// Spam resistance without a third-party captcha (docs/web-widget.md, decision 0038): every
// form the widget sends (start a chat, call me) carries a proof of work on a challenge the
// server signed — sha256(challenge + ":" + nonce) must start with POW_BITS zero bits, about
// 2^POW_BITS hashes (well under a second in a phone's browser, real cost for a bot sending
// thousands). The challenge also dates the form: one sent sooner than MIN_FILL_MS after the
// widget was shown is a script, as is one with the hidden honeypot field filled. A
// challenge is spent once (remembered in memory until it expires).
import { createHash, randomBytes } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import { type Signer } from './secret.js';

export const POW_BITS = 14;
export const MIN_FILL_MS = 1_500;
const CHALLENGE_TTL_MS = 10 * 60_000;

export function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) { bits += 8; continue; }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function powHash(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest();
}

/** Solves a challenge (the bench and the tests; the widget does the same in the browser). */
export function solvePow(challenge: string, bits = POW_BITS): string {
  for (let n = 0; ; n++) if (leadingZeroBits(powHash(challenge, String(n))) >= bits) return String(n);
}

export interface PowGuard {
  challenge(): Promise<string>;
  /** Refuses (INVALID_INPUT / RATE_LIMITED) a bad, early, reused or unsolved challenge. */
  check(solution: { challenge: string; nonce: string }, honeypot: string | undefined, now?: number): Promise<void>;
}

export function createPowGuard(signer: Signer, options: { bits?: number; minFillMs?: number } = {}): PowGuard {
  const bits = options.bits ?? POW_BITS;
  const minFill = options.minFillMs ?? MIN_FILL_MS;
  const spent = new Map<string, number>();
  const sweep = (now: number) => {
    for (const [c, until] of spent) if (until < now) spent.delete(c);
  };
  return {
    async challenge() {
      return signer.sign(`${Date.now()}.${randomBytes(9).toString('base64url')}`);
    },
    async check(solution, honeypot, now = Date.now()) {
      if (honeypot) throw new SapaError('INVALID_INPUT', 'The form was not filled in by a person', ['website: must be empty']);
      const payload = await signer.open(solution.challenge);
      const issued = payload ? Number(payload.split('.')[0]) : NaN;
      if (!Number.isFinite(issued) || now - issued > CHALLENGE_TTL_MS) {
        throw new SapaError('INVALID_INPUT', 'The form has expired: reload it and try again', ['pow: unknown or expired challenge']);
      }
      if (now - issued < minFill) throw new SapaError('INVALID_INPUT', 'The form was sent too quickly', ['pow: sent too soon after it was shown']);
      if (spent.has(solution.challenge)) throw new SapaError('INVALID_INPUT', 'The form was already sent', ['pow: challenge used']);
      if (leadingZeroBits(powHash(solution.challenge, solution.nonce)) < bits) {
        throw new SapaError('INVALID_INPUT', 'The form is missing its proof of work', ['pow: not solved']);
      }
      if (spent.size > 100_000) sweep(now);
      spent.set(solution.challenge, issued + CHALLENGE_TTL_MS);
    },
  };
}
