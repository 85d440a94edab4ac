// The sales arithmetic (src/shared/sales-money.ts): the forecast's weighting and its one
// rounding to whole rupiah, budget warnings exactly at their edges, and the periods.
import { describe, expect, it } from 'vitest';
import { budgetState, forecastByMonth, parsePeriod, periodOf, spentPercent } from '../../../src/shared/sales-money.js';

describe('forecast by month', () => {
  it('weighs each value by its probability and sums per month, months in order', () => {
    const f = forecastByMonth([
      { month: '2027-01', valueIdr: 10_000_000, probability: 40 },
      { month: '2026-12', valueIdr: 5_000_000, probability: 10 },
      { month: '2026-12', valueIdr: 2_000_000, probability: 70 },
    ]);
    expect(f).toEqual([
      { month: '2026-12', pipelineIdr: 7_000_000, weightedIdr: 500_000 + 1_400_000, count: 2 },
      { month: '2027-01', pipelineIdr: 10_000_000, weightedIdr: 4_000_000, count: 1 },
    ]);
  });

  it('rounds once per month, half up, to whole rupiah', () => {
    // 3 × Rp 1 at 50 % = Rp 1.5 → Rp 2 (rounding each would give Rp 3).
    expect(forecastByMonth([1, 1, 1].map((v) => ({ month: '2026-12', valueIdr: v, probability: 50 })))[0]?.weightedIdr).toBe(2);
    // Rp 1 at 49 % = 0.49 → 0; at 50 % = 0.5 → 1.
    expect(forecastByMonth([{ month: '2026-12', valueIdr: 1, probability: 49 }])[0]?.weightedIdr).toBe(0);
    expect(forecastByMonth([{ month: '2026-12', valueIdr: 1, probability: 50 }])[0]?.weightedIdr).toBe(1);
    // Rp 333 at 10 % = 33.3 → 33.
    expect(forecastByMonth([{ month: '2026-12', valueIdr: 333, probability: 10 }])[0]?.weightedIdr).toBe(33);
  });

  it('stays exact past 2^53 (a quadrillion-rupiah pipeline at 99 %)', () => {
    const f = forecastByMonth([{ month: '2026-12', valueIdr: 999_999_999_999_999, probability: 99 }]);
    // 999 999 999 999 999 × 0.99 = 989 999 999 999 999.01 → …999
    expect(f[0]?.weightedIdr).toBe(989_999_999_999_999);
  });

  it('refuses a malformed month or probability', () => {
    expect(() => forecastByMonth([{ month: '2026-13', valueIdr: 1, probability: 10 }])).toThrow(/YYYY-MM/);
    expect(() => forecastByMonth([{ month: '2026-12', valueIdr: 1, probability: 101 }])).toThrow(/0–100/);
    expect(() => forecastByMonth([{ month: '2026-12', valueIdr: -1, probability: 10 }])).toThrow(/negative/);
    expect(forecastByMonth([])).toEqual([]);
  });
});

describe('budget warnings', () => {
  it('is ok below the warning share, warns from it up to 100 % exactly, and is over above', () => {
    expect(budgetState(8_999_999, 10_000_000, 90)).toBe('ok');
    expect(budgetState(9_000_000, 10_000_000, 90)).toBe('warn');
    expect(budgetState(10_000_000, 10_000_000, 90)).toBe('warn');
    expect(budgetState(10_000_001, 10_000_000, 90)).toBe('over');
  });

  it('follows the setting, and compares without rounding a percentage', () => {
    expect(budgetState(7_499_999, 10_000_000, 75)).toBe('ok');
    expect(budgetState(7_500_000, 10_000_000, 75)).toBe('warn');
    // 2 of 3 = 66.67 %: not yet 67 %.
    expect(budgetState(2, 3, 67)).toBe('ok');
    expect(budgetState(1, 1, 100)).toBe('warn');
  });

  it('says none without a budget, and over when something is spent against none', () => {
    expect(budgetState(0, null, 90)).toBe('none');
    expect(budgetState(0, 0, 90)).toBe('none');
    expect(budgetState(1, 0, 90)).toBe('over');
  });

  it('shows the spent share rounded down', () => {
    expect(spentPercent(9_999, 10_000)).toBe(99);
    expect(spentPercent(15_000, 10_000)).toBe(150);
    expect(spentPercent(1, null)).toBeNull();
  });
});

describe('periods', () => {
  it('reads months and quarters, leap years included', () => {
    expect(parsePeriod('2026-Q4')).toEqual({ kind: 'quarter', key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(parsePeriod('2028-02')).toEqual({ kind: 'month', key: '2028-02', start: '2028-02-01', end: '2028-02-29' });
    expect(parsePeriod('2027-Q1')?.end).toBe('2027-03-31');
    for (const bad of ['', '2026-Q5', '2026-00', '2026-1', 'Q4-2026', '<script>', '1999-01']) expect(parsePeriod(bad)).toBeNull();
    expect(periodOf('2026-11-30', 'quarter')).toBe('2026-Q4');
    expect(periodOf('2026-11-30', 'month')).toBe('2026-11');
  });
});
