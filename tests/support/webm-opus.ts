// Test and bench recordings: Opus audio in a WebM file, as the softphone's recorder makes,
// but of any length (a 60-minute call is not recorded in real time). By default the file
// carries its Duration and a Cues index, so a player seeks by jumping to a cluster's byte
// offset (an HTTP Range request) instead of reading everything before it. With
// `layout: 'media-recorder'` it is laid out as Chromium's MediaRecorder streams it: Segment
// and Clusters of unknown size, a cluster a second, no Duration and no Cues (what the
// server receives from the softphone and must index itself). `recordInPage` makes a real one.
// Packets come from Chromium's own Opus encoder (WebCodecs, `encodeOpusInPage`) for real
// audio, or are valid silent Opus frames (`silentOpusPackets`) where a browser is not at hand.
import { type Page } from '@playwright/test';

const FRAME_MS = 20;
const CLUSTER_MS = 5_000;
const SAMPLE_RATE = 48_000;
const PRE_SKIP = 312;

export interface OpusStream {
  /** One packet per 20 ms frame. */
  packets: Buffer[];
  /** The OpusHead identification header (CodecPrivate). */
  opusHead: Buffer;
}

/** The OpusHead of a mono 48 kHz stream (RFC 7845 §5.1). */
export function monoOpusHead(): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // channels
  head.writeUInt16LE(PRE_SKIP, 10);
  head.writeUInt32LE(SAMPLE_RATE, 12);
  head.writeInt16LE(0, 16); // output gain
  head.writeUInt8(0, 18); // channel mapping family
  return head;
}

/**
 * `count` silent 20 ms packets of `bytes` each: one CELT silence frame in a code-3 packet
 * padded to size (RFC 6716 §3.2.5), so the file has a realistic bitrate and still decodes.
 */
export function silentOpusPackets(count: number, bytes = 160): OpusStream {
  // TOC: config 31 (CELT fullband 20 ms), mono, code 3; then VBR=0, padding=1, one frame;
  // then one padding-length byte (0…254 bytes of padding follow the frame).
  const frame = [0xff, 0xfe];
  const padding = bytes - 3 - frame.length;
  if (padding < 0 || padding > 254) throw new Error('a silent packet is 5 to 259 bytes');
  const packet = Buffer.concat([Buffer.from([0xfb, 0x41, padding, ...frame]), Buffer.alloc(padding)]);
  return { packets: Array.from({ length: count }, () => packet), opusHead: monoOpusHead() };
}

/** `seconds` of a 440 Hz tone with a little noise, encoded by the page's WebCodecs Opus encoder. */
export async function encodeOpusInPage(page: Page, seconds: number, bitrate = 64_000): Promise<OpusStream> {
  // No named helpers inside: the function runs in the page, where tsx's name-keeping
  // helper does not exist.
  const encoded = await page.evaluate(async ({ seconds, bitrate, rate }) => {
    const packets: number[][] = [];
    let head: number[] | null = null;
    const encoder = new AudioEncoder({
      output(chunk, meta) {
        const data = new Uint8Array(chunk.byteLength);
        chunk.copyTo(data);
        packets.push(Array.from(data));
        const description = meta?.decoderConfig?.description;
        if (description && !head) head = Array.from(new Uint8Array(description as ArrayBuffer));
      },
      error(error) { throw error; },
    });
    encoder.configure({ codec: 'opus', sampleRate: rate, numberOfChannels: 1, bitrate });
    const total = rate * seconds;
    const step = rate / 10;
    for (let offset = 0; offset < total; offset += step) {
      const samples = new Float32Array(step);
      for (let i = 0; i < step; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * 440 * (offset + i)) / rate) + 0.02 * (Math.random() - 0.5);
      encoder.encode(new AudioData({
        format: 'f32', sampleRate: rate, numberOfFrames: step, numberOfChannels: 1, timestamp: (offset * 1e6) / rate, data: samples,
      }));
    }
    await encoder.flush();
    encoder.close();
    return { packets, head };
  }, { seconds, bitrate, rate: SAMPLE_RATE });
  return {
    packets: encoded.packets.map((p) => Buffer.from(p)),
    opusHead: encoded.head ? Buffer.from(encoded.head) : monoOpusHead(),
  };
}

// --- EBML (Matroska) writing ---------------------------------------------------------

