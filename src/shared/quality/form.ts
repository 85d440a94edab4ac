// A quality form as a lead builds it: sections with weights that add up to 100, each with
// items of four kinds. The scoring rules that read it are in scoring.ts; the rules below
// are the ones a form must meet to be saved, each refused with a message naming the place
// ("sections.1.items.0: …") so the form editor can put it next to the field.
//
//  - yes_no: yes earns the item's points, no earns 0 and fails the item, N/A (when allowed)
//    takes the item out of its section.
//  - scale:  an integer min..max; earns points × (value − min) / (max − min); fails below
//    `failBelow` (when set).
//  - choice: the chosen option's points out of the best option's; fails when the option
//    says `fails`.
//  - text:   a remark; never scored, never fails.
// `critical`: a failed item makes its section score 0. `fatal`: a failed item makes the
// whole evaluation 0. `commentOnFail`: a failed item needs a comment.
import { z } from 'zod';
import { QualityGuidance, QualityLabel, Slug } from './text.js';

const Points = z.number().int().min(1).max(100);

const ItemBase = {
  id: Slug,
  label: QualityLabel,
  guidance: QualityGuidance.optional(),
  critical: z.boolean().default(false),
  fatal: z.boolean().default(false),
  commentOnFail: z.boolean().default(false),
};

export const YesNoItem = z.object({
  ...ItemBase, kind: z.literal('yes_no'), points: Points.default(1), allowNa: z.boolean().default(true),
}).strict();

export const ScaleItem = z.object({
  ...ItemBase, kind: z.literal('scale'),
  min: z.number().int().min(0).max(100), max: z.number().int().min(1).max(100),
  points: Points.default(1),
  /** A value below this fails the item; absent: a scale item never fails. */
  failBelow: z.number().int().min(1).max(100).optional(),
  allowNa: z.boolean().default(false),
}).strict();

export const ChoiceOption = z.object({
  id: Slug, label: QualityLabel, points: z.number().int().min(0).max(100), fails: z.boolean().default(false),
}).strict();

export const ChoiceItem = z.object({
  ...ItemBase, kind: z.literal('choice'), options: z.array(ChoiceOption).min(2).max(20), allowNa: z.boolean().default(false),
}).strict();

export const TextItem = z.object({ ...ItemBase, kind: z.literal('text'), required: z.boolean().default(false) }).strict();

export const QualityItem = z.discriminatedUnion('kind', [YesNoItem, ScaleItem, ChoiceItem, TextItem]);
export type QualityItem = z.infer<typeof QualityItem>;
export type ScoredItem = Exclude<QualityItem, { kind: 'text' }>;

export const QualitySection = z.object({
  id: Slug, label: QualityLabel,
  /** Share of the total, in percent; the sections of a form add up to 100. */
  weight: z.number().int().min(1).max(100),
  items: z.array(QualityItem).min(1).max(50),
}).strict();
export type QualitySection = z.infer<typeof QualitySection>;

type Issue = { path: (string | number)[]; message: string };

function itemProblems(item: QualityItem): Issue[] {
  const out: Issue[] = [];
  const add = (message: string, path: (string | number)[] = []) => out.push({ path, message });
  if (item.critical && item.fatal) add('an item is critical or fatal, not both', ['fatal']);
  if (item.kind === 'text') {
    if (item.critical || item.fatal || item.commentOnFail) add('a text item is not scored: it cannot be critical, fatal or need a comment on failure');
    return out;
  }
  const canFail = item.kind === 'yes_no' || (item.kind === 'scale' ? item.failBelow !== undefined : item.options.some((o) => o.fails));
  if (!canFail && (item.critical || item.fatal || item.commentOnFail)) {
    add(item.kind === 'scale' ? 'set failBelow: a critical, fatal or comment-on-failure scale item must be able to fail'
      : 'mark an option that fails: a critical, fatal or comment-on-failure choice item must be able to fail');
  }
  if (item.kind === 'scale') {
    if (item.max <= item.min) add(`max (${item.max}) must be above min (${item.min})`, ['max']);
    if (item.failBelow !== undefined && (item.failBelow <= item.min || item.failBelow > item.max)) {
      add(`failBelow must be above min and at most max (${item.min} < failBelow ≤ ${item.max})`, ['failBelow']);
    }
  }
  if (item.kind === 'choice') {
    const ids = item.options.map((o) => o.id);
    ids.forEach((id, i) => { if (ids.indexOf(id) !== i) add(`option "${id}" is listed twice`, ['options', i, 'id']); });
    item.options.forEach((o, i) => { if (o.id === 'na') add('"na" is the answer for not applicable, not an option id', ['options', i, 'id']); });
    if (item.options.every((o) => o.points === 0)) add('at least one option must earn points', ['options']);
  }
  return out;
}

/** The part of a form that is versioned: what is asked and how it scores. */
export const FormDefinition = z.object({ sections: z.array(QualitySection).min(1).max(20) }).strict().superRefine((form, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const sum = form.sections.reduce((s, x) => s + x.weight, 0);
  if (sum !== 100) issue(['sections'], `section weights add up to ${sum}, not 100`);
  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  let items = 0;
  form.sections.forEach((section, si) => {
    if (sectionIds.has(section.id)) issue(['sections', si, 'id'], `section "${section.id}" is listed twice`);
    sectionIds.add(section.id);
    if (section.items.every((i) => i.kind === 'text')) issue(['sections', si, 'items'], 'a section needs at least one scored item');
    section.items.forEach((item, ii) => {
      items += 1;
      if (itemIds.has(item.id)) issue(['sections', si, 'items', ii, 'id'], `item "${item.id}" is used twice in the form`);
      itemIds.add(item.id);
      for (const p of itemProblems(item)) issue(['sections', si, 'items', ii, ...p.path], p.message);
    });
  });
  if (items > 200) issue(['sections'], `a form has at most 200 items (this one ${items})`);
});
export type FormDefinition = z.infer<typeof FormDefinition>;
export type FormDefinitionInput = z.input<typeof FormDefinition>;
