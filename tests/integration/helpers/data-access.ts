// The data-access setting suites change: which roles may replicate every customer
// (what an admin sets with PUT /admin/data-access; src/server/data-access/).
import { type Db } from '../../../src/server/db/db.js';
import { ROLES, type Role } from '../../../src/shared/domain.js';

/**
 * Lets `roles` (default: every role) replicate every customer. For suites whose desktops
 * replicate everything on purpose (SAPA_WORKING_SET_LIMIT=0, or createCore without a
 * working-set limit): without it the server serves them their working set.
 */
export async function allowFullReplication(db: Db, roles: readonly Role[] = ROLES): Promise<void> {
  await db.query('UPDATE data_access_settings SET full_replication_roles = $1::text[] WHERE id = 1', [[...roles]]);
}
