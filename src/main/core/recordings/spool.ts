// Call recordings on the desktop: the renderer streams MediaRecorder chunks here; each is
// appended to a spool file at once (a crash loses at most the chunk in flight), and a
// finished recording is uploaded with the tus protocol, resuming from the server's offset
// after an outage or a restart. State per recording lives next to it in <id>.json, pause
// marks included as the agent makes them. A recording left open by a crash is closed
// (its marks kept, paused time left out of its duration) and queued when core starts again.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { SapaError } from '../../../shared/errors.js';
import { ROUTES, apiPath } from '../../../shared/routes.js';
import { type RecordingMarkKind, type RecordingStatus } from '../../../shared/softphone-api.js';
import { type RecordingPause } from '../../../shared/softphone.js';
import { type Logger } from '../logger.js';
import { parseSpoolState, recoverState, type SpoolState } from './spool-state.js';

export interface UploadTarget {
  serverUrl: string;
  token: string;
}

const RETRY_DELAYS_MS = [0, 1_000, 3_000, 5_000, 10_000];
/** What the server accepts in a recording's metadata. */
const MAX_PAUSES = 1000;
/**
 * How far a mark may lie beyond core's own clock of the recording: the renderer's clock
 * starts a moment before core's (it sends `recording.begin`), so marks run a little ahead.
 */
const MARK_AHEAD_SLACK_MS = 60_000;
const TUS_CHUNK_BYTES = 256 * 1024;

export class RecordingSpool {
  private readonly dir: string;
  private readonly uploading = new Set<string>();
  /** Files already reported (the retry timer would repeat a report every 10 s). */
  private readonly reported = new Set<string>();

  constructor(dataDir: string, private readonly logger: Logger) {
    this.dir = path.join(dataDir, 'recordings');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.tidyAfterRestart();
  }

  /**
   * At start: recordings the server already has are removed (their copy is no longer
   * needed, and every retry tick would read their state again). A fresh core has no live
   * call (one per desktop, and it died with the old core), so a recording still
   * `recording` was cut off by a crash: close it so it gets uploaded.
   */
  private tidyAfterRestart(): void {
    for (const file of readdirSync(this.dir)) {
      if (file.endsWith('.tmp')) this.report(file, 'stray temporary state file (a write cut off by a crash); left alone');
    }
    for (const s of this.states()) {
      if (s.state === 'uploaded') this.remove(s.recordingId);
      if (s.state !== 'recording') continue;
      try {
        const audio = existsSync(this.audioPath(s.recordingId)) ? statSync(this.audioPath(s.recordingId)) : null;
        const closed = recoverState(s, audio);
        this.write(closed);
        this.logger.warn('recording cut off by a crash; queued for upload', {
          id: s.recordingId, bytes: this.size(s.recordingId), durationMs: closed.durationMs,
        });
      } catch (error) { // e.g. a full disk: core must still start; the next start tries again
        this.report(`${s.recordingId}.json`, `could not close a recording cut off by a crash: ${String(error)}`);
      }
    }
  }

  private report(file: string, problem: string): void {
    if (this.reported.has(file)) return;
    this.reported.add(file);
    this.logger.error(`recording spool: ${problem}`, { file: path.join(this.dir, file) });
  }

  /** Every readable state; an unreadable one is reported and skipped, its audio kept. */
  private states(): SpoolState[] {
    const states: SpoolState[] = [];
    for (const file of readdirSync(this.dir)) {
      if (!file.endsWith('.json')) continue;
      const s = parseSpoolState(readFileSync(path.join(this.dir, file), 'utf8'));
      if (s && `${s.recordingId}.json` === file) states.push(s);
      else this.report(file, 'unreadable state file (written when the desktop died?); skipped, audio kept');
    }
    return states;
  }

  private audioPath(id: string): string { return path.join(this.dir, `${id}.webm`); }
  private statePath(id: string): string { return path.join(this.dir, `${id}.json`); }

