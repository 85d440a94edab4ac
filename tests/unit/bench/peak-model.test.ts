// The peak bench's own arithmetic (bench/peak-sim/): its draws have the moments the model
// claims, its agenda runs events in time order, and its report figures are computed as a
// contact-center report computes them — so the bench's JSON can be trusted as far as the
// simulation goes.
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../bench/peak-sim/event-queue.js';
import { AgentClock, callFigures, spreadFigures } from '../../../bench/peak-sim/figures.js';
import { draws } from '../../../bench/peak-sim/model.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => { const m = mean(xs); return Math.sqrt(mean(xs.map((x) => (x - m) ** 2))); };

describe('peak bench model', () => {
  it('draws log-normal talk times with the asked mean and spread, exponential patience with its mean', () => {
    const d = draws(7);
    const talk = Array.from({ length: 40_000 }, () => d.logNormal(150, 90));
    expect(mean(talk)).toBeGreaterThan(145);
    expect(mean(talk)).toBeLessThan(155);
    expect(sd(talk)).toBeGreaterThan(82);
    expect(sd(talk)).toBeLessThan(98);
    expect(Math.min(...talk)).toBeGreaterThan(0);
    const patience = Array.from({ length: 40_000 }, () => d.exponential(90));
    expect(mean(patience)).toBeGreaterThan(87);
    expect(mean(patience)).toBeLessThan(93);
  });

  it('runs the agenda in time order, ties in the order scheduled', async () => {
    const q = new EventQueue();
    const seen: string[] = [];
    for (const [at, name] of [[5, 'e'], [1, 'a'], [3, 'c'], [1, 'b'], [4, 'd'], [9, 'f']] as const) {
      q.schedule(at, async () => { seen.push(name); });
    }
    expect(q.peek()).toBe(1);
    for (let e = q.next(); e; e = q.next()) await e.run();
    expect(seen.join('')).toBe('abcdef');
    expect(q.size).toBe(0);
  });

  it('counts service level against every offered call, abandons included', () => {
    const f = callFigures([
      { arrivedAt: 0, answeredAt: 10, abandonedAt: null },
      { arrivedAt: 0, answeredAt: 30, abandonedAt: null },
      { arrivedAt: 5, answeredAt: null, abandonedAt: 45 },
      { arrivedAt: 6, answeredAt: 26, abandonedAt: null },
    ]);
    expect(f).toMatchObject({ offered: 4, answered: 3, abandoned: 1, answeredWithinSl: 2, serviceLevelPct: 50, asaSec: 20, abandonmentPct: 25, meanWaitBeforeAbandonSec: 40 });
  });

  it('measures the spread: Gini 0 when every agent took as many calls, near 1 when one took them all', () => {
    expect(spreadFigures([4, 4, 4, 4])).toMatchObject({ min: 4, max: 4, stddev: 0, gini: 0 });
    expect(spreadFigures([0, 0, 0, 12]).gini).toBe(0.75);
    expect(spreadFigures([1, 2, 3])).toMatchObject({ min: 1, p50: 2, max: 3, mean: 2 });
  });

  it('computes occupancy from state changes inside the window only', () => {
    const clock = new AgentClock(100);
    clock.change('a', 'ready', 0);
    clock.change('a', 'reserved', 20);
    clock.change('a', 'on_task', 25);
    clock.change('a', 'wrap_up', 70);
    clock.change('a', 'ready', 80);
    clock.change('a', 'on_task', 90); // runs past the window's end: 10 s counted
    clock.change('b', 'not_ready', 0);
    expect(clock.figures()).toMatchObject({ occupancyPct: 70, agentHours: { notReady: 0.03 } });
  });
});
