// The codes a user form or CSV row names (branch, team, queues, skills) checked against the
// organisation tables of migration 014 (the Organisation screen keeps them). A queue or
// skill that was retired (active = false) may stay on a user who has it, but is not given
// anew; so may a branch the user already has that no branch row names (users.branch was free
// text before the Organisation tables, and the demo data's still is). Answers every problem at once so a form or a CSV row can name them all.
import { type Db } from '../../db/db.js';

export interface References {
  branch: string | null;
  teamId: string | null;
  queues: readonly string[];
  skills: readonly { code: string }[];
}

export interface Problem { field: 'branch' | 'teamId' | 'queues' | 'skills'; reason: string }

/** What the organisation tables hold, read once (a CSV checks every row against it). */
export interface Organisation {
  branches: Set<string>;
  teams: Map<string, { id: string; name: string }>;
  teamsByName: Map<string, string>;
  queues: Map<string, boolean>;
  skills: Map<string, boolean>;
}

export async function loadOrganisation(db: Db): Promise<Organisation> {
  const [branches, teams, queues, skills] = await Promise.all([
    db.query<{ code: string }>('SELECT code FROM branches'),
    db.query<{ id: string; name: string }>('SELECT id, name FROM teams'),
    db.query<{ code: string; active: boolean }>('SELECT code, active FROM queues'),
    db.query<{ code: string; active: boolean }>('SELECT code, active FROM skills'),
  ]);
  return {
    branches: new Set(branches.map((b) => b.code)),
    teams: new Map(teams.map((t) => [t.id, t])),
    teamsByName: new Map(teams.map((t) => [t.name.toLowerCase(), t.id])),
    queues: new Map(queues.map((q) => [q.code, q.active])),
    skills: new Map(skills.map((s) => [s.code, s.active])),
  };
}

const quoted = (codes: string[]) => codes.map((c) => `"${c}"`).join(', ');

export interface Held { branch?: string | null; queues: string[]; skills: string[] }

export function referenceProblems(org: Organisation, refs: References, held: Held = { queues: [], skills: [] }): Problem[] {
  const problems: Problem[] = [];
  if (refs.branch !== null && !org.branches.has(refs.branch) && refs.branch !== held.branch) problems.push({ field: 'branch', reason: `unknown branch "${refs.branch}"` });
  if (refs.teamId !== null && !org.teams.has(refs.teamId)) problems.push({ field: 'teamId', reason: `unknown team ${refs.teamId}` });
  const check = (field: 'queues' | 'skills', codes: string[], known: Map<string, boolean>, had: string[]) => {
    const unknown = codes.filter((c) => !known.has(c));
    const retired = codes.filter((c) => known.get(c) === false && !had.includes(c));
    const what = field === 'queues' ? 'queue' : 'skill';
    if (unknown.length) problems.push({ field, reason: `unknown ${what}${unknown.length > 1 ? 's' : ''} ${quoted(unknown)}` });
    if (retired.length) problems.push({ field, reason: `${what}${retired.length > 1 ? 's' : ''} ${quoted(retired)} no longer in use` });
  };
  check('queues', [...refs.queues], org.queues, held.queues);
  check('skills', refs.skills.map((s) => s.code), org.skills, held.skills);
  return problems;
}
