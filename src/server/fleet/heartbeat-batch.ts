// Routine heartbeats written in batches. At 2,000 desktops a beat a minute is 33 requests
// a second, and almost all of them only say "still here": the same user, version and update
// state as the last beat. Those are kept in memory (the last beat of each desktop wins) and
// written together every few seconds in one statement, which takes a database round trip
// off each request (bench/fleet-heartbeat-bench.ts). A beat that says something new — the
// first beat this server process sees from a desktop (a registration at sign-in), another
// user, another app version, an update step — is written at once, so the fleet view shows
// it straight away. What a crash can lose is at most one flush interval of "still here",
// which the next beat, a minute later, says again.
import { type SessionUser } from '../../shared/http.js';
import { type DesktopHeartbeat } from '../../shared/updates.js';
import { type Db } from '../db/db.js';
import { recordHeartbeat } from './heartbeat.js';

export interface HeartbeatBatchOptions {
  /** How long a routine beat may wait before it is written (default 5 s; 0 writes every beat at once). */
  flushMs?: number;
  /** Write as soon as this many desktops wait (default 500). */
  maxWaiting?: number;
}

export interface HeartbeatBatch {
  record(user: SessionUser, beat: DesktopHeartbeat): Promise<void>;
  /** Writes every waiting beat now (tests, shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface Waiting { userId: string; beat: DesktopHeartbeat; seenAt: string }

/** What makes a beat news rather than "still here". */
function fingerprint(userId: string, beat: DesktopHeartbeat): string {
  const u = beat.updateState;
  return JSON.stringify([userId, beat.appVersion, beat.machineName, u?.phase ?? null, u?.version ?? null, u?.error ?? null, u?.source ?? null]);
}

const COLUMNS = 12;
/** Far above any real fleet; past it the map starts again (every desktop's next beat is news once). */
const MAX_KNOWN = 100_000;

function batchUpsert(rows: number): string {
  const values = Array.from({ length: rows }, (_, r) =>
    `(${Array.from({ length: COLUMNS }, (_, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`).join(',\n  ');
  return `
INSERT INTO desktops (install_id, machine_name, os, os_version, app_version, electron_version, chrome_version,
                      user_id, site_code, update_state, cache_bytes, last_sync_at, last_seen_at)
SELECT v.install_id::uuid, v.machine_name, v.os, v.os_version, v.app_version, v.electron_version, v.chrome_version,
       u.id, b.site_code, v.update_state::jsonb, v.cache_bytes::bigint, v.last_sync_at::timestamptz, v.seen_at::timestamptz
  FROM (VALUES
  ${values}
  ) AS v (install_id, machine_name, os, os_version, app_version, electron_version, chrome_version, user_id, update_state,
          cache_bytes, last_sync_at, seen_at)
  JOIN users u ON u.id = v.user_id::uuid
  LEFT JOIN branches b ON b.code = u.branch
ON CONFLICT (install_id) DO UPDATE SET
  machine_name = EXCLUDED.machine_name, os = EXCLUDED.os, os_version = EXCLUDED.os_version,
  app_version = EXCLUDED.app_version, electron_version = EXCLUDED.electron_version,
  chrome_version = EXCLUDED.chrome_version, user_id = EXCLUDED.user_id, site_code = EXCLUDED.site_code,
  update_state = EXCLUDED.update_state, cache_bytes = EXCLUDED.cache_bytes,
  last_sync_at = EXCLUDED.last_sync_at, last_seen_at = GREATEST(desktops.last_seen_at, EXCLUDED.last_seen_at)`;
}

export function createHeartbeatBatch(db: Db, options: HeartbeatBatchOptions = {}): HeartbeatBatch {
  const flushMs = options.flushMs ?? 5_000;
  const maxWaiting = options.maxWaiting ?? 500;
  /** The last fingerprint written or waiting, per install id, in this process. */
  const known = new Map<string, string>();
  let waiting = new Map<string, Waiting>();
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = [...waiting.values()];
    waiting = new Map();
    if (batch.length === 0) return writing;
    const params = batch.flatMap(({ userId, beat, seenAt }) => [
      beat.installId, beat.machineName, beat.os, beat.osVersion, beat.appVersion, beat.electronVersion, beat.chromeVersion,
      userId, beat.updateState ? JSON.stringify(beat.updateState) : null, beat.cacheBytes, beat.lastSyncAt, seenAt,
    ]);
    // One batch at a time, in order; a failed batch is forgotten so that the next beat of
    // each of its desktops is written at once (it is news again).
    writing = writing.then(() => db.query(batchUpsert(batch.length), params)).then(() => undefined, () => {
      for (const { beat } of batch) known.delete(beat.installId);
    });
    return writing;
  }

  return {
    async record(user, beat) {
      const print = fingerprint(user.id, beat);
      if (flushMs <= 0 || known.get(beat.installId) !== print) {
        // News: written now, in the request, so the fleet view shows it at once. A routine
        // beat of the same desktop still waiting would overwrite it with older facts: dropped.
        waiting.delete(beat.installId);
        await recordHeartbeat(db, user, beat);
        // Install ids are chosen by desktops: a flood of made-up ones must not grow this for ever.
        if (known.size >= MAX_KNOWN) known.clear();
        known.set(beat.installId, print);
        return;
      }
      waiting.set(beat.installId, { userId: user.id, beat, seenAt: new Date().toISOString() });
      if (waiting.size >= maxWaiting) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), flushMs);
        timer.unref();
      }
    },
    flush,
    async close() {
      await flush();
    },
  };
}
