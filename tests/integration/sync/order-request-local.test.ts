// order.request on a real SQLite cache, no server: the timeline event (channel 'order',
// version 0) and the outbox row are written together; a refusal by the server takes the
// event out again; the orders of the cache carry their expected date (cache 0007).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheStore } from '../../../src/main/core/cache/cache-store.js';
import { orderFromRow, orderParams, type OrderRow } from '../../../src/main/core/cache/rows.js';
import { openCacheStore } from '../../../src/main/core/cache-tables.js';
import { createOutbox, type Outbox } from '../../../src/main/core/outbox/outbox.js';
import { type SessionUser } from '../../../src/shared/http.js';
import { type Order } from '../../../src/shared/domain.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

const author: SessionUser = { id: randomUUID(), username: 'agent1', displayName: 'Agen Satu', role: 'agent' };
const customerId = randomUUID();
const order: Order = {
  id: randomUUID(), orderNo: 'ORD-L-1', customerId, product: 'Fiber 100 Mbps', amountIdr: 450_000, status: 'provisioning',
  placedAt: '2026-11-29T03:00:00.000Z', statusHistory: [{ status: 'received', at: '2026-11-29T03:00:00.000Z' }, { status: 'provisioning', at: '2026-12-02T03:00:00.000Z' }],
  expectedAt: '2026-12-06T05:00:00.000Z', version: 7,
};
let dir: string;
let store: CacheStore;
let outbox: Outbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-order-request-'));
  store = openCacheStore(dir, desktopKeyFor(dir));
  outbox = createOutbox(store.db);
  store.db.prepare(
    `INSERT INTO orders (id, order_no, customer_id, product, amount_idr, status, placed_at, status_history, expected_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...orderParams(order));
});
afterAll(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const event = (id: string) => store.db.prepare<[string], { channel: string; subject: string; body: string | null; version: number }>(
  'SELECT channel, subject, body, version FROM interactions WHERE id = ?').get(id);

describe('order.request on the cache', () => {
  it('keeps the order with its expected date and history', () => {
    const row = store.db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id = ?').get(order.id);
    expect(row && orderFromRow(row)).toEqual(order);
  });

  it('shows the request in the timeline at once, with the outbox row; a refusal takes it out', () => {
    const eventId = randomUUID();
    const { id } = outbox.mutate('order.request', {
      id: randomUUID(), eventId, orderId: order.id, customerId, kind: 'reschedule', wantedDate: '2026-12-12',
      body: 'Sabtu pagi', createdAt: new Date().toISOString(),
    }, author);
    expect(event(eventId)).toEqual({ channel: 'order', subject: 'ORD-L-1 · reschedule to 2026-12-12', body: 'Sabtu pagi', version: 0 });
    expect(outbox.nextBatch(author.id, 10).map((m) => m.name)).toContain('order.request');
    outbox.recordResults([{ id, status: 'rejected', version: 1, conflicts: [], error: { code: 'CONFLICT', message: 'Order ORD-L-1 is cancelled' } }]);
    expect(event(eventId)).toBeUndefined();
  });

  it('refuses bad args before anything is written, naming the field', () => {
    const before = outbox.pendingCount();
    const base = { id: randomUUID(), eventId: randomUUID(), orderId: order.id, customerId, createdAt: new Date().toISOString() };
    const issues = (args: Record<string, unknown>): string => {
      try {
        outbox.mutate('order.request', { ...base, ...args } as never, author);
      } catch (e) {
        return JSON.stringify((e as { details?: unknown }).details);
      }
      return 'accepted';
    };
    expect(issues({ kind: 'reschedule' })).toMatch(/wantedDate.*a reschedule needs the wanted date/);
    expect(issues({ kind: 'other', body: '  ' })).toMatch(/body.*say what the customer asks for/);
    expect(issues({ kind: 'note', body: 'x'.repeat(2001) })).toMatch(/body.*longer than 2000/);
    expect(outbox.pendingCount()).toBe(before);
  });
});
