// Users as the pull serves them (notes and call-backs: ../notes/rows.ts, ../callbacks/rows.ts).
import { type User } from '../../shared/domain.js';

/** Users as pulled: the reference row plus the working-set scope (migration 005). */
export interface SyncUserRow {
  id: string; username: string; display_name: string; role: User['role']; branch: string | null; queues: string[] | null; version: number;
}

export function toSyncUser(r: SyncUserRow): User {
  return {
    id: r.id, username: r.username, displayName: r.display_name, role: r.role, version: r.version,
    branch: r.branch, queues: r.queues ?? [],
  };
}
