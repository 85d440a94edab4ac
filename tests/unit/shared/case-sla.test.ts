// The case SLA policy: the category × tier matrix with its per-priority fallback, the three
// clocks of a case in working hours (response, resolution, the assignee's warning), "due
// soon", and the schemas' refusals (duplicate cells, response longer than resolution, bad hours).
import { describe, expect, it } from 'vitest';
import {
  CaseAssignBody, CaseBoardQuery, CaseSlaMatrix, DEFAULT_CASE_WARN_PERCENT, caseClocks, isDueSoon, targetsFor, type CaseSlaTarget,
} from '../../../src/shared/case-sla.js';
import { DEFAULT_SLA, workingMinutesBetween } from '../../../src/shared/replies/sla.js';

const matrix: CaseSlaTarget[] = [
  { category: 'complaint', tier: 'platinum', responseHours: 0.5, resolutionHours: 2 },
  { category: 'billing', tier: 'gold', responseHours: 4, resolutionHours: 16 },
];

describe('targetsFor', () => {
  it('takes the category × tier cell when there is one', () => {
    expect(targetsFor(matrix, 'complaint', 'platinum', 'low')).toEqual({ responseHours: 0.5, resolutionHours: 2, source: 'matrix' });
    expect(targetsFor(matrix, 'billing', 'gold', 'urgent')).toEqual({ responseHours: 4, resolutionHours: 16, source: 'matrix' });
  });
  it('falls back to the priority table for a pair without a cell, and for an empty matrix', () => {
    expect(targetsFor(matrix, 'complaint', 'gold', 'high')).toEqual({ responseHours: 2, resolutionHours: 8, source: 'priority' });
    expect(targetsFor([], 'complaint', 'platinum', 'urgent')).toEqual({ responseHours: 1, resolutionHours: 4, source: 'priority' });
    expect(targetsFor([], 'request', 'regular', 'normal')).toEqual({ responseHours: 8, resolutionHours: 24, source: 'priority' });
    expect(targetsFor([], 'request', 'regular', 'low')).toEqual({ responseHours: 16, resolutionHours: 40, source: 'priority' });
  });
});

describe('caseClocks', () => {
  // Tuesday 1 December 2026, 09:00 in Jakarta (02:00 UTC): inside working hours.
  const tuesday9 = new Date('2026-12-01T02:00:00Z');
  it('counts working hours: a 2 h target at 09:00 is due at 11:00, answered by 09:30, warned at 20 % before', () => {
    const c = caseClocks(tuesday9, { responseHours: 0.5, resolutionHours: 2, source: 'matrix' }, DEFAULT_SLA);
    expect(c.responseDueAt.toISOString()).toBe('2026-12-01T02:30:00.000Z');
    expect(c.dueAt.toISOString()).toBe('2026-12-01T04:00:00.000Z');
    // Last 20 % of 120 working minutes: from 96 minutes in.
    expect(c.warnAt.toISOString()).toBe('2026-12-01T03:36:00.000Z');
  });
  it('skips the night and the weekend: 4 h filed Friday 16:00 is due Saturday 11:00', () => {
    const friday16 = new Date('2026-12-04T09:00:00Z');
    const c = caseClocks(friday16, { responseHours: 1, resolutionHours: 4, source: 'priority' }, DEFAULT_SLA);
    expect(c.responseDueAt.toISOString()).toBe('2026-12-04T10:00:00.000Z');
    expect(c.dueAt.toISOString()).toBe('2026-12-05T04:00:00.000Z');
    expect(workingMinutesBetween(friday16, c.dueAt, DEFAULT_SLA)).toBe(240);
  });
  it('skips holidays (Christmas) and a closed Sunday', () => {
    const christmasEve16 = new Date('2026-12-24T09:00:00Z'); // Thursday 16:00 WIB
    const c = caseClocks(christmasEve16, { responseHours: 2, resolutionHours: 2, source: 'matrix' }, DEFAULT_SLA);
    // One hour on the 24th; the 25th is a holiday: the second hour is Saturday 26th 08:00–09:00.
    expect(c.dueAt.toISOString()).toBe('2026-12-26T02:00:00.000Z');
  });
  it('warns earlier with a larger percentage', () => {
    const t = { responseHours: 1, resolutionHours: 4, source: 'matrix' } as const;
    const at20 = caseClocks(tuesday9, t, DEFAULT_SLA, DEFAULT_CASE_WARN_PERCENT).warnAt.getTime();
    const at50 = caseClocks(tuesday9, t, DEFAULT_SLA, 50).warnAt.getTime();
    expect(at50).toBeLessThan(at20);
    expect(new Date(at50).toISOString()).toBe('2026-12-01T04:00:00.000Z');
  });
});

