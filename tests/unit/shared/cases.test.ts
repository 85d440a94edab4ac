// The case policy both sides share: the priority offered from tier and category, and the
// due time in working hours on the office calendar.
import { describe, expect, it } from 'vitest';
import { caseDueAt, nextStatuses, suggestPriority, transitionProblem } from '../../../src/shared/cases.js';
import { DEFAULT_SLA } from '../../../src/shared/replies/sla.js';

describe('suggestPriority', () => {
  it('puts a Platinum complaint first, then premium tiers and complaints, the rest normal', () => {
    expect(suggestPriority('platinum', 'complaint')).toBe('urgent');
    expect(suggestPriority('platinum', 'billing')).toBe('high');
    expect(suggestPriority('gold', 'request')).toBe('high');
    expect(suggestPriority('regular', 'complaint')).toBe('high');
    expect(suggestPriority('silver', 'technical')).toBe('normal');
    expect(suggestPriority('regular', 'request')).toBe('normal');
  });
});

describe('caseDueAt', () => {
  it('counts working hours only: an urgent case filed at 16:00 WIB on a Friday is due Saturday 11:00', () => {
    // Friday 2026-12-04 16:00 WIB = 09:00 UTC; one working hour left on Friday, Saturday opens 08:00–12:00.
    const due = caseDueAt(new Date('2026-12-04T09:00:00Z'), 'urgent', DEFAULT_SLA);
    expect(due.toISOString()).toBe('2026-12-05T04:00:00.000Z');
  });

  it('skips Sunday and a holiday: a high case filed Thursday 24 December 12:00 WIB', () => {
    // Thu 12:00–17:00 (5 h), Fri 25 Dec holiday, Sat 08:00–11:00 (3 h) = 8 working hours.
    const due = caseDueAt(new Date('2026-12-24T05:00:00Z'), 'high', DEFAULT_SLA);
    expect(due.toISOString()).toBe('2026-12-26T04:00:00.000Z');
  });
});

describe('case status moves', () => {
  const now = new Date('2026-12-03T07:00:00Z');
  it('offers the moves each status allows', () => {
    expect(nextStatuses('open', null, now)).toEqual(['in_progress', 'waiting_customer', 'resolved']);
    expect(nextStatuses('waiting_customer', null, now)).toEqual(['in_progress', 'resolved']);
    expect(nextStatuses('resolved', '2026-12-01T07:00:00Z', now)).toEqual(['closed', 'in_progress']);
    expect(transitionProblem('open', 'closed', null, now)).toBe('a case that is open cannot become closed');
  });

  it('reopens only within the window', () => {
    expect(nextStatuses('closed', '2026-11-20T07:00:00Z', now)).toEqual(['in_progress']);
    expect(nextStatuses('closed', '2026-11-18T06:59:00Z', now)).toEqual([]);
    expect(transitionProblem('resolved', 'in_progress', '2026-11-30T07:00:00Z', now, 2)).toMatch(/more than 2 days ago/);
    expect(nextStatuses('resolved', '2026-11-01T07:00:00Z', now)).toEqual(['closed']);
  });
});
