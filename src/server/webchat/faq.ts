// The public FAQ of the widget: approved reply paragraphs a lead marked "public FAQ"
// (reply_public_faq, migration 039) in the customer's language — the very paragraphs agents
// insert, so the site and the agent give the same answer. Searched by words in title and body.
import { SapaError } from '../../shared/errors.js';
import { type FaqEntry } from '../../shared/webchat.js';
import { type Db } from '../db/db.js';

const MAX_ENTRIES = 30;

export async function publicFaq(db: Db, language: 'id' | 'en', query: string): Promise<FaqEntry[]> {
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1).slice(0, 6);
  const params: unknown[] = [language];
  const filters = words.map((w) => {
    params.push(`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return `(lower(p.title) LIKE $${params.length} OR lower(p.body) LIKE $${params.length})`;
  });
  const rows = await db.query<{ id: string; title: string; body: string; category: string }>(
    `SELECT p.id, p.title, p.body, p.category FROM reply_paragraphs p JOIN reply_public_faq f ON f.paragraph_id = p.id
      WHERE p.status = 'approved' AND p.language = $1 ${filters.map((f) => `AND ${f}`).join(' ')}
      ORDER BY p.category, p.title LIMIT ${MAX_ENTRIES}`, params as string[]);
  // Template variables ({{customer.name}} …) mean nothing on a public page: left out.
  return rows.map((r) => ({ id: r.id, title: r.title, category: r.category, body: r.body.replace(/\{\{[^}]*\}\}/g, '').replace(/[ \t]{2,}/g, ' ') }));
}

export async function setPublicFaq(db: Db, paragraphId: string, on: boolean, by: string): Promise<boolean> {
  const [p] = await db.query<{ id: string }>('SELECT id FROM reply_paragraphs WHERE id = $1', [paragraphId]);
  if (!p) throw new SapaError('NOT_FOUND', `No paragraph ${paragraphId}`);
  if (on) {
    await db.query('INSERT INTO reply_public_faq (paragraph_id, marked_by) VALUES ($1, $2) ON CONFLICT (paragraph_id) DO NOTHING', [paragraphId, by]);
  } else {
    await db.query('DELETE FROM reply_public_faq WHERE paragraph_id = $1', [paragraphId]);
  }
  return on;
}