describe('isDueSoon', () => {
  const item = { status: 'open', slaDueAt: '2026-12-01T04:00:00.000Z', warnAt: '2026-12-01T03:36:00.000Z' };
  it('is due soon from the warning until the due time, while the case is being worked', () => {
    expect(isDueSoon(item, Date.parse('2026-12-01T03:35:59Z'))).toBe(false);
    expect(isDueSoon(item, Date.parse('2026-12-01T03:36:00Z'))).toBe(true);
    expect(isDueSoon(item, Date.parse('2026-12-01T03:59:59Z'))).toBe(true);
    expect(isDueSoon(item, Date.parse('2026-12-01T04:00:00Z'))).toBe(false); // overdue, not "soon"
    expect(isDueSoon({ ...item, status: 'resolved' }, Date.parse('2026-12-01T03:40:00Z'))).toBe(false);
    expect(isDueSoon({ ...item, warnAt: null }, Date.parse('2026-12-01T03:40:00Z'))).toBe(false);
    expect(isDueSoon({ ...item, warnAt: 'nonsense' }, Date.parse('2026-12-01T03:40:00Z'))).toBe(false);
  });
});

describe('schemas', () => {
  it('refuses a duplicate cell, a response longer than the resolution, and hours out of range', () => {
    const dup = CaseSlaMatrix.safeParse({ targets: [matrix[0], matrix[0]] });
    expect(dup.success).toBe(false);
    expect(JSON.stringify(dup.error?.issues)).toMatch(/complaint\/platinum is listed twice/);
    const longer = CaseSlaMatrix.safeParse({ targets: [{ category: 'complaint', tier: 'gold', responseHours: 9, resolutionHours: 8 }] });
    expect(JSON.stringify(longer.error?.issues)).toMatch(/must not be longer than the resolution target/);
    for (const hours of [0, 0.1, -1, 2001, 1.234, Number.NaN]) {
      expect(CaseSlaMatrix.safeParse({ targets: [{ category: 'complaint', tier: 'gold', responseHours: hours, resolutionHours: 10 }] }).success).toBe(false);
    }
    expect(CaseSlaMatrix.safeParse({ targets: [{ category: 'Not A Code', tier: 'gold', responseHours: 1, resolutionHours: 2 }] }).success).toBe(false);
    expect(CaseSlaMatrix.safeParse({ targets: [{ category: 'complaint', tier: 'diamond', responseHours: 1, resolutionHours: 2 }] }).success).toBe(false);
    expect(CaseSlaMatrix.safeParse({ targets: [], extra: 1 }).success).toBe(false);
    expect(CaseSlaMatrix.safeParse({ targets: [] }).success).toBe(true);
  });
  it('assigns to exactly one of an agent or a team', () => {
    const id = '00000000-0000-4000-8000-00000000a001';
    expect(CaseAssignBody.safeParse({ assigneeId: id }).success).toBe(true);
    expect(CaseAssignBody.safeParse({ teamId: id }).success).toBe(true);
    expect(CaseAssignBody.safeParse({}).success).toBe(false);
    expect(CaseAssignBody.safeParse({ assigneeId: id, teamId: id }).success).toBe(false);
    expect(CaseAssignBody.safeParse({ assigneeId: 'nope' }).success).toBe(false);
  });
  it('reads the board query from a URL', () => {
    expect(CaseBoardQuery.parse({ escalated: 'true', limit: '10' })).toMatchObject({ status: 'active', escalated: true, limit: 10, offset: 0 });
    expect(CaseBoardQuery.safeParse({ limit: '1000' }).success).toBe(false);
    expect(CaseBoardQuery.safeParse({ status: 'lost' }).success).toBe(false);
  });
});
