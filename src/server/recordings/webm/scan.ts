// Reads a WebM file's layout in one forward pass, holding only element headers and the
// small Info and Tracks elements: where the EBML header, Segment and each top-level
// element are, every Cluster's offset and timecode, and when the last block ends.
// Chromium's MediaRecorder writes the Segment and every Cluster with an unknown size (it
// streams), so an unknown-size Cluster ends where the next top-level element starts.
// Anything that does not parse throws a WebmError: the caller leaves such a file alone.
import { type FileHandle } from 'node:fs/promises';
import { ID, SEGMENT_CHILDREN, readFloat, readId, readSize, readUint, vintWidth } from './ebml.js';
import { opusPacketMs } from './opus-packet.js';

/** Elements read whole into memory (header, Info, Tracks) are refused above this size. */
const MAX_SMALL_ELEMENT = 64 * 1024;
const READ_CHUNK = 64 * 1024;

export class WebmError extends Error {
  override readonly name = 'WebmError';
}

export interface TopElement {
  id: number;
  /** File offsets: the element's first byte, its payload's first byte, and one past its end. */
  start: number;
  dataStart: number;
  end: number;
}

export interface ClusterElement extends TopElement {
  /** The cluster's Timecode, in TimecodeScale units. */
  timecode: number;
}

export interface WebmLayout {
  fileSize: number;
  /** The EBML header is bytes [0, headerEnd). */
  headerEnd: number;
  segmentDataStart: number;
  timecodeScale: number;
  /** Info's payload (its children), as read. */
  info: Buffer;
  /** The whole Tracks element, as read. */
  tracks: Buffer;
  /** The track the cues point at: the first audio track. */
  audioTrack: number;
  hasDuration: boolean;
  hasCues: boolean;
  /** Every element inside the Segment, in file order (clusters included). */
  elements: (TopElement | ClusterElement)[];
  clusters: ClusterElement[];
  /** When the last block ends, in TimecodeScale units. */
  endTime: number;
}

/** Reads byte ranges of a file through one read-ahead window, so a forward walk is few reads. */
class WindowReader {
  private window = Buffer.alloc(0);
  private windowStart = 0;
  constructor(private readonly handle: FileHandle, readonly size: number) {}

  /** `length` bytes at `at`, or fewer when the file ends first. */
  async bytes(at: number, length: number): Promise<Buffer> {
    const end = Math.min(at + length, this.size);
    if (at >= this.windowStart && end <= this.windowStart + this.window.length) {
      return this.window.subarray(at - this.windowStart, end - this.windowStart);
    }
    const want = Math.min(Math.max(end - at, READ_CHUNK), this.size - at);
    const buffer = Buffer.alloc(Math.max(want, 0));
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, at);
    this.window = buffer.subarray(0, bytesRead);
    this.windowStart = at;
    return this.window.subarray(0, Math.min(end - at, bytesRead));
  }
}

interface Header { id: number; dataStart: number; size: number | null }

async function readHeader(reader: WindowReader, at: number, limit: number): Promise<Header> {
  const bytes = await reader.bytes(at, Math.min(12, limit - at));
  const ends = `the file ends inside an element header at byte ${at}`;
  const id = readId(bytes, 0);
  const idWidth = vintWidth(bytes[0] ?? 0);
  if (!id) throw new WebmError(bytes.length === 0 || idWidth > bytes.length ? ends : `no element id at byte ${at}`);
  const size = readSize(bytes, id.width);
  if (!size) throw new WebmError(vintWidth(bytes[id.width] ?? 0) === 0 && bytes.length > id.width ? `a malformed size at byte ${at}` : ends);
  if (!size.unknown && size.value > Number.MAX_SAFE_INTEGER) throw new WebmError(`an implausible size at byte ${at}`);
  return { id: id.id, dataStart: at + id.width + size.width, size: size.unknown ? null : size.value };
}

/** The children of an in-memory master element's payload. */
function children(payload: Buffer, what: string): { id: number; data: Buffer }[] {
  const out: { id: number; data: Buffer }[] = [];
  let at = 0;
  while (at < payload.length) {
    const id = readId(payload, at);
    const size = id ? readSize(payload, at + id.width) : null;
    if (!id || !size || size.unknown) throw new WebmError(`${what} is malformed`);
    const dataStart = at + id.width + size.width;
    if (dataStart + size.value > payload.length) throw new WebmError(`${what} is malformed`);
    out.push({ id: id.id, data: payload.subarray(dataStart, dataStart + size.value) });
    at = dataStart + size.value;
  }
  return out;
}

