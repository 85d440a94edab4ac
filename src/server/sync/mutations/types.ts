// The server's side of the mutation map (src/shared/mutations.ts): for each mutation, an
// `apply` that runs inside the push's write transaction (withWriteTransaction). Args
// arrive parsed with the shared schema. `apply` writes synced rows with plain SQL on `tx`;
// it throws SapaError for input it refuses (NOT_FOUND, FORBIDDEN, INVALID_INPUT…), which
// rejects the mutation for good. Feature folders export their entries; ./index.ts gathers
// them into the one map that `satisfies ServerMutations`.
import { type SessionUser } from '../../../shared/http.js';
import { type MutationArgs, type MutationName } from '../../../shared/mutations.js';
import { type ConflictRecord } from '../../../shared/sync.js';
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

export interface ServerMutation<N extends MutationName> {
  apply(tx: Db, args: MutationArgs<N>, ctx: MutationContext): Promise<void>;
}

/** Entries for some mutations (what a feature folder exports). */
export type ServerMutationsOf<K extends MutationName> = { [N in K]: ServerMutation<N> };
/** The whole map: every mutation has a handler. */
export type ServerMutations = ServerMutationsOf<MutationName>;
