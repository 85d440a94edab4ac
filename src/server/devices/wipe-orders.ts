// Wipe orders: an admin tells a desktop to delete its local cache and recording spool (a
// lost or stolen laptop, a desktop handed to someone else). The order reaches the desktop at
// its next pull: that pull is refused with WIPE_ORDERED, its session revoked, and the desktop
// wipes and signs out (src/main/core/at-rest/wipe.ts). An order for a user covers every
// session of theirs that existed when it was made; sessions opened afterwards are not
// affected, so the user can sign in again at once. Ordering and delivery are audited.
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type WipeOrder } from '../../shared/routes.js';
import { audit } from '../auth/audit.js';
import { hashToken, revokeSession } from '../auth/sessions.js';
import { type Db } from '../db/db.js';
import { isoOrNull, iso, type Timestamp } from '../db/timestamps.js';

interface WipeOrderRow {
  id: string; user_id: string | null; client_id: string | null; ordered_at: Timestamp; delivered_at: Timestamp | null;
}

function toWipeOrder(row: WipeOrderRow): WipeOrder {
  return {
    id: row.id, userId: row.user_id, clientId: row.client_id, orderedAt: iso(row.ordered_at), deliveredAt: isoOrNull(row.delivered_at),
  };
}

export async function orderWipe(
  db: Db, admin: SessionUser, target: { userId: string } | { clientId: string }, from: string,
): Promise<WipeOrder> {
  const userId = 'userId' in target ? target.userId : null;
  const clientId = 'clientId' in target ? target.clientId : null;
  if (userId) {
    const [known] = await db.query('SELECT 1 FROM users WHERE id = $1', [userId]);
    if (!known) throw new SapaError('NOT_FOUND', `No user ${userId}`);
  }
  const [row] = await db.query<WipeOrderRow>(
    `INSERT INTO cache_wipe_orders (id, user_id, client_id, ordered_by) VALUES ($1, $2, $3, $4)
     RETURNING id, user_id, client_id, ordered_at, delivered_at`,
    [uuidv7(), userId, clientId, admin.id]);
  if (!row) throw new SapaError('INTERNAL', 'The wipe order was not stored');
  await audit(db, 'cache_wipe_ordered', admin.id, userId ?? clientId, { orderId: row.id, target: userId ? 'user' : 'desktop' }, from);
  return toWipeOrder(row);
}

/**
 * Called at a desktop's pull: when an order covers this desktop (by its client id) or this
 * session (its user's, made before the session's end), the order is marked delivered, the
 * session revoked and WIPE_ORDERED thrown for the desktop to act on.
 */
export async function deliverWipeOrder(
  db: Db, user: SessionUser, token: string, clientId: string | undefined, from: string,
): Promise<void> {
  const [order] = await db.query<{ id: string }>(
    `SELECT o.id FROM cache_wipe_orders o
     WHERE (o.client_id = $3 AND o.delivered_at IS NULL)
        OR (o.user_id = $1 AND o.ordered_at >= (SELECT s.created_at FROM sessions s WHERE s.token_hash = $2))
     ORDER BY o.ordered_at LIMIT 1`,
    [user.id, hashToken(token), clientId ?? null]);
  if (!order) return;
  await db.query('UPDATE cache_wipe_orders SET delivered_at = COALESCE(delivered_at, now()) WHERE id = $1', [order.id]);
  await revokeSession(db, token);
  await audit(db, 'cache_wipe_delivered', user.id, clientId ?? null, { orderId: order.id }, from);
  throw new SapaError('WIPE_ORDERED', 'An administrator ordered this desktop to wipe its cache; it signs out', { orderId: order.id });
}