function sizeVint(size: number, width?: number): Buffer {
  const length = width ?? (() => {
    let l = 1;
    while (size >= 2 ** (7 * l) - 1) l++;
    return l;
  })();
  const out = Buffer.alloc(length);
  let value = size;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = value % 256;
    value = Math.floor(value / 256);
  }
  out[0] = (out[0] ?? 0) | (0x80 >> (length - 1));
  return out;
}

function element(id: number[], ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([Buffer.from(id), sizeVint(body.length), body]);
}

function uint(value: number, width?: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  do { bytes.unshift(v % 256); v = Math.floor(v / 256); } while (v > 0);
  while (width !== undefined && bytes.length < width) bytes.unshift(0);
  return Buffer.from(bytes);
}

function float64(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeDoubleBE(value);
  return out;
}

const ID = {
  ebml: [0x1a, 0x45, 0xdf, 0xa3], ebmlVersion: [0x42, 0x86], ebmlReadVersion: [0x42, 0xf7], maxIdLength: [0x42, 0xf2],
  maxSizeLength: [0x42, 0xf3], docType: [0x42, 0x82], docTypeVersion: [0x42, 0x87], docTypeReadVersion: [0x42, 0x85],
  segment: [0x18, 0x53, 0x80, 0x67], info: [0x15, 0x49, 0xa9, 0x66], timecodeScale: [0x2a, 0xd7, 0xb1],
  duration: [0x44, 0x89], muxingApp: [0x4d, 0x80], writingApp: [0x57, 0x41], tracks: [0x16, 0x54, 0xae, 0x6b],
  trackEntry: [0xae], trackNumber: [0xd7], trackUid: [0x73, 0xc5], trackType: [0x83], codecId: [0x86],
  codecPrivate: [0x63, 0xa2], codecDelay: [0x56, 0xaa], seekPreRoll: [0x56, 0xbb], audio: [0xe1],
  samplingFrequency: [0xb5], channels: [0x9f], cues: [0x1c, 0x53, 0xbb, 0x6b], cuePoint: [0xbb], cueTime: [0xb3],
  cueTrackPositions: [0xb7], cueTrack: [0xf7], cueClusterPosition: [0xf1], cluster: [0x1f, 0x43, 0xb6, 0x75],
  timecode: [0xe7], simpleBlock: [0xa3],
};

export interface WebmRecording {
  data: Buffer;
  durationMs: number;
  /** Byte offset of each cluster in the file, with its start time: where a seek lands. */
  clusters: { atMs: number; offset: number }[];
}

/** An unknown size (every value bit set), as a streaming muxer writes it: 8 bytes. */
const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
/** Chromium's MediaRecorder starts a cluster with each timeslice (the softphone's is 1 s). */
const MEDIA_RECORDER_CLUSTER_MS = 1_000;

export interface MuxOptions {
  /** 'indexed' (default): known sizes, Duration and Cues. 'media-recorder': as Chromium streams it. */
  layout?: 'indexed' | 'media-recorder';
}

