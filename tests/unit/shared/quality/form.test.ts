// What a quality form must be to be saved (src/shared/quality/form.ts): weights that add up
// to 100, unique ids, flags that make sense for the item's kind.
import { describe, expect, it } from 'vitest';
import { FormDefinition } from '../../../../src/shared/quality/form.js';
import { choice, scale, section, text, yesNo } from './fixtures.js';

const problems = (input: unknown) => {
  const r = FormDefinition.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('FormDefinition', () => {
  it('accepts a form with every kind of item and fills the defaults', () => {
    const parsed = FormDefinition.parse({ sections: [
      section('a', 60, [yesNo('y', { critical: true }), scale('s', 1, 5, { failBelow: 3, fatal: true }), text('t')]),
      section('b', 40, [choice('c', [{ id: 'good', points: 2 }, { id: 'bad', points: 0, fails: true }], { commentOnFail: true })]),
    ] });
    expect(parsed.sections[0]?.items[0]).toMatchObject({ points: 1, allowNa: true, critical: true, fatal: false, commentOnFail: false });
  });

  it('refuses weights that do not add up to 100, saying the sum', () => {
    expect(problems({ sections: [section('a', 60, [yesNo('y')]), section('b', 30, [yesNo('z')])] }))
      .toEqual(['sections: section weights add up to 90, not 100']);
  });

  it.each([
    ['a section id twice', { sections: [section('a', 50, [yesNo('y')]), section('a', 50, [yesNo('z')])] }, 'sections.1.id: section "a" is listed twice'],
    ['an item id twice in the form', { sections: [section('a', 50, [yesNo('y')]), section('b', 50, [yesNo('y')])] },
      'sections.1.items.0.id: item "y" is used twice in the form'],
    ['critical and fatal', { sections: [section('a', 100, [yesNo('y', { critical: true, fatal: true })])] },
      'sections.0.items.0.fatal: an item is critical or fatal, not both'],
    ['a critical text item', { sections: [section('a', 100, [yesNo('y'), text('t', { critical: true })])] },
      'sections.0.items.1: a text item is not scored: it cannot be critical, fatal or need a comment on failure'],
    ['a section of text only', { sections: [section('a', 100, [text('t')])] }, 'sections.0.items: a section needs at least one scored item'],
    ['a fatal scale that cannot fail', { sections: [section('a', 100, [scale('s', 1, 5, { fatal: true })])] },
      'sections.0.items.0: set failBelow: a critical, fatal or comment-on-failure scale item must be able to fail'],
    ['a scale with max below min', { sections: [section('a', 100, [scale('s', 5, 3)])] }, 'sections.0.items.0.max: max (3) must be above min (5)'],
    ['failBelow outside the scale', { sections: [section('a', 100, [scale('s', 1, 5, { failBelow: 9 })])] },
      'sections.0.items.0.failBelow: failBelow must be above min and at most max (1 < failBelow ≤ 5)'],
    ['a choice option twice', { sections: [section('a', 100, [choice('c', [{ id: 'x', points: 1 }, { id: 'x', points: 0 }])])] },
      'sections.0.items.0.options.1.id: option "x" is listed twice'],
    ['a choice where nothing earns points', { sections: [section('a', 100, [choice('c', [{ id: 'x', points: 0 }, { id: 'y', points: 0 }])])] },
      'sections.0.items.0.options: at least one option must earn points'],
    ['an option called na', { sections: [section('a', 100, [choice('c', [{ id: 'na', points: 0 }, { id: 'y', points: 1 }])])] },
      'sections.0.items.0.options.0.id: "na" is the answer for not applicable, not an option id'],
  ])('refuses %s', (_what, input, message) => {
    expect(problems(input)).toContain(message);
  });

  it('refuses labels with control characters or missing a language, and unknown fields', () => {
    expect(problems({ sections: [{ ...section('a', 100, [yesNo('y')]), label: { id: 'a\u0000', en: 'b' } }] })[0])
      .toMatch(/sections\.0\.label\.id: must not contain control characters/);
    expect(problems({ sections: [{ ...section('a', 100, [yesNo('y')]), label: { en: 'b' } }] })[0]).toMatch(/sections\.0\.label\.id/);
    expect(problems({ sections: [section('a', 100, [yesNo('y', { colour: 'red' })])] }).join()).toMatch(/colour/);
  });

  it('keeps unicode and markup in labels as text', () => {
    const label = { id: 'Salam <script>alert(1)</script> — ✓', en: 'Greeting 💬 ﷽' };
    const parsed = FormDefinition.parse({ sections: [{ ...section('a', 100, [yesNo('y')]), label }] });
    expect(parsed.sections[0]?.label).toEqual(label);
  });
});
