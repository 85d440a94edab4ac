// reply_paragraphs rows ↔ the shared ReplyParagraph shape.
import { type ReplyParagraph } from '../../shared/replies/schemas.js';
import { iso, type Timestamp } from '../db/timestamps.js';

export interface ParagraphRow {
  id: string; title: string; shortcut: string; category: string; channels: string[];
  language: ReplyParagraph['language']; tiers: string[]; body: string; status: ReplyParagraph['status'];
  revision: number; author_id: string | null; author_name: string | null; updated_at: Timestamp;
  usage_count: number; version: number;
}

export const PARAGRAPH_COLUMNS = `id, title, shortcut, category, channels, language, tiers, body, status, revision,
  author_id, author_name, updated_at, usage_count, version`;

export function toParagraph(r: ParagraphRow): ReplyParagraph {
  return {
    id: r.id, title: r.title, shortcut: r.shortcut, category: r.category,
    channels: r.channels as ReplyParagraph['channels'], language: r.language,
    tiers: r.tiers as ReplyParagraph['tiers'], body: r.body, status: r.status, revision: r.revision,
    authorId: r.author_id, authorName: r.author_name,
    updatedAt: iso(r.updated_at),
    usageCount: r.usage_count, version: Number(r.version),
  };
}
