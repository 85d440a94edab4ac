// The reply library in the desktop cache: applied from pull batches, searched with FTS5 as
// you type (id + en), ranked by relevance, usage and context; retired paragraphs drop out;
// offline spell check in both languages.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CacheStore } from '../../../src/main/core/cache/cache-store.js';
import { openCacheStore } from '../../../src/main/core/cache-tables.js';
import { createReplySearcher } from '../../../src/main/core/replies/search.js';
import { spellcheck } from '../../../src/main/core/replies/spellcheck.js';
import { REPO_RESOURCES_DIR } from '../../../src/main/core/resources/resources-dir.js';
import { DEMO_PARAGRAPHS, paragraphId } from '../../../src/server/replies/seed-paragraphs.js';
import { type ReplyParagraph } from '../../../src/shared/replies/schemas.js';
import { batch } from './fixtures.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let dir: string;
let store: CacheStore;
let version = 1000;
const library: ReplyParagraph[] = DEMO_PARAGRAPHS.map((p, i) => ({
  ...p, id: paragraphId(i + 1), tiers: p.tiers ?? [], status: 'approved', revision: 1, authorId: null, authorName: 'Dewi',
  updatedAt: '2026-11-01T00:00:00.000Z', usageCount: 0, version: (version += 1),
}));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-replies-'));
  store = openCacheStore(dir, desktopKeyFor(dir));
  store.apply.applyPull(batch({ reply_paragraphs: library }), '2026-11-01T00:00:00.000Z');
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const titles = (ps: ReplyParagraph[]) => ps.map((p) => p.title);

describe('reply search in the cache', () => {
  it('finds the billing paragraphs by "tagihan" and by a prefix as you type', () => {
    const s = createReplySearcher(store.db);
    const found = titles(s.search({ query: 'tagihan', limit: 20 }));
    expect(found).toContain('Rincian tagihan bulan ini');
    expect(found).toContain('Cara membayar tagihan');
    expect(found).not.toContain('Your bill this month');
    expect(titles(s.search({ query: 'tagi', limit: 20 }))).toContain('Rincian tagihan bulan ini');
    expect(titles(s.search({ query: 'bill', language: 'en', limit: 3 }))[0]).toMatch(/bill/i);
  });
  it('searches shortcuts with a slash, filters by channel and tier, hides the auto-ack', () => {
    const s = createReplySearcher(store.db);
    expect(titles(s.search({ query: '/tagihan-b', limit: 5 }))).toEqual(['Cara membayar tagihan']);
    expect(titles(s.search({ query: 'penutup', channel: 'sms', limit: 10 }))).toEqual(['Penutup SMS']);
    expect(titles(s.search({ query: 'prioritas', tier: 'regular', limit: 10 }))).toEqual([]);
    expect(titles(s.search({ query: 'prioritas', tier: 'platinum', limit: 10 }))).toContain('Penutup pelanggan prioritas');
    expect(titles(s.search({ query: 'e-mail', limit: 40 }))).not.toContain('Konfirmasi penerimaan e-mail');
  });
  it('prefers the customer language and the more used paragraph; empty query suggests for the context', () => {
    const s = createReplySearcher(store.db);
    expect(s.search({ query: '', channel: 'email', language: 'en', limit: 3 }).every((p) => p.language === 'en')).toBe(true);
    const used = { ...library[17]!, usageCount: 500, version: (version += 1) }; // "Permohonan maaf"
    store.apply.applyPull(batch({ reply_paragraphs: [used] }), '2026-11-02T00:00:00.000Z');
    expect(s.search({ query: '', language: 'id', limit: 1 })[0]?.id).toBe(used.id);
  });
  it('drops a retired paragraph from search but still answers it by id; quotes and stars never break the query', () => {
    const s = createReplySearcher(store.db);
    const retired = { ...library[5]!, status: 'retired' as const, version: (version += 1) };
    store.apply.applyPull(batch({ reply_paragraphs: [retired] }), '2026-11-02T00:00:00.000Z');
    expect(titles(s.search({ query: 'tagihan', limit: 20 }))).not.toContain(retired.title);
    expect(s.byIds([retired.id])[0]?.status).toBe('retired');
    for (const q of ['"', '*', 'tagihan" OR', 'NEAR(', '{{?', '-']) expect(() => s.search({ query: q, limit: 5 })).not.toThrow();
  });
  it('an older version never overwrites a newer one; a tombstone removes it', () => {
    const s = createReplySearcher(store.db);
    const p = library[0]!;
    store.apply.applyPull(batch({ reply_paragraphs: [{ ...p, title: 'Lama', version: 1 }] }), 'x');
    expect(s.byIds([p.id])[0]?.title).toBe(p.title);
    store.apply.applyPull(batch({}, { tombstones: [{ table: 'reply_paragraphs', id: p.id, version: (version += 1) }] }), 'x');
    expect(s.byIds([p.id])).toEqual([]);
    expect(titles(s.search({ query: 'salam pembuka', limit: 5 }))).not.toContain(p.title);
  });
});

describe('offline spell check', () => {
  it('flags misspellings in Bahasa Indonesia with suggestions, skipping placeholders and names', async () => {
    const issues = await spellcheck('Terima kasih {{customer.name}}, tagihan Anda sudah kami terimma. Budi', 'id', REPO_RESOURCES_DIR, ['Budi']);
    expect(issues.map((i) => i.word)).toEqual(['terimma']);
    expect(issues[0]?.suggestions).toContain('terima');
  });
  it('flags misspellings in English', async () => {
    const issues = await spellcheck('Thank you for your payment recieved today.', 'en', REPO_RESOURCES_DIR);
    expect(issues.map((i) => i.word)).toEqual(['recieved']);
    expect(issues[0]?.suggestions).toContain('received');
  });
  it('reads the Indonesian dictionary from the resources folder it is given (a packaged app\'s process.resourcesPath), not from beside the code', async () => {
    const packaged = await mkdtemp(join(tmpdir(), 'sapa-resources-'));
    try {
      await expect(spellcheck('kami terimma', 'id', packaged)).rejects.toThrow(/dictionaries\/id\/id_ID/);
      await cp(join(REPO_RESOURCES_DIR, 'dictionaries'), join(packaged, 'dictionaries'), { recursive: true });
      const issues = await spellcheck('kami terimma', 'id', packaged);
      expect(issues.map((i) => i.word)).toEqual(['terimma']);
    } finally {
      await rm(packaged, { recursive: true, force: true });
    }
  });
});