async function readSmall(reader: WindowReader, header: Header, end: number, what: string): Promise<Buffer> {
  if (end - header.dataStart > MAX_SMALL_ELEMENT) throw new WebmError(`${what} is implausibly large`);
  // A copy: the reader's window moves on.
  return Buffer.from(await reader.bytes(header.dataStart, end - header.dataStart));
}

function audioTrackOf(tracks: Buffer): { number: number; codec: string } {
  for (const entry of children(tracks, 'Tracks')) {
    if (entry.id !== ID.trackEntry) continue;
    const fields = children(entry.data, 'a TrackEntry');
    const type = fields.find((f) => f.id === ID.trackType);
    const number = fields.find((f) => f.id === ID.trackNumber);
    if (type && number && readUint(type.data) === 2) {
      return { number: readUint(number.data), codec: fields.find((f) => f.id === ID.codecId)?.data.toString('latin1') ?? '' };
    }
  }
  throw new WebmError('the file has no audio track');
}

export async function scanWebm(handle: FileHandle): Promise<WebmLayout> {
  const fileSize = (await handle.stat()).size;
  if (fileSize === 0) throw new WebmError('the file is empty');
  const reader = new WindowReader(handle, fileSize);

  const ebml = await readHeader(reader, 0, fileSize);
  if (ebml.id !== ID.ebml || ebml.size === null) throw new WebmError('not an EBML file');
  const headerEnd = ebml.dataStart + ebml.size;
  if (headerEnd > fileSize) throw new WebmError('the file ends inside the EBML header');
  const docType = children(await readSmall(reader, ebml, headerEnd, 'the EBML header'), 'the EBML header')
    .find((c) => c.id === ID.docType)?.data.toString('latin1').replace(/\0+$/, '');
  if (docType !== 'webm' && docType !== 'matroska') throw new WebmError(`not a WebM file (DocType ${docType ?? 'missing'})`);

  const segment = await readHeader(reader, headerEnd, fileSize);
  if (segment.id !== ID.segment) throw new WebmError('no Segment after the EBML header');
  const segmentEnd = segment.size === null ? fileSize : segment.dataStart + segment.size;
  if (segmentEnd > fileSize) throw new WebmError('the file ends before its Segment does');
  if (segmentEnd < fileSize) throw new WebmError('the file has data after its Segment');

  let info: Buffer | null = null;
  let tracks: Buffer | null = null;
  let audio: { number: number; codec: string } | null = null;
  let hasCues = false;
  const elements: (TopElement | ClusterElement)[] = [];
  const clusters: ClusterElement[] = [];
  const blocks: BlockClock = { unitsPerMs: 1, endTime: -Infinity, lastTime: null, lastGap: 0 };
  let timecodeScale = 1_000_000;
  let hasDuration = false;

  let at = segment.dataStart;
  while (at < segmentEnd) {
    const header = await readHeader(reader, at, segmentEnd);
    if (header.id === ID.cluster) {
      if (!info || !audio) throw new WebmError('a Cluster comes before Info and Tracks');
      const cluster = await scanCluster(reader, at, header, segmentEnd, audio, blocks);
      clusters.push(cluster);
      elements.push(cluster);
      at = cluster.end;
      continue;
    }
    if (header.size === null) throw new WebmError(`an element of unknown size at byte ${at} is not a Cluster`);
    const end = header.dataStart + header.size;
    if (end > segmentEnd) throw new WebmError(`the file ends inside the element at byte ${at}`);
    if (header.id === ID.info) {
      info = await readSmall(reader, header, end, 'Info');
      const fields = children(info, 'Info');
      const scale = fields.find((f) => f.id === ID.timecodeScale);
      timecodeScale = scale ? readUint(scale.data) : 1_000_000;
      if (timecodeScale <= 0) throw new WebmError('TimecodeScale is zero');
      blocks.unitsPerMs = 1_000_000 / timecodeScale;
      const duration = fields.find((f) => f.id === ID.duration);
      hasDuration = duration !== undefined && (readFloat(duration.data) ?? 0) > 0;
    }
    if (header.id === ID.tracks) {
      const payload = await readSmall(reader, header, end, 'Tracks');
      audio = audioTrackOf(payload);
      tracks = Buffer.from(await reader.bytes(at, end - at));
    }
    if (header.id === ID.cues) hasCues = true;
    elements.push({ id: header.id, start: at, dataStart: header.dataStart, end });
    at = end;
  }
  if (!info || !tracks || !audio) throw new WebmError('the file has no Info or no Tracks');
  if (clusters.length === 0 || blocks.endTime === -Infinity) throw new WebmError('the file has no audio blocks');
  return {
    fileSize, headerEnd, segmentDataStart: segment.dataStart, timecodeScale, info, tracks, audioTrack: audio.number,
    hasDuration, hasCues, elements, clusters, endTime: Math.max(0, blocks.endTime),
  };
}

