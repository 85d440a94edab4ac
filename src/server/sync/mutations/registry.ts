// The server's mutation registry: each mutation name maps to a schema for its args and an
// `apply` that runs inside the push's write transaction (withWriteTransaction). Features
// register their own names at import time:
//
//   registerMutation('reply.use', { schema: ReplyUseArgs, async apply(tx, args, ctx) { … } });
//
// `apply` writes synced rows with plain SQL on `tx`; it throws SapaError for input it
// refuses (NOT_FOUND, FORBIDDEN, INVALID_INPUT…), which rejects the mutation for good.
import { type z } from 'zod';
import { type ConflictRecord } from '../../../shared/sync.js';
import { type SessionUser } from '../../../shared/http.js';
import { type Db } from '../../db/db.js';

export interface MutationContext {
  /** The signed-in author; offline mutations are pushed only under their author's session. */
  user: SessionUser;
  clientId: string;
  mutationId: string;
  baseVersions: Record<string, number>;
  /** When the desktop recorded it (its clock: informative only, never used for order). */
  createdAt: string;
  /** Records a lost field edit; it is stored and answered to the author. */
  conflict(record: ConflictRecord): void;
}

export interface MutationDefinition<S extends z.ZodType> {
  schema: S;
  apply(tx: Db, args: z.output<S>, ctx: MutationContext): Promise<void>;
}

const registry = new Map<string, MutationDefinition<z.ZodType>>();

export function registerMutation<S extends z.ZodType>(name: string, definition: MutationDefinition<S>): void {
  if (registry.has(name)) throw new Error(`Mutation "${name}" is registered twice`);
  registry.set(name, definition as unknown as MutationDefinition<z.ZodType>);
}

export function findMutation(name: string): MutationDefinition<z.ZodType> | undefined {
  return registry.get(name);
}

export function registeredMutationNames(): string[] {
  return [...registry.keys()].sort();
}
