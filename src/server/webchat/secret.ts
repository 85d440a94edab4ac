// The key that signs proof-of-work challenges and call-me cancel links (migration 039):
// made by the first instance that needs it, then read by every instance, kept in memory.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Db } from '../db/db.js';

export interface Signer {
  sign(payload: string): Promise<string>;
  /** The payload of a token this server signed, or null (forged, cut, or another key). */
  open(token: string): Promise<string | null>;
}

export function createSigner(db: Db): Signer {
  let key: Promise<Buffer> | null = null;
  const load = (): Promise<Buffer> => {
    key ??= (async () => {
      await db.query('INSERT INTO webchat_secret (id, secret) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [randomBytes(32).toString('base64url')]);
      const [row] = await db.query<{ secret: string }>('SELECT secret FROM webchat_secret WHERE id = 1');
      if (!row) throw new Error('webchat_secret has no row');
      return Buffer.from(row.secret, 'base64url');
    })().catch((err: unknown) => { key = null; throw err; });
    return key;
  };
  const mac = (k: Buffer, payload: string) => createHmac('sha256', k).update(payload).digest('base64url');
  return {
    async sign(payload) {
      return `${Buffer.from(payload).toString('base64url')}.${mac(await load(), payload)}`;
    },
    async open(token) {
      const [body, sig] = token.split('.');
      if (!body || !sig) return null;
      const payload = Buffer.from(body, 'base64url').toString('utf8');
      const want = Buffer.from(mac(await load(), payload));
      const got = Buffer.from(sig);
      return want.length === got.length && timingSafeEqual(want, got) ? payload : null;
    },
  };
}
