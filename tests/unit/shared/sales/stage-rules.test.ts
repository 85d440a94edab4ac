// The pipeline stage rules the screen and the server share: each broken rule is named once,
// on its row, and a good set has none.
import { describe, expect, it } from 'vitest';
import { ruleProblems } from '../../../../src/shared/sales/assignment-rules.js';
import { stageProblems, stageProblemText, type StageDraft } from '../../../../src/shared/sales/stage-rules.js';

const GOOD: StageDraft[] = [
  { code: 'qualify', labelEn: 'Qualify', labelId: 'Kualifikasi', probability: 10, position: 10, kind: 'open' },
  { code: 'propose', labelEn: 'Proposal', labelId: 'Proposal', probability: 40, position: 20, kind: 'open' },
  { code: 'won', labelEn: 'Won', labelId: 'Menang', probability: 100, position: 90, kind: 'won' },
  { code: 'lost', labelEn: 'Lost', labelId: 'Kalah', probability: 0, position: 100, kind: 'lost' },
];
const edit = (row: number, change: Partial<StageDraft>) => GOOD.map((s, i) => (i === row ? { ...s, ...change } : s));

describe('stageProblems', () => {
  it('finds nothing wrong with a good set (the same word in both languages is fine)', () => {
    expect(stageProblems(GOOD)).toEqual([]);
  });

  it.each([
    [edit(1, { probability: 101 }), { problem: 'probability', row: 1, value: '101' }],
    [edit(1, { probability: -1 }), { problem: 'probability', row: 1, value: '-1' }],
    [edit(1, { probability: 2.5 }), { problem: 'probability', row: 1, value: '2.5' }],
    [edit(1, { labelEn: ' QUALIFY' }), { problem: 'duplicateName', row: 1, value: 'QUALIFY' }],
    [edit(1, { labelId: 'kalah' }), { problem: 'duplicateName', row: 3, value: 'Kalah' }],
    [edit(1, { labelEn: '  ' }), { problem: 'nameMissing', row: 1 }],
    [edit(1, { position: 10 }), { problem: 'duplicatePosition', row: 1, value: '10' }],
    [edit(1, { position: -5 }), { problem: 'position', row: 1, value: '-5' }],
    [edit(1, { code: 'qualify' }), { problem: 'duplicateCode', row: 1, value: 'qualify' }],
    [edit(1, { code: 'Pro pose' }), { problem: 'code', row: 1, value: 'Pro pose' }],
    [edit(2, { probability: 99 }), { problem: 'wonProbability', row: 2 }],
    [edit(3, { probability: 1 }), { problem: 'lostProbability', row: 3 }],
  ] as const)('names the broken rule on its row (%#)', (stages, problem) => {
    expect(stageProblems(stages)).toEqual([problem]);
  });

  it('checks the set: one won, one lost, an open stage, 3 to 20 stages', () => {
    expect(stageProblems(edit(1, { kind: 'won', probability: 100 })).map((p) => p.problem)).toEqual(['oneWon']);
    expect(stageProblems(GOOD.filter((s) => s.kind !== 'lost')).map((p) => p.problem)).toEqual(['oneLost']);
    expect(stageProblems(GOOD.filter((s) => s.kind !== 'open')).map((p) => p.problem)).toEqual(['count', 'noOpen']);
    const many = Array.from({ length: 19 }, (_, i) => ({ ...GOOD[0]!, code: `s${i}`, labelEn: `S${i}`, labelId: `T${i}`, position: i }));
    expect(stageProblems([...many, GOOD[2]!, GOOD[3]!]).map((p) => p.problem)).toEqual(['count']);
  });

  it('says it in words for the server\'s refusal, by row', () => {
    expect(stageProblemText(stageProblems(edit(1, { probability: 120, position: 10 })))).toBe(
      'stages: row 2: the probability 120 is not a whole number from 0 to 100; row 2: two stages have the order 10');
  });
});

describe('ruleProblems', () => {
  it('wants each branch once and at least one rep per rule', () => {
    expect(ruleProblems([{ branch: 'Bandung', repIds: ['a'] }, { branch: '*', repIds: ['a', 'b'] }])).toEqual([]);
    expect(ruleProblems([{ branch: 'Bandung', repIds: ['a'] }, { branch: ' Bandung ', repIds: [] }, { branch: '', repIds: ['a'] }])).toEqual([
      { problem: 'duplicateBranch', row: 1, value: 'Bandung' }, { problem: 'noRep', row: 1, value: 'Bandung' }, { problem: 'branchMissing', row: 2 },
    ]);
  });
});
