// The few EBML (Matroska/WebM) pieces the recording rewrite needs: the element ids it
// reads or writes, variable-length integers, and encoders for the elements it builds.
// Numbers stay below 2^53: a recording is at most a few hundred MB.

export const ID = {
  ebml: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  seekHead: 0x114d9b74,
  seek: 0x4dbb,
  seekId: 0x53ab,
  seekPosition: 0x53ac,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  codecId: 0x86,
  cues: 0x1c53bb6b,
  cuePoint: 0xbb,
  cueTime: 0xb3,
  cueTrackPositions: 0xb7,
  cueTrack: 0xf7,
  cueClusterPosition: 0xf1,
  cluster: 0x1f43b675,
  timecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  blockDuration: 0x9b,
  void: 0xec,
  tags: 0x1254c367,
  chapters: 0x1043a770,
  attachments: 0x1941a469,
} as const;

/** Children a Segment may hold; in an unknown-size Cluster, one of these ends the cluster. */
export const SEGMENT_CHILDREN: ReadonlySet<number> = new Set([
  ID.seekHead, ID.info, ID.tracks, ID.cues, ID.cluster, ID.tags, ID.chapters, ID.attachments,
]);

/** Length in bytes of the vint whose first byte is `first` (1…8), or 0 when the byte is invalid. */
export function vintWidth(first: number): number {
  for (let width = 1; width <= 8; width++) if (first & (0x100 >> width)) return width;
  return 0;
}

/** An element id: its bytes as one number (the length marker kept, as ids are written). */
export function readId(bytes: Buffer, at: number): { id: number; width: number } | null {
  const width = vintWidth(bytes[at] ?? 0);
  if (width === 0 || width > 4 || at + width > bytes.length) return null;
  let id = 0;
  for (let i = 0; i < width; i++) id = id * 256 + (bytes[at + i] ?? 0);
  return { id, width };
}

/**
 * A size vint: its value with the length marker removed; `unknown` when every value bit
 * is set (a streamed element whose end was not known when it was written).
 */
export function readSize(bytes: Buffer, at: number): { value: number; width: number; unknown: boolean } | null {
  const width = vintWidth(bytes[at] ?? 0);
  if (width === 0 || at + width > bytes.length) return null;
  const firstBits = 0xff >> width;
  let value = (bytes[at] ?? 0) & firstBits;
  let unknown = value === firstBits;
  for (let i = 1; i < width; i++) {
    const byte = bytes[at + i] ?? 0;
    unknown &&= byte === 0xff;
    value = value * 256 + byte;
  }
  return { value, width, unknown };
}

export function readUint(bytes: Buffer): number {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

export function readFloat(bytes: Buffer): number | null {
  if (bytes.length === 4) return bytes.readFloatBE(0);
  if (bytes.length === 8) return bytes.readDoubleBE(0);
  return bytes.length === 0 ? 0 : null;
}

export function idBytes(id: number): Buffer {
  const bytes: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from(bytes);
}

/** A size vint of `width` bytes (8 by default, so a size written later never changes length). */
export function sizeBytes(size: number, width = 8): Buffer {
  if (size >= 2 ** (7 * width) - 1) throw new RangeError(`size ${size} does not fit ${width} bytes`);
  const out = Buffer.alloc(width);
  let value = size;
  for (let i = width - 1; i >= 0; i--) {
    out[i] = value % 256;
    value = Math.floor(value / 256);
  }
  out[0] = (out[0] ?? 0) | (0x100 >> width);
  return out;
}

export function uintBytes(value: number, width?: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  do { bytes.unshift(v % 256); v = Math.floor(v / 256); } while (v > 0);
  while (width !== undefined && bytes.length < width) bytes.unshift(0);
  return Buffer.from(bytes);
}

export function floatBytes(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeDoubleBE(value);
  return out;
}

/** An element with a known size; small sizes get a 1-byte size field, as muxers write them. */
export function element(id: number, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const width = body.length < 127 ? 1 : 8;
  return Buffer.concat([idBytes(id), sizeBytes(body.length, width), body]);
}
