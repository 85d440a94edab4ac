// Pokes after replay (docs/decisions/0032-read-replicas.md). A write's NOTIFY comes from the
// primary the moment it commits; with a read replica the desktop's pull that answers the poke
// reads the replica, which may not have replayed that write yet — the pull would find
// nothing new and the row would wait for the periodic pull. So when a replica is configured,
// the live hub holds each batch of pokes until the replica's head version reaches the
// primary's head as read after the notifications arrived (which covers their writes), for
// at most `maxWaitMs`; then it pokes anyway (a replica far behind is the periodic pull's
// case, and a poke is only a hint).
import { type Db } from '../db/db.js';
import { headVersion } from '../sync/pull.js';

export interface ReplayGateOptions {
  /** Longest a poke waits for the replica (then it goes out anyway). */
  maxWaitMs: number;
  /** How often the replica's head is read while waiting. */
  pollMs: number;
}

export interface ReplayGate {
  /** Resolves true once the replica has replayed everything the primary had committed at the call, false after maxWaitMs. */
  caughtUp(): Promise<boolean>;
}

export function createReplayGate(primary: Db, replica: Db, o: ReplayGateOptions): ReplayGate {
  return {
    async caughtUp() {
      const target = await headVersion(primary);
      const deadline = Date.now() + o.maxWaitMs;
      for (;;) {
        if (await headVersion(replica) >= target) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, o.pollMs));
      }
    },
  };
}
