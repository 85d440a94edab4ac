// What a waiting caller really hears: a tap between rtpengine and sipp's media port. The
// caller's SDP names the tap's port; the tap keeps every RTP packet rtpengine sends, passes
// it on to sipp (which counts and echoes it) and sends sipp's echo back from the tap's
// port, so rtpengine keeps sending to the tap. `heard` then matches each packet's payload
// to the prompt files: they are 8 kHz A-law and rtpengine's player sends their bytes
// unchanged in PCMA, so a packet of a prompt is a piece of that file.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../e2e/support/processes.js';

export interface TappedPacket { at: number; payloadType: number; payload: Buffer }

export interface RtpTap {
  packets: TappedPacket[];
  close(): Promise<void>;
}

/** Listens on host:port (the port the caller's SDP gives) and relays to sipp at host:sippPort. */
export async function rtpTap(host: string, port: number, sippPort: number): Promise<RtpTap> {
  const packets: TappedPacket[] = [];
  const outer = createSocket('udp4');
  const inner = createSocket('udp4');
  let relay: RemoteInfo | null = null;
  outer.on('message', (msg, from) => {
    relay = from;
    // RTP version 2; payload after the fixed header, the CSRCs and any header extension
    if (msg.length >= 12 && msg[0] !== undefined && (msg[0] >> 6) === 2) {
      let offset = 12 + 4 * (msg[0] & 0x0f);
      if (msg[0] & 0x10) offset += 4 + 4 * msg.readUInt16BE(offset + 2);
      packets.push({ at: Date.now(), payloadType: (msg[1] ?? 0) & 0x7f, payload: msg.subarray(offset) });
    }
    inner.send(msg, sippPort, host);
  });
  inner.on('message', (msg) => { if (relay) outer.send(msg, relay.port, relay.address); });
  await Promise.all([
    new Promise<void>((resolve) => outer.bind(port, host, resolve)),
    new Promise<void>((resolve) => inner.bind(0, host, resolve)),
  ]);
  return {
    packets,
    async close() {
      await Promise.all([outer, inner].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

interface PromptAudio { name: string; data: Buffer }

/** The A-law samples of every prompt file (the WAV's data chunk). */
function promptAudio(dir = path.join(ROOT, 'resources/prompts')): PromptAudio[] {
  return readdirSync(dir).filter((f) => f.endsWith('.wav')).map((f) => {
    const bytes = readFileSync(path.join(dir, f));
    let offset = 12;
    while (offset + 8 <= bytes.length && bytes.toString('latin1', offset, offset + 4) !== 'data') offset += 8 + bytes.readUInt32LE(offset + 4);
    return { name: f.replace(/\.wav$/, ''), data: bytes.subarray(offset + 8) };
  });
}

/** One stretch of what the caller heard: a prompt, from `from` to `to` (ms, the tap's clock). */
export interface Heard { name: string; packets: number; from: number; to: number; coverage: number }

/**
 * What the tapped packets were, in order: runs of packets that are pieces of one prompt file
 * (packets that fit several files — silence, a phrase two prompts share — join the run
 * around them; runs shorter than 5 packets are dropped). `coverage` is the share of the
 * file's bytes the run played; `unknown` counts PCMA packets that are in no prompt file.
 */
export function heard(packets: TappedPacket[]): { runs: Heard[]; unknown: number; total: number } {
  const prompts = promptAudio();
  const runs: (Heard & { offsets: Set<number> })[] = [];
  let unknown = 0;
  let total = 0;
  for (const p of packets) {
    if (p.payloadType !== 8 || p.payload.length === 0) continue;
    total++;
    const fits = prompts.map((a) => ({ name: a.name, at: a.data.indexOf(p.payload), size: a.data.length })).filter((m) => m.at >= 0);
    if (fits.length === 0) { unknown++; continue; }
    const last = runs.at(-1);
    const same = last && fits.find((m) => m.name === last.name);
    if (last && same) {
      last.packets++;
      last.to = p.at;
      last.offsets.add(Math.floor(same.at / p.payload.length));
      last.coverage = (last.offsets.size * p.payload.length) / same.size;
    } else if (fits.length === 1 && fits[0]) {
      const m = fits[0];
      runs.push({ name: m.name, packets: 1, from: p.at, to: p.at, coverage: p.payload.length / m.size, offsets: new Set([Math.floor(m.at / p.payload.length)]) });
    }
  }
  const kept: Heard[] = [];
  for (const { offsets: _offsets, ...run } of runs) {
    if (run.packets < 5) continue;
    const prev = kept.at(-1);
    if (prev && prev.name === run.name) { prev.packets += run.packets; prev.to = run.to; prev.coverage = Math.max(prev.coverage, run.coverage); } else kept.push(run);
  }
  return { runs: kept, unknown, total };
}
