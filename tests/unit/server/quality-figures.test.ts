// The quality report's formulas (docs/reports.md, "Quality report") on sums with known answers.
import { describe, expect, it } from 'vitest';
import { qualityFigures } from '../../../src/server/reports/quality-report.js';

describe('qualityFigures', () => {
  it('averages the standing scores and rates fatal items and disputes over the evaluations, one decimal', () => {
    // 80 + 70 (re-scored from 60) + 0 (fatal): 150 / 3.
    expect(qualityFigures({ evaluations: 3, scoreSum: 150, fatal: 1, disputed: 1, rescored: 1, scoreChanged: 1 })).toEqual({
      evaluations: 3, avgScore: 50, fatalRate: 33.3, disputed: 1, disputeRate: 33.3, rescored: 1, scoreChanged: 1,
    });
    expect(qualityFigures({ evaluations: 3, scoreSum: 110, fatal: 0, disputed: 2, rescored: 2, scoreChanged: 1 }).avgScore).toBe(36.7);
  });
  it('no evaluations: averages and rates are "—" (null), not 0', () => {
    expect(qualityFigures({ evaluations: 0, scoreSum: 0, fatal: 0, disputed: 0, rescored: 0, scoreChanged: 0 })).toEqual({
      evaluations: 0, avgScore: null, fatalRate: null, disputed: 0, disputeRate: null, rescored: 0, scoreChanged: 0,
    });
  });
});
