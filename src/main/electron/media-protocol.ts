// Serves sapa-media://recording/<token> from core's streamed playback: the request's Range
// goes to core, core's answer (status, headers, streamed body) comes back as it is.
import { protocol } from 'electron';
import { type Core } from '../core/index.js';
import { MEDIA_SCHEME, mediaTokenOf } from './media-scheme.js';

export function serveMediaScheme(core: Pick<Core, 'playback'>): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const answer = await core.playback.open({
      method: request.method,
      token: mediaTokenOf(request.url),
      range: request.headers.get('range'),
      // Not forwarded: Chromium labels a request from sapa://app to sapa-media:// cross-site
      // (two schemes are two sites), which core's browser-host check would refuse. Here only
      // our own window can reach the scheme (no navigation away, no other windows), and the
      // opaque per-recording token is the guard.
      fetchSite: null,
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
}
