// The lead's live floor through the real server, on PostgreSQL and PGlite, with a clock the
// test moves: today's service level and abandonment from cc_events exactly as docs/reports.md
// defines them (20 s target, abandons under 5 s left out, yesterday not counted), what waits
// now, agents by team with their state and current customer, who sees whom (a lead their
// teams, an admin all, an agent refused), and the "floor changed" push on the lead's socket.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { contactCenterOf } from '../../../src/server/app.js';
import { type ContactCenter } from '../../../src/server/contact-center/contact-center.js';
import { routeAll } from '../../../src/server/contact-center/router-step.js';
import { LIVE_PATH } from '../../../src/server/live/live-hub.js';
import { dayStart } from '../../../src/server/floor/snapshot.js';
import { type FloorSnapshot } from '../../../src/shared/floor.js';
import { forEachDatabase } from '../helpers/databases.js';
import { addAgent, addCustomer, testClock, type TestAgent } from '../helpers/contact-center.js';
import { useTestServer } from '../helpers/server.js';

describe('dayStart', () => {
  it('is local midnight in Asia/Jakarta (UTC+7)', () => {
    expect(dayStart(new Date('2026-12-02T16:59:59Z')).toISOString()).toBe('2026-12-01T17:00:00.000Z');
    expect(dayStart(new Date('2026-12-02T17:00:00Z')).toISOString()).toBe('2026-12-02T17:00:00.000Z');
  });
});

// 23:50 in Jakarta: Yogyakarta is on duty (site_schedule), and midnight comes in 10 minutes.
const clock = testClock(new Date('2026-12-02T16:50:00Z'));
const HOUR = 3_600_000;

