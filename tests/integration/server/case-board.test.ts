// Case SLA per category × tier, the warning before breach, (re)assignment and the lead's case
// board, on both engines through the real HTTP API. The matrix: an admin replaces it (audited),
// a complaint for a Platinum customer is then due on its cell's working hours, a pair without a
// cell falls back to the priority table; bad matrices are refused naming the cell. The response
// target is met when the case first leaves `open`, once. The warning moment follows the server
// setting caseWarnPercent. Assignment: an agent hands on their own case (to a team queue, whose
// member takes it), never another agent's; a lead reassigns their teams' cases, not another
// team's; every assignment is an event in the timeline. The board: a lead's teams' cases,
// overdue first, filtered by team, category, tier and escalated; the test clock runs the SLA past.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { workingMinutesBetween, DEFAULT_SLA } from '../../../src/shared/replies/sla.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

// The server of this file runs with the test clock (POST /test/clock); read when it is built.
process.env.SAPA_TEST_CLOCK = '1';

interface PushAnswer { results: { id: string; status: string; error: { code: string; message: string } | null }[] }
interface BoardRow { id: string; caseNo: string; status: string; overdue: boolean; teamId: string | null; tier: string; category: string; escalationLevel: number; escalatedToName: string | null; escalatedAt: string | null; minutesLeft: number }
interface BoardPage { items: BoardRow[]; total: number; counts: Record<string, number>; now: string }

