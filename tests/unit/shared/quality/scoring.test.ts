// The scoring rules of a quality form (src/shared/quality/scoring.ts, docs/quality.md):
// section weights, N/A left out of the denominator and empty sections renormalised away,
// critical and fatal items, text items unscored, scale and choice points, rounding.
import { describe, expect, it } from 'vitest';
import { answerProblems } from '../../../../src/shared/quality/answers.js';
import { roundScore, scoreEvaluation } from '../../../../src/shared/quality/scoring.js';
import { choice, form, scale, section, text, yesNo } from './fixtures.js';

const a = (itemId: string, value: string | number, comment?: string) => ({ itemId, value, ...(comment ? { comment } : {}) });

describe('scoreEvaluation', () => {
  const twoSections = form({ sections: [
    section('greeting', 30, [yesNo('hello'), yesNo('name')]),
    section('solution', 70, [yesNo('fixed', { points: 3 }), yesNo('checked')]),
  ] });

  it('weights each section: 30 % × 50 + 70 % × 75 = 67.5', () => {
    const r = scoreEvaluation(twoSections, [a('hello', 'yes'), a('name', 'no'), a('fixed', 'yes'), a('checked', 'no')]);
    expect(r.sections.map((s) => s.score)).toEqual([50, 75]);
    expect(r.total).toBe(67.5);
    expect(r.failedItems).toEqual([
      { sectionId: 'greeting', itemId: 'name', severity: 'normal' },
      { sectionId: 'solution', itemId: 'checked', severity: 'normal' },
    ]);
    expect(r.fatalFailed).toBe(false);
  });

  it('leaves N/A items out of their section\'s denominator', () => {
    const r = scoreEvaluation(twoSections, [a('hello', 'yes'), a('name', 'na'), a('fixed', 'yes'), a('checked', 'na')]);
    expect(r.sections.map((s) => [s.score, s.possible])).toEqual([[100, 1], [100, 3]]);
    expect(r.total).toBe(100);
  });

  it('leaves out a section whose items are all N/A and renormalises the others\' weights', () => {
    const three = form({ sections: [
      section('a', 20, [yesNo('a1')]), section('b', 30, [yesNo('b1')]), section('c', 50, [yesNo('c1')]),
    ] });
    const r = scoreEvaluation(three, [a('a1', 'yes'), a('b1', 'no'), a('c1', 'na')]);
    // (20 × 100 + 30 × 0) / 50 = 40; the weights left become 40 % and 60 %.
    expect(r.total).toBe(40);
    expect(r.sections.map((s) => [s.sectionId, s.score, s.effectiveWeight])).toEqual([['a', 100, 40], ['b', 0, 60], ['c', null, 0]]);
  });

  it('gives no total when every item is N/A', () => {
    const r = scoreEvaluation(twoSections, ['hello', 'name', 'fixed', 'checked'].map((id) => a(id, 'na')));
    expect(r.total).toBeNull();
    expect(r.sections.every((s) => s.score === null)).toBe(true);
  });

  it('a failed critical item makes its section 0, and only its section', () => {
    const f = form({ sections: [
      section('identity', 40, [yesNo('verified', { critical: true }), yesNo('polite')]),
      section('rest', 60, [yesNo('r1')]),
    ] });
    const r = scoreEvaluation(f, [a('verified', 'no'), a('polite', 'yes'), a('r1', 'yes')]);
    expect(r.sections.map((s) => s.score)).toEqual([0, 100]);
    expect(r.total).toBe(60);
    expect(r.criticalFailedSections).toEqual(['identity']);
    expect(r.failedItems).toEqual([{ sectionId: 'identity', itemId: 'verified', severity: 'critical' }]);
    // Passed, the critical item is an ordinary item.
    expect(scoreEvaluation(f, [a('verified', 'yes'), a('polite', 'no'), a('r1', 'yes')]).total).toBe(80);
    // N/A, it fails nothing.
    expect(scoreEvaluation(f, [a('verified', 'na'), a('polite', 'yes'), a('r1', 'yes')]).criticalFailedSections).toEqual([]);
  });

  it('a failed fatal item makes the total 0 whatever else scored', () => {
    const f = form({ sections: [
      section('compliance', 10, [yesNo('disclosure', { fatal: true })]),
      section('rest', 90, [yesNo('r1'), yesNo('r2')]),
    ] });
    const r = scoreEvaluation(f, [a('disclosure', 'no'), a('r1', 'yes'), a('r2', 'yes')]);
    expect(r.total).toBe(0);
    expect(r.fatalFailed).toBe(true);
    expect(r.sections.map((s) => s.score)).toEqual([0, 100]);
    expect(r.failedItems).toEqual([{ sectionId: 'compliance', itemId: 'disclosure', severity: 'fatal' }]);
    expect(scoreEvaluation(f, [a('disclosure', 'yes'), a('r1', 'yes'), a('r2', 'no')]).total).toBe(55);
  });

  it('does not score text items: they change no total and no denominator', () => {
    const f = form({ sections: [section('s', 100, [yesNo('q'), text('notes'), text('more', { required: true })])] });
    expect(scoreEvaluation(f, [a('q', 'yes'), a('notes', 'Bagus sekali'), a('more', 'x')]).total).toBe(100);
    expect(scoreEvaluation(f, [a('q', 'no'), a('more', 'x')]).total).toBe(0);
    expect(scoreEvaluation(f, [a('q', 'yes'), a('more', 'x')]).sections[0]?.possible).toBe(1);
  });

  it('scores a scale as points × (value − min) / (max − min), failing below failBelow', () => {
    const f = form({ sections: [section('s', 100, [scale('empathy', 1, 5, { points: 4, failBelow: 3 }), yesNo('q', { points: 4 })])] });
    // 4 × (4 − 1) / 4 = 3 of 4, plus 4 of 4: 7 / 8 = 87.5
    expect(scoreEvaluation(f, [a('empathy', 4), a('q', 'yes')]).total).toBe(87.5);
    expect(scoreEvaluation(f, [a('empathy', 1), a('q', 'yes')]).total).toBe(50);
    expect(scoreEvaluation(f, [a('empathy', 2), a('q', 'yes')]).failedItems).toEqual([{ sectionId: 's', itemId: 'empathy', severity: 'normal' }]);
    expect(scoreEvaluation(f, [a('empathy', 3), a('q', 'yes')]).failedItems).toEqual([]);
  });

  it('scores a choice as the option\'s points out of the best option\'s', () => {
    const f = form({ sections: [section('s', 100, [
      choice('closing', [{ id: 'full', points: 5 }, { id: 'partial', points: 2 }, { id: 'none', points: 0, fails: true }]),
    ])] });
    expect(scoreEvaluation(f, [a('closing', 'full')]).total).toBe(100);
    expect(scoreEvaluation(f, [a('closing', 'partial')]).total).toBe(40);
    const none = scoreEvaluation(f, [a('closing', 'none')]);
    expect([none.total, none.failedItems.length]).toEqual([0, 1]);
  });

  it('rounds to one decimal, half up, once, at the end', () => {
    expect(roundScore(72.25)).toBe(72.3);
    expect(roundScore(72.24)).toBe(72.2);
    expect(roundScore(66.66666)).toBe(66.7);
    expect(roundScore(0.05)).toBe(0.1);
    expect(roundScore(100)).toBe(100);
    // 1 of 3 and 2 of 3 in sections weighted 50/50: 50.0 from the unrounded 33.33… and 66.66…
    const f = form({ sections: [section('a', 50, [yesNo('a1'), yesNo('a2'), yesNo('a3')]), section('b', 50, [yesNo('b1'), yesNo('b2'), yesNo('b3')])] });
    const r = scoreEvaluation(f, [a('a1', 'yes'), a('a2', 'no'), a('a3', 'no'), a('b1', 'yes'), a('b2', 'yes'), a('b3', 'no')]);
    expect(r.sections.map((s) => s.score)).toEqual([33.3, 66.7]);
    expect(r.total).toBe(50);
  });
});

