// Property tests of the scoring rules on random forms and answers: the total is always
// null (nothing to score) or within 0–100 with one decimal, every section score too, and
// reordering the items inside sections, or the sections, changes nothing.
// The seed is printed; SAPA_PROPERTY_SEED=<seed> replays a run.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { answerProblems, type EvaluationAnswer } from '../../../../src/shared/quality/answers.js';
import { type FormDefinition, type QualityItem } from '../../../../src/shared/quality/form.js';
import { scoreEvaluation } from '../../../../src/shared/quality/scoring.js';
import { form } from './fixtures.js';

const SEED = Number(process.env.SAPA_PROPERTY_SEED ?? (Date.now() % 2_147_483_647));
const RUNS = Number(process.env.SAPA_PROPERTY_RUNS ?? 500);

const flags = fc.constantFrom({}, { critical: true }, { fatal: true });
const L = { id: 'x', en: 'x' };

function itemArb(id: string): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(
    fc.record({ points: fc.integer({ min: 1, max: 100 }), f: flags, allowNa: fc.boolean() })
      .map(({ points, f, allowNa }) => ({ id, label: L, kind: 'yes_no', points, allowNa, ...f })),
    fc.record({ min: fc.integer({ min: 0, max: 10 }), span: fc.integer({ min: 1, max: 10 }), points: fc.integer({ min: 1, max: 100 }), f: flags, fb: fc.nat() })
      .map(({ min, span, points, f, fb }) => ({ id, label: L, kind: 'scale', min, max: min + span, points, failBelow: min + 1 + (fb % span), allowNa: true, ...f })),
    fc.record({ pts: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 5 }), f: flags, failing: fc.nat() })
      .map(({ pts, f, failing }) => {
        const points = pts.some((p) => p > 0) ? pts : [1, ...pts.slice(1)];
        return { id, label: L, kind: 'choice', allowNa: true, ...f,
          options: points.map((p, i) => ({ id: `o${i}`, label: L, points: p, fails: i === failing % points.length })) };
      }),
    fc.constant({ id, label: L, kind: 'text' }),
  );
}

/** Weights: k positive integers adding up to 100. */
const weightsArb = (k: number) => fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: k - 1, maxLength: k - 1 })
  .map((cuts) => {
    const points = [0, ...cuts.sort((x, y) => x - y), 100];
    return points.slice(1).map((p, i) => p - (points[i] ?? 0));
  });

const formArb: fc.Arbitrary<FormDefinition> = fc.integer({ min: 1, max: 5 }).chain((k) => fc.tuple(
  weightsArb(k),
  fc.tuple(...Array.from({ length: k }, (_, s) => fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.tuple(...Array.from({ length: n }, (_x, i) => itemArb(`s${s}-i${i}`)))))),
)).map(([weights, sections]) => {
  const withScored = sections.map((items, s) => (items.every((i) => i.kind === 'text')
    ? [...items, { id: `s${s}-extra`, label: L, kind: 'yes_no' }] : items));
  return form({ sections: withScored.map((items, s) => ({ id: `s${s}`, label: L, weight: weights[s] ?? 0, items })) as never });
});

function answerArb(item: QualityItem): fc.Arbitrary<EvaluationAnswer> {
  const pick = (v: fc.Arbitrary<string | number>) => v.map((value) => ({ itemId: item.id, value, comment: 'c' }));
  switch (item.kind) {
    case 'yes_no': return pick(fc.constantFrom(...(item.allowNa ? ['yes', 'no', 'na'] : ['yes', 'no'])));
    case 'scale': return pick(fc.oneof(fc.integer({ min: item.min, max: item.max }), fc.constant('na')));
    case 'choice': return pick(fc.constantFrom('na', ...item.options.map((o) => o.id)));
    case 'text': return pick(fc.constant('catatan'));
  }
}

const caseArb = formArb.chain((f) => fc.tuple(
  fc.constant(f),
  fc.tuple(...f.sections.flatMap((s) => s.items.map(answerArb))),
  // Permutations: of sections, of the items in each section, of the answers.
  fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
));

function shuffle<T>(xs: readonly T[], keys: readonly number[], offset: number): T[] {
  return xs.map((x, i) => ({ x, k: keys[(i + offset) % keys.length] ?? 0, i })).sort((a, b) => a.k - b.k || a.i - b.i).map((e) => e.x);
}

const bySection = (r: ReturnType<typeof scoreEvaluation>) => ({
  ...r,
  sections: [...r.sections].sort((a, b) => a.sectionId.localeCompare(b.sectionId)),
  criticalFailedSections: [...r.criticalFailedSections].sort(),
  failedItems: [...r.failedItems].sort((a, b) => a.itemId.localeCompare(b.itemId)),
});

it('scores are within 0–100 (or null when all N/A) and do not depend on item, section or answer order', () => {
  console.info(`quality scoring property: seed ${SEED}, ${RUNS} runs (replay with SAPA_PROPERTY_SEED=${SEED})`);
  try {
    fc.assert(fc.property(caseArb, ([f, answers, keys]) => {
      expect(answerProblems(f, answers)).toEqual([]);
      const r = scoreEvaluation(f, answers);
      if (r.total !== null) {
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeLessThanOrEqual(100);
        expect(Math.round(r.total * 10) / 10).toBe(r.total);
      } else {
        expect(r.sections.every((s) => s.score === null)).toBe(true);
      }
      for (const s of r.sections) if (s.score !== null) expect(s.score >= 0 && s.score <= 100).toBe(true);
      if (r.fatalFailed) expect(r.total).toBe(0);
      const reordered: FormDefinition = {
        sections: shuffle(f.sections.map((s, si) => ({ ...s, items: shuffle(s.items, keys, si * 7 + 1) })), keys, 3),
      };
      const again = scoreEvaluation(reordered, shuffle(answers, keys, 11));
      expect(bySection(again)).toEqual(bySection(r));
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
  } catch (error) {
    console.error(`quality scoring property failed — replay with SAPA_PROPERTY_SEED=${SEED}`);
    throw error;
  }
});
