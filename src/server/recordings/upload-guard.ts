// Who may do what to a recording upload (the tus protocol, routes.ts). A recording is
// append-only evidence:
// - only the agent whose call it is creates it (a call interaction that names the
//   recording and belongs to someone else refuses the create), and it is created once: an
//   id that has a row or a file is never created again (409), since tus would truncate
//   the file;
// - only that agent asks its offset (HEAD) and appends (PATCH), and only until it is
//   finished: a finished recording is never written again (409);
// - nobody deletes one through the API (DELETE never reaches tus; routes.ts answers 405),
//   only the admin's retention purge does (purge.ts).
// Every refusal happens before tus touches the store, so a refused request changes nothing on disk.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type ErrorCode } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { RecordingPause } from '../../shared/softphone.js';
import { type Db } from '../db/db.js';

export const Pauses = z.array(RecordingPause).max(1000);

/** What tus sends back when a hook throws: our usual error body. */
export interface TusRefusal { status_code: number; body: string }

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'INVALID_INPUT', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT',
};

export function tusError(status: number, message: string): TusRefusal {
  return { status_code: status, body: JSON.stringify({ code: CODE_BY_STATUS[status] ?? 'INTERNAL', message }) };
}

interface UploadRow { agent_id: string | null; completed_at: Date | null }

async function uploadRow(db: Db, id: string): Promise<UploadRow | undefined> {
  const [row] = await db.query<UploadRow>('SELECT agent_id, completed_at FROM recordings WHERE id = $1', [id]);
  return row;
}

/** The tus file store keeps `<id>` (the audio) and `<id>.json` (its offset and metadata). */
async function filesExist(directory: string, id: string): Promise<boolean> {
  for (const name of [id, `${id}.json`]) {
    try {
      await access(path.join(directory, name));
      return true;
    } catch { /* absent */ }
  }
  return false;
}

/** HEAD and PATCH on an existing upload: its agent only, and PATCH only while unfinished. */
export async function authoriseUploadRequest(db: Db, user: SessionUser, method: string, id: string): Promise<void> {
  if (method !== 'HEAD' && method !== 'PATCH') return; // POST is checked by claimUpload; DELETE never gets here
  const row = await uploadRow(db, id);
  if (!row) throw tusError(404, `No upload of recording ${id}`);
  if (row.agent_id !== user.id) throw tusError(403, `Recording ${id} belongs to another agent's call; only that agent uploads it`);
  if (method === 'PATCH' && row.completed_at !== null) {
    throw tusError(409, `Recording ${id} is finished; a finished recording is never written again`);
  }
}

export interface NewUpload {
  id: string;
  sizeBytes: number;
  metadata: Record<string, string | null>;
}

/**
 * The create (POST): validates the metadata and claims the id for this agent in the
 * database, atomically (two creates of one id: the second is refused). The one re-create
 * allowed is the same agent's of an unfinished upload whose file was never written (the
 * store failed after the claim), or a recording could never be uploaded again.
 */
export async function claimUpload(db: Db, directory: string, user: SessionUser, upload: NewUpload): Promise<void> {
  const { id, metadata: meta } = upload;
  const durationMs = Number(meta.durationMs);
  let pausesJson: unknown;
  try { pausesJson = JSON.parse(meta.pauses ?? '[]'); } catch { pausesJson = null; }
  const pauses = Pauses.safeParse(pausesJson);
  if (!Number.isInteger(durationMs) || durationMs < 0 || !pauses.success) throw tusError(400, 'metadata durationMs / pauses are invalid');
  const mime = (meta.mime ?? 'audio/webm').slice(0, 100);
  // Closed by the desktop after a crash: duration estimated, pauses as marked before it.
  const recovered = meta.recovered === 'true';

  const [call] = await db.query<{ agent_id: string | null }>(
    'SELECT agent_id FROM interactions WHERE recording_id = $1 AND agent_id IS DISTINCT FROM $2 LIMIT 1', [id, user.id]);
  if (call) throw tusError(403, `Recording ${id} belongs to another agent's call; only that agent uploads it`);
  const exists = `Recording ${id} already exists; a recording is never created twice (an unfinished upload resumes with HEAD and PATCH on its URL)`;
  if (await filesExist(directory, id)) throw tusError(409, exists);

  const values = [id, user.id, upload.sizeBytes, durationMs, mime, JSON.stringify(pauses.data), recovered];
  const [claimed] = await db.query<{ id: string }>(
    `INSERT INTO recordings (id, agent_id, file_name, size_bytes, duration_ms, mime, pauses, recovered)
     VALUES ($1, $2, $8, $3, $4, $5, $6::jsonb, $7) ON CONFLICT (id) DO NOTHING RETURNING id`, [...values, id]);
  if (claimed) return;
  const [reclaimed] = await db.query<{ id: string }>(
    `UPDATE recordings SET size_bytes = $3, duration_ms = $4, mime = $5, pauses = $6::jsonb, recovered = $7
     WHERE id = $1 AND agent_id = $2 AND completed_at IS NULL RETURNING id`, values);
  if (!reclaimed) throw tusError(409, exists);
}
