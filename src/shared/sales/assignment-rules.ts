// The rules a set of prospect assignment rules must keep (docs/sales.md, "Assignment"): each
// names a branch (a customers.branch value, or `*` for any other branch) once, and at least one
// sales rep. The Prospect assignment screen checks them before saving; the server checks them
// again (saveRules in src/server/sales/prospects/assign.ts) and also that every rep is active.

export type RuleProblemKind = 'branchMissing' | 'duplicateBranch' | 'noRep';
export interface RuleProblem { problem: RuleProblemKind; row: number; value?: string }

export function ruleProblems(rules: readonly { branch: string; repIds: readonly string[] }[]): RuleProblem[] {
  const out: RuleProblem[] = [];
  const seen = new Set<string>();
  rules.forEach((r, row) => {
    const branch = r.branch.trim();
    if (!branch) out.push({ problem: 'branchMissing', row });
    else if (seen.has(branch)) out.push({ problem: 'duplicateBranch', row, value: branch });
    seen.add(branch);
    if (r.repIds.length === 0) out.push({ problem: 'noRep', row, value: branch });
  });
  return out;
}
