// Streamed playback of call recordings. The <audio> element asks a local URL (the browser
// host's /media/recordings/<token>, or Electron's sapa-media:// scheme) for byte ranges;
// core forwards each Range to the server with the agent's session and streams the answer
// back, so a long recording starts playing after its first bytes and seeking fetches only
// the part it needs. Core holds no more than what is in flight.
import { SapaError } from '../../../../shared/errors.js';
import { ROUTES, apiPath } from '../../../../shared/routes.js';
import { type StoredSession } from '../../cache/local-state.js';
import { type Logger } from '../../logger.js';
import { type ServerClient } from '../../remote/server-client.js';
import {
  answerFromUpstream, errorAnswer, isRefusedFetchSite, unreachableAnswer, upstreamHeaders,
  type PlaybackAnswer, type PlaybackRequest,
} from './range-forward.js';
import { createPlaybackTokens } from './tokens.js';

/** The browser host serves playback here, on the page's own origin. */
export const BROWSER_PLAYBACK_PATH = '/media/recordings/';
/** Waiting for the server's headers; the body itself may take as long as the listener. */
const HEADERS_TIMEOUT_MS = 10_000;
const METADATA_TIMEOUT_MS = 5_000;
/** Error bodies are a line of JSON; read no more than this of one. */
const MAX_ERROR_BODY = 4096;


export interface PlaybackLink {
  url: string;
  mime: string;
  durationMs: number | null;
}

export interface RecordingPlayback {
  /** Asks the server whether this agent may hear it, then mints a local link to it. */
  link(recordingId: string): Promise<PlaybackLink>;
  /** Answers one request of the element (hosts carry the answer as it is). */
  open(request: PlaybackRequest): Promise<PlaybackAnswer>;
  /** Sign-out or a new user: every link dies. */
  forgetLinks(): void;
}

export interface RecordingPlaybackOptions {
  server: ServerClient;
  session(): StoredSession | null;
  logger: Logger;
  /** Where the host serves playback: a path on the page's origin, or a scheme URL. */
  baseUrl: string;
  clock?: () => number;
  headersTimeoutMs?: number;
}

export function createRecordingPlayback(options: RecordingPlaybackOptions): RecordingPlayback {
  const tokens = createPlaybackTokens(options.clock);
  const headersTimeoutMs = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;

  async function forward(method: 'GET' | 'HEAD', recordingId: string, sessionToken: string, range: string | null | undefined) {
    const url = `${options.server.currentUrl()}${apiPath(ROUTES['recordings.audio'], { id: recordingId })}`;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new Error('timed out')), headersTimeoutMs);
    try {
      return await fetch(url, { method, headers: upstreamHeaders(sessionToken, range), signal: abort.signal });
    } finally {
      clearTimeout(timer); // the headers are in: the body streams as long as the element reads
    }
  }

  return {
    async link(recordingId) {
      const session = options.session();
      if (!session) throw new SapaError('UNAUTHENTICATED', 'Sign in to play a recording');
      const meta = await options.server.call('recordings.info', { params: { id: recordingId } }, {
        token: session.token, timeoutMs: METADATA_TIMEOUT_MS,
      });
      if (!meta.complete) throw new SapaError('CONFLICT', 'The recording is still uploading');
      if (meta.intact === false) {
        throw new SapaError('INTERNAL', 'The recording failed its integrity check on the server (its bytes changed since it was recorded)');
      }
      const token = tokens.mint({ recordingId, userId: session.user.id });
      return { url: `${options.baseUrl}${token}`, mime: meta.mime, durationMs: meta.durationMs };
    },

    async open(request) {
      const method = request.method.toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') {
        return errorAnswer(405, 'INVALID_INPUT', 'Recordings are only read (GET or HEAD)', { allow: 'GET, HEAD' });
      }
      if (isRefusedFetchSite(request.fetchSite)) {
        return errorAnswer(403, 'FORBIDDEN', 'Recordings play only in Sapa itself');
      }
      const grant = tokens.use(request.token);
      if (!grant) return errorAnswer(404, 'NOT_FOUND', 'This playback link is unknown or has expired; open the recording again');
      const session = options.session();
      if (!session || session.user.id !== grant.userId) {
        return errorAnswer(401, 'UNAUTHENTICATED', 'Sign in again to play the recording');
      }
      let reply: Response;
      try {
        reply = await forward(method, grant.recordingId, session.token, request.range);
      } catch (error) {
        const reason = describeFailure(error);
        options.logger.warn('recording playback: server unreachable', { recordingId: grant.recordingId, reason });
        return unreachableAnswer(reason);
      }
      const ok = reply.status === 200 || reply.status === 206;
      const errorText = ok ? undefined : (await reply.text().catch(() => '')).slice(0, MAX_ERROR_BODY);
      if (!ok && reply.status !== 416) options.logger.warn('recording playback refused', { recordingId: grant.recordingId, status: reply.status });
      const answer = answerFromUpstream({ status: reply.status, headers: reply.headers, body: ok ? reply.body : null, errorText });
      if (method === 'HEAD' && ok) {
        await reply.body?.cancel();
        return { ...answer, body: null };
      }
      return answer;
    },

    forgetLinks: () => tokens.clear(),
  };
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error.message === 'This operation was aborted' ? 'timed out' : error.message;
}
