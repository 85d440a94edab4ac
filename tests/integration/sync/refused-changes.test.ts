// Refused changes with the real core and server on PostgreSQL: a note and a call-back the
// server's database cannot store (a NUL character in the text, which the desktop's SQLite
// keeps but PostgreSQL refuses) are refused; the outbox goes on with the changes behind
// them; the refused changes are listed with their reason, rolled back locally, and can be
// fixed (sent again corrected, they land) or discarded (gone for good).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDI_ID, createSyncWorld, waitFor, type Desktop, type SyncWorld } from './harness.js';

let world: SyncWorld;
let a: Desktop;

beforeAll(async () => {
  world = await createSyncWorld();
  const server = await world.startServerInstance();
  a = await world.newDesktop([server.url], { syncIntervalSeconds: 3600 });
  await a.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  await waitFor('idle', () => a.core.call('sync.status', {}).then((s) => s.state === 'idle'));
});

afterAll(async () => world?.close());

const serverNotes = async (body: string) => (await world.servers[0]!.db.query<{ id: string }>(
  'SELECT id::text AS id FROM notes WHERE body = $1', [body])).map((r) => r.id);
const refused = async () => (await a.core.call('sync.refused', {})).changes;

describe('refused changes', () => {
  it('are listed with their reason while the changes behind them land', async () => {
    const poison = await a.core.call('notes.create', { customerId: BUDI_ID, body: 'racun \u0000 di catatan' });
    const badCallback = await a.core.call('callbacks.create', {
      customerId: BUDI_ID, dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: 'telepon \u0000 balik',
    });
    const behind = await a.core.call('notes.create', { customerId: BUDI_ID, body: 'catatan di belakang racun' });

    await waitFor('two refused', async () => (await refused()).length === 2);
    expect(await serverNotes('catatan di belakang racun')).toEqual([behind.id]);
    const changes = await refused();
    expect(changes.map((c) => [c.name, c.customerId, c.customerName])).toEqual([
      ['note.create', BUDI_ID, 'Budi Santoso'], ['callback.create', BUDI_ID, 'Budi Santoso'],
    ]);
    expect(changes[0]?.reason.code).toBe('INVALID_INPUT');
    expect(changes[0]?.reason.message).toContain('22021');
    expect(changes[0]?.fields).toEqual({ body: 'racun \u0000 di catatan' });
    expect(changes[1]?.fields).toMatchObject({ note: 'telepon \u0000 balik', dueAt: badCallback.dueAt });

    const status = await a.core.call('sync.status', {});
    expect(status).toMatchObject({ refused: 2, pending: 0 });
    // Rolled back locally: the timeline shows only what the server holds or will hold.
    const { notes } = await a.core.call('notes.list', { customerId: BUDI_ID });
    expect(notes.map((n) => n.id)).not.toContain(poison.id);
    expect(notes.map((n) => n.id)).toContain(behind.id);
    const { callbacks } = await a.core.call('callbacks.list', { customerId: BUDI_ID });
    expect(callbacks.map((c) => c.id)).not.toContain(badCallback.id);
  });

  it('the outbox goes on: a later change lands', async () => {
    const later = await a.core.call('notes.create', { customerId: BUDI_ID, body: 'catatan sesudahnya' });
    await waitFor('later note on the server', async () => (await serverNotes('catatan sesudahnya')).length === 1);
    expect(await serverNotes('catatan sesudahnya')).toEqual([later.id]);
    expect((await refused()).length).toBe(2);
  });

  it('Fix sends a call-back again with its note and time corrected, and it lands', async () => {
    const change = (await refused()).find((c) => c.name === 'callback.create')!;
    const dueAt = '2026-12-24T10:30:00+07:00';
    await expect(a.core.call('sync.fixRefused', { id: change.id, fields: { body: 'no such field here' } }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(a.core.call('sync.fixRefused', { id: change.id, fields: { dueAt: '2026-02-30T10:00:00Z' } }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await a.core.call('sync.fixRefused', { id: change.id, fields: { note: 'telepon balik (diperbaiki)', dueAt } });
    expect((await refused()).map((c) => c.id)).not.toContain(change.id);
    const rows = await waitFor('fixed call-back on the server', async () => {
      const r = await world.servers[0]!.db.query<{ due_at: Date; customer_id: string }>(
        'SELECT due_at, customer_id::text AS customer_id FROM callbacks WHERE note = $1', ['telepon balik (diperbaiki)']);
      return r.length === 1 ? r : undefined;
    });
    expect(rows[0]?.customer_id).toBe(BUDI_ID);
    expect(rows[0]?.due_at.toISOString()).toBe('2026-12-24T03:30:00.000Z');
    await waitFor('fixed call-back pulled back', async () => (await a.core.call('callbacks.list', { customerId: BUDI_ID }))
      .callbacks.find((c) => c.note === 'telepon balik (diperbaiki)' && c.version > 0));
  });

  it('Discard drops a refused note for good', async () => {
    const change = (await refused()).find((c) => c.name === 'note.create')!;
    expect(await a.core.call('sync.discardRefused', { id: change.id })).toEqual({ ok: true });
    expect(await refused()).toEqual([]);
    expect(await a.core.call('sync.discardRefused', { id: change.id })).toEqual({ ok: false });
    await expect(a.core.call('sync.fixRefused', { id: change.id, fields: { body: 'terlambat' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const diagnostics = await a.core.call('sync.diagnostics', {});
    expect(diagnostics.outbox.map((e) => e.id)).not.toContain(change.id);
    expect(diagnostics.status.refused).toBe(0);
    await a.core.call('sync.now', {});
    expect((await a.core.call('notes.list', { customerId: BUDI_ID })).notes.map((n) => n.body)).not.toContain('racun \u0000 di catatan');
  });
});
