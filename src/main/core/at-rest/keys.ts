// The desktop's one secret at rest: a random 32-byte key that the host hands to core
// (Electron keeps it with safeStorage, the browser host reads it from its environment or a
// 0600 key file). Core never uses it directly: each use gets its own key derived with HKDF,
// so the cache cipher and the recording spool never share key material.
import { hkdfSync, randomBytes } from 'node:crypto';
import { SapaError } from '../../../shared/errors.js';

export const KEY_BYTES = 32;
const KEY_HEX = /^[0-9a-f]{64}$/i;

export type KeyPurpose = 'cache' | 'spool';

/** A fresh random key (hosts call this once, on a desktop's first start). */
export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** The key written as text: 64 hex digits (what key files and SAPA_CACHE_KEY hold). */
export function keyToHex(key: Buffer): string {
  return key.toString('hex');
}

/** Parses 64 hex digits (surrounding white space ignored); `source` names where it came from. */
export function parseKeyHex(text: string, source: string): Buffer {
  const trimmed = text.trim();
  if (!KEY_HEX.test(trimmed)) {
    throw new SapaError('INVALID_INPUT', `${source} must hold the desktop key as 64 hex digits (32 random bytes)`, { source });
  }
  return Buffer.from(trimmed, 'hex');
}

export function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) {
    throw new SapaError('INVALID_INPUT', `The desktop key must be ${KEY_BYTES} bytes, not ${key.length}`);
  }
}

/** The key for one purpose, derived from the desktop key (HKDF-SHA256, purpose as info). */
export function deriveKey(master: Buffer, purpose: KeyPurpose): Buffer {
  assertKey(master);
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `sapa ${purpose} v1`, KEY_BYTES));
}
