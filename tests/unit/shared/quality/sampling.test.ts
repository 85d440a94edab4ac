// The sampling rules (src/shared/quality/sampling.ts): N per agent per week spread over the
// week, the weekly cap per evaluator, 100 % of VVIP complaints, a percentage with a seeded hash.
import { describe, expect, it } from 'vitest';
import {
  assignWithinCap, type Candidate, dayOfWeek, hashUnit, SamplingRule, selectCandidates, spreadAllowance, weekKey, weekStartOf,
} from '../../../../src/shared/quality/sampling.js';

const MONDAY = Date.UTC(2026, 10, 30); // 2026-11-30 is a Monday
const at = (day: number, hour = 9) => new Date(MONDAY + day * 86_400_000 + hour * 3_600_000);
let n = 0;
const cand = (over: Partial<Candidate> = {}): Candidate => {
  n += 1;
  return { id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, agentId: 'a1', startedAt: at(0), disposition: 'resolved',
    queue: 'billing', tier: 'regular', vvip: false, ...over };
};

describe('the week', () => {
  it('starts on Monday 00:00 UTC; Sunday is day 6', () => {
    expect(weekStartOf(at(6, 23)).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(dayOfWeek(at(0))).toBe(0);
    expect(dayOfWeek(at(6))).toBe(6);
  });
});

describe('per agent per week, spread', () => {
  it('allows ceil(N × (day + 1) / 7) through each day', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => spreadAllowance(7, d))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([0, 1, 2, 3, 4, 5, 6].map((d) => spreadAllowance(2, d))).toEqual([1, 1, 1, 2, 2, 2, 2]);
  });

  it('does not take the whole week on a busy Monday: 20 Monday calls give 1 of 5, the rest come later in the week', () => {
    const rule = SamplingRule.parse({ kind: 'per_agent', perWeek: 5 });
    const monday = Array.from({ length: 20 }, () => cand({ startedAt: at(0) }));
    const picked = selectCandidates(rule, 1, monday);
    expect(picked).toHaveLength(1);
    // Later runs see the rest of the week with what was picked already.
    const already = new Map([[weekKey('a1', at(0)), [0]]]);
    const rest = [1, 2, 3, 4, 5, 6].flatMap((d) => Array.from({ length: 10 }, () => cand({ startedAt: at(d) })));
    const later = selectCandidates(rule, 1, rest, already);
    expect(later).toHaveLength(4);
    const days = later.map((c) => dayOfWeek(c.startedAt));
    expect(new Set(days).size).toBe(4);
  });

  it('counts each agent and each week apart, and picks by hash, not by arrival order', () => {
    const rule = SamplingRule.parse({ kind: 'per_agent', perWeek: 7 });
    const two = [...Array.from({ length: 5 }, () => cand({ agentId: 'a1' })), ...Array.from({ length: 5 }, () => cand({ agentId: 'a2' }))];
    expect(selectCandidates(rule, 3, two).map((c) => c.agentId).sort()).toEqual(['a1', 'a2']);
    const nextWeek = [cand({ startedAt: at(7) }), cand({ startedAt: at(0) })];
    expect(selectCandidates(rule, 3, nextWeek)).toHaveLength(2);
    const xs = Array.from({ length: 30 }, () => cand());
    expect(selectCandidates(rule, 9, xs).map((c) => c.id)).toEqual(selectCandidates(rule, 9, [...xs].reverse()).map((c) => c.id));
  });
});

describe('VVIP complaints', () => {
  it('takes 100 % of them and nothing else', () => {
    const rule = SamplingRule.parse({ kind: 'vvip_complaint' });
    const vvip = Array.from({ length: 50 }, () => cand({ vvip: true, disposition: 'complaint_logged' }));
    const others = [cand({ vvip: false, disposition: 'complaint_logged' }), cand({ vvip: true, disposition: 'resolved' }), cand({ vvip: true, disposition: null })];
    expect(selectCandidates(rule, 1, [...vvip, ...others]).map((c) => c.id)).toEqual(vvip.map((c) => c.id));
  });
});

describe('percentages with a seeded random', () => {
  const many = Array.from({ length: 10_000 }, () => cand({ queue: 'billing', tier: 'gold' }));

  it('hashUnit is in [0, 1) and the same seed and id always give the same value', () => {
    for (const c of many.slice(0, 100)) {
      const u = hashUnit(42, c.id);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(hashUnit(42, c.id)).toBe(u);
    }
  });

  it('random 10 % of a queue and tier picks about 10 % (9–11 % of 10 000), the same ones for the same seed, others for another', () => {
    const rule = SamplingRule.parse({ kind: 'random', queue: 'billing', tier: 'gold', percent: 10 });
    const a = selectCandidates(rule, 7, many);
    expect(a.length).toBeGreaterThan(900);
    expect(a.length).toBeLessThan(1100);
    expect(selectCandidates(rule, 7, many).map((c) => c.id)).toEqual(a.map((c) => c.id));
    const b = selectCandidates(rule, 8, many);
    expect(b.map((c) => c.id)).not.toEqual(a.map((c) => c.id));
    expect(selectCandidates(rule, 7, many.map((c) => ({ ...c, queue: 'network' })))).toHaveLength(0);
    expect(selectCandidates(SamplingRule.parse({ kind: 'random', percent: 100 }), 7, many)).toHaveLength(many.length);
  });

  it('by disposition: only those dispositions, at the percentage', () => {
    const rule = SamplingRule.parse({ kind: 'disposition', dispositions: ['sale'], percent: 50 });
    const mixed = [...many.slice(0, 2000).map((c) => ({ ...c, disposition: 'sale' })), ...many.slice(2000, 4000)];
    const picked = selectCandidates(rule, 1, mixed);
    expect(picked.every((c) => c.disposition === 'sale')).toBe(true);
    expect(picked.length).toBeGreaterThan(900);
    expect(picked.length).toBeLessThan(1100);
  });
});

describe('the cap per evaluator per week', () => {
  it('assigns up to the cap in time order, the rest unassigned; a cap counts what the evaluator already has; weeks apart', () => {
    const picked = Array.from({ length: 5 }, (_x, i) => ({ id: `p${i}`, startedAt: at(0, 8 + i), evaluatorId: 'lead' }));
    const load = new Map([[weekKey('lead', at(0)), 1]]);
    const out = assignWithinCap([...picked].reverse(), 3, load);
    expect(out.map((a) => [a.candidateId, a.assigneeId])).toEqual([['p0', 'lead'], ['p1', 'lead'], ['p2', null], ['p3', null], ['p4', null]]);
    expect(load.get(weekKey('lead', at(0)))).toBe(3);
    expect(assignWithinCap([{ id: 'n', startedAt: at(7), evaluatorId: 'lead' }], 3, load)).toEqual([{ candidateId: 'n', assigneeId: 'lead' }]);
    expect(assignWithinCap([{ id: 'x', startedAt: at(1), evaluatorId: null }], 3, load)).toEqual([{ candidateId: 'x', assigneeId: null }]);
  });
});
