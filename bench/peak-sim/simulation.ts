// One simulated peak on the real router and a real PostgreSQL database. The clock is the
// router's injectable clock (RouterContext.clock), moved from event to event, so 30 minutes
// of a floor take a few minutes of wall time while every routing decision runs its real SQL.
//  - The SIP bridge's part goes through CallRouterPort exactly as the bridge calls it: a
//    call arrives (and is told "ring" or "queued"), queued calls are rung when onCallOffer
//    says so, the agent's leg answers or fails (no answer), the call ends (hang-up, or the
//    caller gives up waiting).
//  - The desktops' part goes through the same commands their HTTP routes call: choose
//    "ready", report the softphone's status (registered, on a call, after-call work,
//    available again), presence every few seconds, and "ready" again after the router set
//    them not ready for missed offers.
//  - The router loop's part is what routerLoop does, on the simulated clock: route at once
//    after a kick and every second anyway, reconcile every 2 s. The loop's timers are not
//    started (they tick in real time); the pass is the loop's own (queuesToRoute +
//    routeQueueOnce, as routeAll), timed per decision.
// Time is batched: the events of one slot (SLOT_SEC of simulated time) run at once, as a
// server's requests do, each seeing its own simulated instant (the clock reads it from the
// event's async context); events of one call run in order (its lane). One event after
// another would leave the wall time to round trips to PostgreSQL: 30 minutes took ≈ 15 min.
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { phoneReport, setMyState, touchPresence } from '../../src/server/contact-center/agent-commands.js';
import { type CallOffer } from '../../src/server/contact-center/call-router-port.js';
import { createContactCenter } from '../../src/server/contact-center/contact-center.js';
import { reconcile } from '../../src/server/contact-center/reconciler.js';
import { queuesToRoute, routeQueueOnce } from '../../src/server/contact-center/router-step.js';
import { type Db } from '../../src/server/db/db.js';
import { percentiles } from '../stats.js';
import { EventQueue } from './event-queue.js';
import { AgentClock, callFigures, spreadFigures, type CallOutcome } from './figures.js';
import { QUEUES, SITE, type SimAgent, type SimCustomer } from './fixtures.js';
import { type Draws, type TrafficModel } from './model.js';

export interface PeakOptions {
  db: Db;
  agents: SimAgent[];
  customers: SimCustomer[];
  model: TrafficModel;
  draws: Draws;
  /** Simulated start (a weekday morning inside Jakarta's schedule window). */
  start: Date;
  /** Arrivals stop after this many simulated seconds; calls still in progress are played out. */
  windowSec: number;
  log: (msg: string) => void;
}

/** Simulated seconds whose events run concurrently (BENCH_PEAK_SLOT_SEC). */
const SLOT_SEC = Number(process.env.BENCH_PEAK_SLOT_SEC ?? 1);
const ROUTE_EVERY_SEC = 1;
const RECONCILE_EVERY_SEC = 2;
const PRESENCE_EVERY_SEC = 3;
/** The bridge gives up ringing a little before the reservation runs out, and says so. */
const RING_TIMEOUT_MARGIN_SEC = 0.5;
const UNKNOWN_CALLER_SHARE = 0.15;
const VVIP_CALL_SHARE = 0.02;

interface SimCall extends CallOutcome {
  sipCallId: string;
  patience: number;
  talk: number;
  state: 'waiting' | 'ringing' | 'talking' | 'ended';
  reservationId: string | null;
  taskId: string | null;
  agentId: string | null;
}