  private read(id: string): SpoolState {
    if (!existsSync(this.statePath(id))) throw new SapaError('NOT_FOUND', `No recording ${id} on this desktop`);
    const s = parseSpoolState(readFileSync(this.statePath(id), 'utf8'));
    if (!s) throw new SapaError('INTERNAL', `The spool state of recording ${id} is unreadable; its audio is kept on disk`);
    return s;
  }

  private write(s: SpoolState): void {
    const tmp = `${this.statePath(s.recordingId)}.tmp`;
    writeFileSync(tmp, JSON.stringify(s));
    renameSync(tmp, this.statePath(s.recordingId));
  }

  private size(id: string): number {
    return existsSync(this.audioPath(id)) ? statSync(this.audioPath(id)).size : 0;
  }

  status(id: string): RecordingStatus {
    const s = this.read(id);
    return { recordingId: id, state: s.state, spooledBytes: this.size(id), uploadedBytes: s.uploadedBytes, lastError: s.lastError };
  }

  begin(recordingId: string, mime: string): RecordingStatus {
    if (!existsSync(this.statePath(recordingId))) {
      writeFileSync(this.audioPath(recordingId), '');
      this.write({
        recordingId, mime, state: 'recording', nextSeq: 0, durationMs: null, pauses: [], uploadUrl: null,
        uploadedBytes: 0, lastError: null, startedAt: Date.now(),
      });
    }
    return this.status(recordingId);
  }

  /** The state of a recording still being recorded; CONFLICT once it is finished. */
  private readOpen(recordingId: string): SpoolState {
    const s = this.read(recordingId);
    if (s.state !== 'recording') {
      throw new SapaError('CONFLICT', s.recovered
        ? `Recording ${recordingId} is already finished: it was closed when the desktop restarted after a crash`
        : `Recording ${recordingId} is already finished`);
    }
    return s;
  }

  chunk(recordingId: string, seq: number, base64: string): number {
    const s = this.readOpen(recordingId);
    if (seq < s.nextSeq) return this.size(recordingId); // a repeated chunk: already on disk
    if (seq > s.nextSeq) throw new SapaError('INVALID_INPUT', `Chunk ${seq} arrived before chunk ${s.nextSeq}`);
    appendFileSync(this.audioPath(recordingId), Buffer.from(base64, 'base64'));
    s.nextSeq = seq + 1;
    s.lastChunkAt = Date.now();
    this.write(s);
    return this.size(recordingId);
  }

  /**
   * A pause or resume mark, kept in the state file at once so a crash does not lose it.
   * Marks alternate (pause first) in time order; repeating the last mark exactly is a no-op
   * (a retried call). `atMs` is call time, ms since the recording started.
   */
  mark(recordingId: string, kind: RecordingMarkKind, atMs: number): { recordingId: string; paused: boolean; pauses: RecordingPause[] } {
    const s = this.readOpen(recordingId);
    if (s.startedAt !== undefined && atMs > Date.now() - s.startedAt + MARK_AHEAD_SLACK_MS) {
      throw new SapaError('INVALID_INPUT', `A mark at ${atMs} ms is later than recording ${recordingId} has run`);
    }
    const last = s.pauses.at(-1);
    const paused = last !== undefined && last.resumedAtMs === null;
    const answer = () => ({ recordingId, paused: kind === 'pause', pauses: s.pauses });
    if (kind === 'pause') {
      if (paused && last.atMs === atMs) return answer();
      if (paused) throw new SapaError('CONFLICT', `Recording ${recordingId} is already paused (since ${last.atMs} ms); resume it first`);
      if (last && atMs < (last.resumedAtMs ?? 0)) {
        throw new SapaError('INVALID_INPUT', `A pause at ${atMs} ms comes before the last resume (${last.resumedAtMs} ms)`);
      }
      if (s.pauses.length >= MAX_PAUSES) throw new SapaError('TOO_LARGE', `Recording ${recordingId} already has ${MAX_PAUSES} pauses`);
      s.pauses.push({ atMs, resumedAtMs: null });
    } else {
      if (!paused && last && last.resumedAtMs === atMs) return answer();
      if (!paused) throw new SapaError('CONFLICT', `Recording ${recordingId} is not paused; nothing to resume`);
      if (atMs < last.atMs) throw new SapaError('INVALID_INPUT', `A resume at ${atMs} ms comes before its pause (${last.atMs} ms)`);
      last.resumedAtMs = atMs;
    }
    this.write(s);
    return answer();
  }

