// Receipts (a photo or a PDF of what a cost paid for). The desktop spools one taken offline
// and PUTs it by its id when online (decision 0036): the same id with the same bytes again is
// a no-op (exactly once however often the upload is retried); other bytes under that id are
// refused. The type is read from the content (file-type), never from a name or header.
import { createHash } from 'node:crypto';
import { type Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { RECEIPT_MAX_BYTES, RECEIPT_TYPES } from '../../shared/pipeline.js';
import { type Db } from '../db/db.js';
import { requireVisibleOwner } from './scope.js';

async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += b.length;
    if (total > limit) throw new SapaError('INVALID_INPUT', `The receipt is larger than ${limit / 1024 / 1024} MB`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export async function uploadReceipt(db: Db, user: SessionUser, id: string, stream: Readable) {
  const content = await readAll(stream, RECEIPT_MAX_BYTES);
  if (content.length === 0) throw new SapaError('INVALID_INPUT', 'The receipt is empty');
  const type = await fileTypeFromBuffer(content);
  const mediaType = (RECEIPT_TYPES as readonly string[]).includes(type?.mime ?? '') ? type!.mime as (typeof RECEIPT_TYPES)[number] : null;
  if (!mediaType) throw new SapaError('INVALID_INPUT', `A receipt is a photo (JPEG, PNG, WebP) or a PDF; this file is ${type?.mime ?? 'of an unknown type'}`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const [existing] = await db.query<{ owner_id: string; sha256: string; media_type: (typeof RECEIPT_TYPES)[number]; bytes: number }>(
    'SELECT owner_id, sha256, media_type, bytes FROM sales_receipts WHERE id = $1', [id]);
  if (existing) {
    if (existing.owner_id !== user.id || existing.sha256 !== sha256) throw new SapaError('CONFLICT', `Receipt ${id} is another file`);
    return { id, mediaType: existing.media_type, bytes: existing.bytes, sha256 };
  }
  await db.query(
    `INSERT INTO sales_receipts (id, owner_id, media_type, bytes, sha256, content) VALUES ($1, $2, $3, $4, $5, decode($6, 'hex')) ON CONFLICT (id) DO NOTHING`,
    [id, user.id, mediaType, content.length, sha256, content.toString('hex')]);
  return { id, mediaType, bytes: content.length, sha256 };
}

export async function readReceipt(db: Db, user: SessionUser, id: string): Promise<{ mediaType: string; content: Buffer }> {
  // As base64 text: node-postgres and PGlite hand bytea back in different shapes.
  const [r] = await db.query<{ owner_id: string; media_type: string; content: string }>(
    `SELECT owner_id, media_type, encode(content, 'base64') AS content FROM sales_receipts WHERE id = $1`, [id]);
  if (!r) throw new SapaError('NOT_FOUND', `Receipt ${id} has not arrived`);
  await requireVisibleOwner(db, user, r.owner_id, 'receipt');
  return { mediaType: r.media_type, content: Buffer.from(r.content, 'base64') };
}