/** Block times seen so far, in TimecodeScale units (`unitsPerMs` converts an Opus packet's length). */
interface BlockClock { unitsPerMs: number; endTime: number; lastTime: number | null; lastGap: number }

async function scanCluster(
  reader: WindowReader, start: number, header: Header, segmentEnd: number,
  audio: { number: number; codec: string }, clock: BlockClock,
): Promise<ClusterElement> {
  const limit = header.size === null ? segmentEnd : header.dataStart + header.size;
  if (limit > segmentEnd) throw new WebmError(`the file ends inside the Cluster at byte ${start}`);
  let timecode: number | null = null;
  let at = header.dataStart;
  while (at < limit) {
    const child = await readHeader(reader, at, limit);
    // Unknown size: the cluster ends where the next top-level element begins.
    if (header.size === null && (SEGMENT_CHILDREN.has(child.id) || child.id === ID.ebml)) break;
    if (child.size === null) throw new WebmError(`an element of unknown size inside the Cluster at byte ${start}`);
    const end = child.dataStart + child.size;
    if (end > limit) throw new WebmError(`the file ends inside the Cluster at byte ${start}`);
    if (child.id === ID.timecode) {
      if (child.size > 8) throw new WebmError(`the Cluster at byte ${start} has a malformed Timecode`);
      timecode = readUint(await reader.bytes(child.dataStart, child.size));
    } else if (child.id === ID.simpleBlock || child.id === ID.blockGroup) {
      if (timecode === null) throw new WebmError(`the Cluster at byte ${start} has a block before its Timecode`);
      await noteBlock(reader, child, end, timecode, audio, clock);
    }
    at = end;
  }
  if (timecode === null) throw new WebmError(`the Cluster at byte ${start} has no Timecode`);
  return { id: ID.cluster, start, dataStart: header.dataStart, end: at, timecode };
}

async function noteBlock(
  reader: WindowReader, child: Header, end: number, clusterTime: number,
  audio: { number: number; codec: string }, clock: BlockClock,
): Promise<void> {
  let block = { dataStart: child.dataStart, end };
  let groupDuration: number | null = null;
  if (child.id === ID.blockGroup) {
    let at = child.dataStart;
    let found = false;
    while (at < end) {
      const inner = await readHeader(reader, at, end);
      if (inner.size === null || inner.dataStart + inner.size > end) throw new WebmError(`a BlockGroup at byte ${at} is malformed`);
      if (inner.id === ID.block) { block = { dataStart: inner.dataStart, end: inner.dataStart + inner.size }; found = true; }
      if (inner.id === ID.blockDuration) groupDuration = readUint(await reader.bytes(inner.dataStart, Math.min(inner.size, 8)));
      at = inner.dataStart + inner.size;
    }
    if (!found) return;
  }
  // Block header: track number (a vint), a signed 16-bit time relative to the cluster, flags.
  const head = await reader.bytes(block.dataStart, Math.min(16, block.end - block.dataStart));
  const track = readSize(head, 0);
  if (!track || head.length < track.width + 3) throw new WebmError(`a block at byte ${block.dataStart} is malformed`);
  if (track.value !== audio.number) return;
  const time = clusterTime + head.readInt16BE(track.width);
  const laced = ((head[track.width + 2] ?? 0) & 0x06) !== 0;
  const packetMs = audio.codec === 'A_OPUS' && !laced ? opusPacketMs(head.subarray(track.width + 3)) : null;
  const gap = clock.lastTime !== null && time > clock.lastTime ? time - clock.lastTime : clock.lastGap;
  // Length in TimecodeScale units: BlockDuration if given, else the Opus packet's, else the last gap.
  const length = groupDuration ?? (packetMs !== null ? packetMs * clock.unitsPerMs : gap);
  clock.lastGap = gap;
  clock.lastTime = time;
  clock.endTime = Math.max(clock.endTime, time + length);
}
