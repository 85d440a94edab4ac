// Library writes: create, edit (a new revision), approve, retire. Every write goes through
// withWriteTransaction (reply_paragraphs is a synced table) and records a revision row.
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type SaveParagraphRequest } from '../../shared/replies/messages.js';
import { MAX_PARAGRAPH_BODY, type ParagraphRevision, type ReplyParagraph } from '../../shared/replies/schemas.js';
import { parseTemplate } from '../../shared/replies/template.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { PARAGRAPH_COLUMNS, toParagraph, type ParagraphRow } from './rows.js';

/** Refuses bodies that could never be sent: too large, or with template errors. */
export function checkBody(body: string): void {
  if (body.length > MAX_PARAGRAPH_BODY) {
    throw new SapaError('TOO_LARGE', `A paragraph body may have at most ${MAX_PARAGRAPH_BODY} characters`, {
      length: body.length, max: MAX_PARAGRAPH_BODY,
    });
  }
  const { problems } = parseTemplate(body);
  if (problems.length > 0) {
    throw new SapaError('INVALID_INPUT', 'The body has template errors', { problems });
  }
}

async function loadForUpdate(tx: Db, id: string): Promise<ParagraphRow> {
  const [row] = await tx.query<ParagraphRow>(`SELECT ${PARAGRAPH_COLUMNS} FROM reply_paragraphs WHERE id = $1 FOR UPDATE`, [id]);
  if (!row) throw new SapaError('NOT_FOUND', `Paragraph ${id} was not found`);
  return row;
}

async function recordRevision(tx: Db, row: ParagraphRow, user: SessionUser | null): Promise<void> {
  await tx.query(
    `INSERT INTO reply_paragraph_revisions (paragraph_id, revision, title, body, status, author_id, author_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [row.id, row.revision, row.title, row.body, row.status, user?.id ?? null, user?.displayName ?? null]);
}

function uniqueShortcut(error: unknown, shortcut: string): never {
  if (error instanceof Error && /reply_paragraphs_shortcut/.test(error.message)) {
    throw new SapaError('CONFLICT', `The shortcut /${shortcut} is already used in that language`, { shortcut });
  }
  throw error;
}

export async function createParagraph(
  db: Db, input: SaveParagraphRequest, user: SessionUser | null, id: string = uuidv7(),
): Promise<ReplyParagraph> {
  checkBody(input.body);
  try {
    return await withWriteTransaction(db, async (tx) => {
      const [row] = await tx.query<ParagraphRow>(
        `INSERT INTO reply_paragraphs (id, title, shortcut, category, channels, language, tiers, body, status, author_id, author_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${PARAGRAPH_COLUMNS}`,
        [id, input.title, input.shortcut, input.category, input.channels, input.language, input.tiers, input.body,
          input.approve ? 'approved' : 'draft', user?.id ?? null, user?.displayName ?? null]);
      if (!row) throw new SapaError('INTERNAL', 'Insert returned nothing');
      await recordRevision(tx, row, user);
      return toParagraph(row);
    });
  } catch (error) {
    return uniqueShortcut(error, input.shortcut);
  }
}

export async function editParagraph(db: Db, id: string, input: SaveParagraphRequest, user: SessionUser): Promise<ReplyParagraph> {
  checkBody(input.body);
  try {
    return await withWriteTransaction(db, async (tx) => {
      const current = await loadForUpdate(tx, id);
      if (current.status === 'retired') throw new SapaError('CONFLICT', 'A retired paragraph cannot be edited');
      if (input.baseRevision !== undefined && input.baseRevision !== current.revision) {
        throw new SapaError('CONFLICT', 'Someone saved a newer revision meanwhile', { revision: current.revision });
      }
      // An edited text needs approval again unless the lead approves it in the same step.
      const [row] = await tx.query<ParagraphRow>(
        `UPDATE reply_paragraphs SET title = $2, shortcut = $3, category = $4, channels = $5, language = $6, tiers = $7,
           body = $8, status = $9, revision = revision + 1, author_id = $10, author_name = $11, updated_at = now()
         WHERE id = $1 RETURNING ${PARAGRAPH_COLUMNS}`,
        [id, input.title, input.shortcut, input.category, input.channels, input.language, input.tiers, input.body,
          input.approve ? 'approved' : 'draft', user.id, user.displayName]);
      if (!row) throw new SapaError('NOT_FOUND', `Paragraph ${id} was not found`);
      await recordRevision(tx, row, user);
      return toParagraph(row);
    });
  } catch (error) {
    return uniqueShortcut(error, input.shortcut);
  }
}

export async function setStatus(db: Db, id: string, status: 'approved' | 'retired', user: SessionUser): Promise<ReplyParagraph> {
  return withWriteTransaction(db, async (tx) => {
    const current = await loadForUpdate(tx, id);
    if (current.status === 'retired' && status === 'approved') {
      throw new SapaError('CONFLICT', 'A retired paragraph cannot be approved again; create a new one');
    }
    const [row] = await tx.query<ParagraphRow>(
      `UPDATE reply_paragraphs SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${PARAGRAPH_COLUMNS}`, [id, status]);
    if (!row) throw new SapaError('NOT_FOUND', `Paragraph ${id} was not found`);
    await recordRevision(tx, row, user);
    return toParagraph(row);
  });
}

export async function listRevisions(db: Db, id: string): Promise<ParagraphRevision[]> {
  const rows = await db.query<{ paragraph_id: string; revision: number; title: string; body: string; status: ParagraphRevision['status'];
    author_name: string | null; created_at: Date | string }>(
    `SELECT paragraph_id, revision, title, body, status, author_name, created_at FROM reply_paragraph_revisions
     WHERE paragraph_id = $1 ORDER BY seq`, [id]);
  if (rows.length === 0) throw new SapaError('NOT_FOUND', `Paragraph ${id} was not found`);
  return rows.map((r) => ({
    paragraphId: r.paragraph_id, revision: r.revision, title: r.title, body: r.body, status: r.status,
    authorName: r.author_name, createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function listParagraphs(db: Db): Promise<ReplyParagraph[]> {
  const rows = await db.query<ParagraphRow>(`SELECT ${PARAGRAPH_COLUMNS} FROM reply_paragraphs ORDER BY category, title`);
  return rows.map(toParagraph);
}
