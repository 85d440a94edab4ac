// Streamed playback in Electron, as plain data and functions (unit-tested in Node; the
// handler in media-protocol.ts only wires them). The <audio> element reads recordings from
// sapa-media://recording/<token>: a scheme of its own, registered as standard + secure (a
// real origin the renderer's CSP can name) and stream (the element may read it in ranges
// while it plays instead of waiting for the whole body).
import { tokenFromPath } from '../core/recordings/playback/range-forward.js';
import { APP_SCHEME } from './security.js';

export const MEDIA_SCHEME = 'sapa-media';
/** What core puts in front of a playback token (CoreOptions.playbackBaseUrl). */
export const MEDIA_BASE_URL = `${MEDIA_SCHEME}://recording/`;
/** The renderer's CSP media-src entry for it. */
export const MEDIA_SOURCE = `${MEDIA_SCHEME}:`;

/**
 * Every custom scheme with its privileges. Electron takes these in ONE call before the app
 * is ready (a second call replaces the first), so both schemes are listed together.
 */
export function privilegedSchemes() {
  return [
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true } },
  ];
}

/** The playback token of a sapa-media URL ('' for a malformed one: core answers 404). */
export function mediaTokenOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (parsed.protocol !== `${MEDIA_SCHEME}:` || parsed.host !== 'recording') return '';
  return tokenFromPath(parsed.pathname, '/') ?? '';
}
