// The outbox on a real SQLite cache, no server: the local effect and the outbox row are
// one transaction; results acknowledge, reject (and revert) and record conflicts once.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheStore } from '../../../src/main/core/cache/cache-store.js';
import { openCacheStore } from '../../../src/main/core/cache-tables.js';
import { createOutbox, type Outbox } from '../../../src/main/core/outbox/outbox.js';
import { type SessionUser } from '../../../src/shared/http.js';

const author: SessionUser = { id: randomUUID(), username: 'agent1', displayName: 'Agen Satu', role: 'agent' };
const customerId = randomUUID();
let dir: string;
let store: CacheStore;
let outbox: Outbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-outbox-local-'));
  store = openCacheStore(dir);
  outbox = createOutbox(store.db);
});
afterAll(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const count = (sql: string, ...params: unknown[]) => (store.db.prepare(sql).get(...params) as { n: number }).n;

describe('outbox on the cache', () => {
  it('writes the interaction and the outbox row together, attributed to the author', () => {
    const id = randomUUID();
    outbox.mutate('interaction.create', {
      id, customerId, channel: 'call_in', direction: 'inbound', startedAt: new Date().toISOString(),
      disposition: 'resolved', durationSec: 95,
    }, author);
    expect(count('SELECT count(*) AS n FROM interactions WHERE id = ? AND version = 0 AND agent_id = ?', id, author.id)).toBe(1);
    expect(outbox.nextBatch(author.id, 10).map((m) => m.name)).toEqual(['interaction.create']);
    expect(outbox.nextBatch(randomUUID(), 10)).toEqual([]);
  });

  it('writes neither when the local effect fails, and refuses bad args', () => {
    const before = outbox.pendingCount();
    expect(() => outbox.mutate('note.create', { id: randomUUID(), customerId, body: 'x', createdAt: new Date().toISOString() }, author, {
      applyLocally: () => { throw new Error('disk full'); },
    })).toThrow('disk full');
    // Wrong on purpose: the types refuse these too, but stored rows reach the outbox untyped.
    // @ts-expect-error -- missing id and createdAt
    expect(() => outbox.mutate('note.create', { customerId, body: '' }, author)).toThrow(/Invalid args/);
    // @ts-expect-error -- not a mutation name
    expect(() => outbox.mutate('no.such', {}, author)).toThrow(/Unknown mutation/);
    expect(outbox.pendingCount()).toBe(before);
  });

  it('keeps an unresolved caller\'s interaction in the outbox only', () => {
    const id = randomUUID();
    outbox.mutate('interaction.create', {
      id, customerId: null, phoneE164: '+6281900000001', channel: 'call_in', direction: 'inbound',
      startedAt: new Date().toISOString(), body: 'Penelepon belum dikenal',
    }, author);
    expect(count('SELECT count(*) AS n FROM interactions WHERE id = ?', id)).toBe(0);
    expect(outbox.nextBatch(author.id, 10).some((m) => (m.args as { id: string }).id === id)).toBe(true);
  });

  it('acknowledges, drops only after the pull reached the version, reverts rejections', () => {
    const noteId = randomUUID();
    const { id: okId } = outbox.mutate('note.create', { id: noteId, customerId, body: 'baik', createdAt: new Date().toISOString() }, author);
    const badNote = randomUUID();
    const { id: badId } = outbox.mutate('note.create', { id: badNote, customerId, body: 'ditolak', createdAt: new Date().toISOString() }, author);
    outbox.recordResults([
      { id: okId, status: 'applied', version: 50, conflicts: [], error: null },
      { id: badId, status: 'rejected', version: 50, conflicts: [], error: { code: 'NOT_FOUND', message: 'no customer' } },
    ]);
    expect(count('SELECT count(*) AS n FROM notes WHERE id = ?', badNote)).toBe(0);
    expect(outbox.dropConfirmed(49)).toBe(0);
    expect(outbox.dropConfirmed(50)).toBe(1);
    expect(outbox.entries(100).find((e) => e.id === badId)?.state).toBe('rejected');
  });

  it('keeps a refused change until its author re-queues it corrected (one transaction) or discards it', () => {
    const noteId = randomUUID();
    const { id } = outbox.mutate('note.create', { id: noteId, customerId, body: 'teks \u0000 rusak', createdAt: '2026-11-25T08:00:00.000Z' }, author);
    outbox.recordResults([{ id, status: 'rejected', version: 0, conflicts: [], error: { code: 'INVALID_INPUT', message: 'The database refused a value (22021): x' } }]);
    // The earlier test left one refused note too.
    const refusedBefore = outbox.refusedCount(author.id);
    expect(outbox.refused(author.id).find((e) => e.id === id)).toMatchObject({ name: 'note.create', reason: { code: 'INVALID_INPUT', message: 'The database refused a value (22021): x' } });
    expect(outbox.refused(randomUUID())).toEqual([]);
    expect(outbox.nextBatch(author.id, 100).map((m) => m.id)).not.toContain(id);

    // Bad corrections change nothing: the refused change stays, nothing new is queued.
    const pending = outbox.pendingCount();
    expect(() => outbox.requeueRefused(id, { id: noteId, customerId, body: '  ', createdAt: '2026-11-25T08:00:00.000Z' }, author)).toThrow(/Invalid args/);
    expect(() => outbox.requeueRefused(id, {}, { ...author, id: randomUUID() })).toThrow(/No refused change/);
    expect(outbox.refusedCount(author.id)).toBe(refusedBefore);
    expect(outbox.pendingCount()).toBe(pending);

    const { id: newId } = outbox.requeueRefused(id, { id: noteId, customerId, body: 'teks diperbaiki', createdAt: '2026-11-25T08:00:00.000Z' }, author);
    expect(newId).not.toBe(id);
    expect(outbox.refusedCount(author.id)).toBe(refusedBefore - 1);
    expect(outbox.nextBatch(author.id, 100).find((m) => m.id === newId)?.args).toMatchObject({ id: noteId, body: 'teks diperbaiki' });
    expect(count("SELECT count(*) AS n FROM notes WHERE id = ? AND body = 'teks diperbaiki' AND version = 0", noteId)).toBe(1);

    const { id: other } = outbox.mutate('note.create', { id: randomUUID(), customerId, body: 'dibuang', createdAt: new Date().toISOString() }, author);
    outbox.recordResults([{ id: other, status: 'rejected', version: 0, conflicts: [], error: { code: 'NOT_FOUND', message: 'gone' } }]);
    expect(outbox.discardRefused(other, randomUUID())).toBe(false);
    expect(outbox.discardRefused(other, author.id)).toBe(true);
    expect(outbox.entries(1000).map((e) => e.id)).not.toContain(other);
  });

  it('puts a refused customer edit back to what the agent saw', () => {
    const id = randomUUID();
    store.db.prepare(`INSERT INTO customers (id, customer_no, full_name, phones, emails, language, tier, vvip, billing, lifecycle, lifetime_value_idr, version, updated_at)
      VALUES (?, 'C09999999', 'Sinta', '[]', '[]', 'id', 'regular', 0, 'prepaid', 'customer', 0, 3, '2026-11-25T08:00:00.000Z')`).run(id);
    store.db.prepare("UPDATE customers SET city = 'Bandung' WHERE id = ?").run(id);
    const { id: m } = outbox.mutate('customer.update', { customerId: id, fields: { city: { from: 'Bandung', to: 'Jakarta' } } }, author);
    expect(store.db.prepare('SELECT city FROM customers WHERE id = ?').get(id)).toEqual({ city: 'Jakarta' });
    outbox.recordResults([{ id: m, status: 'rejected', version: 0, conflicts: [], error: { code: 'NOT_FOUND', message: 'gone' } }]);
    expect(store.db.prepare('SELECT city FROM customers WHERE id = ?').get(id)).toEqual({ city: 'Bandung' });
  });
});
