// Formal Bahasa hints (issue 17, item 8): informal Indonesian words in what an agent writes to
// a customer, each with its standard (baku) form, offline, beside the spell check. The word
// list is data (INFORMAL_WORDS); the text is cut into whole words by Unicode letters, so a
// word is never found inside another ("ga" is not flagged in "harga", "tau" not in "tahun").
// Template placeholders ({{nama}}) are skipped. Replacing keeps the word's capitalisation.

/**
 * Informal word (lower case) → its standard form. An empty form means the word is a spoken
 * particle that formal writing leaves out (dong, sih, nih): applying the hint removes it.
 */
// Left out on purpose: words that are standard in another sense (buat "make", kaya "rich",
// terus "go on", cuma "only" is baku) — a hint there would be wrong more often than right.
export const INFORMAL_WORDS: Readonly<Record<string, string>> = {
  // tidak
  gak: 'tidak', ga: 'tidak', gk: 'tidak', nggak: 'tidak', ngga: 'tidak', enggak: 'tidak', engga: 'tidak', tdk: 'tidak',
  // sudah, belum
  udah: 'sudah', udh: 'sudah', sdh: 'sudah', dah: 'sudah', blm: 'belum', belom: 'belum',
  // saja, hanya
  aja: 'saja', aj: 'saja', doang: 'saja', cuman: 'hanya',
  // kalau, bagaimana, begitu, begini
  kalo: 'kalau', klo: 'kalau', gimana: 'bagaimana', gmn: 'bagaimana', gitu: 'begitu', gini: 'begini',
  // sangat, membuat
  banget: 'sangat', bgt: 'sangat', bikin: 'membuat', bikinin: 'buatkan',
  // tahu, memang, lalu, terima kasih
  tau: 'tahu', emang: 'memang', emg: 'memang', trus: 'lalu', makasih: 'terima kasih', makasi: 'terima kasih',
  mksh: 'terima kasih', trims: 'terima kasih', thx: 'terima kasih',
  // mengapa, tetapi, karena, jadi, untuk, dengan, yang
  kok: 'mengapa', knp: 'mengapa', kenapa: 'mengapa', tapi: 'tetapi', tp: 'tetapi', soalnya: 'karena', krn: 'karena',
  jd: 'jadi', utk: 'untuk', dgn: 'dengan', sm: 'dengan', yg: 'yang',
  // pronouns: the customer is "Anda", the agent "saya"
  aku: 'saya', gue: 'saya', gua: 'saya', gw: 'saya', sy: 'saya', kamu: 'Anda', lu: 'Anda', lo: 'Anda', elo: 'Anda',
  // ingin, nanti, sebentar, sampai, pakai, dapat, benar, seperti, lihat, dengar, mengerti
  pengen: 'ingin', pengin: 'ingin', pingin: 'ingin', ntar: 'nanti', entar: 'nanti', bentar: 'sebentar', sampe: 'sampai',
  pake: 'pakai', dapet: 'dapat', bener: 'benar', kayak: 'seperti', kayaknya: 'sepertinya', liat: 'lihat',
  denger: 'dengar', ngerti: 'mengerti', nunggu: 'menunggu', nanya: 'bertanya', ngirim: 'mengirim', ngecek: 'memeriksa',
  kirimin: 'kirimkan', bilang: 'mengatakan', abis: 'habis', biar: 'agar', dikit: 'sedikit', mending: 'lebih baik',
  gapapa: 'tidak apa-apa', gpp: 'tidak apa-apa', oke: 'baik', yaudah: 'baiklah', ngomong: 'berbicara',
  // particles formal writing leaves out
  dong: '', sih: '', nih: '', deh: '', kan: '', lho: '', loh: '', yah: '',
};

export interface InformalHint {
  /** Offsets in the text (UTF-16, as String.slice takes them). */
  start: number;
  end: number;
  /** The word as written. */
  word: string;
  /** Its standard form with the word's capitalisation; '' = leave it out. */
  formal: string;
}

// Letters of any script (with the marks that go with them), digits inside a word.
const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}]*/gu;
const PLACEHOLDER = /\{\{[^{}]*\}\}/g;

function withCaseOf(word: string, formal: string): string {
  if (formal === '' || formal === 'Anda') return formal;
  if (word.length > 1 && word === word.toUpperCase()) return formal.toUpperCase();
  const first = word.charAt(0);
  if (first !== first.toLowerCase()) return formal.charAt(0).toUpperCase() + formal.slice(1);
  return formal;
}

/** The informal words of `text`, in order. */
export function findInformal(text: string, words: Readonly<Record<string, string>> = INFORMAL_WORDS): InformalHint[] {
  const skipped: [number, number][] = [];
  for (const m of text.matchAll(PLACEHOLDER)) skipped.push([m.index, m.index + m[0].length]);
  const hints: InformalHint[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    if (skipped.some(([a, b]) => start >= a && end <= b)) continue;
    const key = m[0].toLowerCase();
    if (!Object.hasOwn(words, key)) continue;
    // "ga" before a hyphen belongs to a longer word (ga-ga…); a word after an @ or inside a URL is a name.
    const before = text.charAt(start - 1);
    const after = text.charAt(end);
    if (before === '@' || before === '/' || before === '.' || after === '@' || after === '-' || before === '-') continue;
    hints.push({ start, end, word: m[0], formal: withCaseOf(m[0], words[key] ?? '') });
  }
  return hints;
}

/**
 * The text with one hint applied. A removed particle takes one space next to it with it
 * ("kirim dong ya" → "kirim ya"); a hint that no longer matches the text changes nothing.
 */
export function applyHint(text: string, hint: InformalHint): string {
  if (text.slice(hint.start, hint.end) !== hint.word) return text;
  if (hint.formal !== '') return text.slice(0, hint.start) + hint.formal + text.slice(hint.end);
  let start = hint.start;
  let end = hint.end;
  if (text.charAt(start - 1) === ' ') start--;
  else if (text.charAt(end) === ' ') end++;
  return text.slice(0, start) + text.slice(end);
}

/** Every hint applied (from the end, so earlier offsets stay right). */
export function applyAllHints(text: string, hints: readonly InformalHint[]): string {
  return [...hints].sort((a, b) => b.start - a.start).reduce(applyHint, text);
}
