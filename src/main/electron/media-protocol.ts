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
      fetchSite: request.headers.get('sec-fetch-site'),
    });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  });
}
