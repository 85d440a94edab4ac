// Every session of a user ends at once: the tokens (revoked in the database, and dropped
// from every server instance's session cache before this returns, so every instance
// refuses them at the next request), this instance's live sockets (told
// why first, so an open desktop signs out within a second and says so), and the SIP
// credentials of the user's extension (the `signedOut` hook: cut-off + every Kamailio told).
// Used by "sign out everywhere", an admin's revoke, disabling a user and a password reset.
import { type SignedOutReason } from '../../shared/sync.js';
import { type Db } from '../db/db.js';
import { type LiveHub } from '../live/live-hub.js';
import { revokeAllSessions } from './sessions.js';

export interface SignOutHooks {
  signedOut?(userId: string): Promise<void>;
  live?: Pick<LiveHub, 'disconnectUser'>;
  /** Waits until every instance's session cache has dropped the revoked sessions (auth/revocation-channel.ts). */
  sessions?: { settle(): Promise<void> };
}

export type SignOutEverywhere = (userId: string, reason: SignedOutReason) => Promise<number>;

export function signOutEverywhere(db: Db, hooks: SignOutHooks): SignOutEverywhere {
  return async (userId, reason) => {
    const revoked = await revokeAllSessions(db, userId, reason);
    await hooks.sessions?.settle();
    hooks.live?.disconnectUser(userId, reason);
    await hooks.signedOut?.(userId);
    return revoked;
  };
}
