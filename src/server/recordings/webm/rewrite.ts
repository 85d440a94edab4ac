// Rewrites a finished WebM recording in place so a player can show its length and seek
// with one Range request: Duration in Info and a Cues index (one cue per Cluster).
// Streaming: one pass reads the layout (headers only), a second copies the clusters
// through a fixed buffer, so memory does not grow with the file. Atomic: the new file is
// written beside the old one, synced, checked by scanning it again, and only then renamed
// over it, so a crash at any point leaves either the original or the finished rewrite.
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { planSeekable } from './layout.js';
import { WebmError, scanWebm } from './scan.js';

const COPY_CHUNK = 256 * 1024;

export type SeekableOutcome =
  | { status: 'rewritten'; sizeBytes: number; durationMs: number; cues: number }
  | { status: 'already-seekable' }
  /** The file is not a WebM this code understands (or is damaged): it was left as it was. */
  | { status: 'left-as-is'; reason: string };

/** The temporary file a rewrite of `file` writes; a crash may leave one, the next rewrite replaces it. */
export function rewriteTempPath(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.seekable-tmp`);
}

export interface RewriteOptions {
  /**
   * Runs when the rewrite is complete and checked, just before it replaces the original:
   * the recording's checksum is recorded here, so the file on disk always matches a
   * recorded checksum (the original's until the rename, the rewrite's after it). A throw
   * keeps the original.
   */
  beforeSwap?: (rewritten: string) => Promise<void>;
}

export async function makeWebmSeekable(file: string, options: RewriteOptions = {}): Promise<SeekableOutcome> {
  const source = await open(file, 'r');
  const temp = rewriteTempPath(file);
  let renamed = false;
  try {
    let layout;
    try {
      layout = await scanWebm(source);
    } catch (error) {
      if (error instanceof WebmError) return { status: 'left-as-is', reason: error.message };
      throw error;
    }
    if (layout.hasCues && layout.hasDuration) return { status: 'already-seekable' };
    const header = Buffer.alloc(layout.headerEnd);
    await source.read(header, 0, header.length, 0);
    const plan = planSeekable(layout, header);

    const target = await open(temp, 'w+');
    try {
      await target.write(plan.head, 0, plan.head.length, 0);
      let written = plan.head.length;
      const buffer = Buffer.alloc(COPY_CHUNK);
      for (const piece of plan.body) {
        if (piece.header.length > 0) {
          await target.write(piece.header, 0, piece.header.length, written);
          written += piece.header.length;
        }
        written = await copyRange(source, target, piece.from, piece.to, written, buffer);
      }
      if (written !== plan.size) throw new Error(`the rewrite wrote ${written} bytes, planned ${plan.size}`);
      await target.sync();
      // Proof before the swap: the new file parses, is seekable, and indexes every cluster.
      const check = await scanWebm(target);
      if (!check.hasCues || !check.hasDuration || check.clusters.length !== layout.clusters.length) {
        throw new Error('the rewritten file did not scan back as seekable');
      }
    } finally {
      await target.close();
    }
    await options.beforeSwap?.(temp);
    await rename(temp, file);
    renamed = true;
    await syncDirectory(path.dirname(file));
    return { status: 'rewritten', sizeBytes: plan.size, durationMs: plan.durationMs, cues: plan.cues.length };
  } finally {
    await source.close();
    if (!renamed) await rm(temp, { force: true });
  }
}

async function copyRange(source: FileHandle, target: FileHandle, from: number, to: number, at: number, buffer: Buffer): Promise<number> {
  let position = at;
  for (let offset = from; offset < to;) {
    const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, to - offset), offset);
    if (bytesRead === 0) throw new Error(`the recording shrank while it was being rewritten (at byte ${offset})`);
    await target.write(buffer, 0, bytesRead, position);
    offset += bytesRead;
    position += bytesRead;
  }
  return position;
}

/** Makes the rename itself durable (the directory entry), as a crash right after must not undo it. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
