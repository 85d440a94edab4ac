// A finished upload is made seekable before anyone plays it: the softphone's MediaRecorder
// streams its WebM, so the file has neither a Duration (the player shows no length) nor a
// Cues index (a seek reads forward instead of jumping with one Range request). The rewrite
// (webm/rewrite.ts) is atomic; a file it cannot read is kept exactly as uploaded, and no
// failure here fails the upload: the recording plays either way. The rewrite's checksum
// is recorded before it replaces the upload (integrity.ts accepts either file).
import path from 'node:path';
import { type FastifyBaseLogger } from 'fastify';
import { type Db } from '../db/db.js';
import { digestFile } from './integrity.js';
import { makeWebmSeekable } from './webm/rewrite.js';

export interface SeekableDeps {
  db: Db;
  /** The tus store, told the new length so its offset and length agree again. */
  store: { declareUploadLength(id: string, length: number): Promise<void> };
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}

export async function makeUploadSeekable(deps: SeekableDeps, directory: string, recordingId: string): Promise<void> {
  const file = path.join(directory, recordingId);
  try {
    const outcome = await makeWebmSeekable(file, {
      beforeSwap: async (rewritten) => {
        const digest = await digestFile(rewritten);
        await deps.db.query('UPDATE recordings SET size_bytes = $2, sha256 = $3 WHERE id = $1', [recordingId, digest.sizeBytes, digest.sha256]);
      },
    });
    if (outcome.status === 'left-as-is') {
      deps.log.warn({ recordingId, reason: outcome.reason }, 'recording kept as uploaded: not a WebM that can be indexed');
      return;
    }
    if (outcome.status === 'already-seekable') return;
    // tus reports the stored file's size as the upload's offset: with the length equal to it,
    // a desktop that resumes after a lost reply sees a finished upload, not a gap.
    await deps.store.declareUploadLength(recordingId, outcome.sizeBytes);
    deps.log.info({ recordingId, durationMs: outcome.durationMs, cues: outcome.cues }, 'recording indexed for seeking');
  } catch (error) {
    deps.log.error({ err: error, recordingId }, 'recording could not be indexed for seeking; kept as uploaded');
  }
}
