// The cache write path for reply paragraphs, called from cache/apply-changes.ts inside the
// pull batch's transaction. The FTS index follows by trigger (see cache-migration.ts).
import { type ReplyParagraph } from '../../../shared/replies/schemas.js';
import { type CacheDb } from '../cache/open-cache.js';

const COLUMNS = ['id', 'title', 'shortcut', 'category', 'channels', 'language', 'tiers', 'body', 'status',
  'revision', 'author_id', 'author_name', 'updated_at', 'usage_count', 'version'] as const;

export interface ParagraphApplier {
  upsert(p: ReplyParagraph): number;
  remove(id: string, version: number): number;
}

export function createParagraphApplier(db: CacheDb): ParagraphApplier {
  const updates = COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ');
  const upsert = db.prepare(
    `INSERT INTO reply_paragraphs (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT(id) DO UPDATE SET ${updates} WHERE excluded.version > reply_paragraphs.version`);
  const remove = db.prepare<[string, number]>('DELETE FROM reply_paragraphs WHERE id = ? AND version <= ?');
  return {
    upsert: (p) => upsert.run(
      p.id, p.title, p.shortcut, p.category, JSON.stringify(p.channels), p.language, JSON.stringify(p.tiers),
      p.body, p.status, p.revision, p.authorId, p.authorName, p.updatedAt, p.usageCount, p.version,
    ).changes,
    remove: (id, version) => remove.run(id, version).changes,
  };
}
