// The pure half of streamed playback: what core sends the server for one request of the
// <audio> element, and what it answers the element from the server's reply. Both hosts
// (the browser host's HTTP route, Electron's protocol handler) carry exactly this answer,
// so the rules are tested once, in Node.
import { ApiErrorBody, type ErrorCode } from '../../../../shared/errors.js';

export interface PlaybackRequest {
  method: string;
  /** The opaque token from the local URL (see tokens.ts). */
  token: string;
  /** The element's Range header, if any. */
  range?: string | null;
  /** Sec-Fetch-Site as the browser sent it (absent from older clients). */
  fetchSite?: string | null;
}

export type PlaybackBody = ReadableStream<Uint8Array> | string | null;

export interface PlaybackAnswer {
  status: number;
  headers: Record<string, string>;
  body: PlaybackBody;
}

/** The server's headers the element needs to stream and seek; nothing else crosses. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges'] as const;
const SINGLE_RANGE = /^bytes=(\d{0,15})-(\d{0,15})$/;
const LOCAL_HEADERS = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' };

/**
 * The Range to forward: one byte range as the server understands it, or null (ask for the
 * whole file). Multi-range and malformed headers are dropped, as RFC 9110 lets a server
 * ignore them, so the element still gets a playable 200.
 */
export function forwardedRange(header: string | null | undefined): string | null {
  if (!header) return null;
  const trimmed = header.trim();
  const match = SINGLE_RANGE.exec(trimmed);
  if (!match || (match[1] === '' && match[2] === '')) return null;
  return trimmed;
}

/** The server request's headers: the agent's session stays between core and the server. */
export function upstreamHeaders(sessionToken: string, range: string | null | undefined): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${sessionToken}` };
  const forwarded = forwardedRange(range);
  if (forwarded) headers.range = forwarded;
  return headers;
}

/**
 * Another site's page may embed the local URL (it cannot guess a token, but refuse it
 * anyway). Requests from the app's own page are same-origin; 'none' is a person opening
 * the link directly.
 */
export function isRefusedFetchSite(fetchSite: string | null | undefined): boolean {
  return fetchSite !== undefined && fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none';
}

export function errorAnswer(status: number, code: ErrorCode, message: string, extra: Record<string, string> = {}): PlaybackAnswer {
  return {
    status,
    headers: { ...LOCAL_HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra },
    body: JSON.stringify({ code, message }),
  };
}

/** The element's answer when the server cannot be reached at all. */
export function unreachableAnswer(reason: string): PlaybackAnswer {
  return errorAnswer(502, 'OFFLINE', `The server cannot be reached (${reason}); the recording plays again once it answers`);
}

const DEFAULT_MESSAGES: Partial<Record<number, { code: ErrorCode; message: string }>> = {
  401: { code: 'UNAUTHENTICATED', message: 'The session has expired; sign in again to play the recording' },
  403: { code: 'FORBIDDEN', message: 'You may not hear this recording' },
  404: { code: 'NOT_FOUND', message: 'The server has no such recording' },
  409: { code: 'CONFLICT', message: 'The recording is still uploading' },
};

export interface UpstreamReply {
  status: number;
  headers: { get(name: string): string | null };
  body: ReadableStream<Uint8Array> | null;
  /** The server's error body as text (only read for an error status). */
  errorText?: string;
}

/**
 * What the element gets for the server's reply: audio (200/206) streams through with the
 * headers it needs; 416 keeps its Content-Range; the server's refusals keep their status
 * and code; anything else from the server is a 502 (the server, not the element, failed).
 */
export function answerFromUpstream(reply: UpstreamReply): PlaybackAnswer {
  if (reply.status === 200 || reply.status === 206) {
    const headers: Record<string, string> = { ...LOCAL_HEADERS };
    for (const name of PASSED_HEADERS) {
      const value = reply.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { status: reply.status, headers, body: reply.body };
  }
  if (reply.status === 416) {
    const contentRange = reply.headers.get('content-range');
    return errorAnswer(416, 'INVALID_INPUT', 'The requested range is outside the recording',
      contentRange ? { 'content-range': contentRange } : {});
  }
  const known = DEFAULT_MESSAGES[reply.status];
  if (known) {
    const body = parseErrorBody(reply.errorText);
    return errorAnswer(reply.status, body?.code ?? known.code, body?.message ?? known.message);
  }
  return errorAnswer(502, 'INTERNAL', `The server failed to send the recording (it answered ${reply.status})`);
}

function parseErrorBody(text: string | undefined): ApiErrorBody | null {
  if (!text) return null;
  try {
    const parsed = ApiErrorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The token in a local URL path under `prefix` (e.g. "/media/recordings/"), or null. */
export function tokenFromPath(pathname: string, prefix: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length);
  return rest.length > 0 && !rest.includes('/') ? rest : null;
}
