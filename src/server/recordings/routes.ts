// Call recordings. Upload: the tus protocol (@tus/server + @tus/file-store) at
// /recordings/uploads, so a desktop resumes a cut upload from the last stored byte. The
// upload's id is the recording id (a uuid from the desktop, in the metadata), so the
// upload's URL is known without its create's answer. A recording is append-only evidence
// (upload-guard.ts): created once by the agent whose call it is, appended by that agent
// until finished, never deleted or overwritten through the API; its checksum is recorded
// when it finishes. Playback: GET /recordings/:id/audio with HTTP Range (seeking), only for
// the agent who recorded it and for whoever may play any recording (recordings.playAny in
// src/shared/permissions.ts: leads and admins), after an integrity check (integrity.ts),
// and audited (play-audit.ts). Retention: POST /admin/recordings/purge (purge.ts).
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { can } from '../../shared/permissions.js';
import { ROUTES, apiPath } from '../../shared/routes.js';
import { audit } from '../auth/audit.js';
import { resolveSession } from '../auth/sessions.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { ROUTE_LOAD } from '../http/route-load.js';
import { createIntegrityChecker, type RecordedChecksums } from './integrity.js';
import { createPlayAudit } from './play-audit.js';
import { purgeRecordings } from './purge.js';
import { parseRange } from './range.js';
import { makeUploadSeekable } from './seekable.js';
import { sealFinishedUpload, sealOnFirstPlay } from './seal.js';
import { Pauses, authoriseUploadRequest, claimUpload, tusError } from './upload-guard.js';

const UPLOAD = ROUTES['recordings.upload'];
const UPLOAD_PATH = apiPath(UPLOAD);
/** An hour of opus at 32 kbit/s is ~15 MB; 200 MB leaves room for very long calls. */
const MAX_RECORDING_BYTES = 200 * 1024 * 1024;

export function recordingsDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SAPA_RECORDINGS_DIR ?? path.join(env.SAPA_DATA_DIR ?? '.data/server', 'recordings'));
}

