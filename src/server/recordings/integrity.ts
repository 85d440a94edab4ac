// A finished recording is evidence: its SHA-256 is recorded when the upload finishes and
// checked before it is played. Hashing a long recording on every Range request (a player
// sends one per seek) would read the whole file each time, so a verdict is kept per file
// *version*: the file's inode, size, mtime and ctime plus the checksums it is compared
// with. Any write, truncation, rename over it or chmod changes ctime (which no user tool
// can set back), so a changed file is hashed again on its next request; an unchanged one
// is answered from the kept verdict. Decision 0010 says why, and what this does not cover.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

export interface FileDigest { sha256: string; sizeBytes: number }

/** The SHA-256 and size of a file, read as a stream (memory stays flat for long recordings). */
export async function digestFile(file: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    sizeBytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** What the database says a finished recording's bytes are. */
export interface RecordedChecksums {
  /** The file as served (after the seekable rewrite), or null for a row sealed before checksums existed. */
  sha256: string | null;
  sizeBytes: number;
  /** The file exactly as uploaded. */
  uploadSha256: string | null;
  uploadSizeBytes: number | null;
}

export type Verdict =
  | { ok: true; sizeBytes: number }
  | { ok: false; reason: string }
  /** No checksum recorded yet (a recording finished before migration 010): `digest` is its first. */
  | { ok: 'unsealed'; digest: FileDigest };

interface Kept { fingerprint: string; verdict: Verdict }

/** Verdicts kept at most (one small entry per recording played since the server started). */
const MAX_KEPT = 20_000;

export interface IntegrityChecker {
  /** Whether the file of `recordingId` still holds the recorded bytes. */
  verify(recordingId: string, recorded: RecordedChecksums): Promise<Verdict>;
  /** How many times a file was hashed (for tests: a Range request of an unchanged file hashes nothing). */
  readonly hashes: number;
}

export function createIntegrityChecker(directory: string): IntegrityChecker {
  const kept = new Map<string, Kept>();
  const inFlight = new Map<string, Promise<Verdict>>();
  let hashes = 0;

  async function compute(file: string, recorded: RecordedChecksums): Promise<Verdict> {
    hashes += 1;
    const digest = await digestFile(file);
    if (recorded.sha256 === null && recorded.uploadSha256 === null) return { ok: 'unsealed', digest };
    if (digest.sha256 === recorded.sha256 && digest.sizeBytes === recorded.sizeBytes) return { ok: true, sizeBytes: digest.sizeBytes };
    // The bytes as uploaded are authentic too: a crash between the seekable rewrite's rename
    // and its row update leaves them on disk (seekable.ts).
    if (digest.sha256 === recorded.uploadSha256 && digest.sizeBytes === recorded.uploadSizeBytes) {
      return { ok: true, sizeBytes: digest.sizeBytes };
    }
    return { ok: false, reason: `its SHA-256 is ${digest.sha256} (${digest.sizeBytes} bytes), recorded ${recorded.sha256} (${recorded.sizeBytes} bytes)` };
  }

  return {
    get hashes() { return hashes; },
    async verify(recordingId, recorded) {
      const file = path.join(directory, recordingId);
      let st;
      try {
        st = await stat(file, { bigint: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'its file is missing from the recordings folder' };
        throw error;
      }
      const size = Number(st.size);
      const sealed = recorded.sha256 !== null || recorded.uploadSha256 !== null;
      // The size is free to check: a file of neither recorded size needs no hashing to fail.
      if (sealed && size !== recorded.sizeBytes && size !== recorded.uploadSizeBytes) {
        return { ok: false, reason: `its size is ${size} bytes, recorded ${recorded.sizeBytes}` };
      }
      const fingerprint = [st.ino, st.size, st.mtimeNs, st.ctimeNs, recorded.sha256, recorded.uploadSha256].join(':');
      const hit = kept.get(recordingId);
      if (hit?.fingerprint === fingerprint) {
        kept.delete(recordingId); // most recently used last: the oldest is dropped first
        kept.set(recordingId, hit);
        return hit.verdict;
      }
      const running = inFlight.get(fingerprint);
      if (running) return running;
      const verdict = compute(file, recorded).finally(() => inFlight.delete(fingerprint));
      inFlight.set(fingerprint, verdict);
      const result = await verdict;
      // An unsealed verdict is not kept: the caller seals the row, which changes the fingerprint.
      if (result.ok !== 'unsealed') {
        kept.delete(recordingId);
        kept.set(recordingId, { fingerprint, verdict: result });
        if (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
      }
      return result;
    },
  };
}
