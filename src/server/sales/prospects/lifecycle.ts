// Moving a customer along the lifecycle (src/shared/sales/lifecycle.ts: forward only). The
// selling pipeline calls advanceLifecycle(tx, customerId, 'customer') when a contract is won
// (docs/sales.md); a qualified suspect becomes a prospect. Runs inside withWriteTransaction
// (the version trigger stamps the row and it syncs to the desktops that hold it).
import { LIFECYCLE_STAGES, type LifecycleStage } from '../../../shared/domain.js';
import { type Db } from '../../db/db.js';

/** Advances the customer to `to` when that is further along; returns the stage they are at now (null: no such customer). */
export async function advanceLifecycle(tx: Db, customerId: string, to: LifecycleStage): Promise<LifecycleStage | null> {
  const [row] = await tx.query<{ lifecycle: LifecycleStage }>(
    `UPDATE customers SET lifecycle = $2, updated_at = now()
     WHERE id = $1 AND array_position($3::text[], lifecycle) < array_position($3::text[], $2::text)
     RETURNING lifecycle`, [customerId, to, [...LIFECYCLE_STAGES]]);
  if (row) return row.lifecycle;
  const [current] = await tx.query<{ lifecycle: LifecycleStage }>('SELECT lifecycle FROM customers WHERE id = $1', [customerId]);
  return current?.lifecycle ?? null;
}
