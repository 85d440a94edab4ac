// The state file kept next to each spooled recording (<id>.json), and how a recording cut
// off by a crash is closed. Parsed, not cast: a file half-written when the desktop died
// must be recognised as such rather than crash core on start.
import { z } from 'zod';
import { RecordingState } from '../../../shared/softphone-api.js';
import { RecordingPause } from '../../../shared/softphone.js';

export const SpoolState = z.object({
  recordingId: z.string().min(1),
  mime: z.string(),
  state: RecordingState,
  nextSeq: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative().nullable(),
  /** While recording: the marks so far (`recording.mark`); after finish: the renderer's list. */
  pauses: z.array(RecordingPause),
  uploadUrl: z.string().nullable(),
  uploadedBytes: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  // Wall-clock ms (a restarted core has no other clock in common with the dead one).
  // Optional: state files written before crash recovery existed lack them.
  startedAt: z.number().optional(),
  lastChunkAt: z.number().optional(),
  /** Closed by a restarted core, not by the renderer: duration estimated, pauses as marked. */
  recovered: z.boolean().optional(),
});
export type SpoolState = z.infer<typeof SpoolState>;

/** The state in `text`, or null when it is not a complete state file. */
export function parseSpoolState(text: string): SpoolState | null {
  try {
    const parsed = SpoolState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What the files on disk tell about a recording when its state lacks the times. */
export interface AudioFileTimes { birthtimeMs: number; mtimeMs: number }

/** Paused ms of `pauses` within [0, spanMs]; a pause still open ends at `spanMs`. */
export function pausedWithin(pauses: SpoolState['pauses'], spanMs: number): number {
  let paused = 0;
  for (const p of pauses) {
    const from = Math.min(Math.max(p.atMs, 0), spanMs);
    const to = Math.min(Math.max(p.resumedAtMs ?? spanMs, from), spanMs);
    paused += to - from;
  }
  return paused;
}

/**
 * Closes a recording whose call died with core. The pause marks sent as the agent made them
 * (`recording.mark`) are kept; the duration is the wall-clock span from begin to the last
 * chunk less the paused time within it (a pause still open at the crash ends at the last
 * chunk). Older state files fall back to the audio file's creation and last write.
 */
export function recoverState(s: SpoolState, audio: AudioFileTimes | null): SpoolState {
  const started = s.startedAt ?? (audio && audio.birthtimeMs > 0 ? audio.birthtimeMs : undefined);
  const last = s.lastChunkAt ?? audio?.mtimeMs;
  const spanMs = started !== undefined && last !== undefined ? Math.max(0, Math.round(last - started)) : 0;
  const durationMs = Math.max(0, spanMs - pausedWithin(s.pauses, spanMs));
  return { ...s, state: 'queued', durationMs, recovered: true };
}
