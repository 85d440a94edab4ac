// Offline spell check with hunspell dictionaries (nspell): English from the npm package
// `dictionary-en`, Bahasa Indonesia from resources/dictionaries/id (LibreOffice's id_ID,
// LGPL-3, as packaged by Debian's hunspell-id) — no network, no OS spell service. Loaded
// lazily, once per language and resources folder (CoreOptions.resourcesDir: the packaged
// app's process.resourcesPath). See docs/decisions/0005-offline-spell-check.md.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import nspell from 'nspell';
import { type Language } from '../../../shared/domain.js';
import { type SpellingIssue } from '../../../shared/replies/api-methods.js';

type Checker = ReturnType<typeof nspell>;
const loaded = new Map<string, Promise<Checker>>();

async function load(language: Language, resourcesDir: string): Promise<Checker> {
  if (language === 'en') {
    const { default: en } = await import('dictionary-en');
    return nspell({ aff: Buffer.from(en.aff), dic: Buffer.from(en.dic) });
  }
  const dir = path.join(resourcesDir, 'dictionaries', 'id');
  const [aff, dic] = await Promise.all([readFile(path.join(dir, 'id_ID.aff')), readFile(path.join(dir, 'id_ID.dic'))]);
  return nspell({ aff, dic });
}

/** The checker of `language`; `resourcesDir` holds dictionaries/id/ (CoreOptions.resourcesDir). */
export function checker(language: Language, resourcesDir: string): Promise<Checker> {
  const key = `${language}\u0000${resourcesDir}`;
  let c = loaded.get(key);
  if (!c) {
    c = load(language, resourcesDir);
    loaded.set(key, c);
    c.catch(() => loaded.delete(key));
  }
  return c;
}

const WORD = /[\p{L}][\p{L}'’-]*/gu;
/** Standard abbreviations of business letters that the dictionaries lack. */
const ABBREVIATIONS: Record<Language, ReadonlySet<string>> = {
  id: new Set(['yth', 'rp', 'dll', 'dsb', 'dst', 'bpk', 'jl', 'no', 'wib', 'wita', 'wit', 'tgl', 'sdr', 'sdri', 'e-mail', 'email', 'sms', 'modem']),
  en: new Set(['idr', 'e-mail', 'email', 'sms', 'mr', 'mrs', 'ms']),
};
/**
 * nspell's suggest() can take hundreds of milliseconds per word with the Indonesian affix
 * rules, and core is one thread (a screen pop must not wait behind it). So suggestions are
 * cached per word and at most ONE new word gets them per check; the others get theirs on
 * later checks while the agent keeps typing. (A worker thread would remove the pause.)
 */
const NEW_SUGGESTIONS_PER_CHECK = 1;
const suggestionCache = new Map<string, string[]>();
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;
const MAX_ISSUES = 200;

export async function spellcheck(
  text: string, language: Language, resourcesDir: string, ignore: readonly string[] = [],
): Promise<SpellingIssue[]> {
  const spell = await checker(language, resourcesDir);
  let fresh = 0;
  const skip = new Set(ignore.flatMap((w) => w.toLowerCase().split(/\s+/)));
  // Blank out placeholders (same length) so offsets stay true to the agent's text.
  const plain = text.replace(PLACEHOLDER, (m) => ' '.repeat(m.length));
  const issues: SpellingIssue[] = [];
  for (const m of plain.matchAll(WORD)) {
    const word = m[0].replace(/['’-]+$/, '');
    if (word.length < 2 || skip.has(word.toLowerCase()) || ABBREVIATIONS[language].has(word.toLowerCase())) continue;
    // Acronyms (SMS, IDR, WIB) and words glued to digits are not spelling.
    if (word === word.toUpperCase()) continue;
    if (spell.correct(word) || spell.correct(word.toLowerCase())) continue;
    const key = `${language}:${word}`;
    let suggestions = suggestionCache.get(key);
    if (!suggestions && fresh < NEW_SUGGESTIONS_PER_CHECK) {
      fresh += 1;
      suggestions = spell.suggest(word).slice(0, 5);
      suggestionCache.set(key, suggestions);
    }
    issues.push({ word, start: m.index, end: m.index + word.length, suggestions: suggestions ?? [] });
    if (issues.length >= MAX_ISSUES) break;
  }
  return issues;
}
