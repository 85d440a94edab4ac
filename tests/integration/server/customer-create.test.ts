// customer.create through the sync push on both engines: an unknown caller becomes a
// customer with a server-assigned number, is found by phone and by name, a wrap-up in the
// same push attaches to it, a replay creates nothing twice, and bad input is refused for
// good with a clear reason.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

interface PushAnswer { results: { id: string; status: string; error: { code: string; message: string } | null }[] }

forEachDatabase('customer.create mutation', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 20, seed: 7 } });

  const push = async (token: string, mutations: { name: string; args: unknown }[], clientId = randomUUID()) => {
    const body = {
      clientId,
      mutations: mutations.map((m) => ({ id: randomUUID(), baseVersions: {}, createdAt: new Date().toISOString(), ...m })),
    };
    const res = await s.current.api('/sync/push', { method: 'POST', token, body: JSON.stringify(body) });
    expect(res.status, res.text).toBe(200);
    return { answer: res.body as PushAnswer, body };
  };
  const args = (over: Record<string, unknown> = {}) => ({
    id: randomUUID(), salutation: 'Ibu', fullName: 'Sari Wulandari', phoneE164: '+6285799990001',
    email: 'sari@example.co.id', createdAt: new Date().toISOString(), ...over,
  });

  describe('an unknown caller becomes a customer', () => {
    it('assigns the next customer number, finds it by phone and name, and attaches the wrap-up pushed with it', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const [before] = await s.current.server.db.query<{ max: string }>('SELECT max(customer_no) AS max FROM customers');
      const a = args();
      const interactionId = randomUUID();
      const { answer } = await push(token, [
        { name: 'customer.create', args: a },
        {
          name: 'interaction.create', args: {
            id: interactionId, customerId: a.id, channel: 'call_in', direction: 'inbound',
            startedAt: new Date().toISOString(), disposition: 'resolved',
          },
        },
      ]);
      expect(answer.results.map((r) => r.status)).toEqual(['applied', 'applied']);

      const [row] = await s.current.server.db.query<{ customer_no: string; full_name: string; salutation: string; tier: string; emails: string[]; version: string }>(
        'SELECT customer_no, full_name, salutation, tier, emails, version FROM customers WHERE id = $1', [a.id]);
      expect(row?.customer_no).toMatch(/^C\d{8}$/);
      expect(row && before && row.customer_no > before.max).toBe(true);
      expect(row).toMatchObject({ full_name: 'Sari Wulandari', salutation: 'Ibu', tier: 'regular', emails: ['sari@example.co.id'] });
      expect(Number(row?.version)).toBeGreaterThan(0);

      const byPhone = await s.current.api('/customers/by-phone?phone=085799990001', { token });
      expect((byPhone.body as { customers: { id: string }[] }).customers.map((c) => c.id)).toEqual([a.id]);
      const byName = await s.current.api('/customers/search?q=wulandari', { token });
      expect((byName.body as { results: { id: string }[] }).results.map((c) => c.id)).toContain(a.id);
      const [interaction] = await s.current.server.db.query<{ customer_id: string }>('SELECT customer_id FROM interactions WHERE id = $1', [interactionId]);
      expect(interaction?.customer_id).toBe(a.id);
      // In the author's working set, so a working-set desktop pulls the server's row back.
      const [joined] = await s.current.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM working_sets WHERE customer_id = $1', [a.id]);
      expect(joined?.n).toBe(1);
    });

    it('creates nothing twice: a replayed push and a second client pushing the same row', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const a = args({ phoneE164: '+6285799990002', fullName: 'Joko Widodo', email: null, tier: 'silver' });
      const first = await push(token, [{ name: 'customer.create', args: a }]);
      const replay = await s.current.api('/sync/push', { method: 'POST', token, body: JSON.stringify(first.body) });
      expect((replay.body as PushAnswer).results[0]?.status).toBe('duplicate');
      const other = await push(token, [{ name: 'customer.create', args: a }]);
      expect(other.answer.results[0]?.status).toBe('applied');
      const rows = await s.current.server.db.query<{ n: number; tier: string }>(
        'SELECT count(*)::int AS n, min(tier) AS tier FROM customers WHERE id = $1', [a.id]);
      expect(rows[0]).toEqual({ n: 1, tier: 'silver' });
    });

    it('refuses a missing name, a bad phone and a bad e-mail for good, saying which', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const { answer } = await push(token, [
        { name: 'customer.create', args: args({ fullName: '   ' }) },
        { name: 'customer.create', args: args({ phoneE164: '081234' }) },
        { name: 'customer.create', args: args({ phoneE164: '+62123' }) },
        { name: 'customer.create', args: args({ email: 'not-an-email' }) },
        { name: 'customer.create', args: args({ salutation: 'Tuan' }) },
      ]);
      expect(answer.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
      expect(answer.results.every((r) => r.error?.code === 'INVALID_INPUT')).toBe(true);
      expect(answer.results[0]?.error?.message).toMatch(/fullName: name is required/);
      expect(answer.results[1]?.error?.message).toMatch(/phoneE164/);
      expect(answer.results[2]?.error?.message).toMatch(/phoneE164: not a valid phone number/);
      expect(answer.results[3]?.error?.message).toMatch(/email: not an e-mail address/);
      expect(answer.results[4]?.error?.message).toMatch(/salutation/);
      const [count] = await s.current.server.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM customers WHERE full_name = 'Sari Wulandari'");
      expect(count?.n).toBe(1);
    });
  });
});
