// Core's side of the mutation registry: for each mutation name, the schema of its args
// and its optimistic local effect (what the cache shows at once, before the server has
// seen it). Local rows carry version 0, so the server's row (version > 0) replaces them
// when it comes back in a pull. `revert` undoes the effect when the server rejects it.
//
//   registerLocalMutation('reply.use', { schema: ReplyUseArgs, applyLocally(db, args, author) { … } });
import { type z } from 'zod';
import { type SessionUser } from '../../../shared/http.js';
import { type ConflictRecord } from '../../../shared/sync.js';
import { type CacheDb } from '../cache/open-cache.js';

export interface LocalMutation<S extends z.ZodType> {
  schema: S;
  /** Runs inside the same SQLite transaction as the outbox insert. */
  applyLocally?(db: CacheDb, args: z.output<S>, author: SessionUser): void;
  /** Undo after a final rejection (the server will never apply it). */
  revert?(db: CacheDb, args: z.output<S>): void;
  /** The server applied it (or had already): e.g. refresh what the effect depends on. */
  onAcked?(db: CacheDb, args: z.output<S>): void;
  /** The server kept newer values for some fields: show them (no new version comes back). */
  onConflicts?(db: CacheDb, args: z.output<S>, conflicts: readonly ConflictRecord[]): void;
}

const registry = new Map<string, LocalMutation<z.ZodType>>();

export function registerLocalMutation<S extends z.ZodType>(name: string, definition: LocalMutation<S>): void {
  if (registry.has(name)) throw new Error(`Local mutation "${name}" is registered twice`);
  registry.set(name, definition as unknown as LocalMutation<z.ZodType>);
}

export function findLocalMutation(name: string): LocalMutation<z.ZodType> | undefined {
  return registry.get(name);
}
