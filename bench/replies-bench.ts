// `npm run bench:replies`: reply library figures as JSON on stdout.
//   1. as-you-type search p95 over N cached paragraphs (every prefix of typed queries), target ≤ 20 ms
//   2. variable rendering p95: a composed 3-paragraph e-mail, and a 100 kB body
//   3. spell check of a composed e-mail (id), after the dictionary is loaded
// Size: BENCH_PARAGRAPHS (10000).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCacheStore } from '../src/main/core/cache-tables.js';
import { createReplySearcher } from '../src/main/core/replies/search.js';
import { spellcheck } from '../src/main/core/replies/spellcheck.js';
import { REPO_RESOURCES_DIR } from '../src/main/core/resources/resources-dir.js';
import { DEMO_PARAGRAPHS } from '../src/server/replies/seed-paragraphs.js';
import { type ReplyParagraph } from '../src/shared/replies/schemas.js';
import { joinParagraphs, renderTemplate } from '../src/shared/replies/template.js';
import { buildVariables } from '../src/shared/replies/variables.js';
import { percentiles, rng } from './stats.js';
import { desktopKeyFor } from '../tests/support/desktop-key.js';

const PARAGRAPHS = Number(process.env.BENCH_PARAGRAPHS ?? 10_000);
const log = (msg: string) => process.stderr.write(`[bench:replies] ${msg}\n`);
const random = rng(20261125);
const WORDS = ['tagihan', 'pembayaran', 'keluhan', 'jaringan', 'gangguan', 'teknisi', 'paket', 'promo', 'invoice', 'denda',
  'bill', 'payment', 'complaint', 'network', 'outage', 'modem', 'refund', 'upgrade', 'kuota', 'roaming', 'pulsa', 'kartu'];
const pickWord = () => WORDS[Math.floor(random() * WORDS.length)] ?? 'tagihan';

function library(n: number): ReplyParagraph[] {
  return Array.from({ length: n }, (_, i) => {
    const base = DEMO_PARAGRAPHS[i % DEMO_PARAGRAPHS.length]!;
    return {
      ...base, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, tiers: base.tiers ?? [],
      title: `${base.title} ${pickWord()} ${i}`, shortcut: `${base.shortcut}-${i}`,
      body: `${base.body} ${pickWord()} ${pickWord()} ${pickWord()}.`, status: i % 20 === 0 ? 'retired' : 'approved',
      revision: 1, authorId: null, authorName: 'bench', updatedAt: '2026-11-01T00:00:00.000Z',
      usageCount: Math.floor(random() * 1000), version: i + 1,
    };
  });
}

/** Every prefix an agent produces while typing these queries. */
const TYPED = ['tagihan', 'tagihan bulan', 'keluhan internet', 'gangguan jaringan', 'bill payment', 'teknisi', '/salam', '/tagihan-b', 'maaf', 'complaint'];
const prefixes = TYPED.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));

const dir = await mkdtemp(path.join(os.tmpdir(), 'sapa-bench-replies-'));
try {
  const store = openCacheStore(dir, desktopKeyFor(dir));
  const rows = library(PARAGRAPHS);
  let started = performance.now();
  store.apply.applyPull({
    nextCursor: PARAGRAPHS, more: false, headVersion: PARAGRAPHS, remainingEstimate: 0, tombstones: [],
    changes: { users: [], customers: [], interactions: [], cases: [], orders: [], receivables: [], contracts: [], notes: [], callbacks: [], reply_paragraphs: rows },
  }, new Date().toISOString());
  const applyMs = performance.now() - started;
  log(`applied ${PARAGRAPHS} paragraphs in ${applyMs.toFixed(0)} ms`);

  const searcher = createReplySearcher(store.db);
  const context = { channel: 'email' as const, language: 'id' as const, tier: 'platinum' as const, limit: 10 };
  for (const q of prefixes.slice(0, 20)) searcher.search({ query: q, ...context }); // warm the statement cache
  const searchSamples: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (const q of prefixes) {
      started = performance.now();
      searcher.search({ query: q, ...context });
      searchSamples.push(performance.now() - started);
    }
  }

  const values = buildVariables({
    customer: { fullName: 'Budi Santoso', salutation: 'Bapak', tier: 'platinum', customerNo: 'C00000001', language: 'id' },
    agent: { displayName: 'Sari Wulandari' }, case: { caseNo: 'K000123', subject: 'Tagihan ganda' }, order: null, now: new Date(),
  });
  const composed = joinParagraphs([DEMO_PARAGRAPHS[1]!.body, DEMO_PARAGRAPHS[5]!.body, DEMO_PARAGRAPHS[34]!.body]);
  const blanks = { jumlah: '350.000', jatuh_tempo: '30 November 2026' };
  const renderSamples: number[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    started = performance.now();
    renderTemplate(composed, values, blanks);
    renderSamples.push(performance.now() - started);
  }
  const big = `${composed}\n\n`.repeat(Math.ceil(100_000 / composed.length));
  const bigSamples: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    started = performance.now();
    renderTemplate(big, values, blanks);
    bigSamples.push(performance.now() - started);
  }

  started = performance.now();
  await spellcheck('warm', 'id', REPO_RESOURCES_DIR);
  const dictionaryLoadMs = performance.now() - started;
  const spellSamples: number[] = [];
  const text = renderTemplate(composed, values, blanks).text;
  for (let i = 0; i < 50; i += 1) {
    started = performance.now();
    await spellcheck(text, 'id', REPO_RESOURCES_DIR, ['Budi', 'Santoso']);
    spellSamples.push(performance.now() - started);
  }
  store.close();

  process.stdout.write(`${JSON.stringify({
    machine: { cpus: os.cpus().length, node: process.version },
    paragraphs: PARAGRAPHS,
    applyLibraryMs: Math.round(applyMs),
    searchAsYouTypeMs: { ...percentiles(searchSamples), targetP95: 20 },
    renderComposedEmailMs: { chars: composed.length, ...percentiles(renderSamples) },
    render100kBMs: { chars: big.length, ...percentiles(bigSamples) },
    spellcheck: { dictionaryLoadMs: Math.round(dictionaryLoadMs), checkComposedEmailMs: percentiles(spellSamples) },
  }, null, 2)}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