forEachDatabase('live floor', (engine) => {
  const t = useTestServer(engine, {
    contactCenter: { clock: clock.now, routeEveryMs: HOUR, reconcileEveryMs: HOUR, presenceTimeoutSec: 3600 },
  });
  let cc: ContactCenter;
  const db = () => t.current.server.db;
  const as = async <T>(a: TestAgent, method: string, path: string, body?: unknown) => {
    const res = await t.current.api(path, { method, token: a.token, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: res.body as T };
  };
  const snapshot = async (a: TestAgent) => {
    const res = await as<FloorSnapshot>(a, 'GET', '/floor/snapshot');
    expect(res.status).toBe(200);
    return res.body;
  };
  const ready = (a: TestAgent) => as(a, 'PUT', '/cc/agents/me/state', { state: 'ready' });
  const phoneUp = (a: TestAgent) => as(a, 'PUT', '/agents/me/status', { status: 'available' });

  let q: string;
  const hotline = String(1_500_000 + Math.floor(Math.random() * 400_000));
  let leadA: TestAgent; let leadB: TestAgent; let admin: TestAgent;
  let a1: TestAgent; let a2: TestAgent; let b1: TestAgent;
  let vvipCustomer: string;
  const call = (caller = '+6281300000009') => {
    const sipCallId = `floor-${randomUUID()}`;
    return { sipCallId, arrive: () => cc.calls.arrive({ sipCallId, callerNumber: caller, dialledNumber: hotline, siteCode: 'yogyakarta', trusted: true }) };
  };

  beforeAll(async () => {
    cc = contactCenterOf(t.current.server.app);
    q = `fl${randomUUID().slice(0, 8)}`;
    await db().query("INSERT INTO queues (code, label_id, label_en, hotline_numbers) VALUES ($1, 'Lantai', 'Floor', $2::text[])", [q, [hotline]]);
    leadA = await addAgent(db(), { queues: [], role: 'lead', extension: false });
    leadB = await addAgent(db(), { queues: [], role: 'lead', extension: false });
    admin = await addAgent(db(), { queues: [], role: 'admin', extension: false });
    a1 = await addAgent(db(), { queues: [q] });
    a2 = await addAgent(db(), { queues: [q] });
    b1 = await addAgent(db(), { queues: [q] });
    const teamA = randomUUID(); const teamB = randomUUID();
    await db().query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3), ($4, $5, $6)',
      [teamA, `Tim A ${teamA.slice(0, 4)}`, leadA.id, teamB, `Tim B ${teamB.slice(0, 4)}`, leadB.id]);
    await db().query('UPDATE users SET team_id = $2 WHERE id = ANY($1::uuid[])', [[a1.id, a2.id], teamA]);
    await db().query('UPDATE users SET team_id = $2 WHERE id = $1', [b1.id, teamB]);
    vvipCustomer = await addCustomer(db(), { phone: '+6281300000001', vvip: true, tier: 'platinum' });
  });

  it('refuses an agent', async () => {
    expect((await as(a1, 'GET', '/floor/snapshot')).status).toBe(403);
  });

  it('counts today\'s calls from the log: SL within 20 s over answered + abandons of 5 s or more', async () => {
    // Yesterday (23:50 local): a caller gives up after 40 s — not today's. (The clock is
    // shared by both engines' suites: set, not assumed.)
    clock.set(new Date('2026-12-02T16:50:00Z'));
    const old = call();
    expect(await old.arrive()).toMatchObject({ outcome: 'queued' });
    clock.advance(40);
    await cc.calls.ended(old.sipCallId, 'caller_left');
    clock.set(new Date('2026-12-02T17:05:00Z')); // 00:05 on 3 December, Jakarta

    // Call 1: a VVIP, a1 ready; answered after 10 s → within target.
    await phoneUp(a1); await ready(a1);
    const c1 = call('+6281300000001');
    const r1 = await c1.arrive();
    expect(r1).toMatchObject({ outcome: 'ring', agentId: a1.id });
    clock.advance(10);
    if (r1.outcome !== 'ring') throw new Error('no ring');
    await cc.calls.answered(r1.taskId, r1.reservationId);

    // Call 2: nobody free; a2 comes in after 30 s; answered at 31 s → answered, not in target.
    const c2 = call();
    const r2 = await c2.arrive();
    expect(r2).toMatchObject({ outcome: 'queued' });
    clock.advance(30);
    await phoneUp(a2); await ready(a2);
    // The ready's kick routes on the server's loop; routing here too covers a loop that had not run yet.
    let task2: { id: string; reservation_id: string } | undefined;
    for (let i = 0; i < 50 && !task2; i++) {
      await routeAll(cc.ctx);
      [task2] = await db().query<{ id: string; reservation_id: string }>(
        "SELECT id, reservation_id FROM cc_tasks WHERE kind = 'call' AND source_ref = $1 AND status = 'reserved'", [c2.sipCallId]);
      if (!task2) await new Promise((ok) => setTimeout(ok, 50));
    }
    clock.advance(1);
    expect(task2).toBeDefined();
    await cc.calls.answered(task2!.id, task2!.reservation_id);

    // Call 3 hangs up after 3 s (short abandon, left out); call 4 after 40 s (abandoned).
    const c3 = call(); await c3.arrive(); clock.advance(3); await cc.calls.ended(c3.sipCallId, 'caller_left');
    const c4 = call(); await c4.arrive(); clock.advance(40); await cc.calls.ended(c4.sipCallId, 'caller_left');
    // Call 5 still waits, 12 s so far.
    const c5 = call(); await c5.arrive(); clock.advance(12);

    const s = await snapshot(admin);
    expect(s.dayStart).toBe('2026-12-02T17:00:00.000Z');
    expect(s.serviceLevelSec).toBe(20);
    const tile = s.queues.find((x) => x.queueCode === q);
    expect(tile).toMatchObject({
      answered: 2, answeredInTarget: 1, abandoned: 1, shortAbandoned: 1,
      serviceLevel: 33.3, abandonment: 33.3, waiting: 1, waitingCalls: 1, oldestWaitSec: 12,
    });
  });

  it('shows agents by team with state, time in state and the current customer and tier', async () => {
    const s = await snapshot(admin);
    const agents = s.teams.flatMap((team) => team.agents.map((a) => ({ ...a, team: team.name })));
    const one = agents.find((a) => a.userId === a1.id);
    expect(one).toMatchObject({ state: 'on_task', task: { kind: 'call', queueCode: q, customerId: vvipCustomer, tier: 'platinum', vvip: true } });
    expect(one?.team).toMatch(/^Tim A/);
    expect(Date.parse(s.at) - Date.parse(one!.since!)).toBe((31 + 3 + 40 + 12) * 1000);
    expect(agents.find((a) => a.userId === b1.id)).toMatchObject({ state: 'offline', since: null, task: null });
  });

  it('shows a lead only the agents of the teams they lead; an admin everyone', async () => {
    const ids = (s: FloorSnapshot) => s.teams.flatMap((team) => team.agents.map((a) => a.userId));
    const mineA = ids(await snapshot(leadA));
    expect(mineA.sort()).toEqual([a1.id, a2.id].sort());
    expect(ids(await snapshot(leadB))).toEqual([b1.id]);
    const all = ids(await snapshot(admin));
    for (const id of [a1.id, a2.id, b1.id]) expect(all).toContain(id);
    expect((await snapshot(leadA)).queues.map((x) => x.queueCode)).toEqual([q]);
  });

  it('tells a lead\'s socket "floor changed" within 2 s of an agent\'s state change; not an agent\'s', async () => {
    const open = async (token: string) => {
      const socket = new WebSocket(`${t.current.server.url.replace('http', 'ws')}${LIVE_PATH}`);
      await new Promise((ok, fail) => { socket.once('open', ok); socket.once('error', fail); });
      const readyMsg = new Promise((ok) => socket.once('message', ok));
      socket.send(JSON.stringify({ type: 'hello', token }));
      await readyMsg;
      const messages: { type: string }[] = [];
      socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
      return { socket, messages };
    };
    const lead = await open(leadB.token);
    const agent = await open(a2.token);
    const started = Date.now();
    await as(b1, 'PUT', '/cc/agents/me/state', { state: 'not_ready', reason: 'break' });
    while (!lead.messages.some((m) => m.type === 'floor_changed') && Date.now() - started < 2_000) await new Promise((ok) => setTimeout(ok, 20));
    expect(lead.messages.some((m) => m.type === 'floor_changed')).toBe(true);
    expect(agent.messages.some((m) => m.type === 'floor_changed')).toBe(false);
    expect((await snapshot(leadB)).teams[0]?.agents[0]).toMatchObject({ userId: b1.id, state: 'not_ready', reason: 'break' });
    lead.socket.close(); agent.socket.close();
  });
});
