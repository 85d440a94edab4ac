// The back office's work queue of order requests (order_requests, 028; decision 0027): list
// the open ones oldest first, mark one done with a note (an event in the customer's
// timeline says so); and the order system's side through the integration API: the open
// requests it has not acknowledged yet, and acknowledging them (idempotent).
import { randomUUID } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import {
  type IntegrationOrderRequestList, type OrderRequest, type OrderRequestKind, type OrderRequestStatus, orderRequestDoneSubject,
} from '../../shared/orders.js';
import { type Db } from '../db/db.js';
import { iso, isoOrNull, type Timestamp } from '../db/timestamps.js';
import { withWriteTransaction } from '../db/write-transaction.js';

interface Row {
  id: string; order_id: string; order_no: string; order_status: OrderRequest['orderStatus']; product: string;
  customer_id: string; customer_no: string; full_name: string; salutation: OrderRequest['salutation']; external_id: string | null;
  kind: OrderRequestKind; wanted_date: string | null; body: string; status: OrderRequestStatus; created_at: Timestamp;
  created_by: string | null; done_at: Timestamp | null; done_by: string | null; done_note: string | null; acknowledged_at: Timestamp | null;
}

const SELECT = `
  SELECT r.id, r.order_id, o.order_no, o.status AS order_status, o.product, r.customer_id, c.customer_no, c.full_name,
         c.salutation, c.external_id, r.kind, r.wanted_date::text AS wanted_date, r.body, r.status, r.created_at,
         cu.username AS created_by, r.done_at, du.username AS done_by, r.done_note, r.acknowledged_at
  FROM order_requests r JOIN orders o ON o.id = r.order_id JOIN customers c ON c.id = r.customer_id
  LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN users du ON du.id = r.done_by`;

function toRequest(r: Row): OrderRequest {
  return {
    id: r.id, orderId: r.order_id, orderNo: r.order_no, orderStatus: r.order_status, product: r.product, customerId: r.customer_id,
    customerNo: r.customer_no, customerName: r.full_name, salutation: r.salutation, kind: r.kind, wantedDate: r.wanted_date,
    body: r.body, status: r.status, createdAt: iso(r.created_at), createdBy: r.created_by, doneAt: isoOrNull(r.done_at),
    doneBy: r.done_by, doneNote: r.done_note, acknowledgedAt: isoOrNull(r.acknowledged_at),
  };
}

export async function listOrderRequests(db: Db, q: { status: OrderRequestStatus; limit: number }): Promise<OrderRequest[]> {
  const order = q.status === 'open' ? 'r.created_at, r.id' : 'r.done_at DESC, r.id';
  const rows = await db.query<Row>(`${SELECT} WHERE r.status = $1 ORDER BY ${order} LIMIT ${q.limit}`, [q.status]);
  return rows.map(toRequest);
}

export async function readOrderRequest(db: Db, id: string): Promise<OrderRequest | null> {
  const [row] = await db.query<Row>(`${SELECT} WHERE r.id = $1`, [id]);
  return row ? toRequest(row) : null;
}

export async function markOrderRequestDone(
  db: Db, id: string, note: string, user: { id: string; displayName: string },
): Promise<OrderRequest> {
  await withWriteTransaction(db, async (tx) => {
    const [r] = await tx.query<{ status: OrderRequestStatus; customer_id: string; kind: OrderRequestKind; order_no: string }>(
      `SELECT r.status, r.customer_id, r.kind, o.order_no FROM order_requests r JOIN orders o ON o.id = r.order_id
       WHERE r.id = $1 FOR UPDATE OF r`, [id]);
    if (!r) throw new SapaError('NOT_FOUND', 'No such order request');
    if (r.status === 'done') throw new SapaError('CONFLICT', `The request on ${r.order_no} is already done`);
    await tx.query(
      "UPDATE order_requests SET status = 'done', done_by = $2, done_at = now(), done_note = $3 WHERE id = $1", [id, user.id, note || null]);
    await tx.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body)
       VALUES ($1, $2, 'order', 'outbound', now(), $3, $4, $5, $6)`,
      [randomUUID(), r.customer_id, user.id, user.displayName, orderRequestDoneSubject(r.order_no, r.kind), note || null]);
  });
  const done = await readOrderRequest(db, id);
  if (!done) throw new SapaError('INTERNAL', 'The request just done is gone');
  return done;
}

export async function listForIntegration(
  db: Db, q: { includeAcknowledged: 'true' | 'false'; limit: number },
): Promise<IntegrationOrderRequestList> {
  const ack = q.includeAcknowledged === 'true' ? '' : ' AND r.acknowledged_at IS NULL';
  const rows = await db.query<Row>(`${SELECT} WHERE r.status = 'open'${ack} ORDER BY r.created_at, r.id LIMIT ${q.limit}`);
  return {
    requests: rows.map((r) => ({
      id: r.id, orderNo: r.order_no, customerNo: r.customer_no, customerExternalId: r.external_id, kind: r.kind,
      wantedDate: r.wanted_date, body: r.body, createdAt: iso(r.created_at), createdBy: r.created_by,
      acknowledgedAt: isoOrNull(r.acknowledged_at),
    })),
  };
}

export async function acknowledge(db: Db, ids: string[], keyId: string | null): Promise<{ acknowledged: number; already: number; unknown: string[] }> {
  const unique = [...new Set(ids)];
  return withWriteTransaction(db, async (tx) => {
    const rows = await tx.query<{ id: string; acknowledged_at: Timestamp | null }>(
      "SELECT id, acknowledged_at FROM order_requests WHERE id = ANY($1::uuid[]) AND status = 'open' FOR UPDATE", [unique]);
    const found = new Set(rows.map((r) => r.id));
    const fresh = rows.filter((r) => r.acknowledged_at === null).map((r) => r.id);
    if (fresh.length > 0) {
      await tx.query('UPDATE order_requests SET acknowledged_at = now(), acknowledged_key = $2 WHERE id = ANY($1::uuid[])', [fresh, keyId]);
    }
    return { acknowledged: fresh.length, already: rows.length - fresh.length, unknown: unique.filter((id) => !found.has(id)) };
  });
}