/** A WebM file of `durationMs`, looping the stream's packets (one 20 ms frame each). */
export function muxWebmOpus(stream: OpusStream, durationMs: number, options: MuxOptions = {}): WebmRecording {
  if (stream.packets.length === 0) throw new Error('no Opus packets to mux');
  const streamed = options.layout === 'media-recorder';
  const frames = Math.round(durationMs / FRAME_MS);
  const clusterFrames = (streamed ? MEDIA_RECORDER_CLUSTER_MS : CLUSTER_MS) / FRAME_MS;
  const clusters: { atMs: number; bytes: Buffer }[] = [];
  for (let first = 0; first < frames; first += clusterFrames) {
    const blocks: Buffer[] = [];
    for (let f = first; f < Math.min(frames, first + clusterFrames); f++) {
      const header = Buffer.alloc(4);
      header[0] = 0x81; // track 1
      header.writeInt16BE((f - first) * FRAME_MS, 1);
      header[3] = 0x80; // keyframe
      blocks.push(element(ID.simpleBlock, header, stream.packets[f % stream.packets.length] ?? Buffer.alloc(0)));
    }
    const payload = [element(ID.timecode, uint(first * FRAME_MS)), ...blocks];
    clusters.push({
      atMs: first * FRAME_MS,
      bytes: streamed ? Buffer.concat([Buffer.from(ID.cluster), UNKNOWN_SIZE, ...payload]) : element(ID.cluster, ...payload),
    });
  }

  const header = element(ID.ebml,
    element(ID.ebmlVersion, uint(1)), element(ID.ebmlReadVersion, uint(1)), element(ID.maxIdLength, uint(4)),
    element(ID.maxSizeLength, uint(8)), element(ID.docType, Buffer.from('webm')), element(ID.docTypeVersion, uint(4)),
    element(ID.docTypeReadVersion, uint(2)));
  const info = streamed
    ? element(ID.info, element(ID.timecodeScale, uint(1_000_000)), element(ID.muxingApp, Buffer.from('Chrome')), element(ID.writingApp, Buffer.from('Chrome')))
    : element(ID.info,
      element(ID.timecodeScale, uint(1_000_000)), element(ID.duration, float64(frames * FRAME_MS)),
      element(ID.muxingApp, Buffer.from('sapa-tests')), element(ID.writingApp, Buffer.from('sapa-tests')));
  const tracks = element(ID.tracks, element(ID.trackEntry,
    element(ID.trackNumber, uint(1)), element(ID.trackUid, uint(1)), element(ID.trackType, uint(2)),
    element(ID.codecId, Buffer.from('A_OPUS')), element(ID.codecPrivate, stream.opusHead),
    element(ID.codecDelay, uint(Math.round((PRE_SKIP / SAMPLE_RATE) * 1e9))), element(ID.seekPreRoll, uint(80_000_000)),
    element(ID.audio, element(ID.samplingFrequency, float64(SAMPLE_RATE)), element(ID.channels, uint(1)))));
  if (streamed) {
    const segmentHead = Buffer.concat([Buffer.from(ID.segment), UNKNOWN_SIZE]);
    let offset = header.length + segmentHead.length + info.length + tracks.length;
    const at: { atMs: number; offset: number }[] = [];
    for (const c of clusters) { at.push({ atMs: c.atMs, offset }); offset += c.bytes.length; }
    return { data: Buffer.concat([header, segmentHead, info, tracks, ...clusters.map((c) => c.bytes)]), durationMs: frames * FRAME_MS, clusters: at };
  }
  // Positions are written 8 bytes wide, so the Cues' size does not depend on them.
  const cuesFor = (positions: number[]) => element(ID.cues, ...clusters.map((c, i) => element(ID.cuePoint,
    element(ID.cueTime, uint(c.atMs)),
    element(ID.cueTrackPositions, element(ID.cueTrack, uint(1)), element(ID.cueClusterPosition, uint(positions[i] ?? 0, 8))))));
  const clustersStart = info.length + tracks.length + cuesFor(clusters.map(() => 0)).length;
  const positions: number[] = [];
  let at = clustersStart;
  for (const c of clusters) { positions.push(at); at += c.bytes.length; }
  const segmentBody = Buffer.concat([info, tracks, cuesFor(positions), ...clusters.map((c) => c.bytes)]);
  const segmentHead = Buffer.concat([Buffer.from(ID.segment), sizeVint(segmentBody.length, 8)]);
  const segmentDataStart = header.length + segmentHead.length;
  return {
    data: Buffer.concat([header, segmentHead, segmentBody]),
    durationMs: frames * FRAME_MS,
    clusters: clusters.map((c, i) => ({ atMs: c.atMs, offset: segmentDataStart + (positions[i] ?? 0) })),
  };
}

/**
 * A real MediaRecorder file: `seconds` of a 440 Hz tone recorded by the page's MediaRecorder
 * exactly as the softphone records (audio/webm;codecs=opus, 32 kbit/s, 1 s timeslices).
 * It takes `seconds` of real time.
 */
export async function recordInPage(page: Page, seconds: number): Promise<Buffer> {
  const bytes = await page.evaluate(async (ms) => {
    const ctx = new AudioContext();
    const tone = ctx.createOscillator();
    tone.frequency.value = 440;
    const dest = ctx.createMediaStreamDestination();
    tone.connect(dest);
    tone.start();
    await ctx.resume();
    const recorder = new MediaRecorder(dest.stream, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: 32_000 });
    const parts: Blob[] = [];
    recorder.ondataavailable = (event) => { if (event.data.size > 0) parts.push(event.data); };
    const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
    recorder.start(1000);
    await new Promise((resolve) => setTimeout(resolve, ms));
    recorder.stop();
    await stopped;
    await ctx.close();
    return Array.from(new Uint8Array(await new Blob(parts).arrayBuffer()));
  }, seconds * 1000);
  return Buffer.from(bytes);
}
