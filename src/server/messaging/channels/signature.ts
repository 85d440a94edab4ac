// Webhook signatures: HMAC-SHA256 over the raw request body, sent as "sha256=<hex>" (Meta's
// X-Hub-Signature-256, and the same form for our SMS gateway's X-Sapa-Signature). Compared
// in constant time; the raw bytes are signed, so the body must not be parsed before this.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signBody(secret: string, raw: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

export function signatureMatches(header: string | string[] | undefined, secret: string | null, raw: Buffer): boolean {
  if (!secret || typeof header !== 'string' || !/^sha256=[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = Buffer.from(signBody(secret, raw), 'utf8');
  const given = Buffer.from(header.trim().toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Equal secrets (the verify token), in constant time. */
export function sameSecret(given: unknown, secret: string | null): boolean {
  if (!secret || typeof given !== 'string') return false;
  const a = createHmac('sha256', 'sapa').update(given).digest();
  const b = createHmac('sha256', 'sapa').update(secret).digest();
  return timingSafeEqual(a, b);
}