describe('the worked example of docs/quality.md', () => {
  const f = form({ sections: [
    section('greeting', 30, [yesNo('hello'), yesNo('verify', { critical: true, commentOnFail: true })]),
    section('compliance', 70, [
      yesNo('disclosure', { fatal: true, allowNa: false }),
      scale('empathy', 1, 5, { points: 2, failBelow: 3 }),
      choice('closing', [{ id: 'full', points: 2 }, { id: 'short', points: 1 }, { id: 'none', points: 0, fails: true }]),
      text('notes'),
    ]),
  ] });
  const base = { hello: 'yes', verify: 'na', disclosure: 'yes', empathy: 4, closing: 'short', notes: 'Ramah' } as Record<string, string | number>;
  const answers = (over: Record<string, string | number> = {}) => Object.entries({ ...base, ...over }).map(([itemId, value]) => a(itemId, value, 'c'));

  it('scores 79.0, and each variant as the document says', () => {
    const r = scoreEvaluation(f, answers());
    expect(r.sections.map((s) => [s.score, s.earned, s.possible])).toEqual([[100, 1, 1], [70, 3.5, 5]]);
    expect(r.total).toBe(79);
    expect(scoreEvaluation(f, answers({ hello: 'no' })).total).toBe(49);
    expect(scoreEvaluation(f, answers({ verify: 'no' })).total).toBe(49);
    expect(scoreEvaluation(f, answers({ hello: 'na' })).total).toBe(70);
    expect(scoreEvaluation(f, answers({ disclosure: 'no' })).total).toBe(0);
    expect(scoreEvaluation(f, answers({ empathy: 5, closing: 'full' })).total).toBe(100);
    expect(scoreEvaluation(f, answers({ empathy: 2 })).total).toBe(65);
  });
});

describe('answerProblems', () => {
  const f = form({ sections: [section('s', 100, [
    yesNo('q', { commentOnFail: true }), yesNo('strict', { allowNa: false }), scale('sc', 1, 5), text('t', { required: true }),
  ])] });

  it('accepts a complete set of answers', () => {
    expect(answerProblems(f, [a('q', 'yes'), a('strict', 'no'), a('sc', 3), a('t', 'ok')])).toEqual([]);
  });

  it('names what is missing, unknown, out of range, not allowed, or needs a comment', () => {
    expect(answerProblems(f, [a('q', 'no'), a('strict', 'na'), a('sc', 6), a('ghost', 'yes')])).toEqual([
      'answers.ghost: not an item of this form version',
      'answers.q: a failed item needs a comment',
      'answers.strict: N/A is not allowed for this item',
      'answers.sc: a whole number from 1 to 5',
      'answers.t: not answered',
    ]);
    expect(answerProblems(f, [a('q', 'no', 'Tidak menyapa'), a('strict', 'maybe'), a('sc', 'na'), a('t', 'ok')])).toEqual([
      'answers.strict: answer "yes", "no" or "na"',
      'answers.sc: N/A is not allowed for this item',
    ]);
  });
});
