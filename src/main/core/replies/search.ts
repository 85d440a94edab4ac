// As-you-type search of the cached reply library (FTS5 over title, shortcut and body),
// ranked by relevance, then nudged by usage and by how well a paragraph fits the context
// (channel, the customer's language and tier, the case's category). `/shortcut` searches
// shortcuts by prefix. Only approved paragraphs are offered.
import { type Language, type Tier } from '../../../shared/domain.js';
import { type ReplyChannel, type ReplyParagraph } from '../../../shared/replies/schemas.js';
import { toFtsPrefixQuery } from '../cache/fts-query.js';
import { type CacheDb } from '../cache/open-cache.js';

export interface ReplySearch {
  query: string; channel?: ReplyChannel; language?: Language; tier?: Tier; category?: string; limit: number;
}

interface Row {
  id: string; title: string; shortcut: string; category: string; channels: string; language: Language; tiers: string;
  body: string; status: ReplyParagraph['status']; revision: number; author_id: string | null; author_name: string | null;
  updated_at: string; usage_count: number; version: number; rank: number;
}

const toParagraph = (r: Row): ReplyParagraph => ({
  id: r.id, title: r.title, shortcut: r.shortcut, category: r.category, channels: JSON.parse(r.channels) as ReplyParagraph['channels'],
  language: r.language, tiers: JSON.parse(r.tiers) as ReplyParagraph['tiers'], body: r.body, status: r.status, revision: r.revision,
  authorId: r.author_id, authorName: r.author_name, updatedAt: r.updated_at, usageCount: r.usage_count, version: r.version,
});

/** Candidates fetched by relevance before the context re-ranking. */
const CANDIDATES = 100;

export interface ReplySearcher {
  search(q: ReplySearch): ReplyParagraph[];
  byIds(ids: readonly string[]): ReplyParagraph[];
  all(): ReplyParagraph[];
}

export function createReplySearcher(db: CacheDb): ReplySearcher {
  const COLS = `p.id, p.title, p.shortcut, p.category, p.channels, p.language, p.tiers, p.body, p.status, p.revision,
    p.author_id, p.author_name, p.updated_at, p.usage_count, p.version`;
  const fts = db.prepare<[string, number], Row>(
    `SELECT ${COLS}, bm25(reply_paragraphs_fts, 10.0, 8.0, 1.0) AS rank
     FROM reply_paragraphs_fts JOIN reply_paragraphs p ON p.rowid = reply_paragraphs_fts.rowid
     WHERE reply_paragraphs_fts MATCH ? AND p.status = 'approved' ORDER BY rank LIMIT ?`);
  const shortcut = db.prepare<[string, string, number], Row>(
    `SELECT ${COLS}, 0 AS rank FROM reply_paragraphs p
     WHERE p.shortcut >= ? AND p.shortcut < ? AND p.status = 'approved' ORDER BY p.shortcut LIMIT ?`);
  // Suggestions (nothing typed yet): the context filters in SQL, usage orders.
  const suggested = db.prepare<[string, string, number], Row>(
    `SELECT ${COLS}, 0 AS rank FROM reply_paragraphs p
     WHERE p.status = 'approved' AND (? = '' OR p.language = ?) ORDER BY p.usage_count DESC LIMIT ?`);
  const byId = db.prepare<[string], Row>(`SELECT ${COLS}, 0 AS rank FROM reply_paragraphs p WHERE p.id = ?`);
  const everything = db.prepare<[], Row>(`SELECT ${COLS}, 0 AS rank FROM reply_paragraphs p ORDER BY p.category, p.title`);

  function fits(p: ReplyParagraph, q: ReplySearch): boolean {
    if (q.channel && !p.channels.includes(q.channel)) return false;
    // Tier targeting: a paragraph for Platinum customers is not offered for Regular ones.
    if (q.tier && p.tiers.length > 0 && !p.tiers.includes(q.tier)) return false;
    return p.category !== 'auto-ack';
  }

  function contextBonus(p: ReplyParagraph, q: ReplySearch): number {
    let bonus = Math.log1p(p.usageCount) * 0.4;
    if (q.language && p.language === q.language) bonus += 3;
    if (q.tier && p.tiers.includes(q.tier)) bonus += 1;
    if (q.category && (p.category === q.category || p.category.startsWith(`${q.category}/`) || q.category.startsWith(p.category))) bonus += 1.5;
    return bonus;
  }

  return {
    search(q) {
      const text = q.query.trim();
      let rows: Row[];
      if (text.startsWith('/')) {
        const prefix = text.slice(1).toLowerCase();
        rows = shortcut.all(prefix, `${prefix}\uffff`, CANDIDATES);
      } else {
        // A one-letter prefix matches nearly everything and has no prefix index: wait for
        // the second letter (and ignore a trailing one-letter word) instead of scanning.
        const words = text.split(/\s+/);
        const usable = words.length > 1 && (words.at(-1)?.length ?? 0) < 2 ? words.slice(0, -1).join(' ') : text;
        const match = usable.length >= 2 ? toFtsPrefixQuery(usable) : null;
        rows = match ? fts.all(match, CANDIDATES) : suggested.all(q.language ?? '', q.language ?? '', CANDIDATES);
      }
      return rows
        .map((r) => ({ p: toParagraph(r), score: -r.rank }))
        .filter(({ p }) => fits(p, q))
        .map(({ p, score }) => ({ p, score: score + contextBonus(p, q) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, q.limit)
        .map(({ p }) => p);
    },
    byIds: (ids) => ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toParagraph(row)] : [];
    }),
    all: () => everything.all().map(toParagraph),
  };
}
