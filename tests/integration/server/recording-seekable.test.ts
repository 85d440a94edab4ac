// A MediaRecorder recording uploaded by tus, on both engines, is indexed when the upload
// finishes: a Range request at any cue's offset answers bytes that start with that Cluster,
// the recording's size is the indexed file's, and a desktop resuming the finished upload
// (it lost the last reply) is told it is complete. A file that is not WebM stays as sent.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { expect, it } from 'vitest';
import { API_PREFIX } from '../../../src/shared/http.js';
import { muxWebmOpus, silentOpusPackets } from '../../support/webm-opus.js';
import { readFinishedWebm } from '../../support/webm-read.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

process.env.SAPA_RECORDINGS_DIR = mkdtempSync(path.join(os.tmpdir(), 'sapa-recordings-seekable-'));
const REAL = readFileSync(path.join(import.meta.dirname, '../../support/recordings/media-recorder-6s.webm'));

function upload(serverUrl: string, token: string, recordingId: string, data: Buffer, uploadUrl?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const tus: Upload = new Upload(data, {
      endpoint: `${serverUrl}${API_PREFIX}/recordings/uploads`,
      ...(uploadUrl ? { uploadUrl } : {}),
      headers: { Authorization: `Bearer ${token}` },
      chunkSize: 256 * 1024,
      retryDelays: [],
      metadata: { recordingId, durationMs: '120000', pauses: '[]', mime: 'audio/webm' },
      onSuccess: () => resolve(new URL(tus.url ?? '', `${serverUrl}${API_PREFIX}/recordings/uploads`).toString()),
      onError: reject,
    });
    tus.start();
  });
}

forEachDatabase('recordings indexed for seeking', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 3 } });
  const audio = async (id: string, token: string, range?: string) => fetch(`${s.current.server.url}${API_PREFIX}/recordings/${id}/audio`, {
    headers: { authorization: `Bearer ${token}`, ...(range ? { range } : {}) },
  });

  it('a streamed two-minute recording: a Range at each cue offset starts with that Cluster', async () => {
    const token = await s.current.login('agent1', 'agent1-pass');
    const recording = muxWebmOpus(silentOpusPackets(250), 120_000, { layout: 'media-recorder' });
    const id = randomUUID();
    const uploadUrl = await upload(s.current.server.url, token, id, recording.data);

    const whole = Buffer.from(await (await audio(id, token)).arrayBuffer());
    const read = readFinishedWebm(whole);
    expect(read.durationMs).toBe(120_000);
    expect(read.cues.length).toBe(recording.clusters.length);
    const meta = (await s.current.api(`/recordings/${id}`, { token })).body as { sizeBytes: number; complete: boolean };
    expect(meta).toMatchObject({ complete: true, sizeBytes: whole.length });

    const lead = await s.current.login('lead1', 'lead1-pass');
    const middle = read.cues[Math.floor(read.cues.length / 2)]!;
    for (const cue of [read.cues[0]!, middle, read.cues.at(-1)!]) {
      const at = read.segmentDataStart + cue.position;
      const res = await audio(id, lead, `bytes=${at}-`);
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${at}-${whole.length - 1}/${whole.length}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 4)]).toEqual([0x1f, 0x43, 0xb6, 0x75]);
      // Its Timecode (after the 12-byte header) is the cue's time.
      expect(bytes[12]).toBe(0xe7);
      expect(bytes.subarray(14, 14 + (bytes[13]! & 0x7f)).reduce((v, b) => v * 256 + b, 0)).toBe(cue.timeMs);
    }
    expect(middle.timeMs).toBe(60_000);

    // The desktop lost the last reply and resumes: the server says the upload is complete.
    const head = await fetch(uploadUrl, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
    expect(head.headers.get('upload-offset')).toBe(String(whole.length));
    expect(head.headers.get('upload-length')).toBe(String(whole.length));
    await upload(s.current.server.url, token, id, recording.data, uploadUrl);
    expect(Buffer.from(await (await audio(id, token)).arrayBuffer()).equals(whole)).toBe(true);
  });

  it('a real MediaRecorder file plays from a cue; a file that is not WebM stays byte for byte', async () => {
    const token = await s.current.login('agent2', 'agent2-pass');
    const id = randomUUID();
    await upload(s.current.server.url, token, id, REAL);
    const whole = Buffer.from(await (await audio(id, token)).arrayBuffer());
    const read = readFinishedWebm(whole);
    expect(read.durationMs).toBeGreaterThan(5_800);
    const at = read.segmentDataStart + read.cues[3]!.position;
    const res = await audio(id, token, `bytes=${at}-${at + 99}`);
    expect([...Buffer.from(await res.arrayBuffer()).subarray(0, 4)]).toEqual([0x1f, 0x43, 0xb6, 0x75]);

    const junk = Buffer.from(Array.from({ length: 300 * 1024 }, (_, i) => (i * 7) % 253));
    const junkId = randomUUID();
    await upload(s.current.server.url, token, junkId, junk);
    expect(Buffer.from(await (await audio(junkId, token)).arrayBuffer()).equals(junk)).toBe(true);
    expect((await s.current.api(`/recordings/${junkId}`, { token })).body).toMatchObject({ complete: true, sizeBytes: junk.length });
  });
});
