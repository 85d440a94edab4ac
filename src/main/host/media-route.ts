// The browser host's playback route: GET/HEAD /media/recordings/<token>. The <audio>
// element streams and seeks here with Range requests; core answers each one from the
// server (core/recordings/playback) and the answer is piped through as it arrives, so
// neither the host nor core holds more of the file than is in flight.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ReadableStream as NodeReadableStream } from 'node:stream/web';
import { type Core } from '../core/index.js';
import { type Logger } from '../core/logger.js';
import { BROWSER_PLAYBACK_PATH } from '../core/recordings/playback/playback.js';
import { tokenFromPath } from '../core/recordings/playback/range-forward.js';

/** The token when `path` is a playback URL, or null for every other path. */
export function playbackToken(path: string): string | null {
  return path.startsWith(BROWSER_PLAYBACK_PATH) ? (tokenFromPath(path, BROWSER_PLAYBACK_PATH) ?? '') : null;
}

function single(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

export async function serveMedia(
  core: Pick<Core, 'playback'>, token: string, req: IncomingMessage, res: ServerResponse, logger: Logger,
): Promise<void> {
  const answer = await core.playback.open({
    method: req.method ?? 'GET', token, range: single(req.headers.range), fetchSite: single(req.headers['sec-fetch-site']),
  });
  res.writeHead(answer.status, answer.headers);
  if (answer.body === null || typeof answer.body === 'string') {
    res.end(answer.body ?? undefined);
    return;
  }
  try {
    // Node's and the DOM's ReadableStream types differ only in name; the object is Node's.
    await pipeline(Readable.fromWeb(answer.body as unknown as NodeReadableStream<Uint8Array>), res);
  } catch (error) {
    // A seek or a closed player drops the connection mid-body: the pipeline then cancels
    // the server request too. Anything else is worth a line in the log.
    if (!res.destroyed || res.writableFinished) logger.warn('recording stream failed', { error: String(error) });
  }
}
