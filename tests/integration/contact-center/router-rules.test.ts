// The router's rules through its real entry points — the desktops' HTTP routes and the SIP
// bridge's port — on PostgreSQL and PGlite, with a clock the test moves: who is offered
// first, how skills widen, what lapses do, what another agent may not touch, what bad input
// gets, and how the reconciler frees agents after a lost BYE or a vanished desktop.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { contactCenterOf } from '../../../src/server/app.js';
import { type ContactCenter } from '../../../src/server/contact-center/contact-center.js';
import { reconcile } from '../../../src/server/contact-center/reconciler.js';
import { routeAll } from '../../../src/server/contact-center/router-step.js';
import { type AgentTask, type AgentStateView, type TaskOffer } from '../../../src/shared/contact-center.js';
import { forEachDatabase } from '../helpers/databases.js';
import { addAgent, addCustomer, testClock, type TestAgent } from '../helpers/contact-center.js';
import { useTestServer } from '../helpers/server.js';

const clock = testClock();
const HOUR = 3_600_000;

forEachDatabase('contact-center router rules', (engine) => {
  const t = useTestServer(engine, {
    contactCenter: { clock: clock.now, routeEveryMs: HOUR, reconcileEveryMs: HOUR, presenceTimeoutSec: 3600 },
  });
  let cc: ContactCenter;
  beforeAll(() => { cc = contactCenterOf(t.current.server.app); });

  const db = () => t.current.server.db;
  const json = (body: unknown) => JSON.stringify(body);
  async function as<T>(agent: TestAgent, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await t.current.api(path, { method, token: agent.token, ...(body === undefined ? {} : { body: json(body) }) });
    return { status: res.status, body: res.body as T };
  }
  async function queue(settings: Record<string, unknown> = {}): Promise<string> {
    const code = `q${randomUUID().slice(0, 8)}`;
    await db().query("INSERT INTO queues (code, label_id, label_en) VALUES ($1, 'Uji', 'Test')", [code]);
    for (const [column, value] of Object.entries(settings)) {
      await db().query(`UPDATE queues SET ${column} = $2 WHERE code = $1`, [code, value as never]);
    }
    return code;
  }
  const ready = (a: TestAgent) => as<AgentStateView>(a, 'PUT', '/cc/agents/me/state', { state: 'ready' });
  const phoneUp = (a: TestAgent) => as(a, 'PUT', '/agents/me/status', { status: 'available' });
  const offerOf = async (a: TestAgent) => (await as<{ offer: TaskOffer | null }>(a, 'GET', '/cc/offers/mine')).body.offer;
  const stateOf = async (a: TestAgent) => (await as<AgentStateView>(a, 'GET', '/cc/agents/me/state')).body;
  const route = () => routeAll(cc.ctx);
  /**
   * The agent's offer once the router has made it. On PostgreSQL a write's kick may start the
   * loop's routing first, which then holds the queue's try-lock (router-step.ts) when the test
   * routes: the offer comes from the loop a moment later. Under a loaded CI machine both runs
   * can step aside (the loop's run holds the lock, the test's skips an agent row the other
   * run has locked), and in production the routing interval is what then routes: each look
   * here routes again, standing in for that interval.
   */
  const offered = async (a: TestAgent) => {
    await expect.poll(async () => { await route(); return offerOf(a); }, { timeout: 30_000 }).not.toBeNull();
    return offerOf(a);
  };
  const email = (queueCode: string, ref = randomUUID()) => cc.intake.enqueue({
    kind: 'email', sourceRef: ref, queueCode, customerId: null, from: 'pelanggan@contoh.id', subject: 'Tagihan ganda',
  });

  it('offers a VVIP caller before a regular caller who has waited a minute longer', async () => {
    const q = await queue({ hotline_numbers: ['1500901'] });
    const agent = await addAgent(db(), { queues: [q] });
    await phoneUp(agent);
    await addCustomer(db(), { phone: '+6281100000001' });
    await addCustomer(db(), { phone: '+6281100000002', vvip: true, tier: 'gold' });
    const regular = await cc.calls.arrive({ sipCallId: `r-${randomUUID()}`, callerNumber: '+6281100000001', dialledNumber: '1500901', siteCode: 'jakarta', trusted: true });
    expect(regular).toMatchObject({ outcome: 'queued', position: 1 });
    clock.advance(60);
    const vvipCall = `v-${randomUUID()}`;
    const vvip = await cc.calls.arrive({ sipCallId: vvipCall, callerNumber: '+6281100000002', dialledNumber: '1500901', siteCode: 'jakarta', trusted: true });
    expect(vvip).toMatchObject({ outcome: 'queued', position: 1 });
    expect(await cc.calls.standing(vvipCall)).toMatchObject({ position: 1, waitedSec: 0, overLimit: null });

    expect((await ready(agent)).body.derived).toBe('ready');
    await route();
    const offer = await offered(agent);
    expect(offer).toMatchObject({ kind: 'call', vvip: true, tier: 'gold', needsIdentityCheck: false });
    expect(offer?.reasons.map((r) => r.factor)).toEqual(expect.arrayContaining(['vvip', 'tier']));
    expect(offer?.taskId).toBe((vvip as { taskId: string }).taskId);
    expect((await stateOf(agent)).derived).toBe('reserved');

    // The bridge rings, the agent answers, the caller hangs up: wrap-up, then the regular caller.
    if (!offer) throw new Error('no offer');
    await cc.calls.answered(offer.taskId, offer.reservationId);
    expect((await stateOf(agent)).derived).toBe('on_task');
    await cc.calls.ended(vvipCall, 'hangup');
    const wrap = await stateOf(agent);
    expect(wrap.derived).toBe('wrap_up');
    expect(wrap.wrapUpUntil).toBe(new Date(clock.now().getTime() + 60_000).toISOString());
    await phoneUp(agent); // the desktop saved its wrap-up
    await route();
    expect((await offerOf(agent))?.taskId).toBe((regular as { taskId: string }).taskId);
  });

  it('rings at once when an agent is free, and an unknown caller is flagged for identity validation', async () => {
    const q = await queue({ hotline_numbers: ['1500902'] });
    const agent = await addAgent(db(), { queues: [q] });
    await phoneUp(agent);
    await ready(agent);
    const answer = await cc.calls.arrive({ sipCallId: `u-${randomUUID()}`, callerNumber: '+6281999999999', dialledNumber: '1500902', siteCode: 'jakarta', trusted: true });
    expect(answer).toMatchObject({ outcome: 'ring', agentId: agent.id, extension: agent.extension });
    expect(await offerOf(agent)).toMatchObject({ needsIdentityCheck: true, customerId: null, from: '+6281999999999' });
    expect(await cc.calls.arrive({ sipCallId: `n-${randomUUID()}`, callerNumber: '1', dialledNumber: '999', siteCode: 'jakarta', trusted: true }))
      .toEqual({ outcome: 'rejected', reason: 'no_queue' });
  });

  it('sends callers to the site on duty: Yogyakarta after 23:00 Jakarta time', async () => {
    const q = await queue({ hotline_numbers: ['1500903'] });
    const saved = clock.now();
    clock.set(new Date('2026-12-02T16:30:00Z')); // 23:30 WIB
    expect(await cc.calls.arrive({ sipCallId: `s-${randomUUID()}`, callerNumber: '+6281100000009', dialledNumber: '1500903', siteCode: 'jakarta', trusted: true }))
      .toEqual({ outcome: 'overflow', taskId: null, toSiteCode: 'yogyakarta' });
    const atNight = await cc.calls.arrive({ sipCallId: `s-${randomUUID()}`, callerNumber: '+6281100000009', dialledNumber: '1500903', siteCode: 'yogyakarta', trusted: true });
    expect(atNight.outcome).toBe('queued');
    clock.set(saved);
    expect(q).toBeTruthy();
  });

  it('widens skills: seniors first, then any skilled agent, then anyone in the queue', async () => {
    const q = await queue({ required_skills: ['fiber'], widen_skilled_after_sec: 30, widen_anyone_after_sec: 90 });
    const junior = await addAgent(db(), { queues: [q], skills: { fiber: 2 } });
    const nobody = await addAgent(db(), { queues: [q] });
    await ready(junior);
    await ready(nobody);
    await email(q);
    await route();
    expect(await offerOf(junior)).toBeNull();
    clock.advance(31);
    await route();
    const offer = await offered(junior);
    expect(offer).not.toBeNull();
    expect(await offerOf(nobody)).toBeNull();

    const senior = await addAgent(db(), { queues: [q], skills: { fiber: 5 } });
    await ready(senior);
    await email(q);
    await route();
    await offered(senior);

    await email(q);
    clock.advance(89);
    await route();
    expect(await offerOf(nobody)).toBeNull();
    clock.advance(2);
    await route();
    await offered(nobody);
  });

  it('a lapsed offer keeps the task its place; two misses in a row set the agent not ready (missed_offers)', async () => {
    const q = await queue({ reservation_sec: 15, misses_before_not_ready: 2 });
    const agent = await addAgent(db(), { queues: [q] });
    await ready(agent);
    const { taskId } = await email(q);
    const [before] = await db().query<{ enqueued_at: Date }>('SELECT enqueued_at FROM cc_tasks WHERE id = $1', [taskId]);
    await route();
    const first = await offered(agent);
    expect(first?.taskId).toBe(taskId);
    clock.advance(16);
    await reconcile(cc.ctx);
    // Back in the queue with its place (the loop, kicked by the lapse, may already offer it again).
    const [after] = await db().query<{ status: string; enqueued_at: Date }>('SELECT status, enqueued_at FROM cc_tasks WHERE id = $1', [taskId]);
    expect(after?.enqueued_at).toEqual(before?.enqueued_at);
    expect(['waiting', 'reserved']).toContain(after?.status);
    expect((await stateOf(agent)).chosen).toBe('ready');

    // The stale offer cannot be accepted any more: 409 with the reason.
    const stale = await as<{ code: string; details: unknown }>(agent, 'POST', '/cc/offers/accept', { reservationId: first?.reservationId });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'stale_reservation' } });

    await route();
    expect((await offerOf(agent))?.taskId).toBe(taskId);
    clock.advance(16);
    await reconcile(cc.ctx);
    expect(await stateOf(agent)).toMatchObject({ chosen: 'not_ready', reason: 'missed_offers', derived: 'not_ready' });
    const events = await db().query<{ event: string }>('SELECT event FROM cc_events WHERE task_id = $1 ORDER BY id', [taskId]);
    expect(events.map((e) => e.event)).toEqual(['enqueued', 'reserved', 'lapsed', 'reserved', 'lapsed']);
  });

  it('another agent\'s offer and task are 404; accepting, completing and the call-back retry work for the owner', async () => {
    const q = await queue();
    const owner = await addAgent(db(), { queues: [q] });
    const other = await addAgent(db(), { queues: [] });
    await ready(owner);
    const { taskId } = await cc.intake.enqueue({ kind: 'callback', sourceRef: randomUUID(), queueCode: q, customerId: null, from: '+6281100000077', subject: 'Telepon balik soal tagihan' });
    await route();
    const offer = await offered(owner);
    if (!offer) throw new Error('no offer');
    expect((await as(other, 'POST', '/cc/offers/accept', { reservationId: offer.reservationId })).status).toBe(404);
    expect((await as(other, 'POST', '/cc/offers/reject', { reservationId: offer.reservationId })).status).toBe(404);
    const accepted = await as<AgentTask>(owner, 'POST', '/cc/offers/accept', { reservationId: offer.reservationId });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ taskId, status: 'assigned', kind: 'callback' });
    expect((await stateOf(owner)).derived).toBe('on_task');
    expect((await as<{ tasks: AgentTask[] }>(owner, 'GET', '/cc/tasks/mine')).body.tasks.map((x) => x.taskId)).toEqual([taskId]);
    expect((await as(other, 'POST', `/cc/tasks/${taskId}/complete`, { kind: 'callback', outcome: 'reached' })).status).toBe(404);
    expect((await as(owner, 'POST', `/cc/tasks/${taskId}/complete`, { kind: 'email' })).status).toBe(400);
    expect((await as(owner, 'POST', `/cc/tasks/${taskId}/complete`, { kind: 'callback', outcome: 'no_answer', retryAt: new Date(clock.now().getTime() - 1000).toISOString() })).status).toBe(400);

    const retryAt = new Date(clock.now().getTime() + 600_000).toISOString();
    const requeued = await as<AgentTask>(owner, 'POST', `/cc/tasks/${taskId}/complete`, { kind: 'callback', outcome: 'no_answer', retryAt });
    expect(requeued.body).toMatchObject({ status: 'waiting' });
    expect((await stateOf(owner)).derived).toBe('ready');
    await route();
    expect(await offerOf(owner)).toBeNull(); // not due yet
    const mine = (await as<{ queues: { queueCode: string; waiting: { callback: number } }[] }>(owner, 'GET', '/cc/queues/mine')).body;
    expect(mine.queues.find((x) => x.queueCode === q)?.waiting.callback).toBe(0);
    clock.advance(601);
    await route();
    const again = await offered(owner);
    expect(again?.taskId).toBe(taskId);
    await as(owner, 'POST', '/cc/offers/accept', { reservationId: again?.reservationId });
    const done = await as<AgentTask>(owner, 'POST', `/cc/tasks/${taskId}/complete`, { kind: 'callback', outcome: 'reached' });
    expect(done.body).toMatchObject({ status: 'done' });
    expect((await as(owner, 'POST', `/cc/tasks/${taskId}/complete`, { kind: 'callback', outcome: 'reached' })).status).toBe(409);
  });

  it('a caller over the queue\'s limit becomes a call-back at their number in E.164, keeping their place', async () => {
    const q = await queue({ hotline_numbers: ['1500906'], max_wait_sec: 20, max_wait_action: 'callback' });
    const customerId = await addCustomer(db(), { phone: '+6281100000088' });
    const sipCallId = `cb-${randomUUID()}`;
    // the trunk sends the caller's number as digits with the country code, no "+"
    await cc.calls.arrive({ sipCallId, callerNumber: '6281100000088', dialledNumber: '1500906', siteCode: 'jakarta', trusted: true });
    clock.advance(19);
    expect(await cc.calls.standing(sipCallId)).toMatchObject({ waitedSec: 19, overLimit: null });
    clock.advance(1);
    expect(await cc.calls.standing(sipCallId)).toMatchObject({ waitedSec: 20, overLimit: { action: 'callback' } });
    const { callbackTaskId } = await cc.calls.convertToCallback(sipCallId);
    const [callback] = await db().query<{ kind: string; status: string; from_address: string; customer_id: string; enqueued_at: Date; queue_code: string }>(
      'SELECT kind, status, from_address, customer_id, enqueued_at, queue_code FROM cc_tasks WHERE id = $1', [callbackTaskId]);
    const [call] = await db().query<{ status: string; enqueued_at: Date }>("SELECT status, enqueued_at FROM cc_tasks WHERE kind = 'call' AND source_ref = $1", [sipCallId]);
    expect(callback).toMatchObject({ kind: 'callback', status: 'waiting', from_address: '+6281100000088', customer_id: customerId, queue_code: q });
    expect(call?.status).toBe('cancelled');
    expect(new Date(callback?.enqueued_at ?? 0).getTime()).toBe(new Date(call?.enqueued_at ?? 1).getTime());
    expect(await cc.calls.standing(sipCallId)).toBeNull();
  });

  it('refuses bad input with 400', async () => {
    const agent = await addAgent(db(), { queues: [] });
    expect((await as(agent, 'PUT', '/cc/agents/me/state', { state: 'not_ready' })).status).toBe(400);
    expect((await as(agent, 'PUT', '/cc/agents/me/state', { state: 'not_ready', reason: 'missed_offers' })).status).toBe(400);
    expect((await as(agent, 'PUT', '/cc/agents/me/state', { state: 'ready', extra: 1 })).status).toBe(400);
    expect((await as(agent, 'POST', '/cc/offers/accept', { reservationId: 'nope' })).status).toBe(400);
    expect((await as(agent, 'POST', '/cc/tasks/not-a-uuid/complete', { kind: 'email' })).status).toBe(400);
    expect((await as(agent, 'POST', `/cc/tasks/${randomUUID()}/complete`, { kind: 'callback', outcome: 'maybe' })).status).toBe(400);
    expect((await as(agent, 'POST', '/cc/offers/accept', { reservationId: randomUUID() })).status).toBe(404);
    expect((await as(agent, 'PUT', '/cc/agents/me/state', { state: 'not_ready', reason: 'meal' })).body).toMatchObject({ chosen: 'not_ready', reason: 'meal', derived: 'not_ready' });
  });

  it('a lost BYE: the desktop says the call is over, so the reconciler ends it and frees the agent', async () => {
    const q = await queue({ hotline_numbers: ['1500904'], wrap_up_limit_sec: 0 });
    const agent = await addAgent(db(), { queues: [q] });
    await phoneUp(agent);
    await ready(agent);
    const sipCallId = `b-${randomUUID()}`;
    const ring = await cc.calls.arrive({ sipCallId, callerNumber: '+6281100000055', dialledNumber: '1500904', siteCode: 'jakarta', trusted: true });
    if (ring.outcome !== 'ring') throw new Error(`expected ring, got ${ring.outcome}`);
    await cc.calls.answered(ring.taskId, ring.reservationId);
    await as(agent, 'PUT', '/agents/me/status', { status: 'on_call' });
    clock.advance(30);
    await reconcile(cc.ctx);
    expect((await stateOf(agent)).derived).toBe('on_task'); // the desktop still has the call
    clock.advance(1);
    await as(agent, 'PUT', '/agents/me/status', { status: 'available' }); // BYE never reached the bridge
    clock.advance(3);
    await reconcile(cc.ctx);
    expect((await stateOf(agent)).derived).toBe('ready');
    const [task] = await db().query<{ status: string; outcome: string }>('SELECT status, outcome FROM cc_tasks WHERE id = $1', [ring.taskId]);
    expect(task).toEqual({ status: 'done', outcome: 'no_call_on_desktop' });
  });

  it('a vanished desktop: offline after the presence timeout, its call ended; ready again when it is back', async () => {
    const q = await queue({ hotline_numbers: ['1500905'] });
    const agent = await addAgent(db(), { queues: [q] });
    await phoneUp(agent);
    await ready(agent);
    const ring = await cc.calls.arrive({ sipCallId: `k-${randomUUID()}`, callerNumber: '+6281100000066', dialledNumber: '1500905', siteCode: 'jakarta', trusted: true });
    if (ring.outcome !== 'ring') throw new Error(`expected ring, got ${ring.outcome}`);
    await cc.calls.answered(ring.taskId, ring.reservationId);
    const saved = cc.ctx.presenceTimeoutSec;
    cc.ctx.presenceTimeoutSec = 8;
    try {
      clock.advance(9);
      await reconcile(cc.ctx);
      expect(await stateOf(agent)).toMatchObject({ chosen: 'ready', derived: 'offline' });
      const [task] = await db().query<{ status: string; outcome: string }>('SELECT status, outcome FROM cc_tasks WHERE id = $1', [ring.taskId]);
      expect(task).toEqual({ status: 'done', outcome: 'agent_lost' });
      await offerOf(agent); // the restarted desktop polls: present again
      await reconcile(cc.ctx);
      expect((await stateOf(agent)).derived).toBe('ready');
    } finally {
      cc.ctx.presenceTimeoutSec = saved;
    }
  });

  it('keeps the event log append-only', async () => {
    await expect(db().query("UPDATE cc_events SET event = 'x'")).rejects.toThrow(/append-only/);
    await expect(db().query('DELETE FROM cc_events')).rejects.toThrow(/append-only/);
  });
});
