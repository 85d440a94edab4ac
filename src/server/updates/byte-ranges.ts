// HTTP Range for release files (RFC 9110 §14), one range or many. electron-updater's
// differential downloader asks for up to 1000 ranges in one request ("bytes=a-b, c-d, …",
// differentialDownloader/multipleRangeDownloader.js) and reads the answer as
// multipart/byteranges (DataSplitter.js), so the single-range parser of recordings
// (src/server/recordings/range.ts, which answers multi-range requests whole) does not fit.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

export type ByteRange = { start: number; end: number };

/** More ranges than the updater ever asks for in one request are answered whole. */
export const MAX_RANGES = 1000;

/**
 * The ranges of a Range header: null to answer the whole file (no header, not bytes, a
 * malformed one, too many ranges, or ranges adding up to more than twice the file — the
 * amplification an attacker would want), 'unsatisfiable' when no range falls in the file.
 */
export function parseRanges(header: string | undefined, size: number): ByteRange[] | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(.+)$/.exec(header.trim());
  if (!match?.[1]) return null;
  const specs = match[1].split(',').map((s) => s.trim());
  if (specs.length > MAX_RANGES) return null;
  const ranges: ByteRange[] = [];
  for (const spec of specs) {
    const m = /^(\d*)-(\d*)$/.exec(spec);
    if (!m) return null;
    const [, a = '', b = ''] = m;
    if (a === '' && b === '') return null;
    if (a === '') {
      const suffix = Number(b);
      if (suffix > 0 && size > 0) ranges.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const start = Number(a);
    const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
    if (b !== '' && Number(b) < start) return null; // "5-3" is invalid: the header is ignored
    if (start < size) ranges.push({ start, end });
  }
  if (ranges.length === 0) return 'unsatisfiable';
  const total = ranges.reduce((n, r) => n + r.end - r.start + 1, 0);
  if (total > 2 * size + 1024) return null;
  return ranges;
}

export interface MultipartBody { contentType: string; length: number; stream: Readable }

/** A multipart/byteranges body of `file` for `ranges`, with its exact length. */
export function multipartByteranges(file: string, size: number, ranges: readonly ByteRange[], partType = 'application/octet-stream'): MultipartBody {
  const boundary = `sapa-${randomBytes(12).toString('hex')}`;
  const heads = ranges.map((r, i) => Buffer.from(
    `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${partType}\r\nContent-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`));
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = heads.reduce((n, h, i) => n + h.length + (ranges[i]!.end - ranges[i]!.start + 1), tail.length);
  async function* parts(): AsyncGenerator<Buffer> {
    for (const [i, r] of ranges.entries()) {
      yield heads[i]!;
      for await (const chunk of createReadStream(file, { start: r.start, end: r.end })) yield chunk as Buffer;
    }
    yield tail;
  }
  return { contentType: `multipart/byteranges; boundary=${boundary}`, length, stream: Readable.from(parts()) };
}
