// Core's side of the mutation map (src/shared/mutations.ts): for each mutation, its
// optimistic local effect (what the cache shows at once, before the server has seen it),
// or SERVER_ONLY when the cache shows nothing until the server's rows come back. Local
// rows carry version 0, so the server's row (version > 0) replaces them when it comes back
// in a pull. Feature folders export their entries; outbox/effects.ts gathers them into
// the one map that `satisfies LocalEffects`.
import { type SessionUser } from '../../../shared/http.js';
import { type MutationArgs, type MutationName } from '../../../shared/mutations.js';
import { type ConflictRecord } from '../../../shared/sync.js';
import { type CacheDb } from '../cache/open-cache.js';

export interface LocalEffect<N extends MutationName> {
  /** Runs inside the same SQLite transaction as the outbox insert. */
  applyLocally?(db: CacheDb, args: MutationArgs<N>, author: SessionUser): void;
  /** Undo after a final rejection (the server will never apply it). */
  revert?(db: CacheDb, args: MutationArgs<N>): void;
  /** The server applied it (or had already): e.g. refresh what the effect depends on. */
  onAcked?(db: CacheDb, args: MutationArgs<N>): void;
  /** The server kept newer values for some fields: show them (no new version comes back). */
  onConflicts?(db: CacheDb, args: MutationArgs<N>, conflicts: readonly ConflictRecord[]): void;
}

/** The mutation changes nothing in the cache by itself: only the server applies it. */
export const SERVER_ONLY = { serverOnly: true } as const;
export type ServerOnly = typeof SERVER_ONLY;

/** Entries for some mutations (what a feature folder exports). */
export type LocalEffectsOf<K extends MutationName> = { [N in K]: LocalEffect<N> | ServerOnly };
/** The whole map: every mutation has an entry. */
export type LocalEffects = LocalEffectsOf<MutationName>;

export function isServerOnly(entry: LocalEffect<MutationName> | ServerOnly): entry is ServerOnly {
  return 'serverOnly' in entry;
}
