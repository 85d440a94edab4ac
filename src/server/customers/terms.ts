// Search terms of a customer: what a prefix search may match. Lower-cased in JS on both
// the writing and the searching side, so case-folding is the same for every engine.
export interface TermSource {
  customerNo: string;
  externalId: string | null;
  fullName: string;
  emails: readonly string[];
}

export function normaliseTerm(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Words of a name or query: runs of letters and digits (any script). */
export function wordsOf(text: string): string[] {
  return normaliseTerm(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

export function searchTermsFor(c: TermSource): string[] {
  const terms = new Set<string>(wordsOf(c.fullName));
  terms.add(normaliseTerm(c.customerNo));
  if (c.externalId) terms.add(normaliseTerm(c.externalId));
  for (const email of c.emails) terms.add(normaliseTerm(email));
  // Terms longer than this are useless for prefix search and would bloat the index.
  return [...terms].filter((t) => t.length > 0 && t.length <= 200);
}
