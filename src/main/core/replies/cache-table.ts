// Reply paragraphs from a pull batch into the cache (inside the pull's transaction). The
// FTS index follows by trigger (cache migration 0002).
import { type CacheTable } from '../cache/cache-table.js';

const COLUMNS = ['id', 'title', 'shortcut', 'category', 'channels', 'language', 'tiers', 'body', 'status',
  'revision', 'author_id', 'author_name', 'updated_at', 'usage_count', 'version'] as const;

export const replyParagraphsTable: CacheTable<'reply_paragraphs'> = {
  table: 'reply_paragraphs',
  prepare(db) {
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
  },
};
