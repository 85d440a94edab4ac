// The rules a set of pipeline stages must keep (docs/sales.md, "Pipeline stages"), in one
// place: the Pipeline stages screen checks them before saving (and says what is wrong in the
// user's language, by `problem` and row) and the server refuses a set that breaks one (with
// the English `stageProblemText`). The shapes of one stage are zod's (Stage in pipeline.ts).

export interface StageDraft {
  code: string; labelEn: string; labelId: string; probability: number; position: number; kind: 'open' | 'won' | 'lost';
}

export type StageProblemKind =
  | 'probability' | 'position' | 'code' | 'duplicateCode' | 'nameMissing' | 'duplicateName' | 'duplicatePosition'
  | 'oneWon' | 'oneLost' | 'wonProbability' | 'lostProbability' | 'noOpen' | 'count';

export interface StageProblem {
  problem: StageProblemKind;
  /** The row (0-based, as given) the problem is on; null for the set as a whole. */
  row: number | null;
  /** The value the problem is about (a name, an order number, a code), for the message. */
  value?: string;
}

export const STAGE_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const MIN_STAGES = 3;
export const MAX_STAGES = 20;

const key = (s: string) => s.trim().toLocaleLowerCase();

/** Every broken rule, in row order then the set's; empty when the stages may be saved. */
export function stageProblems(stages: readonly StageDraft[]): StageProblem[] {
  const out: StageProblem[] = [];
  const seen = { code: new Map<string, number>(), en: new Map<string, number>(), id: new Map<string, number>(), position: new Map<number, number>() };
  stages.forEach((s, row) => {
    if (!STAGE_CODE_PATTERN.test(s.code)) out.push({ problem: 'code', row, value: s.code });
    else if (seen.code.has(s.code)) out.push({ problem: 'duplicateCode', row, value: s.code });
    seen.code.set(s.code, row);
    if (!s.labelEn.trim() || !s.labelId.trim()) out.push({ problem: 'nameMissing', row });
    for (const [label, names] of [[s.labelEn, seen.en], [s.labelId, seen.id]] as const) {
      if (label.trim() && names.has(key(label))) out.push({ problem: 'duplicateName', row, value: label.trim() });
      if (label.trim()) names.set(key(label), row);
    }
    if (!Number.isInteger(s.probability) || s.probability < 0 || s.probability > 100) out.push({ problem: 'probability', row, value: String(s.probability) });
    if (!Number.isInteger(s.position) || s.position < 0 || s.position > 10_000) out.push({ problem: 'position', row, value: String(s.position) });
    else if (seen.position.has(s.position)) out.push({ problem: 'duplicatePosition', row, value: String(s.position) });
    seen.position.set(s.position, row);
    if (s.kind === 'won' && s.probability !== 100) out.push({ problem: 'wonProbability', row });
    if (s.kind === 'lost' && s.probability !== 0) out.push({ problem: 'lostProbability', row });
  });
  if (stages.length < MIN_STAGES || stages.length > MAX_STAGES) out.push({ problem: 'count', row: null });
  if (stages.filter((s) => s.kind === 'won').length !== 1) out.push({ problem: 'oneWon', row: null });
  if (stages.filter((s) => s.kind === 'lost').length !== 1) out.push({ problem: 'oneLost', row: null });
  if (!stages.some((s) => s.kind === 'open')) out.push({ problem: 'noOpen', row: null });
  return out;
}

const TEXT: Record<StageProblemKind, (p: StageProblem) => string> = {
  probability: (p) => `the probability ${p.value} is not a whole number from 0 to 100`,
  position: (p) => `the order ${p.value} is not a whole number from 0 to 10000`,
  code: (p) => `the code "${p.value}" is not lower-case letters, digits, - or _ (up to 40)`,
  duplicateCode: (p) => `two stages have the code ${p.value}`,
  nameMissing: () => 'a stage needs a name in English and in Bahasa Indonesia',
  duplicateName: (p) => `two stages are named "${p.value}"`,
  duplicatePosition: (p) => `two stages have the order ${p.value}`,
  oneWon: () => 'exactly one stage is the won stage',
  oneLost: () => 'exactly one stage is the lost stage',
  wonProbability: () => 'the won stage is 100 %',
  lostProbability: () => 'the lost stage is 0 %',
  noOpen: () => 'at least one open stage',
  count: () => `${MIN_STAGES} to ${MAX_STAGES} stages`,
};

/** The server's refusal: "stages: row 2: two stages are named "Proposal"; …". */
export function stageProblemText(problems: readonly StageProblem[]): string {
  return `stages: ${problems.map((p) => `${p.row === null ? '' : `row ${p.row + 1}: `}${TEXT[p.problem](p)}`).join('; ')}`;
}
