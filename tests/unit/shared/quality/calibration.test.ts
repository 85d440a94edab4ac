// Calibration maths (src/shared/quality/calibration.ts): per-item and total deviation from
// the reference, and drift over sessions.
import { describe, expect, it } from 'vitest';
import { deviation, driftSummary, itemValues, signedRound } from '../../../../src/shared/quality/calibration.js';
import { scoreEvaluation } from '../../../../src/shared/quality/scoring.js';
import { choice, form, scale, section, text, yesNo } from './fixtures.js';

const f = form({ sections: [
  section('greeting', 30, [yesNo('hello'), yesNo('verify')]),
  section('compliance', 70, [scale('empathy', 1, 5, { points: 2 }), choice('closing', [{ id: 'full', points: 2 }, { id: 'short', points: 1 }, { id: 'none', points: 0 }]), text('notes')]),
] });
const total = (answers: { itemId: string; value: string | number }[]) => scoreEvaluation(f, answers).total ?? 0;

describe('deviation', () => {
  const ref = [{ itemId: 'hello', value: 'yes' }, { itemId: 'verify', value: 'yes' }, { itemId: 'empathy', value: 5 }, { itemId: 'closing', value: 'full' }];
  const mine = [{ itemId: 'hello', value: 'yes' }, { itemId: 'verify', value: 'na' }, { itemId: 'empathy', value: 3 }, { itemId: 'closing', value: 'short' }];

  it('item values are 0–100 of the item, N/A none, text items left out', () => {
    expect(itemValues(f, mine)).toEqual([{ itemId: 'hello', value: 100 }, { itemId: 'verify', value: null }, { itemId: 'empathy', value: 50 }, { itemId: 'closing', value: 50 }]);
  });

  it('per item: mine − reference (none where either is N/A); in total: my total − the reference total; mean |item delta|', () => {
    const d = deviation(f, { answers: mine, total: total(mine) }, { answers: ref, total: total(ref) });
    expect(d.items).toEqual([
      { itemId: 'hello', value: 100, reference: 100, delta: 0 },
      { itemId: 'verify', value: null, reference: 100, delta: null },
      { itemId: 'empathy', value: 50, reference: 100, delta: -50 },
      { itemId: 'closing', value: 50, reference: 100, delta: -50 },
    ]);
    // mine: greeting 100, compliance (1 + 1)/4 = 50 → 30 + 35 = 65; reference 100.
    expect(d.totalDelta).toBe(-35);
    expect(d.meanAbsItemDelta).toBe(33.3);
    expect(deviation(f, { answers: ref, total: 100 }, { answers: ref, total: 100 })).toMatchObject({ totalDelta: 0, meanAbsItemDelta: 0 });
  });

  it('rounds signed figures alike in size', () => {
    expect(signedRound(-2.25)).toBe(-2.3);
    expect(signedRound(2.25)).toBe(2.3);
  });
});

describe('drift', () => {
  const p = (at: string, totalDelta: number) => ({ sessionId: '00000000-0000-4000-8000-000000000001', at, totalDelta, meanAbsItemDelta: null });
  it('none without sessions; steady with one or equal halves; closer when the later half deviates less; further when more', () => {
    expect(driftSummary([])).toEqual({ sessions: 0, meanAbsTotalDelta: null, trend: null });
    expect(driftSummary([p('2026-01-01', -10)])).toEqual({ sessions: 1, meanAbsTotalDelta: 10, trend: null });
    expect(driftSummary([p('2026-01-01', -20), p('2026-02-01', 15), p('2026-03-01', 4), p('2026-04-01', -2)]))
      .toEqual({ sessions: 4, meanAbsTotalDelta: 10.3, trend: 'closer' });
    expect(driftSummary([p('2026-03-01', 20), p('2026-01-01', 1)]).trend).toBe('further');
    expect(driftSummary([p('2026-01-01', 5), p('2026-02-01', -5)]).trend).toBe('steady');
  });
});
