// The figures a contact-center report gives for a period, from what the simulation saw
// happen to each call and agent: service level, speed of answer, abandonment, occupancy,
// and how evenly the calls were spread between agents.
import { percentiles } from '../stats.js';

export interface CallOutcome {
  arrivedAt: number;
  answeredAt: number | null;
  abandonedAt: number | null;
}

/** Service level threshold: answered within this many seconds. */
export const SERVICE_LEVEL_SEC = 20;

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function callFigures(calls: readonly CallOutcome[]) {
  const answered = calls.filter((c) => c.answeredAt !== null);
  const abandoned = calls.filter((c) => c.abandonedAt !== null);
  const waits = answered.map((c) => (c.answeredAt ?? 0) - c.arrivedAt);
  const within = waits.filter((w) => w <= SERVICE_LEVEL_SEC).length;
  const abandonWaits = abandoned.map((c) => (c.abandonedAt ?? 0) - c.arrivedAt);
  const wait = percentiles(waits.map((w) => w * 1000));
  return {
    offered: calls.length,
    answered: answered.length,
    abandoned: abandoned.length,
    answeredWithinSl: within,
    /** Answered within 20 s ÷ every call offered (abandons count against it). */
    serviceLevelPct: calls.length ? round((100 * within) / calls.length) : null,
    asaSec: waits.length ? round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
    answerWaitSec: { p50: round(wait.p50 / 1000), p95: round(wait.p95 / 1000), max: round(wait.max / 1000) },
    abandonmentPct: calls.length ? round((100 * abandoned.length) / calls.length) : null,
    meanWaitBeforeAbandonSec: abandonWaits.length ? round(abandonWaits.reduce((a, b) => a + b, 0) / abandonWaits.length) : null,
  };
}

/** Spread of answered calls over the agents (every staffed agent counted, zeros included). */
export function spreadFigures(callsPerAgent: readonly number[]) {
  const x = [...callsPerAgent].sort((a, b) => a - b);
  const n = x.length;
  const sum = x.reduce((a, b) => a + b, 0);
  const mean = n ? sum / n : 0;
  const sd = n ? Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / n) : 0;
  // Gini: 0 every agent took as many calls, 1 one agent took them all.
  const gini = n && sum ? (2 * x.reduce((a, v, i) => a + (i + 1) * v, 0)) / (n * sum) - (n + 1) / n : 0;
  return {
    agents: n, min: x[0] ?? 0, p50: x[Math.floor(n / 2)] ?? 0, max: x[n - 1] ?? 0,
    mean: round(mean, 2), stddev: round(sd, 2), gini: round(gini, 3),
  };
}

/**
 * Agent time by state over the measured window, from the router's state pushes (what a
 * lead console shows): occupancy = time handling (reserved/ringing, on a call, wrap-up) ÷
 * time available to handle (that plus ready); "not ready" time is outside both.
 */
export class AgentClock {
  private state = new Map<string, { derived: string; at: number }>();
  private handling = 0;
  private ready = 0;
  private notReady = 0;

  constructor(private readonly windowSec: number) {}

  change(agentId: string, derived: string, at: number): void {
    const before = this.state.get(agentId);
    if (before) this.add(before.derived, before.at, at);
    this.state.set(agentId, { derived, at });
  }

  /** Closes every agent's open interval at the window's end. */
  figures() {
    for (const s of this.state.values()) this.add(s.derived, s.at, this.windowSec);
    this.state.clear();
    const staffed = this.handling + this.ready;
    return {
      occupancyPct: staffed ? round((100 * this.handling) / staffed) : null,
      agentHours: { handling: round(this.handling / 3600, 2), ready: round(this.ready / 3600, 2), notReady: round(this.notReady / 3600, 2) },
    };
  }

  private add(derived: string, from: number, to: number): void {
    const span = Math.max(0, Math.min(to, this.windowSec) - Math.max(from, 0));
    if (derived === 'reserved' || derived === 'on_task' || derived === 'wrap_up') this.handling += span;
    else if (derived === 'ready') this.ready += span;
    else if (derived === 'not_ready') this.notReady += span;
  }
}
