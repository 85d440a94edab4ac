// The front of a seekable WebM, built from a scanned layout: the Segment (now of known
// size), a SeekHead, Info with Duration, the Tracks as they were, and Cues with one
// CuePoint per Cluster, followed by every other element in its original order. Positions
// are written 8 bytes wide, so the sizes do not depend on the positions they hold.
import { ID, element, floatBytes, idBytes, readId, readSize, sizeBytes, uintBytes } from './ebml.js';
import { type ClusterElement, type TopElement, type WebmLayout } from './scan.js';

/** Segment children not copied from the body: Info, Tracks, SeekHead and Cues are written fresh in front, Void (padding) goes. */
const REBUILT = new Set<number>([ID.seekHead, ID.cues, ID.info, ID.tracks, ID.void]);
/** An element's CRC-32 child: dropped from Info, whose bytes change. */
const CRC32 = 0xbf;

export interface BodyPiece {
  /** The bytes written before the copied range: a fresh header for a Cluster, none otherwise. */
  header: Buffer;
  /** The source file range copied after it. */
  from: number;
  to: number;
}

export interface SeekablePlan {
  /** Written first: the EBML header (copied), the Segment header, SeekHead, Info, Tracks and Cues. */
  head: Buffer;
  /** Then each of these, in order. */
  body: BodyPiece[];
  size: number;
  /** Where each cluster now starts, and its time, for checks and logs. */
  cues: { time: number; offset: number }[];
  durationMs: number;
}

function infoWithDuration(info: Buffer, duration: number): Buffer {
  const kept: Buffer[] = [];
  let at = 0;
  while (at < info.length) {
    const id = readId(info, at);
    const size = id ? readSize(info, at + id.width) : null;
    if (!id || !size) break; // scanWebm already proved Info well formed
    const end = at + id.width + size.width + size.value;
    if (id.id !== ID.duration && id.id !== CRC32) kept.push(info.subarray(at, end));
    at = end;
  }
  return element(ID.info, ...kept, element(ID.duration, floatBytes(duration)));
}

export function planSeekable(layout: WebmLayout, header: Buffer): SeekablePlan {
  const info = infoWithDuration(layout.info, layout.endTime);
  const kept = layout.elements.filter((e) => !REBUILT.has(e.id));
  const cuesFor = (positions: number[]) => element(ID.cues, ...layout.clusters.map((c, i) => element(ID.cuePoint,
    element(ID.cueTime, uintBytes(c.timecode)),
    element(ID.cueTrackPositions, element(ID.cueTrack, uintBytes(layout.audioTrack)),
      element(ID.cueClusterPosition, uintBytes(positions[i] ?? 0, 8))))));
  const seekHeadFor = (positions: [number, number, number]) => element(ID.seekHead,
    ...[ID.info, ID.tracks, ID.cues].map((id, i) => element(ID.seek,
      element(ID.seekId, idBytes(id)), element(ID.seekPosition, uintBytes(positions[i] ?? 0, 8)))));

  const seekHeadSize = seekHeadFor([0, 0, 0]).length;
  const cuesSize = cuesFor(layout.clusters.map(() => 0)).length;
  const infoAt = seekHeadSize;
  const tracksAt = infoAt + info.length;
  const cuesAt = tracksAt + layout.tracks.length;
  // Positions inside the Segment's payload, as SeekPosition and CueClusterPosition count them.
  const body: BodyPiece[] = [];
  const clusterPositions: number[] = [];
  let at = cuesAt + cuesSize;
  for (const e of kept) {
    const piece = e.id === ID.cluster ? clusterPiece(e) : { header: Buffer.alloc(0), from: e.start, to: e.end };
    if (e.id === ID.cluster) clusterPositions.push(at);
    body.push(piece);
    at += piece.header.length + piece.to - piece.from;
  }
  const segmentPayload = Buffer.concat([seekHeadFor([infoAt, tracksAt, cuesAt]), info, layout.tracks, cuesFor(clusterPositions)]);
  const segmentHeader = Buffer.concat([idBytes(ID.segment), sizeBytes(at)]);
  const head = Buffer.concat([header, segmentHeader, segmentPayload]);
  const segmentDataStart = header.length + segmentHeader.length;
  return {
    head, body, size: segmentDataStart + at,
    cues: layout.clusters.map((c, i) => ({ time: c.timecode, offset: segmentDataStart + (clusterPositions[i] ?? 0) })),
    durationMs: (layout.endTime * layout.timecodeScale) / 1_000_000,
  };
}

/** A Cluster gets a fresh header of known size (MediaRecorder's are unknown); its payload is copied. */
function clusterPiece(cluster: ClusterElement | TopElement): BodyPiece {
  return { header: Buffer.concat([idBytes(ID.cluster), sizeBytes(cluster.end - cluster.dataStart)]), from: cluster.dataStart, to: cluster.end };
}