forEachDatabase('case SLA matrix, warning, assignment and board', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 20, seed: 11 } });
  const ids = new Map<string, string>();
  let teamA = '';
  let teamB = '';
  const tag = randomUUID().slice(0, 6);

  beforeAll(async () => {
    const db = s.current.server.db;
    for (const r of await db.query<{ id: string; username: string }>('SELECT id, username FROM users')) ids.set(r.username, r.id);
    // Team A is led by lead1 and holds agent1; team B (no lead of ours) holds agent2.
    teamA = randomUUID();
    teamB = randomUUID();
    await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3), ($4, $5, NULL)',
      [teamA, `Back office A ${tag}`, ids.get('lead1') ?? null, teamB, `Back office B ${tag}`]);
    await db.query('UPDATE users SET team_id = $1 WHERE username = $2', [teamA, 'agent1']);
    await db.query('UPDATE users SET team_id = $1 WHERE username = $2', [teamB, 'agent2']);
  });

  const push = async (token: string, mutations: { name: string; args: unknown }[]) => {
    const body = { clientId: randomUUID(), mutations: mutations.map((m) => ({ id: randomUUID(), baseVersions: {}, createdAt: new Date().toISOString(), ...m })) };
    const res = await s.current.api('/sync/push', { method: 'POST', token, body: JSON.stringify(body) });
    expect(res.status, res.text).toBe(200);
    return res.body as PushAnswer;
  };
  const customerOf = async (tier: string): Promise<string> => {
    const [row] = await s.current.server.db.query<{ id: string }>('SELECT id FROM customers WHERE tier = $1 ORDER BY customer_no LIMIT 1', [tier]);
    if (!row) throw new Error(`no ${tier} customer in the seed`);
    return row.id;
  };
  const file = async (token: string, over: Record<string, unknown> = {}) => {
    const a = {
      id: randomUUID(), eventId: randomUUID(), customerId: await customerOf('platinum'), category: 'complaint', subject: `Internet mati ${tag}`,
      description: '', priority: 'urgent', interactionId: null, createdAt: new Date().toISOString(), ...over,
    };
    const answer = await push(token, [{ name: 'case.create', args: a }]);
    expect(answer.results[0]?.status, JSON.stringify(answer.results[0])).toBe('applied');
    return a;
  };
  const row = async (id: string) => (await s.current.server.db.query<{
    case_no: string; opened_at: Date; sla_due_at: Date; response_due_at: Date; responded_at: Date | null; warn_at: Date;
    assignee_id: string | null; team_id: string | null;
  }>('SELECT case_no, opened_at, sla_due_at, response_due_at, responded_at, warn_at, assignee_id, team_id FROM cases WHERE id = $1', [id]))[0];
  const putMatrix = (token: string, body: unknown) => s.current.api('/admin/case-sla', { method: 'PUT', token, body: JSON.stringify(body) });
  const assign = (token: string, caseId: string, body: unknown) =>
    s.current.api(`/cases/${caseId}/assign`, { method: 'POST', token, body: JSON.stringify(body) });

  it('an admin replaces the matrix (audited); a case takes its category × tier cell, else the priority table', async () => {
    const admin = await s.current.login('admin1', 'admin1-pass');
    const agent = await s.current.login('agent1', 'agent1-pass');
    const saved = await putMatrix(admin, { targets: [
      { category: 'complaint', tier: 'platinum', responseHours: 0.5, resolutionHours: 2 },
      { category: 'billing', tier: 'platinum', responseHours: 3, resolutionHours: 30 },
    ] });
    expect(saved.status, saved.text).toBe(200);
    const read = await s.current.api('/admin/case-sla', { token: admin });
    expect(read.body).toMatchObject({
      targets: [
        { category: 'billing', tier: 'platinum', responseHours: 3, resolutionHours: 30 },
        { category: 'complaint', tier: 'platinum', responseHours: 0.5, resolutionHours: 2 },
      ],
      fallback: { resolution: { urgent: 4, high: 8, normal: 24, low: 40 }, response: { urgent: 1 } },
    });
    expect((read.body as { categories: string[] }).categories).toEqual(expect.arrayContaining(['billing', 'complaint', 'request', 'technical']));
    const [audited] = await s.current.server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action LIKE '%caseSla.save%'");
    expect(audited?.n).toBeGreaterThanOrEqual(1);

    const complaint = await file(agent);
    const k = await row(complaint.id);
    if (!k) throw new Error('no case');
    expect(workingMinutesBetween(k.opened_at, k.sla_due_at, DEFAULT_SLA)).toBe(120);
    expect(workingMinutesBetween(k.opened_at, k.response_due_at, DEFAULT_SLA)).toBe(30);
    // Filed by agent1: held by agent1, in agent1's team.
    expect(k).toMatchObject({ assignee_id: ids.get('agent1'), team_id: teamA, responded_at: null });

    // A Gold customer's complaint has no cell: the priority (high) gives 2 h response, 8 h resolution.
    const gold = await file(agent, { customerId: await customerOf('gold'), priority: 'high' });
    const g = await row(gold.id);
    if (!g) throw new Error('no case');
    expect(workingMinutesBetween(g.opened_at, g.sla_due_at, DEFAULT_SLA)).toBe(8 * 60);
    expect(workingMinutesBetween(g.opened_at, g.response_due_at, DEFAULT_SLA)).toBe(2 * 60);

    // The profile (and so the sync pull) carries the clocks.
    const profile = await s.current.api(`/customers/${complaint.customerId}/360`, { token: agent });
    const shown = (profile.body as { cases: { id: string; responseDueAt: string; warnAt: string; teamId: string }[] }).cases.find((c) => c.id === complaint.id);
    expect(shown).toMatchObject({ responseDueAt: k.response_due_at.toISOString(), warnAt: k.warn_at.toISOString(), teamId: teamA });
  });

  it('refuses a bad matrix naming the cell, and anyone but an admin', async () => {
    const admin = await s.current.login('admin1', 'admin1-pass');
    const cell = { category: 'complaint', tier: 'gold', responseHours: 1, resolutionHours: 4 };
    const cases: [unknown, RegExp][] = [
      [{ targets: [cell, cell] }, /complaint\/gold is listed twice/],
      [{ targets: [{ ...cell, responseHours: 5 }] }, /must not be longer than the resolution target/],
      [{ targets: [{ ...cell, resolutionHours: 0 }] }, /at least 0.25 working hours/],
      [{ targets: [{ ...cell, resolutionHours: 1e9 }] }, /at most 2000 working hours/],
      [{ targets: [{ ...cell, tier: 'diamond' }] }, /tier/],
      [{ targets: [{ ...cell, category: '<script>' }] }, /not a category code/],
      [{ targets: [{ ...cell, category: 'nosuchcategory' }] }, /nosuchcategory\W{0,3} is not a case category of an active queue/],
      [{ targets: Array.from({ length: 401 }, () => cell) }, /401|400|too_big|at most/i],
      [{ targets: [cell], extra: true }, /extra|Unrecognized/i],
      [{}, /targets/],
    ];
    for (const [body, reason] of cases) {
      const res = await putMatrix(admin, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.text).toMatch(reason);
    }
    const huge = await s.current.api('/admin/case-sla', { method: 'PUT', token: admin, body: `{"targets":[],"x":"${'x'.repeat(2 * 1024 * 1024)}"}` });
    expect(huge.status).toBe(413);
    const malformed = await s.current.api('/admin/case-sla', { method: 'PUT', token: admin, body: '{"targets": [' });
    expect(malformed.status).toBe(400);
    for (const who of ['lead1', 'agent1']) {
      const token = await s.current.login(who, `${who}-pass`);
      expect((await putMatrix(token, { targets: [] })).status).toBe(403);
      expect((await s.current.api('/admin/case-sla', { token })).status).toBe(403);
    }
    // Nothing of the refused saves stuck: the matrix of the first test is still there.
    const read = await s.current.api('/admin/case-sla', { token: admin });
    expect((read.body as { targets: unknown[] }).targets).toHaveLength(2);
  });

  it('meets the response target when the case first leaves open, once; markCaseResponded counts only the first', async () => {
    const agent = await s.current.login('agent1', 'agent1-pass');
    const a = await file(agent);
    const move = (from: string, to: string) => ({ name: 'case.setStatus', args: { caseId: a.id, eventId: randomUUID(), from, to, note: '', at: new Date().toISOString() } });
    await push(agent, [move('open', 'in_progress')]);
    const first = (await row(a.id))?.responded_at;
    expect(first).toBeInstanceOf(Date);
    await push(agent, [move('in_progress', 'waiting_customer'), move('waiting_customer', 'in_progress')]);
    expect((await row(a.id))?.responded_at?.getTime()).toBe(first?.getTime());
    const { markCaseResponded } = await import('../../../src/server/cases/sla.js');
    const b = await file(agent);
    expect(await markCaseResponded(s.current.server.db, b.id, new Date('2026-12-01T03:00:00Z'))).toBe(true);
    expect(await markCaseResponded(s.current.server.db, b.id)).toBe(false);
    expect((await row(b.id))?.responded_at?.toISOString()).toBe('2026-12-01T03:00:00.000Z');
  });

  it('warns in the last caseWarnPercent of the resolution target (a server setting, 20 % by default)', async () => {
    const admin = await s.current.login('admin1', 'admin1-pass');
    const agent = await s.current.login('agent1', 'agent1-pass');
    const settings = await s.current.api('/admin/settings', { token: admin });
    expect((settings.body as { values: { caseWarnPercent: number }; defaults: { caseWarnPercent: number } }).defaults.caseWarnPercent).toBe(20);
    const at20 = await row((await file(agent)).id);
    if (!at20) throw new Error('no case');
    // 2 working hours: warned from 96 working minutes in.
    expect(workingMinutesBetween(at20.opened_at, at20.warn_at, DEFAULT_SLA)).toBe(96);
    for (const bad of [0, 91, 12.5, 'x', -1]) {
      expect((await s.current.api('/admin/settings', { method: 'PUT', token: admin, body: JSON.stringify({ caseWarnPercent: bad }) })).status).toBe(400);
    }
    expect((await s.current.api('/admin/settings', { method: 'PUT', token: admin, body: JSON.stringify({ caseWarnPercent: 50 }) })).status).toBe(200);
    try {
      const at50 = await row((await file(agent)).id);
      if (!at50) throw new Error('no case');
      expect(workingMinutesBetween(at50.opened_at, at50.warn_at, DEFAULT_SLA)).toBe(60);
    } finally {
      await s.current.api('/admin/settings', { method: 'PUT', token: admin, body: JSON.stringify({ caseWarnPercent: null }) });
    }
  });

  it('assignment: an agent hands on their own case to a team queue; a member takes it; never another agent\'s case', async () => {
    const agent1 = await s.current.login('agent1', 'agent1-pass');
    const agent2 = await s.current.login('agent2', 'agent2-pass');
    const mine = await file(agent1);
    const theirs = await file(agent2);

    // agent1 may not reassign agent2's case, nor take it for themselves.
    for (const body of [{ assigneeId: ids.get('agent1') }, { teamId: teamA }]) {
      const res = await assign(agent1, theirs.id, body);
      expect(res.status).toBe(403);
      expect(res.text).toMatch(/assigned to someone else/);
    }
    // agent1 hands their own case to team B's queue: no assignee, an event in the timeline.
    const handed = await assign(agent1, mine.id, { teamId: teamB, note: 'Perlu cek tagihan di back office' });
    expect(handed.status, handed.text).toBe(200);
    expect(handed.body).toMatchObject({ assigneeId: null, teamId: teamB, changed: true });
    const k = await row(mine.id);
    expect(k).toMatchObject({ assignee_id: null, team_id: teamB });
    const [event] = await s.current.server.db.query<{ subject: string; body: string }>(
      "SELECT subject, body FROM interactions WHERE channel = 'case' AND subject LIKE $1", [`${k?.case_no} · %queue`]);
    expect(event).toEqual({ subject: `${k?.case_no} · ${mine.subject} · assigned to the Back office B ${tag} queue`, body: 'Perlu cek tagihan di back office' });
    // Once handed on, agent1 no longer holds it.
    expect((await assign(agent1, mine.id, { assigneeId: ids.get('agent1') })).status).toBe(403);

    // agent2 (team B) sees it in the team queue and takes it; giving it to someone else is not theirs to do.
    const queue = await s.current.api('/cases/team-queue', { token: agent2 });
    expect((queue.body as { items: { id: string }[] }).items.map((i) => i.id)).toContain(mine.id);
    const queue1 = await s.current.api('/cases/team-queue', { token: agent1 });
    expect((queue1.body as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(mine.id);
    expect((await assign(agent2, mine.id, { assigneeId: ids.get('lead1') })).status).toBe(403);
    const taken = await assign(agent2, mine.id, { assigneeId: ids.get('agent2') });
    expect(taken.status, taken.text).toBe(200);
    expect(await row(mine.id)).toMatchObject({ assignee_id: ids.get('agent2'), team_id: teamB });
    // The same assignment again changes nothing and writes no second event.
    expect((await assign(agent2, mine.id, { assigneeId: ids.get('agent2') })).body).toMatchObject({ changed: false });
    const [n] = await s.current.server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM interactions WHERE channel = 'case' AND subject LIKE $1", [`${k?.case_no} · % · assigned to Andi Pratama`]);
    expect(n?.n).toBe(1);
  });

  it('assignment: a lead reassigns their teams\' cases, not another team\'s; an admin any; bad input is refused', async () => {
    const agent1 = await s.current.login('agent1', 'agent1-pass');
    const agent2 = await s.current.login('agent2', 'agent2-pass');
    const lead = await s.current.login('lead1', 'lead1-pass');
    const admin = await s.current.login('admin1', 'admin1-pass');
    const teamACase = await file(agent1);
    const teamBCase = await file(agent2);

    const other = await assign(lead, teamBCase.id, { assigneeId: ids.get('agent1') });
    expect(other.status).toBe(403);
    expect(other.text).toMatch(/belongs to another team/);
    const ok = await assign(lead, teamACase.id, { assigneeId: ids.get('agent2') });
    expect(ok.status, ok.text).toBe(200);
    // Now held by agent2 (team B): no longer lead1's to move.
    expect((await assign(lead, teamACase.id, { assigneeId: ids.get('agent1') })).status).toBe(403);
    expect((await assign(admin, teamACase.id, { assigneeId: ids.get('agent1') })).status).toBe(200);

    const bad: [unknown, number, RegExp][] = [
      [{}, 400, /assigneeId/],
      [{ assigneeId: ids.get('agent1'), teamId: teamA }, 400, /not both/],
      [{ assigneeId: 'not-a-uuid' }, 400, /assigneeId/],
      [{ assigneeId: randomUUID() }, 400, /assigneeId: no user/],
      [{ teamId: randomUUID() }, 400, /teamId: no team/],
      [{ teamId: teamA, note: 'x'.repeat(2_001) }, 400, /note/],
      [{ teamId: teamA, color: 'red' }, 400, /color|Unrecognized/i],
    ];
    for (const [body, status, reason] of bad) {
      const res = await assign(admin, teamACase.id, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.text).toMatch(reason);
    }
    expect((await assign(admin, randomUUID(), { teamId: teamA })).status).toBe(404);
    expect((await s.current.api('/cases/not-a-uuid/assign', { method: 'POST', token: admin, body: JSON.stringify({ teamId: teamA }) })).status).toBe(400);
    expect((await s.current.api(`/cases/${teamACase.id}/assign`, { method: 'POST', body: JSON.stringify({ teamId: teamA }) })).status).toBe(401);
    // A disabled user cannot be given a case.
    await s.current.server.db.query("UPDATE users SET disabled_at = now() WHERE username = 'agent2'");
    try {
      const res = await assign(admin, teamACase.id, { assigneeId: ids.get('agent2') });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/disabled/);
    } finally {
      await s.current.server.db.query("UPDATE users SET disabled_at = NULL WHERE username = 'agent2'");
    }
  });

  it('the board: a lead sees their teams\' cases, overdue first, filtered; the test clock runs the SLA past and escalates', async () => {
    const agent1 = await s.current.login('agent1', 'agent1-pass');
    const agent2 = await s.current.login('agent2', 'agent2-pass');
    const lead = await s.current.login('lead1', 'lead1-pass');
    const admin = await s.current.login('admin1', 'admin1-pass');
    const board = async (token: string, query = '') => {
      const res = await s.current.api(`/lead/cases${query}`, { token });
      expect(res.status, res.text).toBe(200);
      return res.body as BoardPage;
    };
    const urgent = await file(agent1, { subject: `Board urgent ${tag}` });
    const billing = await file(agent1, { category: 'billing', priority: 'normal', customerId: await customerOf('silver'), subject: `Board billing ${tag}` });
    const elsewhere = await file(agent2, { subject: `Board elsewhere ${tag}` });

    const mine = await board(lead, `?teamId=${teamA}&limit=100`);
    const shown = mine.items.map((i) => i.id);
    expect(shown).toEqual(expect.arrayContaining([urgent.id, billing.id]));
    expect(shown).not.toContain(elsewhere.id);
    expect((await board(lead, `?teamId=${teamB}`)).items).toEqual([]);
    expect((await board(admin, `?teamId=${teamB}&limit=100`)).items.map((i) => i.id)).toContain(elsewhere.id);
    const filtered = await board(lead, `?teamId=${teamA}&category=billing&tier=silver&limit=100`);
    expect(filtered.items.map((i) => i.id)).toEqual([billing.id]);
    expect(filtered.total).toBe(1);
    expect(filtered.counts.active).toBe(1);

    // The test clock runs 30 days ahead: the urgent complaint is overdue and escalated to lead1.
    const before = (await board(lead, `?teamId=${teamA}&escalated=true&limit=100`)).items.map((i) => i.id);
    expect(before).not.toContain(urgent.id);
    expect((await s.current.api('/test/clock', { method: 'POST', token: lead, body: JSON.stringify({ offsetMs: 1 }) })).status).toBe(403);
    expect((await s.current.api('/test/clock', { method: 'POST', token: admin, body: JSON.stringify({ offsetMs: -5 }) })).status).toBe(400);
    const ran = await s.current.api('/test/clock', { method: 'POST', token: admin, body: JSON.stringify({ offsetMs: 30 * 86_400_000 }) });
    expect(ran.status, ran.text).toBe(200);
    expect((ran.body as { escalated: number }).escalated).toBeGreaterThanOrEqual(1);
    const escalated = await board(lead, `?teamId=${teamA}&escalated=true&limit=100`);
    const row1 = escalated.items.find((i) => i.id === urgent.id);
    expect(row1).toMatchObject({ overdue: true, escalationLevel: 1, escalatedToName: 'Dewi Lestari' });
    expect(row1?.escalatedAt).not.toBeNull();
    expect(row1?.minutesLeft).toBeLessThan(0);

    // Overdue first: a case resolved... and one not yet due sort below every overdue one.
    await s.current.server.db.query("UPDATE cases SET sla_due_at = now() + interval '400 days' WHERE id = $1", [billing.id]);
    const all = (await board(lead, `?teamId=${teamA}&limit=100`)).items;
    const firstNotOverdue = all.findIndex((i) => !i.overdue);
    expect(firstNotOverdue).toBeGreaterThan(0);
    expect(all.slice(firstNotOverdue).every((i) => !i.overdue)).toBe(true);
    expect(all.findIndex((i) => i.id === billing.id)).toBeGreaterThanOrEqual(firstNotOverdue);

    // Paged; by status.
    const page1 = await board(lead, `?teamId=${teamA}&limit=1`);
    const page2 = await board(lead, `?teamId=${teamA}&limit=1&offset=1`);
    expect(page1.items).toHaveLength(1);
    expect(page2.items[0]?.id).not.toBe(page1.items[0]?.id);
    const closed = (await board(lead, `?teamId=${teamA}&status=closed&limit=100`)).items;
    expect(closed.every((i) => i.status === 'closed')).toBe(true);
    expect(closed.map((i) => i.id)).not.toContain(urgent.id);

    // Wrong role and bad filters.
    expect((await s.current.api('/lead/cases', { token: agent1 })).status).toBe(403);
    expect((await s.current.api('/lead/cases/options', { token: agent1 })).status).toBe(403);
    for (const q of ['?status=lost', '?tier=diamond', '?teamId=nope', '?limit=0', '?limit=101', '?category=%3Cscript%3E', '?offset=-1', '?color=red']) {
      expect((await s.current.api(`/lead/cases${q}`, { token: lead })).status, q).toBe(400);
    }
    const options = await s.current.api('/lead/cases/options', { token: lead });
    expect((options.body as { teams: { id: string }[] }).teams.map((t) => t.id)).toEqual([teamA]);
  });
});
