// Poison mutations on both engines: a batch holding mutations the server can never apply —
// a call-back due on a day that does not exist (pushed raw, past core's own check) and a
// note whose text PostgreSQL cannot store (a NUL character: zod lets it through, the
// database refuses it) — answers those two as rejected with their reason, applies the rest
// of the batch, and the next push is not blocked. Before, the database's refusal failed the
// whole push (500) and the desktop retried the same batch for ever.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

interface PushAnswer { results: { id: string; status: string; error: { code: string; message: string } | null }[] }

const BUDI_ID = '00000000-0000-4000-8000-000000000001';

forEachDatabase('poison mutations in a push', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 5, seed: 7 } });

  const mutation = (name: string, args: Record<string, unknown>) => ({
    id: randomUUID(), name, baseVersions: {}, createdAt: new Date().toISOString(), args,
  });
  const note = (body: string) => mutation('note.create', {
    id: randomUUID(), customerId: BUDI_ID, body, createdAt: new Date().toISOString(),
  });
  const push = async (token: string, clientId: string, mutations: ReturnType<typeof mutation>[]) => {
    const res = await s.current.api('/sync/push', { method: 'POST', token, body: JSON.stringify({ clientId, mutations }) });
    expect(res.status, res.text).toBe(200);
    return (res.body as PushAnswer).results;
  };
  const notesWithBody = async (bodies: string[]) => (await s.current.server.db.query<{ body: string }>(
    'SELECT body FROM notes WHERE body = ANY($1::text[]) ORDER BY body', [bodies])).map((r) => r.body);

  describe('a batch with poison mutations', () => {
    it('refuses each poison mutation with its reason and applies the others', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const clientId = randomUUID();
      const before = note('sebelum racun');
      const badCallback = mutation('callback.create', {
        id: randomUUID(), customerId: BUDI_ID, dueAt: '2026-13-45T10:00:00Z', note: 'telepon balik', createdAt: new Date().toISOString(),
      });
      const nul = note('teks dengan \u0000 di tengah');
      const after = note('sesudah racun');

      const results = await push(token, clientId, [before, badCallback, nul, after]);
      expect(results.map((r) => [r.id, r.status])).toEqual([
        [before.id, 'applied'], [badCallback.id, 'rejected'], [nul.id, 'rejected'], [after.id, 'applied'],
      ]);
      expect(results[1]?.error).toMatchObject({ code: 'INVALID_INPUT' });
      expect(results[1]?.error?.message).toContain('dueAt: month 13 does not exist');
      // The database's own refusal, SQLSTATE 22021, answered as the mutation's reason.
      expect(results[2]?.error).toMatchObject({ code: 'INVALID_INPUT' });
      expect(results[2]?.error?.message).toMatch(/^The database refused a value \(22021\)/);

      expect(await notesWithBody(['sebelum racun', 'sesudah racun'])).toEqual(['sebelum racun', 'sesudah racun']);
      const [callbacks] = await s.current.server.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM callbacks WHERE id = $1', [(badCallback.args as { id: string }).id]);
      expect(callbacks?.n).toBe(0);

      // The desktop's retry of the same batch (its answer was lost) gets the same answers,
      // and nothing is applied twice.
      const again = await push(token, clientId, [before, badCallback, nul, after]);
      expect(again.map((r) => r.status)).toEqual(['duplicate', 'rejected', 'rejected', 'duplicate']);
      expect(again[2]?.error).toEqual(results[2]?.error);
      expect(await notesWithBody(['sebelum racun', 'sesudah racun'])).toEqual(['sebelum racun', 'sesudah racun']);

      // The next push goes through.
      const next = note('push berikutnya');
      expect((await push(token, clientId, [next])).map((r) => r.status)).toEqual(['applied']);
      expect(await notesWithBody(['push berikutnya'])).toEqual(['push berikutnya']);
    });

    it('refuses a number the database column cannot hold, on its own', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const clientId = randomUUID();
      // A call lasting 3 000 000 000 s passes the schema (a non-negative integer) but not
      // PostgreSQL's int column (SQLSTATE 22003).
      const huge = mutation('interaction.create', {
        id: randomUUID(), customerId: BUDI_ID, channel: 'call_in', direction: 'inbound',
        startedAt: new Date().toISOString(), durationSec: 3_000_000_000,
      });
      const tail = note('setelah durasi raksasa');
      const results = await push(token, clientId, [huge, tail]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'applied']);
      expect(results[0]?.error).toMatchObject({ code: 'INVALID_INPUT' });
      expect(results[0]?.error?.message).toContain('(22003)');
      expect(await notesWithBody(['setelah durasi raksasa'])).toEqual(['setelah durasi raksasa']);
    });
  });
});
