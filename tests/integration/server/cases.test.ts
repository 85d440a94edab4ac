// case.create through the sync push on both engines: a complaint filed for a customer is
// numbered by the server, due on the office calendar, linked to its call, written to the
// customer's timeline and counted on the profile; a replay or a second push of the same case
// files it once; bad input (empty, huge, unknown category, another customer's case id) is
// refused for good with a reason; script and unicode text are stored as text.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

interface PushAnswer { results: { id: string; status: string; error: { code: string; message: string } | null }[] }
interface Profile { complaintsLast90Days: number; cases: { id: string; caseNo: string; category: string; status: string; slaDueAt: string; openedAt: string }[] }

forEachDatabase('case.create mutation', (engine) => {
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
  const platinum = async (): Promise<string> => {
    const [row] = await s.current.server.db.query<{ id: string }>("SELECT id FROM customers WHERE tier = 'platinum' ORDER BY customer_no LIMIT 1");
    if (!row) throw new Error('the demo seed has no platinum customer');
    return row.id;
  };
  const args = (customerId: string, over: Record<string, unknown> = {}) => ({
    id: randomUUID(), eventId: randomUUID(), customerId, category: 'complaint', subject: 'Internet mati tiga hari',
    description: 'Pelanggan kecewa, sudah lapor dua kali.', priority: 'urgent', interactionId: randomUUID(),
    createdAt: new Date().toISOString(), ...over,
  });
  const profile = async (token: string, customerId: string): Promise<Profile> => {
    const res = await s.current.api(`/customers/${customerId}/360`, { token });
    expect(res.status, res.text).toBe(200);
    return res.body as Profile;
  };

  it('files a complaint: numbered, due in working hours, linked to its call, in the timeline, counted on the profile', async () => {
    const token = await s.current.login('agent1', 'agent1-pass');
    const customerId = await platinum();
    const before = await profile(token, customerId);
    const a = args(customerId);
    const { answer } = await push(token, [{ name: 'case.create', args: a }]);
    expect(answer.results.map((r) => r.status)).toEqual(['applied']);

    const [row] = await s.current.server.db.query<{ case_no: string; status: string; interaction_id: string; assignee_id: string; description: string; opened_at: Date; sla_due_at: Date }>(
      'SELECT case_no, status, interaction_id, assignee_id, description, opened_at, sla_due_at FROM cases WHERE id = $1', [a.id]);
    expect(row?.case_no).toMatch(/^K-\d{7}$/);
    expect(row).toMatchObject({ status: 'open', interaction_id: a.interactionId, description: a.description });
    const [agent] = await s.current.server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'agent1'");
    expect(row?.assignee_id).toBe(agent?.id);
    // Four working hours (urgent) on the office calendar: at least four clock hours later.
    expect((row?.sla_due_at.getTime() ?? 0) - (row?.opened_at.getTime() ?? 0)).toBeGreaterThanOrEqual(4 * 3_600_000);

    const [event] = await s.current.server.db.query<{ channel: string; subject: string; body: string; customer_id: string }>(
      'SELECT channel, subject, body, customer_id FROM interactions WHERE id = $1', [a.eventId]);
    expect(event).toEqual({ channel: 'case', subject: `${row?.case_no} · ${a.subject}`, body: a.description, customer_id: customerId });

    const after = await profile(token, customerId);
    expect(after.complaintsLast90Days).toBe(before.complaintsLast90Days + 1);
    expect(after.cases.find((c) => c.id === a.id)).toMatchObject({ caseNo: row?.case_no, category: 'complaint', status: 'open' });
  });

  it('files a case once: a replayed push, and the same case pushed again by another client id', async () => {
    const token = await s.current.login('agent1', 'agent1-pass');
    const a = args(await platinum(), { category: 'billing', priority: 'high' });
    const first = await push(token, [{ name: 'case.create', args: a }]);
    const replay = await s.current.api('/sync/push', { method: 'POST', token, body: JSON.stringify(first.body) });
    expect((replay.body as PushAnswer).results[0]?.status).toBe('duplicate');
    const other = await push(token, [{ name: 'case.create', args: a }]);
    expect(other.answer.results[0]?.status).toBe('applied');
    const [n] = await s.current.server.db.query<{ cases: number; events: number }>(
      `SELECT (SELECT count(*) FROM cases WHERE id = $1)::int AS cases,
              (SELECT count(*) FROM interactions WHERE id = $2)::int AS events`, [a.id, a.eventId]);
    expect(n).toEqual({ cases: 1, events: 1 });
  });

  it('refuses bad input for good, saying which field and why', async () => {
    const token = await s.current.login('agent1', 'agent1-pass');
    const customerId = await platinum();
    const taken = args(customerId);
    await push(token, [{ name: 'case.create', args: taken }]);
    const [otherCustomer] = await s.current.server.db.query<{ id: string }>('SELECT id FROM customers WHERE id <> $1 LIMIT 1', [customerId]);
    const bad = [
      { name: 'case.create', args: args(customerId, { subject: '   ' }) },
      { name: 'case.create', args: args(customerId, { subject: 'x'.repeat(201) }) },
      { name: 'case.create', args: args(customerId, { description: 'x'.repeat(10_001) }) },
      { name: 'case.create', args: args(customerId, { category: 'Not A Code' }) },
      { name: 'case.create', args: args(customerId, { category: 'nosuchcategory' }) },
      { name: 'case.create', args: args(customerId, { priority: 'whenever' }) },
      { name: 'case.create', args: args(randomUUID()) },
      { name: 'case.create', args: { ...args(otherCustomer?.id ?? ''), id: taken.id } },
      { name: 'case.create', args: { ...args(customerId), status: 'closed' } },
    ];
    const { answer } = await push(token, bad);
    expect(answer.results.map((r) => r.status)).toEqual(Array(9).fill('rejected'));
    expect(answer.results.map((r) => r.error?.code)).toEqual([
      'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT',
    ]);
    const messages = answer.results.map((r) => r.error?.message ?? '');
    expect(messages[0]).toMatch(/subject: subject is required/);
    expect(messages[1]).toMatch(/subject: subject is longer than 200 characters/);
    expect(messages[2]).toMatch(/description: description is longer than 10000 characters/);
    expect(messages[3]).toMatch(/category: not a category code/);
    expect(messages[4]).toMatch(/"nosuchcategory" is not a case category of an active queue/);
    expect(messages[5]).toMatch(/priority/);
    expect(messages[7]).toMatch(/belongs to another customer/);
    expect(messages[8]).toMatch(/status/);
    const ids = bad.map((m) => (m.args as { id: string }).id);
    const [n] = await s.current.server.db.query<{ n: number; customer_id: string }>(
      'SELECT count(*)::int AS n, min(customer_id::text) AS customer_id FROM cases WHERE id = ANY($1::uuid[])', [ids]);
    // Only the case filed first under the reused id, unchanged.
    expect(n).toEqual({ n: 1, customer_id: customerId });
  });

  it('keeps unicode and markup as plain text', async () => {
    const token = await s.current.login('agent1', 'agent1-pass');
    const a = args(await platinum(), {
      subject: '<script>alert(1)</script> Tagihan ganda 💸 — ñ 漢字',
      description: "'; DROP TABLE cases; -- <img src=x onerror=alert(1)>",
    });
    const { answer } = await push(token, [{ name: 'case.create', args: a }]);
    expect(answer.results[0]?.status).toBe('applied');
    const [row] = await s.current.server.db.query<{ subject: string; description: string }>('SELECT subject, description FROM cases WHERE id = $1', [a.id]);
    expect(row).toEqual({ subject: a.subject, description: a.description });
  });

  it('answers the category tree from the active queues, to any signed-in role', async () => {
    await s.current.server.db.query("UPDATE queues SET active = false WHERE code = 'network'");
    try {
      const token = await s.current.login('agent1', 'agent1-pass');
      const res = await s.current.api('/cases/categories', { token });
      expect(res.status).toBe(200);
      const groups = (res.body as { groups: { queue: string; categories: string[] }[] }).groups;
      expect(groups.map((g) => g.queue).sort()).toEqual(['billing', 'general', 'vip']);
      expect(groups.find((g) => g.queue === 'vip')?.categories).toEqual(['complaint']);
      expect((await s.current.api('/cases/categories', {})).status).toBe(401);
    } finally {
      await s.current.server.db.query("UPDATE queues SET active = true WHERE code = 'network'");
    }
  });

  describe('case.setStatus', () => {
    const status = (caseId: string, from: string, to: string, over: Record<string, unknown> = {}) => ({
      name: 'case.setStatus', args: { caseId, eventId: randomUUID(), from, to, note: '', at: new Date().toISOString(), ...over },
    });
    const fileOne = async (token: string) => {
      const a = args(await platinum(), { category: 'request', priority: 'normal' });
      await push(token, [{ name: 'case.create', args: a }]);
      return a;
    };

    it('works a case through its statuses, each move an event in the timeline, and reopens it within the window', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const a = await fileOne(token);
      const { answer } = await push(token, [
        status(a.id, 'open', 'in_progress'),
        status(a.id, 'in_progress', 'waiting_customer', { note: 'Menunggu foto modem dari pelanggan' }),
        status(a.id, 'waiting_customer', 'resolved'),
        status(a.id, 'resolved', 'in_progress'),
        status(a.id, 'in_progress', 'resolved'),
        status(a.id, 'resolved', 'closed'),
      ]);
      expect(answer.results.map((r) => r.status)).toEqual(Array(6).fill('applied'));
      const [row] = await s.current.server.db.query<{ status: string; resolved_at: Date | null }>('SELECT status, resolved_at FROM cases WHERE id = $1', [a.id]);
      expect(row?.status).toBe('closed');
      expect(row?.resolved_at).not.toBeNull();
      const events = await s.current.server.db.query<{ subject: string; body: string | null }>(
        "SELECT subject, body FROM interactions WHERE channel = 'case' AND subject LIKE $1 ORDER BY started_at, subject", [`%${a.subject} · %`]);
      expect(events.map((e) => e.subject.split(' · ').pop())).toEqual(expect.arrayContaining([
        'open → in_progress', 'in_progress → waiting_customer', 'waiting_customer → resolved', 'resolved → in_progress', 'resolved → closed',
      ]));
      expect(events.find((e) => e.subject.endsWith('in_progress → waiting_customer'))?.body).toBe('Menunggu foto modem dari pelanggan');
    });

    it('refuses a move the status does not allow, a reopen past the window, another agent\'s case; a lead may move it', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const other = await s.current.login('agent2', 'agent2-pass');
      const lead = await s.current.login('lead1', 'lead1-pass');
      const a = await fileOne(token);
      const old = await fileOne(token);
      await push(token, [status(old.id, 'open', 'resolved')]);
      await s.current.server.db.query("UPDATE cases SET resolved_at = now() - interval '15 days' WHERE id = $1", [old.id]);
      const mine = await push(token, [
        status(a.id, 'open', 'closed'),
        status(old.id, 'resolved', 'in_progress'),
        status(randomUUID(), 'open', 'in_progress'),
        status(a.id, 'open', 'on_hold'),
        status(a.id, 'open', 'in_progress', { note: 'x'.repeat(2_001) }),
      ]);
      expect(mine.answer.results.map((r) => r.error?.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'NOT_FOUND', 'INVALID_INPUT', 'INVALID_INPUT']);
      expect(mine.answer.results[0]?.error?.message).toMatch(/a case that is open cannot become closed/);
      expect(mine.answer.results[1]?.error?.message).toMatch(/resolved more than 14 days ago: open a new case/);
      expect(mine.answer.results[4]?.error?.message).toMatch(/note is longer than 2000 characters/);

      const theirs = await push(other, [status(a.id, 'open', 'in_progress')]);
      expect(theirs.answer.results[0]?.status).toBe('rejected');
      expect(theirs.answer.results[0]?.error).toMatchObject({ code: 'FORBIDDEN' });
      expect(theirs.answer.results[0]?.error?.message).toMatch(/assigned to someone else/);
      const byLead = await push(lead, [status(a.id, 'open', 'in_progress')]);
      expect(byLead.answer.results[0]?.status).toBe('applied');
      const [row] = await s.current.server.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [a.id]);
      expect(row?.status).toBe('in_progress');
    });
  });

  describe('escalation on breach', () => {
    const status = (caseId: string, from: string, to: string) => ({
      name: 'case.setStatus', args: { caseId, eventId: randomUUID(), from, to, note: '', at: new Date().toISOString() },
    });
    it('escalates a case past its due time to the team lead, then the next level, once each, in the timeline', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const db = s.current.server.db;
      const [lead] = await db.query<{ id: string }>("SELECT id FROM users WHERE username = 'lead1'");
      const [team] = await db.query<{ id: string }>(
        "INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3) RETURNING id", [randomUUID(), `Cases ${randomUUID().slice(0, 8)}`, lead?.id ?? null]);
      await db.query("UPDATE users SET team_id = $1 WHERE username = 'agent1'", [team?.id ?? null]);
      const a = args(await platinum());
      await push(token, [{ name: 'case.create', args: a }]);
      const [k] = await db.query<{ sla_due_at: Date; case_no: string }>('SELECT sla_due_at, case_no FROM cases WHERE id = $1', [a.id]);
      const due = k?.sla_due_at.getTime() ?? 0;
      const level = async () => (await db.query<{ escalation_level: number; escalated_to: string | null }>(
        'SELECT escalation_level, escalated_to FROM cases WHERE id = $1', [a.id]))[0];
      const { sweepCaseEscalations, ESCALATE_AGAIN_MS } = await import('../../../src/server/cases/escalation.js');

      await sweepCaseEscalations(db, new Date(due - 60_000));
      expect(await level()).toEqual({ escalation_level: 0, escalated_to: null });
      await sweepCaseEscalations(db, new Date(due + 1_000));
      await sweepCaseEscalations(db, new Date(due + 2_000));
      expect(await level()).toEqual({ escalation_level: 1, escalated_to: lead?.id });
      await sweepCaseEscalations(db, new Date(due + ESCALATE_AGAIN_MS + 1_000));
      const [admin] = await db.query<{ id: string }>("SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY username LIMIT 1");
      expect(await level()).toEqual({ escalation_level: 2, escalated_to: admin?.id });
      const events = await db.query<{ subject: string; body: string }>(
        "SELECT subject, body FROM interactions WHERE channel = 'case' AND subject LIKE $1 ORDER BY started_at", [`${k?.case_no} · %SLA breached%`]);
      expect(events.map((e) => e.subject.split(' · ').pop())).toEqual([
        'SLA breached: escalated to the team lead', 'SLA breached: escalated to the next level',
      ]);
      expect(events[0]?.body).toBe('Escalated to Dewi Lestari');

      // A resolved case is not escalated.
      const b = args(await platinum());
      await push(token, [{ name: 'case.create', args: b }, status(b.id, 'open', 'resolved')]);
      await sweepCaseEscalations(db, new Date(Date.now() + 30 * 86_400_000));
      const [rb] = await db.query<{ escalation_level: number }>('SELECT escalation_level FROM cases WHERE id = $1', [b.id]);
      expect(rb?.escalation_level).toBe(0);
      await db.query('UPDATE users SET team_id = NULL WHERE username = \'agent1\'');
    });
  });
});