export function registerRecordingRoutes(app: FastifyInstance, register: RegisterRoute, db: Db, directory: string): void {
  // tus checks the session itself (its requests bypass Fastify's handlers), with the
  // route's declared permission.
  const userOf = async (header: string | null) => {
    const token = header ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const user = token ? await resolveSession(db, token) : null;
    return user && can(user.role, UPLOAD.access) ? user : null;
  };
  const signedIn = async (req: { headers: Headers }) => {
    const user = await userOf(req.headers.get('authorization'));
    if (!user) throw tusError(401, 'Sign in first');
    return user;
  };
  const store = new FileStore({ directory });
  // Termination (DELETE) is not offered: OPTIONS does not advertise it, and routes below refuse it.
  store.extensions = store.extensions.filter((e) => e !== 'termination');
  const tus = new TusServer({
    path: UPLOAD_PATH,
    datastore: store,
    maxSize: MAX_RECORDING_BYTES,
    relativeLocation: true,
    respectForwardedHeaders: false,
    disableTerminationForFinishedUploads: true,
    namingFunction: async (req, metadata) => {
      // Runs before anything is stored: refuse strangers before reading their metadata.
      await signedIn(req);
      const id = metadata?.recordingId ?? '';
      if (!z.uuid().safeParse(id).success) throw tusError(400, 'metadata recordingId must be a uuid');
      return id;
    },
    onIncomingRequest: async (req, id) => {
      const user = await signedIn(req);
      await authoriseUploadRequest(db, user, req.method, id);
    },
    onUploadCreate: async (req, upload) => {
      const user = await signedIn(req);
      await claimUpload(db, directory, user, { id: upload.id, sizeBytes: upload.size ?? 0, metadata: upload.metadata ?? {} });
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      // Complete (and its checksum recorded) before the rewrite, so a crash mid-rewrite
      // leaves a complete, playable, verifiable recording.
      if (await sealFinishedUpload(db, directory, upload.id)) {
        await makeUploadSeekable({ db, store, log: app.log }, directory, upload.id);
      }
      return {};
    },
  });

  // tus reads the raw body itself: keep Fastify's parsers away from it.
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
  const handleTus = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.hijack();
    await tus.handle(request.raw, reply.raw);
  };
  const refuseDelete = async (_request: FastifyRequest, reply: FastifyReply) => reply.status(405)
    .header('allow', 'POST, HEAD, PATCH, OPTIONS').header('tus-resumable', '1.0.0')
    .send({ code: 'INVALID_INPUT', message: 'Recordings are evidence: they are never deleted through the upload API (an administrator purges them by retention)' });
  // Registered by hand (tus is not a plain route): the request class route.ts would give it.
  const config = { requestClass: ROUTE_LOAD['recordings.upload'] ?? 'interactive' };
  for (const url of [UPLOAD.path, `${UPLOAD.path}/*`]) {
    app.route({ method: ['POST', 'PATCH', 'HEAD', 'OPTIONS'], url, config, handler: handleTus });
    app.route({ method: 'DELETE', url, config, handler: refuseDelete });
  }

  const integrity = createIntegrityChecker(directory);
  const auditPlay = createPlayAudit(db);

  register('recordings.info', async ({ params: { id }, user }) => {
    const row = await readRecording(db, id);
    assertMayPlay(user, row.agent_id);
    const complete = row.completed_at !== null;
    // The desktop asks this before it plays: a damaged file is told here, not as a player error.
    const intact = complete ? (await integrity.verify(id, recordedOf(row))).ok !== false : true;
    return {
      id, durationMs: row.duration_ms, sizeBytes: Number(row.size_bytes), mime: row.mime, pauses: Pauses.parse(row.pauses),
      recovered: row.recovered, complete, sha256: complete ? row.sha256 : null, intact,
    };
  });
  register('recordings.audio', async ({ params: { id }, user, request, reply }) => {
    const row = await readRecording(db, id);
    assertMayPlay(user, row.agent_id);
    if (row.completed_at === null) throw new SapaError('CONFLICT', 'The recording is still uploading');
    const verdict = await integrity.verify(id, recordedOf(row));
    if (verdict.ok === false) {
      request.log.error({ recordingId: id, reason: verdict.reason }, 'recording failed its integrity check; not served');
      await audit(db, 'recording_integrity_failed', user.id, id, { ip: request.ip, username: user.username, reason: verdict.reason }, request.ip);
      throw new SapaError('INTERNAL', `Recording ${id} failed its integrity check: its bytes are not the ones recorded; it is not served (the audit log has the details)`);
    }
    const size = verdict.ok === true ? verdict.sizeBytes : await sealOnFirstPlay(db, request.log, id, verdict.digest);
    await auditPlay({ user, recordingId: id, ip: request.ip, method: request.method, range: request.headers.range });
    const file = path.join(directory, id);
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
  register('recordings.purge', async ({ body, user, request }) => purgeRecordings({ db, directory, user, ip: request.ip }, body));
  app.addHook('onReady', async () => { await mkdir(directory, { recursive: true }); });
}

interface RecordingRow {
  agent_id: string | null; duration_ms: number | null; size_bytes: number; mime: string;
  pauses: unknown; recovered: boolean; completed_at: Date | null;
  sha256: string | null; upload_sha256: string | null; upload_size_bytes: number | null;
}

function recordedOf(row: RecordingRow): RecordedChecksums {
  return {
    sha256: row.sha256, sizeBytes: Number(row.size_bytes), uploadSha256: row.upload_sha256,
    uploadSizeBytes: row.upload_size_bytes === null ? null : Number(row.upload_size_bytes),
  };
}

async function readRecording(db: Db, id: string): Promise<RecordingRow> {
  const [row] = await db.query<RecordingRow>(
    `SELECT agent_id, duration_ms, size_bytes, mime, pauses, recovered, completed_at, sha256, upload_sha256, upload_size_bytes
     FROM recordings WHERE id = $1`, [id],
  );
  if (!row) throw new SapaError('NOT_FOUND', `Recording ${id} was not found`);
  return row;
}

function assertMayPlay(user: SessionUser, agentId: string | null): void {
  if (user.id !== agentId && !can(user.role, 'recordings.playAny')) {
    throw new SapaError('FORBIDDEN', 'Only the agent on the call, leads and admins may hear this recording');
  }
}
