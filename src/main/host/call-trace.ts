// Optional timing trace of the browser host's API calls (SAPA_HOST_TRACE_FILE), for the
// softphone bench's screen-pop breakdown: one JSON line per call with the wall-clock time
// (ms since the epoch, sub-millisecond) the frame reached the host and the time core's
// answer was handed to the socket. Lines are buffered and appended every 250 ms, so the
// trace does not put file writes on the path it measures.
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface CallTrace {
  /** Returns the function to call when the answer is sent. */
  received(frame: string): () => void;
  close(): void;
}

const FLUSH_MS = 250;

/** Comparable with `performance.timeOrigin + performance.now()` in the renderer. */
const epochMs = () => performance.timeOrigin + performance.now();

export function createCallTrace(file: string | undefined): CallTrace | null {
  if (!file) return null;
  const lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) appendFileSync(file, `${lines.splice(0).join('\n')}\n`);
  };
  const timer = setInterval(flush, FLUSH_MS);
  timer.unref();
  return {
    received(frame) {
      const receivedAt = epochMs();
      // Cheap reads of the envelope: the frame is parsed (and validated) by answerWireFrame.
      const id = Number(/"id":(-?\d+)/.exec(frame)?.[1] ?? -1);
      const method = /"method":"([^"]{1,100})"/.exec(frame)?.[1] ?? null;
      return () => { lines.push(JSON.stringify({ id, method, receivedAt, answeredAt: epochMs() })); };
    },
    close() {
      clearInterval(timer);
      flush();
    },
  };
}
