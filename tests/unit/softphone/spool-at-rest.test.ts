// Spooled recordings at rest: the audio on disk is sealed (AES-256-GCM records), a crash
// mid-chunk loses only that chunk, and a file sealed with another key or altered is refused.
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newKey } from '../../../src/main/core/at-rest/keys.js';
import { createLogger } from '../../../src/main/core/logger.js';
import { RecordingSpool } from '../../../src/main/core/recordings/spool.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

const ID = '0193a5e0-0000-7000-8000-000000000201';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
// Audio is not text, but a name and number spoken into a codec are not greppable either:
// chunks that carry them as bytes show whether anything reaches the disk in clear.
const CHUNKS = ['Budi Santoso ', 'nomor 081234567890 ', 'alamat Jl. Melati 5'];

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sapa-spool-at-rest-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const open = (dir: string, key = desktopKeyFor(dir)) => new RecordingSpool(dir, createLogger('test', 'error'), key);
const spoolBytes = (dir: string) => readdirSync(path.join(dir, 'recordings')).map((f) => readFileSync(path.join(dir, 'recordings', f)));

describe('the recording spool at rest', () => {
  it('writes no byte of the audio in clear, and reads it back whole', () => {
    const dir = dataDir();
    const spool = open(dir);
    spool.begin(ID, 'audio/webm');
    CHUNKS.forEach((chunk, seq) => spool.chunk(ID, seq, b64(chunk)));
    for (const bytes of spoolBytes(dir)) {
      for (const secret of ['Budi', 'Santoso', '081234567890', '81234567890', 'Melati']) expect(bytes.includes(secret)).toBe(false);
    }
    expect(spool.status(ID).spooledBytes).toBe(CHUNKS.join('').length);
    expect(spool.audio(ID).toString('utf8')).toBe(CHUNKS.join(''));
  });

  it('loses only the chunk being written when the desktop dies mid-write, and records on after a restart', () => {
    const dir = dataDir();
    const spool = open(dir);
    spool.begin(ID, 'audio/webm');
    spool.chunk(ID, 0, b64(CHUNKS[0]!));
    spool.chunk(ID, 1, b64(CHUNKS[1]!));
    // A torn record: its length says 500 bytes, only a few made it to disk.
    const torn = Buffer.alloc(20);
    torn.writeUInt32BE(500, 0);
    appendFileSync(path.join(dir, 'recordings', `${ID}.sealed`), torn);
    const restarted = open(dir);
    expect(restarted.status(ID)).toMatchObject({ state: 'queued', spooledBytes: CHUNKS[0]!.length + CHUNKS[1]!.length });
    expect(restarted.audio(ID).toString('utf8')).toBe(CHUNKS[0]! + CHUNKS[1]!);
  });

  it('refuses audio sealed with another desktop key, and audio altered on disk, with a clear error', () => {
    const dir = dataDir();
    const spool = open(dir);
    spool.begin(ID, 'audio/webm');
    spool.chunk(ID, 0, b64(CHUNKS[0]!));
    expect(() => open(dir, newKey()).audio(ID)).toThrow(/does not authenticate \(sealed with another desktop key, or altered\)/);
    const file = path.join(dir, 'recordings', `${ID}.sealed`);
    const bytes = readFileSync(file);
    bytes[bytes.length - 20]! ^= 0xff;
    writeFileSync(file, bytes);
    expect(() => open(dir).audio(ID)).toThrow(/record 0 does not authenticate/);
  });
});
