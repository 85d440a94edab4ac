// Report periods: each kind's bounds in the company time zone, the previous period and the
// same period last year, labels in both languages, and custom ranges refused with a reason.
import { describe, expect, it } from 'vitest';
import {
  customPeriod, localDay, nextPeriod, parsePeriodKey, periodBounds, periodContaining, periodLabel, previousPeriod, samePeriodLastYear,
} from '../../../src/shared/report-periods.js';

describe('report periods', () => {
  it('a quarter is Triwulan I–IV and runs local midnight to local midnight (UTC+7)', () => {
    const q = parsePeriodKey('2026-Q4');
    expect(q).toMatchObject({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(periodBounds(q).start.toISOString()).toBe('2026-09-30T17:00:00.000Z');
    expect(periodBounds(q).end.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(periodLabel(q, 'id')).toBe('Triwulan IV 2026');
    expect(periodLabel(parsePeriodKey('2026-Q1'), 'en')).toBe('Quarter I 2026');
    expect(periodContaining('quarter', '2026-03-31').key).toBe('2026-Q1');
    expect(periodContaining('quarter', '2026-04-01').key).toBe('2026-Q2');
  });

  it('Semester I is January–June and Semester II July–December', () => {
    const s1 = parsePeriodKey('2026-S1');
    expect(s1).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
    expect(periodContaining('semester', '2026-06-30').key).toBe('2026-S1');
    expect(periodContaining('semester', '2026-07-01').key).toBe('2026-S2');
    expect(periodLabel(s1, 'id')).toBe('Semester I 2026');
    expect(previousPeriod(s1).key).toBe('2025-S2');
  });

  it('a moment on 30 June 23:59 in Jakarta is June; 1 July 00:00 is July (the local day decides, not UTC)', () => {
    expect(localDay(new Date('2026-06-30T16:59:59Z'))).toBe('2026-06-30');
    expect(localDay(new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-01');
    const june = periodBounds(parsePeriodKey('2026-06'));
    expect(new Date('2026-06-30T16:59:00Z') < june.end).toBe(true);
    expect(new Date('2026-06-30T17:00:00Z') < june.end).toBe(false);
  });

  it('crosses the year boundary: previous month of January, previous quarter of Q1, last year', () => {
    expect(previousPeriod(parsePeriodKey('2027-01')).key).toBe('2026-12');
    expect(previousPeriod(parsePeriodKey('2027-Q1')).key).toBe('2026-Q4');
    expect(previousPeriod(parsePeriodKey('2027')).key).toBe('2026');
    expect(nextPeriod(parsePeriodKey('2026-12')).key).toBe('2027-01');
    expect(samePeriodLastYear(parsePeriodKey('2026-Q4')).key).toBe('2025-Q4');
    expect(periodBounds(parsePeriodKey('2026')).start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(parsePeriodKey('2024-02').to).toBe('2024-02-29');
  });

  it('custom ranges: both days included, previous = the same length before, last year with 29 February on the 28th', () => {
    const c = parsePeriodKey('2026-10-01_2026-10-10');
    expect(c).toMatchObject({ kind: 'custom', from: '2026-10-01', to: '2026-10-10' });
    expect(previousPeriod(c)).toMatchObject({ from: '2026-09-21', to: '2026-09-30' });
    expect(samePeriodLastYear(customPeriod('2024-02-29', '2024-03-01'))).toMatchObject({ from: '2023-02-28', to: '2023-03-01' });
    expect(periodLabel(c, 'id')).toBe('1 Oktober 2026 – 10 Oktober 2026');
  });

  it('refuses what is not a period, with a reason', () => {
    expect(() => parsePeriodKey('2026-10-10_2026-10-01')).toThrow('ends before it starts');
    expect(() => parsePeriodKey('2026-01-01_2027-06-01')).toThrow('at most 366 days');
    expect(() => parsePeriodKey('2026-02-30_2026-03-01')).toThrow('is not a date');
    expect(() => parsePeriodKey('2026-13')).toThrow('does not exist');
    expect(() => parsePeriodKey('2026-Q5')).toThrow('is not a period');
    expect(() => parsePeriodKey('<script>')).toThrow('is not a period');
    expect(() => parsePeriodKey('')).toThrow('is not a period');
    expect(() => parsePeriodKey('1999')).toThrow('out of range');
    expect(customPeriod('2024-01-01', '2024-12-31').to).toBe('2024-12-31');
  });
});
