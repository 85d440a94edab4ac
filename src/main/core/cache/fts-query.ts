// Turns what an agent types into a safe FTS5 MATCH expression: every word becomes a quoted
// prefix term ("budi"* "san"*), so quotes, stars, minus signs and brackets in the input
// are never FTS syntax and can never make the query throw.
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_TERMS = 8;

/** Words of the query as the FTS tokenizer (unicode61) sees them, lower-cased. */
export function queryWords(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(WORD) ?? []).slice(0, MAX_TERMS);
}

/** A MATCH expression requiring every word as a prefix, or null when there is nothing to match. */
export function toFtsPrefixQuery(text: string): string | null {
  const words = queryWords(text);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}