  finish(recordingId: string, durationMs: number, pauses: SpoolState['pauses'], target: UploadTarget | null): RecordingStatus {
    const s = this.read(recordingId);
    if (s.state === 'recording') {
      s.state = 'queued';
      s.durationMs = durationMs;
      s.pauses = pauses;
      this.write(s);
    }
    if (target) this.upload(recordingId, target);
    return this.status(recordingId);
  }

  /** Starts (or resumes) uploads of every finished recording not yet on the server. */
  resumeAll(target: UploadTarget): void {
    for (const s of this.states()) {
      if (s.state !== 'queued' && s.state !== 'uploading' && s.state !== 'failed') continue;
      // Runs from a timer: one bad recording (say its audio was removed) must not stop
      // the others or take core down.
      try {
        this.upload(s.recordingId, target);
      } catch (error) {
        this.uploading.delete(s.recordingId);
        this.report(`${s.recordingId}.json`, `upload could not start: ${String(error)}`);
      }
    }
  }

  pendingCount(): number {
    return this.states().filter((s) => s.state !== 'uploaded').length;
  }

  private upload(id: string, target: UploadTarget): void {
    if (this.uploading.has(id)) return;
    const s = this.read(id);
    if (s.state === 'uploaded' || s.state === 'recording' || s.durationMs === null) return;
    this.uploading.add(id);
    const data = readFileSync(this.audioPath(id));
    s.state = 'uploading';
    s.lastError = null;
    this.write(s);
    const endpoint = `${target.serverUrl}${apiPath(ROUTES['recordings.upload'])}`;
    const upload = new Upload(data, {
      endpoint,
      // The server names an upload by its recording id and creates it only once, so even
      // without a stored URL (core died between the create and its answer) the upload is
      // resumed at its known URL: tus asks its offset (HEAD) and creates it only on a 404.
      uploadUrl: s.uploadUrl ?? `${endpoint}/${encodeURIComponent(id)}`,
      headers: { Authorization: `Bearer ${target.token}` },
      metadata: {
        recordingId: id, durationMs: String(s.durationMs), pauses: JSON.stringify(s.pauses), mime: s.mime,
        ...(s.recovered ? { recovered: 'true' } : {}),
      },
      chunkSize: TUS_CHUNK_BYTES,
      retryDelays: RETRY_DELAYS_MS,
      storeFingerprintForResuming: false,
      onUploadUrlAvailable: () => {
        const current = this.read(id);
        current.uploadUrl = upload.url;
        this.write(current);
      },
      onChunkComplete: (_chunk, accepted) => {
        const current = this.read(id);
        current.uploadedBytes = accepted;
        this.write(current);
      },
      onSuccess: () => {
        this.uploading.delete(id);
        const current = this.read(id);
        current.state = 'uploaded';
        current.uploadedBytes = data.length;
        this.write(current);
        this.logger.info('recording uploaded', { id, bytes: data.length });
      },
      onError: (error) => {
        this.uploading.delete(id);
        const current = this.read(id);
        current.state = 'failed';
        current.lastError = error.message.slice(0, 500);
        this.write(current);
        this.logger.warn('recording upload failed; kept for a retry', { id, error: current.lastError });
      },
    });
    upload.start();
  }

  /** Forgets an uploaded recording's local copy (the server has it). */
  private remove(id: string): void {
    rmSync(this.audioPath(id), { force: true });
    rmSync(this.statePath(id), { force: true });
  }
}
