// argon2id hashes for user passwords. The parameters are written down here (and in
// docs/security.md); every hash carries the ones it was made with in its PHC string
// (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), so a login can tell an old hash and
// rehash it with the current parameters (login.ts).
import { type Algorithm, hash, parseOptions, verify } from '@node-rs/argon2';

export interface Argon2Params {
  /** Memory per hash in KiB (`m=`). */
  memoryCost: number;
  /** Passes over the memory (`t=`). */
  timeCost: number;
  /** Lanes (`p=`). */
  parallelism: number;
}

/**
 * OWASP's first recommendation for argon2id (19 MiB, 2 passes, 1 lane): about 75 ms per
 * hash on the 2-core development machine, so a login stays quick while every offline guess
 * costs as much. Raise them in ServerConfig.argon2; old hashes are
 * upgraded at the next login.
 */
export const ARGON2_PARAMS: Readonly<Argon2Params> = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// The package's `Algorithm` is an ambient const enum, which isolatedModules cannot read.
const ARGON2ID = 2 as Algorithm;

export function hashPassword(password: string, params: Argon2Params = ARGON2_PARAMS): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...params });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** True when `passwordHash` was not made as argon2id with exactly `params` (or cannot be read). */
export function needsRehash(passwordHash: string, params: Argon2Params = ARGON2_PARAMS): boolean {
  try {
    const used = parseOptions(passwordHash);
    return used.algorithm !== ARGON2ID || used.memoryCost !== params.memoryCost
      || used.timeCost !== params.timeCost || used.parallelism !== params.parallelism;
  } catch {
    return true;
  }
}

/**
 * A real hash of a password nobody has, verified when the username is unknown so that
 * the answer takes as long as for a known user (no user enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing-only');
  return dummyHash;
}
