// Recording a finished recording's checksum (integrity.ts checks it on play).
import path from 'node:path';
import { type FastifyBaseLogger } from 'fastify';
import { type Db } from '../db/db.js';
import { digestFile, type FileDigest } from './integrity.js';

/**
 * The upload's last byte is in: the recording is complete, with the size and SHA-256 of the
 * file as uploaded (both as served and as uploaded, until the seekable rewrite records its
 * own). False when it was already finished (tus calls this again for an empty PATCH at the
 * end): a finished recording is sealed once.
 */
export async function sealFinishedUpload(db: Db, directory: string, id: string): Promise<boolean> {
  const digest = await digestFile(path.join(directory, id));
  const [sealed] = await db.query<{ id: string }>(
    `UPDATE recordings SET completed_at = now(), size_bytes = $2, sha256 = $3, upload_size_bytes = $2, upload_sha256 = $3
     WHERE id = $1 AND completed_at IS NULL RETURNING id`,
    [id, digest.sizeBytes, digest.sha256]);
  return sealed !== undefined;
}

/**
 * A recording finished before checksums were recorded (migration 010) is sealed with the
 * bytes it has at its first play after the upgrade; from then on it is checked like any other.
 */
export async function sealOnFirstPlay(db: Db, log: Pick<FastifyBaseLogger, 'warn'>, id: string, digest: FileDigest): Promise<number> {
  await db.query(
    `UPDATE recordings SET sha256 = $2, size_bytes = $3, upload_sha256 = $2, upload_size_bytes = $3
     WHERE id = $1 AND sha256 IS NULL AND upload_sha256 IS NULL`,
    [id, digest.sha256, digest.sizeBytes]);
  log.warn({ recordingId: id, sha256: digest.sha256 }, 'recording finished before checksums existed: sealed at its first play');
  return digest.sizeBytes;
}
