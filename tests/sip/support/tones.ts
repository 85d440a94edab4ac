// Test tones for listen/whisper/barge (tests/sip/monitor.spec.ts): a microphone that is a
// pure tone (a page's getUserMedia replaced before the app loads), G.711 both ways, and a
// Goertzel measure of how much of a signal's energy sits at one frequency.
import { type TappedPacket } from './rtp-tap.js';

/** A page script: every audio getUserMedia answers a `hz` sine (amplitude 0.3) instead of the fake device. */
export function toneMicrophone(hz: number): string {
  return `(() => {
    const md = navigator.mediaDevices; const original = md.getUserMedia.bind(md);
    md.getUserMedia = async (c) => {
      if (!c || !c.audio) return original(c);
      const ctx = new AudioContext(); const osc = ctx.createOscillator(); const gain = ctx.createGain();
      osc.frequency.value = ${hz}; gain.gain.value = 0.3; osc.connect(gain);
      const out = ctx.createMediaStreamDestination(); gain.connect(out); osc.start();
      return out.stream;
    };
  })();`;
}

/** Share of the energy of `x` at `hz` (1 for a pure tone there, ~0 when absent): 2|X(f)|² / (N·Σx²). */
export function toneShare(x: ArrayLike<number>, hz: number, rate: number): number {
  const n = x.length;
  const w = (2 * Math.PI * hz) / rate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0; let s2 = 0; let energy = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] ?? 0;
    energy += v * v;
    const s0 = v + coeff * s1 - s2;
    s2 = s1; s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return energy > 0 ? (2 * power) / (n * energy) : 0;
}

function alawToLinear(a: number): number {
  const v = a ^ 0x55;
  const exponent = (v & 0x70) >> 4;
  let mantissa = (v & 0x0f) << 4;
  mantissa += 8;
  if (exponent !== 0) mantissa += 0x100;
  if (exponent > 1) mantissa <<= exponent - 1;
  return (v & 0x80 ? mantissa : -mantissa) / 32768;
}

function ulawToLinear(u: number): number {
  const v = ~u & 0xff;
  const exponent = (v >> 4) & 0x07;
  const mantissa = v & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return (v & 0x80 ? -magnitude : magnitude) / 32768;
}

/** The 8 kHz samples of tapped G.711 packets (PCMU 0, PCMA 8; anything else skipped). */
export function decodeG711(packets: readonly TappedPacket[]): Float64Array {
  const out: number[] = [];
  for (const p of packets) {
    if (p.payloadType !== 0 && p.payloadType !== 8) continue;
    for (const b of p.payload) out.push(p.payloadType === 8 ? alawToLinear(b) : ulawToLinear(b));
  }
  return Float64Array.from(out);
}

/** The median tone share over 100 ms blocks of 8 kHz samples. */
export function medianShare(samples: Float64Array, hz: number): number {
  const shares: number[] = [];
  for (let i = 0; i + 800 <= samples.length; i += 800) shares.push(toneShare(samples.subarray(i, i + 800), hz, 8000));
  shares.sort((a, b) => a - b);
  return shares.length ? (shares[Math.floor(shares.length / 2)] ?? 0) : 0;
}

export function linearToAlaw(x: number): number {
  let pcm = Math.max(-32768, Math.min(32767, Math.round(x * 32767)));
  const sign = pcm >= 0 ? 0x80 : 0;
  if (pcm < 0) pcm = -pcm - 1;
  let exponent = 7;
  for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = exponent === 0 ? (pcm >> 4) & 0x0f : (pcm >> (exponent + 3)) & 0x0f;
  return ((sign | (exponent << 4) | mantissa) ^ 0x55) & 0xff;
}

export function linearToUlaw(x: number): number {
  let pcm = Math.max(-32635, Math.min(32635, Math.round(x * 32767)));
  const sign = pcm < 0 ? 0x80 : 0;
  if (pcm < 0) pcm = -pcm;
  pcm += 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (pcm >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}
