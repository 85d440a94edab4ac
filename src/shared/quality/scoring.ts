// The scoring rules, as one pure function (docs/quality.md gives the formula and a worked
// example). For each section:
//   section % = 100 × Σ earned / Σ possible, over its scored items that are not N/A;
//   a section whose items are all N/A is left out, and the remaining sections' weights are
//   renormalised (each weight ÷ the sum of the weights left);
//   a failed critical item makes its section 0 (the section still counts with its weight).
// total = Σ (weight × section %) / Σ weight over the sections left; a failed fatal item
// makes the total 0. Nothing to score at all (every item N/A) gives total null.
//
// Rounding: section % and total are rounded to one decimal, half up (72.25 → 72.3), once,
// at the end; the total is computed from the unrounded section scores. Sums run in the
// order of item and section ids, so reordering a form never changes a score, not even in
// the last bit of a float.
import { answerFails, type EvaluationAnswer } from './answers.js';
import { type FormDefinition, type ScoredItem } from './form.js';

export type FailSeverity = 'fatal' | 'critical' | 'normal';

export interface SectionScore {
  sectionId: string;
  /** 0–100, one decimal; null when every item of the section was N/A (left out). */
  score: number | null;
  /** The form's weight and the weight after renormalising (one decimal; 0 when left out). */
  weight: number;
  effectiveWeight: number;
  earned: number;
  possible: number;
  criticalFailed: boolean;
}

export interface ScoreResult {
  /** 0–100, one decimal; null when nothing could be scored (every item N/A). */
  total: number | null;
  sections: SectionScore[];
  fatalFailed: boolean;
  criticalFailedSections: string[];
  failedItems: { sectionId: string; itemId: string; severity: FailSeverity }[];
}

/** Half up to one decimal. The epsilon absorbs float noise (72.25 held as 72.24999…). */
export function roundScore(x: number): number {
  return Math.floor(x * 10 + 0.5 + 1e-9) / 10;
}

const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function possibleOf(item: ScoredItem): number {
  return item.kind === 'choice' ? Math.max(...item.options.map((o) => o.points)) : item.points;
}

export function earnedOf(item: ScoredItem, value: EvaluationAnswer['value']): number {
  switch (item.kind) {
    case 'yes_no': return value === 'yes' ? item.points : 0;
    case 'scale': return typeof value === 'number' ? (item.points * (value - item.min)) / (item.max - item.min) : 0;
    case 'choice': return item.options.find((o) => o.id === value)?.points ?? 0;
  }
}

/**
 * Scores `answers` on `form`. The answers must be valid for the form (answerProblems
 * empty); an unanswered scored item is counted as N/A, so a draft can be shown as it goes.
 */
export function scoreEvaluation(form: FormDefinition, answers: readonly EvaluationAnswer[]): ScoreResult {
  const values = new Map(answers.map((a) => [a.itemId, a.value]));
  const failedItems: ScoreResult['failedItems'] = [];
  let fatalFailed = false;
  const raw = new Map<string, { earned: number; possible: number; critical: boolean }>();
  for (const section of byId(form.sections)) {
    let earned = 0;
    let possible = 0;
    let critical = false;
    for (const item of byId(section.items)) {
      if (item.kind === 'text') continue;
      const value = values.get(item.id);
      if (value === undefined || value === 'na') continue;
      earned += earnedOf(item, value);
      possible += possibleOf(item);
      if (answerFails(item, value)) {
        const severity: FailSeverity = item.fatal ? 'fatal' : item.critical ? 'critical' : 'normal';
        failedItems.push({ sectionId: section.id, itemId: item.id, severity });
        if (item.fatal) fatalFailed = true;
        if (item.critical) critical = true;
      }
    }
    raw.set(section.id, { earned, possible, critical });
  }
  let weightLeft = 0;
  for (const section of byId(form.sections)) if ((raw.get(section.id)?.possible ?? 0) > 0) weightLeft += section.weight;
  let weighted = 0;
  const percent = new Map<string, number>();
  for (const section of byId(form.sections)) {
    const r = raw.get(section.id);
    if (!r || r.possible === 0) continue;
    const p = r.critical ? 0 : (100 * r.earned) / r.possible;
    percent.set(section.id, p);
    weighted += section.weight * p;
  }
  const sections: SectionScore[] = form.sections.map((s) => {
    const r = raw.get(s.id) ?? { earned: 0, possible: 0, critical: false };
    const p = percent.get(s.id);
    return {
      sectionId: s.id,
      score: p === undefined ? null : roundScore(p),
      weight: s.weight,
      effectiveWeight: p === undefined ? 0 : roundScore((100 * s.weight) / weightLeft),
      earned: roundScore(r.earned),
      possible: r.possible,
      criticalFailed: r.critical,
    };
  });
  const order = new Map(form.sections.flatMap((s) => s.items.map((i, n) => [i.id, n] as const)));
  const sectionOrder = new Map(form.sections.map((s, n) => [s.id, n]));
  failedItems.sort((a, b) => (sectionOrder.get(a.sectionId) ?? 0) - (sectionOrder.get(b.sectionId) ?? 0)
    || (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0));
  const total = fatalFailed ? 0 : weightLeft === 0 ? null : roundScore(weighted / weightLeft);
  return {
    total,
    sections,
    fatalFailed,
    criticalFailedSections: form.sections.filter((s) => raw.get(s.id)?.critical).map((s) => s.id),
    failedItems,
  };
}
