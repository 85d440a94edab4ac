// Call recording: local microphone + remote audio mixed with WebAudio, recorded by
// MediaRecorder (opus in webm) in one-second chunks streamed to core, which spools them
// to disk and uploads them (tus). Pauses (e.g. while a card number is read) are marked:
// each pause and resume goes to core as it happens (kept there through a crash), and the
// full list again with the finish, which is authoritative.
import { logger } from '../../platform/logger.js';
import { sapa } from '../../platform/sapa.js';

const MIME = 'audio/webm;codecs=opus';
const TIMESLICE_MS = 1000;

export interface CallRecorder {
  readonly recordingId: string;
  pause(): void;
  resume(): void;
  /** Stops, waits for the last chunk to reach core, and starts the upload. */
  stop(): Promise<void>;
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export async function startRecording(local: MediaStream, remote: MediaStream): Promise<CallRecorder> {
  const recordingId = crypto.randomUUID();
  const ctx = new AudioContext();
  const dest = ctx.createMediaStreamDestination();
  for (const stream of [local, remote]) {
    if (stream.getAudioTracks().length > 0) ctx.createMediaStreamSource(stream).connect(dest);
  }
  const recorder = new MediaRecorder(dest.stream, { mimeType: MIME, audioBitsPerSecond: 32_000 });
  // Recording starts now; the first chunk waits for core to have opened the spool file.
  let chain: Promise<unknown> = sapa().call('recording.begin', { recordingId, mime: 'audio/webm' });
  let seq = 0;
  const startedAt = performance.now();
  let pausedTotal = 0;
  let pausedAt: number | null = null;
  const pauses: { atMs: number; resumedAtMs: number | null }[] = [];
  const activeMs = () => Math.round(performance.now() - startedAt - pausedTotal - (pausedAt ? performance.now() - pausedAt : 0));

  recorder.ondataavailable = (event) => {
    if (event.data.size === 0) return;
    const n = seq++;
    // Chunks go to core strictly in order (core refuses a gap).
    chain = chain.then(async () => {
      const data = toBase64(await event.data.arrayBuffer());
      await sapa().call('recording.chunk', { recordingId, seq: n, data });
    }).catch((error: unknown) => logger.warn('recording chunk failed', error));
  };
  recorder.start(TIMESLICE_MS);

  // Behind the chunks on the same chain: after `recording.begin`, in order, before the
  // finish. Fire-and-forget: a lost mark only matters after a crash (the finish has them all).
  const mark = (kind: 'pause' | 'resume', atMs: number) => {
    chain = chain.then(() => sapa().call('recording.mark', { recordingId, kind, atMs }))
      .catch((error: unknown) => logger.warn(`recording ${kind} mark failed`, error));
  };

  return {
    recordingId,
    pause() {
      if (recorder.state !== 'recording') return;
      recorder.pause();
      pausedAt = performance.now();
      // Marks are in call time (ms since the recording started), so a listener knows what was left out.
      const atMs = Math.round(pausedAt - startedAt);
      pauses.push({ atMs, resumedAtMs: null });
      mark('pause', atMs);
    },
    resume() {
      if (recorder.state !== 'paused' || pausedAt === null) return;
      recorder.resume();
      const now = performance.now();
      pausedTotal += now - pausedAt;
      pausedAt = null;
      const last = pauses[pauses.length - 1];
      if (last) {
        last.resumedAtMs = Math.round(now - startedAt);
        mark('resume', last.resumedAtMs);
      }
    },
    async stop() {
      const durationMs = activeMs();
      if (recorder.state !== 'inactive') {
        const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
        recorder.stop();
        await stopped;
      }
      await chain;
      await sapa().call('recording.finish', { recordingId, durationMs, pauses });
      void ctx.close();
    },
  };
}
