// The post-sales report's formulas (docs/reports.md, "Post-sales report") on sums with known
// answers: the nearest-rank p90 of a histogram of cycle days, and the collection rate.
import { describe, expect, it } from 'vitest';
import { collectionFigures, cycleFigures } from '../../../src/server/reports/postsales-report.js';

describe('cycleFigures', () => {
  it('mean and nearest-rank p90 from a histogram; cancelled over all outcomes', () => {
    // Cycles 1…10 days, one order each: rank ⌈9⌉ = 9 → 9 days.
    expect(cycleFigures({ cycles: new Map(Array.from({ length: 10 }, (_, i) => [i + 1, 1])), cancelled: 2 })).toEqual({
      completed: 10, avgCycleDays: 5.5, p90CycleDays: 9, cancelled: 2, cancelRate: 16.7,
    });
    // 11 orders: rank ⌈9.9⌉ = 10: nine of 2 days, one of 5, one of 30 → 5.
    expect(cycleFigures({ cycles: new Map([[30, 1], [2, 9], [5, 1]]), cancelled: 0 }).p90CycleDays).toBe(5);
    expect(cycleFigures({ cycles: new Map([[4, 1]]), cancelled: 0 })).toMatchObject({ avgCycleDays: 4, p90CycleDays: 4 });
  });
  it('nothing done: averages and rates are "—" (null)', () => {
    expect(cycleFigures({ cycles: new Map(), cancelled: 0 })).toEqual({
      completed: 0, avgCycleDays: null, p90CycleDays: null, cancelled: 0, cancelRate: null,
    });
  });
});

describe('collectionFigures', () => {
  it('collected over what was collectible (open at start + invoiced − paid without a date); open at end is the ageing total', () => {
    const buckets = [{ invoices: 1, openIdr: 1_500_000 }, { invoices: 2, openIdr: 5_000_000 }];
    expect(collectionFigures({ buckets, openStart: 5_400_000, invoiced: 2_500_000, collected: 1_400_000, late: 900_000, undated: 0 })).toEqual({
      openStartIdr: 5_400_000, invoicedIdr: 2_500_000, collectedIdr: 1_400_000, collectedLateIdr: 900_000, undatedIdr: 0,
      collectionRate: 17.7, openEndIdr: 6_500_000,
    });
    expect(collectionFigures({ buckets: [], openStart: 0, invoiced: 800_000, collected: 0, late: 0, undated: 800_000 }).collectionRate).toBeNull();
  });
});
