// Whether a pull may serve every customer (scope=all). The working set is what a desktop
// asks for; this is the access rule behind it: only roles or desktops an admin listed in
// the data-access settings replicate everything. Anyone else asking for every customer is
// served their working set (the answer says `scope: 'working'`), not refused: desktops
// configured for full replication before this rule existed keep syncing, and core falls
// back to its working set when it sees the answer (src/main/core/sync/sync-client.ts).
import { type DataAccessSettings } from '../../shared/data-access.js';
import { type SessionUser } from '../../shared/http.js';

export function mayReplicateAll(
  settings: Pick<DataAccessSettings, 'fullReplicationRoles' | 'fullReplicationDevices'>,
  user: Pick<SessionUser, 'role'>,
  clientId: string | undefined,
): boolean {
  if (settings.fullReplicationRoles.includes(user.role)) return true;
  // The client id is the desktop's random outbox id (a UUID only that cache and the server
  // know); an admin lists it for one machine, e.g. a supervisor's PC at a small site.
  return clientId !== undefined && settings.fullReplicationDevices.includes(clientId.toLowerCase());
}
