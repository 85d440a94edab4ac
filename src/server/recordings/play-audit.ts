// Who heard which recording, when and from where (audit_log, src/server/auth/audit.ts).
// A whole-file GET (no Range) hands the recording over in one answer: a download, audited
// every time. A player reads with Range requests, one per seek: auditing each would write
// dozens of rows per listen, so the Range requests of one user on one recording from one
// address write at most one `recording_played` row per window (a listen of half an hour:
// three rows). A refused request (no permission, failed integrity) is not a play. A HEAD reads no audio and is not audited. The window is kept
// in this process: a second server instance writes its own row (decision 0010).
import { type SessionUser } from '../../shared/http.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';

/** A listen: Range requests closer together than this are one play. */
export const PLAY_WINDOW_MS = 10 * 60 * 1000;
const MAX_TRACKED = 10_000;

export interface AudioRequest {
  user: SessionUser;
  recordingId: string;
  ip: string;
  method: string;
  range: string | undefined;
}

export type PlayAudit = (request: AudioRequest) => Promise<void>;

export function createPlayAudit(db: Db, now: () => number = Date.now): PlayAudit {
  const lastAudited = new Map<string, number>();
  return async ({ user, recordingId, ip, method, range }) => {
    if (method === 'HEAD') return;
    if (range === undefined) {
      await audit(db, 'recording_downloaded', user.id, recordingId, { ip, username: user.username }, ip);
      return;
    }
    const key = `${user.id} ${recordingId} ${ip}`;
    const at = now();
    const last = lastAudited.get(key);
    if (last !== undefined && at - last < PLAY_WINDOW_MS) return;
    // Written before the audio is sent: a play that cannot be audited is not served.
    await audit(db, 'recording_played', user.id, recordingId, { ip, username: user.username, range: range.slice(0, 100) }, ip);
    lastAudited.delete(key);
    lastAudited.set(key, at);
    if (lastAudited.size > MAX_TRACKED) lastAudited.delete(lastAudited.keys().next().value!);
  };
}