export async function runPeak(o: PeakOptions) {
  const { db, model, draws: d } = o;
  /** The latest instant the simulation reached; an event's own instant is `now()`. */
  let simSec = 0;
  const instant = new AsyncLocalStorage<number>();
  const now = (): number => instant.getStore() ?? simSec;
  const clock = () => new Date(o.start.getTime() + now() * 1000);
  // No databaseUrl: the in-process bus, so an offer reaches the simulated bridge when the
  // transaction that made it commits, not after a NOTIFY round trip on the wall clock.
  const cc = createContactCenter({ db, clock, onError: (e) => count(errors, String(e)) });
  const agenda = new EventQueue();
  const calls = new Map<string, SimCall>();
  const agentIds = o.agents.map((a) => a.id);
  const agentClock = new AgentClock(o.windowSec);
  const errors = new Map<string, number>();
  const decisionMs: number[] = [];
  const idleDecisionMs: number[] = [];
  const arriveMs: number[] = [];
  const c = { offers: 0, noAnswer: 0, setNotReady: 0, answerConflicts: 0, ringInline: 0, offersAfterHangUp: 0, queued: 0, rejected: 0, maxWaiting: 0 };
  let active = 0;
  let kicked = false;

  const at = (sec: number, run: () => Promise<void>, lane: string | null = null) => agenda.schedule(sec, run, lane);
  const orderly = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => count(errors, e instanceof Error ? e.message : String(e)));

  cc.ctx.bus.subscribe((m) => {
    if (m.k === 'kick') kicked = true;
    if (m.k !== 'push') return;
    if (m.push.type !== 'agent_state') return;
    const { userId } = m;
    agentClock.change(userId, m.push.state.derived, now());
    if (m.push.state.reason === 'missed_offers' && m.push.state.chosen === 'not_ready') {
      c.setNotReady++;
      // The agent notices the status selector and clicks "ready" again.
      at(now() + d.uniform(model.backFromMissMinSec, model.backFromMissMaxSec), () => orderly(setMyState(cc.ctx, userId, { state: 'ready' })));
    }
  });
  cc.calls.onCallOffer(SITE, (offer: CallOffer) => {
    const call = calls.get(offer.sipCallId);
    if (call) ring(call, offer.reservationId, offer.taskId, offer.agentId, (offer.expiresAt.getTime() - o.start.getTime()) / 1000);
    else count(errors, `offer for an unknown call ${offer.sipCallId}`);
  });

  function ring(call: SimCall, reservationId: string, taskId: string, agentId: string, expiresAtSec: number): void {
    // The caller hung up while the router was reserving (the router ended the reservation).
    if (call.state === 'ended') { c.offersAfterHangUp++; return; }
    c.offers++;
    Object.assign(call, { state: 'ringing', reservationId, taskId, agentId });
    const same = () => call.state === 'ringing' && call.reservationId === reservationId;
    if (d.chance(model.missProbability)) {
      at(expiresAtSec - RING_TIMEOUT_MARGIN_SEC, async () => {
        if (!same()) return;
        c.noAnswer++;
        call.state = 'waiting';
        await cc.calls.ringFailed(taskId, reservationId, 'no_answer');
      }, call.sipCallId);
      return;
    }
    at(now() + d.uniform(model.ringMinSec, model.ringMaxSec), async () => {
      if (!same()) return;
      try {
        await cc.calls.answered(taskId, reservationId);
      } catch {
        c.answerConflicts++;
        return;
      }
      call.state = 'talking';
      call.answeredAt = now();
      await phoneReport(cc.ctx, agentId, 'on_call');
      at(now() + call.talk, () => hangUp(call, agentId), call.sipCallId);
    }, call.sipCallId);
  }

  async function hangUp(call: SimCall, agentId: string): Promise<void> {
    call.state = 'ended';
    active--;
    await cc.calls.ended(call.sipCallId, 'hangup');
    await phoneReport(cc.ctx, agentId, 'after_call_work');
    // The desktop's wrap-up form is saved; the softphone says "available" and the router moves on.
    at(now() + d.uniform(model.wrapUpMinSec, model.wrapUpMaxSec), () => phoneReport(cc.ctx, agentId, 'available'));
  }

  async function callerGivesUp(call: SimCall): Promise<void> {
    if (call.state !== 'waiting' && call.state !== 'ringing') return;
    call.state = 'ended';
    call.abandonedAt = now();
    active--;
    await cc.calls.ended(call.sipCallId, 'caller_left');
  }

  const vvips = o.customers.filter((x) => x.vvip);
  interface Arrival { call: SimCall; callerNumber: string; dialled: string }
  function newCall(n: number, arrivedAt: number): Arrival {
    const known = !d.chance(UNKNOWN_CALLER_SHARE) && o.customers.length > 0;
    const customer = !known ? null
      : d.chance(VVIP_CALL_SHARE) && vvips.length > 0 ? vvips[Math.floor(d.random() * vvips.length)]!
        : o.customers[Math.floor(d.random() * o.customers.length)]!;
    const callerNumber = customer?.phone ?? `+62813${String(10_000_000 + Math.floor(d.random() * 89_999_999))}`;
    const r = d.random();
    const queue = customer?.vvip ? QUEUES[3] : r < 0.4 ? QUEUES[0] : r < 0.75 ? QUEUES[1] : QUEUES[2];
    const call: SimCall = {
      sipCallId: `peak-${n}@trunk.sim`, arrivedAt, answeredAt: null, abandonedAt: null,
      patience: d.exponential(model.patienceMeanSec), talk: d.logNormal(model.talkMeanSec, model.talkSdSec),
      state: 'waiting', reservationId: null, taskId: null, agentId: null,
    };
    return { call, callerNumber, dialled: queue.hotline };
  }

  async function arrival({ call, callerNumber, dialled }: Arrival): Promise<void> {
    calls.set(call.sipCallId, call);
    active++;
    at(now() + call.patience, () => callerGivesUp(call), call.sipCallId);
    const t0 = performance.now();
    const answer = await cc.calls.arrive({ sipCallId: call.sipCallId, callerNumber, dialledNumber: dialled, siteCode: SITE, trusted: true });
    arriveMs.push(performance.now() - t0);
    if (answer.outcome === 'ring') {
      c.ringInline++;
      const { reservationId } = answer;
      // The reservation's end as the router set it (reservation_sec of the queue, 15 s by default).
      const [row] = await db.query<{ until: Date }>('SELECT reserved_until AS until FROM cc_tasks WHERE id = $1', [answer.taskId]);
      const untilSec = row ? (new Date(row.until).getTime() - o.start.getTime()) / 1000 : now() + 15;
      ring(call, reservationId, answer.taskId, answer.agentId, untilSec);
    } else if (answer.outcome === 'queued') {
      c.queued++;
      call.taskId = answer.taskId;
    } else {
      c.rejected++;
      call.state = 'ended';
      active--;
    }
  }
  // The arrivals are drawn ahead of time (a Poisson process) with who calls and how long
  // they would wait and talk, so the traffic is the same whatever order the slots ran in.
  let callNo = 0;
  for (let t = d.exponential(1 / model.callsPerSecond); t < o.windowSec; t += d.exponential(1 / model.callsPerSecond)) {
    const a = newCall(callNo++, t);
    at(t, () => arrival(a), a.call.sipCallId);
  }

  async function routePass(): Promise<void> {
    let progress = true;
    let made = 0;
    while (progress && made < 200) {
      progress = false;
      for (const queue of await queuesToRoute(db, clock())) {
        const t0 = performance.now();
        const r = await routeQueueOnce(cc.ctx, queue);
        (r ? decisionMs : idleDecisionMs).push(performance.now() - t0);
        if (r) { made++; progress = true; }
      }
    }
  }

  const every = (periodSec: number, run: () => Promise<void>) => {
    const tick = async (): Promise<void> => {
      await run();
      at(now() + periodSec, tick);
    };
    at(periodSec, tick);
  };
  every(ROUTE_EVERY_SEC, async () => {
    await routePass();
    const [w] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cc_tasks WHERE status = 'waiting'");
    c.maxWaiting = Math.max(c.maxWaiting, w?.n ?? 0);
  });
  every(RECONCILE_EVERY_SEC, async () => { await reconcile(cc.ctx); });
  every(PRESENCE_EVERY_SEC, () => touchPresence(cc.ctx, agentIds));

  // The shift starts: every desktop is signed in, its phone registered, its agent ready.
  await touchPresence(cc.ctx, agentIds);
  for (const a of o.agents) {
    await phoneReport(cc.ctx, a.id, 'available');
    await setMyState(cc.ctx, a.id, { state: 'ready' });
  }

  const wallStart = performance.now();
  let lastLog = 0;
  for (let slotEnd = SLOT_SEC; ; slotEnd += SLOT_SEC) {
    if (simSec >= o.windowSec && active === 0) break;
    // Everything due in this slot (and what it schedules inside the slot), lane by lane.
    while ((agenda.peek() ?? Infinity) < slotEnd) {
      const lanes = new Map<string, (() => Promise<void>)[]>();
      let solo = 0;
      for (let next = agenda.peek(); next !== undefined && next < slotEnd; next = agenda.peek()) {
        const e = agenda.next()!;
        const key = e.lane ?? `solo-${solo++}`;
        const run = () => instant.run(e.at, () => orderly(e.run()));
        lanes.set(key, [...(lanes.get(key) ?? []), run]);
      }
      await Promise.all([...lanes.values()].map(async (runs) => { for (const run of runs) await run(); }));
    }
    simSec = slotEnd;
    while (kicked) {
      kicked = false;
      await orderly(routePass());
    }
    if (simSec - lastLog >= 300) {
      lastLog = simSec;
      o.log(`  t=${Math.round(simSec)} s: ${calls.size} of ${callNo} calls arrived, ${active} in progress, wall ${Math.round((performance.now() - wallStart) / 1000)} s`);
    }
  }
  const wallSeconds = (performance.now() - wallStart) / 1000;
  await cc.close();

  const outcomes = [...calls.values()];
  const byAgent = new Map(agentIds.map((id) => [id, 0]));
  const perAgent = await db.query<{ agent_id: string; n: number }>(
    `SELECT agent_id, count(*)::int AS n FROM cc_tasks WHERE kind = 'call' AND status = 'done' AND assigned_at IS NOT NULL GROUP BY agent_id`);
  for (const r of perAgent) byAgent.set(r.agent_id, r.n);
  const statuses = await db.query<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM cc_tasks WHERE kind = 'call' GROUP BY status ORDER BY status");
  const [events] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cc_events');
  const figures = callFigures(outcomes);
  const routerTasks = Object.fromEntries(statuses.map((r) => [r.status, r.n]));
  return {
    ...figures,
    ...agentClock.figures(),
    callsPerAgent: spreadFigures([...byAgent.values()]),
    routerDecisionMs: percentiles(decisionMs),
    routerIdlePassMs: percentiles(idleDecisionMs),
    arriveMs: percentiles(arriveMs),
    rings: { offers: c.offers, inlineAtArrival: c.ringInline, noAnswer: c.noAnswer, agentsSetNotReady: c.setNotReady, answerConflicts: c.answerConflicts, afterHangUp: c.offersAfterHangUp },
    maxWaiting: c.maxWaiting,
    rejected: c.rejected,
    // The router's own record must agree with what the simulated bridge saw.
    routerTasks,
    consistent: (routerTasks.done ?? 0) === figures.answered && (routerTasks.abandoned ?? 0) === figures.abandoned
      && !routerTasks.waiting && !routerTasks.reserved && !routerTasks.assigned,
    events: events?.n ?? 0,
    simulatedSeconds: Math.round(simSec),
    wallSeconds: Math.round(wallSeconds * 10) / 10,
    errors: Object.fromEntries(errors),
  };
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
