// Call recordings. Upload: the tus protocol (@tus/server + @tus/file-store) at
// /recordings/uploads, so a desktop resumes a cut upload from the last stored byte. The
// upload's id is the recording id (a uuid from the desktop, in the metadata), so a
// retried create after a crash finds the same file. Playback: GET /recordings/:id/audio
// with HTTP Range (seeking), only for the agent who recorded it and for whoever may play any
// recording (recordings.playAny in src/shared/permissions.ts: leads and admins).
import { createReadStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { can } from '../../shared/permissions.js';
import { ROUTES, apiPath } from '../../shared/routes.js';
import { RecordingPause } from '../../shared/softphone.js';
import { resolveSession } from '../auth/sessions.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { parseRange } from './range.js';
import { makeUploadSeekable } from './seekable.js';

const UPLOAD = ROUTES['recordings.upload'];
const UPLOAD_PATH = apiPath(UPLOAD);
/** An hour of opus at 32 kbit/s is ~15 MB; 200 MB leaves room for very long calls. */
const MAX_RECORDING_BYTES = 200 * 1024 * 1024;
const Pauses = z.array(RecordingPause).max(1000);

export function recordingsDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SAPA_RECORDINGS_DIR ?? path.join(env.SAPA_DATA_DIR ?? '.data/server', 'recordings'));
}

function tusError(status: number, message: string): { status_code: number; body: string } {
  return { status_code: status, body: JSON.stringify({ code: status === 401 ? 'UNAUTHENTICATED' : 'INVALID_INPUT', message }) };
}

export function registerRecordingRoutes(app: FastifyInstance, register: RegisterRoute, db: Db, directory: string): void {
  // tus checks the session itself (its requests bypass Fastify's handlers), with the
  // route's declared permission.
  const userOf = async (header: string | null) => {
    const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const user = token ? await resolveSession(db, token) : null;
    return user && can(user.role, UPLOAD.access) ? user : null;
  };
  const store = new FileStore({ directory });
  const tus = new TusServer({
    path: UPLOAD_PATH,
    datastore: store,
    maxSize: MAX_RECORDING_BYTES,
    relativeLocation: true,
    respectForwardedHeaders: false,
    namingFunction: async (req, metadata) => {
      // Runs before anything is stored: refuse strangers before reading their metadata.
      if (!(await userOf(req.headers.get('authorization')))) throw tusError(401, 'Sign in first');
      const id = metadata?.recordingId ?? '';
      if (!z.uuid().safeParse(id).success) throw tusError(400, 'metadata recordingId must be a uuid');
      return id;
    },
    onIncomingRequest: async (req) => {
      if (!(await userOf(req.headers.get('authorization')))) throw tusError(401, 'Sign in first');
    },
    onUploadCreate: async (req, upload) => {
      const user = await userOf(req.headers.get('authorization'));
      if (!user) throw tusError(401, 'Sign in first');
      const meta = upload.metadata ?? {};
      const durationMs = Number(meta.durationMs);
      const pauses = Pauses.safeParse(JSON.parse(meta.pauses ?? '[]'));
      if (!Number.isInteger(durationMs) || durationMs < 0 || !pauses.success) throw tusError(400, 'metadata durationMs / pauses are invalid');
      const mime = (meta.mime ?? 'audio/webm').slice(0, 100);
      // Closed by the desktop after a crash: duration estimated, pauses as marked before it.
      const recovered = meta.recovered === 'true';
      // A re-created upload (the desktop lost the upload URL) replaces the earlier row.
      await db.query(
        `INSERT INTO recordings (id, agent_id, file_name, size_bytes, duration_ms, mime, pauses, recovered)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
         ON CONFLICT (id) DO UPDATE SET size_bytes = EXCLUDED.size_bytes, duration_ms = EXCLUDED.duration_ms,
           pauses = EXCLUDED.pauses, recovered = EXCLUDED.recovered, completed_at = NULL`,
        [upload.id, user.id, upload.id, upload.size ?? 0, durationMs, mime, JSON.stringify(pauses.data), recovered],
      );
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      await db.query('UPDATE recordings SET completed_at = now(), size_bytes = $2 WHERE id = $1', [upload.id, upload.offset]);
      // After completing, so a crash mid-rewrite leaves a complete, playable recording.
      await makeUploadSeekable({ db, store, log: app.log }, directory, upload.id);
      return {};
    },
  });

  // tus reads the raw body itself: keep Fastify's parsers away from it.
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
  const handleTus = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };
  for (const url of [UPLOAD.path, `${UPLOAD.path}/*`]) {
    app.route({ method: ['POST', 'PATCH', 'HEAD', 'OPTIONS', 'DELETE'], url, handler: handleTus });
  }

  register('recordings.info', async ({ params: { id }, user }) => {
    const row = await readRecording(db, id);
    assertMayPlay(user, row.agent_id);
    return {
      id, durationMs: row.duration_ms, sizeBytes: Number(row.size_bytes), mime: row.mime, pauses: Pauses.parse(row.pauses),
      recovered: row.recovered, complete: row.completed_at !== null,
    };
  });
  register('recordings.audio', async ({ params: { id }, user, request, reply }) => {
    const row = await readRecording(db, id);
    assertMayPlay(user, row.agent_id);
    if (row.completed_at === null) throw new SapaError('CONFLICT', 'The recording is still uploading');
    const file = path.join(directory, id);
    const size = (await stat(file)).size;
    const range = parseRange(request.headers.range, size);
    reply.header('Accept-Ranges', 'bytes').header('Content-Type', row.mime).header('Cache-Control', 'private, no-store');
    if (range === 'unsatisfiable') {
      return reply.status(416).header('Content-Range', `bytes */${size}`).send();
    }
    if (range) {
      reply.status(206).header('Content-Range', `bytes ${range.start}-${range.end}/${size}`)
        .header('Content-Length', range.end - range.start + 1);
      return reply.send(createReadStream(file, { start: range.start, end: range.end }));
    }
    reply.header('Content-Length', size);
    return reply.send(createReadStream(file));
  });
  app.addHook('onReady', async () => { await mkdir(directory, { recursive: true }); });
}

interface RecordingRow {
  agent_id: string | null; duration_ms: number | null; size_bytes: number; mime: string;
  pauses: unknown; recovered: boolean; completed_at: Date | null;
}

async function readRecording(db: Db, id: string): Promise<RecordingRow> {
  const [row] = await db.query<RecordingRow>(
    'SELECT agent_id, duration_ms, size_bytes, mime, pauses, recovered, completed_at FROM recordings WHERE id = $1', [id],
  );
  if (!row) throw new SapaError('NOT_FOUND', `Recording ${id} was not found`);
  return row;
}

function assertMayPlay(user: SessionUser, agentId: string | null): void {
  if (user.id !== agentId && !can(user.role, 'recordings.playAny')) {
    throw new SapaError('FORBIDDEN', 'Only the agent on the call, leads and admins may hear this recording');
  }
}
