// The queue's prompts (resources/prompts/, made by scripts/make-prompts.sh): which file to
// play when, and how long each lasts (read from its WAV header), so the bridge knows when
// an announcement is over and the music should resume. rtpengine opens the files itself:
// the paths are absolute and must be the same on the rtpengine's machine.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Prompt { file: string; ms: number }

export interface QueuePrompts {
  welcome: Prompt;
  music: Prompt;
  /** "You are number n in the queue" (1-10), beyond that "more than ten ahead of you". */
  position(n: number): Prompt;
  /** "About m minutes": the nearest recorded figure (1, 2, 3, 5, 10). */
  wait(minutes: number): Prompt;
  callback: Prompt;
  overflow: Prompt;
  closed: Prompt;
}

const WAIT_FIGURES = [1, 2, 3, 5, 10];

/** Milliseconds of audio in a RIFF/WAVE file: the data chunk's size over the byte rate. */
export function wavDurationMs(bytes: Buffer): number {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') byteRate = bytes.readUInt32LE(offset + 8 + 8);
    if (id === 'data') {
      if (!byteRate) throw new Error('WAV data before its format');
      return Math.round((Math.min(size, bytes.length - offset - 8) / byteRate) * 1000);
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('WAV file without data');
}

export function loadPrompts(dir: string): QueuePrompts {
  const cache = new Map<string, Prompt>();
  const prompt = (name: string): Prompt => {
    let p = cache.get(name);
    if (!p) {
      const file = path.resolve(dir, `${name}.wav`);
      p = { file, ms: wavDurationMs(readFileSync(file)) };
      cache.set(name, p);
    }
    return p;
  };
  // Read them all now: a missing prompt is a start-up error, not a silent caller later.
  const names = ['welcome', 'music', 'callback', 'overflow', 'closed', 'position-many',
    ...Array.from({ length: 10 }, (_, i) => `position-${i + 1}`), ...WAIT_FIGURES.map((m) => `wait-${m}`)];
  for (const name of names) prompt(name);
  return {
    welcome: prompt('welcome'),
    music: prompt('music'),
    position: (n) => prompt(n >= 1 && n <= 10 ? `position-${Math.floor(n)}` : 'position-many'),
    wait: (minutes) => prompt(`wait-${WAIT_FIGURES.reduce((best, m) => (Math.abs(m - minutes) < Math.abs(best - minutes) ? m : best))}`),
    callback: prompt('callback'),
    overflow: prompt('overflow'),
    closed: prompt('closed'),
  };
}
