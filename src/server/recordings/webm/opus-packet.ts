// How long one Opus packet plays, from its TOC byte (RFC 6716 §3.1): the frame size its
// configuration names times the number of frames the packet carries. The rewrite needs it
// only for the last block, whose end is the recording's length.

const SILK_MS = [10, 20, 40, 60];
const HYBRID_MS = [10, 20];
const CELT_MS = [2.5, 5, 10, 20];

/** Milliseconds of audio in the packet, or null when the bytes are not a valid TOC. */
export function opusPacketMs(packet: Buffer): number | null {
  const toc = packet[0];
  if (toc === undefined) return null;
  const config = toc >> 3;
  const frameMs = config < 12 ? SILK_MS[config % 4] : config < 16 ? HYBRID_MS[config % 2] : CELT_MS[config % 4];
  const code = toc & 0x03;
  let frames: number;
  if (code === 0) frames = 1;
  else if (code === 1 || code === 2) frames = 2;
  else {
    const count = packet[1];
    if (count === undefined) return null;
    frames = count & 0x3f;
  }
  const ms = (frameMs ?? 0) * frames;
  // A packet holds at most 120 ms (RFC 6716 §3.2.5).
  return frames > 0 && ms <= 120 ? ms : null;
}
