// A test's own reader of a finished (known-size) WebM, written apart from the server's
// scanner so the rewrite is checked by code that does not share its mistakes: the Segment,
// its SeekHead, Info's Duration, the Cues, and each Cluster's offset, timecode and payload.

export interface ReadWebm {
  segmentDataStart: number;
  segmentSize: number;
  durationMs: number | null;
  seeks: { id: number; position: number }[];
  cues: { timeMs: number; track: number; position: number }[];
  clusters: { offset: number; timecodeMs: number; payload: Buffer }[];
  /** Ids of the Segment's children in order. */
  order: number[];
}

function vint(data: Buffer, at: number, keepMarker: boolean): { value: number; width: number } {
  const first = data[at];
  if (first === undefined) throw new Error(`no vint at ${at}`);
  let width = 1;
  while (width <= 8 && !(first & (0x80 >> (width - 1)))) width++;
  if (width > 8) throw new Error(`bad vint at ${at}`);
  let value = keepMarker ? first : first & (0xff >> width);
  for (let i = 1; i < width; i++) value = value * 256 + (data[at + i] ?? 0);
  return { value, width };
}

/** Children of data[from, to): id, payload range. Throws on anything that overruns (e.g. an unknown size). */
function childrenOf(data: Buffer, from: number, to: number): { id: number; start: number; dataStart: number; end: number }[] {
  const out = [];
  let at = from;
  while (at < to) {
    const id = vint(data, at, true);
    const size = vint(data, at + id.width, false);
    const dataStart = at + id.width + size.width;
    const end = dataStart + size.value;
    if (end > to) throw new Error(`element 0x${id.value.toString(16)} at ${at} overruns its parent`);
    out.push({ id: id.value, start: at, dataStart, end });
    at = end;
  }
  return out;
}

const uint = (b: Buffer) => b.reduce((v, x) => v * 256 + x, 0);

export function readFinishedWebm(data: Buffer): ReadWebm {
  const top = childrenOf(data, 0, data.length);
  const segment = top.find((e) => e.id === 0x18538067);
  if (top[0]?.id !== 0x1a45dfa3 || !segment || top.length !== 2) throw new Error('not one EBML header and one Segment');
  const result: ReadWebm = {
    segmentDataStart: segment.dataStart, segmentSize: segment.end - segment.dataStart, durationMs: null, seeks: [], cues: [], clusters: [], order: [],
  };
  for (const e of childrenOf(data, segment.dataStart, segment.end)) {
    result.order.push(e.id);
    const kids = () => childrenOf(data, e.dataStart, e.end);
    if (e.id === 0x1549a966) {
      const duration = kids().find((k) => k.id === 0x4489);
      if (duration) result.durationMs = data.readDoubleBE(duration.dataStart);
    } else if (e.id === 0x114d9b74) {
      for (const seek of kids()) {
        const f = childrenOf(data, seek.dataStart, seek.end);
        const id = f.find((k) => k.id === 0x53ab)!;
        const pos = f.find((k) => k.id === 0x53ac)!;
        result.seeks.push({ id: uint(data.subarray(id.dataStart, id.end)), position: uint(data.subarray(pos.dataStart, pos.end)) });
      }
    } else if (e.id === 0x1c53bb6b) {
      for (const point of kids()) {
        const f = childrenOf(data, point.dataStart, point.end);
        const time = f.find((k) => k.id === 0xb3)!;
        const positions = f.find((k) => k.id === 0xb7)!;
        const p = childrenOf(data, positions.dataStart, positions.end);
        const track = p.find((k) => k.id === 0xf7)!;
        const cluster = p.find((k) => k.id === 0xf1)!;
        result.cues.push({
          timeMs: uint(data.subarray(time.dataStart, time.end)), track: uint(data.subarray(track.dataStart, track.end)),
          position: uint(data.subarray(cluster.dataStart, cluster.end)),
        });
      }
    } else if (e.id === 0x1f43b675) {
      const timecode = kids().find((k) => k.id === 0xe7)!;
      result.clusters.push({ offset: e.start, timecodeMs: uint(data.subarray(timecode.dataStart, timecode.end)), payload: data.subarray(e.dataStart, e.end) });
    }
  }
  return result;
}
