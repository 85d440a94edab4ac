// The pure rules of streamed playback: which Range reaches the server, which headers reach
// the <audio> element, how the server's refusals and failures are answered.
import { describe, expect, it } from 'vitest';
import {
  answerFromUpstream, forwardedRange, isRefusedFetchSite, tokenFromPath, unreachableAnswer, upstreamHeaders,
} from '../../../../src/main/core/recordings/playback/range-forward.js';

const headersOf = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });
const bodyOf = (answer: { body: unknown }) => JSON.parse(String(answer.body)) as { code: string; message: string };

describe('Range forwarding', () => {
  it('forwards one byte range as it came and drops what the server would not take', () => {
    expect(forwardedRange('bytes=0-')).toBe('bytes=0-');
    expect(forwardedRange(' bytes=1000-1999 ')).toBe('bytes=1000-1999');
    expect(forwardedRange('bytes=-500')).toBe('bytes=-500');
    expect(forwardedRange('bytes=-')).toBeNull();
    expect(forwardedRange('bytes=0-1,5-9')).toBeNull(); // multi-range: the whole file instead
    expect(forwardedRange('items=0-9')).toBeNull();
    expect(forwardedRange('bytes=1234567890123456-')).toBeNull(); // absurd offsets
    expect(forwardedRange(undefined)).toBeNull();
    expect(forwardedRange('')).toBeNull();
  });

  it('sends the session only to the server, with the range', () => {
    expect(upstreamHeaders('s3cret', 'bytes=10-20')).toEqual({ authorization: 'Bearer s3cret', range: 'bytes=10-20' });
    expect(upstreamHeaders('s3cret', 'bytes=0-1,4-5')).toEqual({ authorization: 'Bearer s3cret' });
  });

  it('streams 200 and 206 through with only the headers a player needs', () => {
    const body = new ReadableStream<Uint8Array>();
    const answer = answerFromUpstream({
      status: 206, body,
      headers: headersOf({
        'content-type': 'audio/webm', 'content-length': '1000', 'content-range': 'bytes 1000-1999/5000',
        'accept-ranges': 'bytes', 'set-cookie': 'a=b', 'x-powered-by': 'fastify', 'access-control-allow-origin': '*',
      }),
    });
    expect(answer.status).toBe(206);
    expect(answer.body).toBe(body);
    expect(answer.headers).toEqual({
      'content-type': 'audio/webm', 'content-length': '1000', 'content-range': 'bytes 1000-1999/5000', 'accept-ranges': 'bytes',
      'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff',
    });
    expect(answerFromUpstream({ status: 200, body, headers: headersOf({ 'content-length': '5000' }) }).status).toBe(200);
  });

  it('keeps the server refusals: 401, 403, 404, 409 with their code and message', () => {
    const forbidden = answerFromUpstream({
      status: 403, body: null, headers: headersOf({}),
      errorText: JSON.stringify({ code: 'FORBIDDEN', message: 'Only the agent on the call, leads and admins may hear this recording' }),
    });
    expect(forbidden.status).toBe(403);
    expect(bodyOf(forbidden)).toEqual({ code: 'FORBIDDEN', message: 'Only the agent on the call, leads and admins may hear this recording' });
    // A body that is not ours (a proxy's HTML page) still gets a clear message.
    const missing = answerFromUpstream({ status: 404, body: null, headers: headersOf({}), errorText: '<html>nope</html>' });
    expect(missing.status).toBe(404);
    expect(bodyOf(missing)).toEqual({ code: 'NOT_FOUND', message: 'The server has no such recording' });
    expect(answerFromUpstream({ status: 401, body: null, headers: headersOf({}) }).status).toBe(401);
    expect(bodyOf(answerFromUpstream({ status: 409, body: null, headers: headersOf({}) })).code).toBe('CONFLICT');
  });

  it('answers 416 with the size, and any other failure of the server as 502', () => {
    const beyond = answerFromUpstream({ status: 416, body: null, headers: headersOf({ 'content-range': 'bytes */5000' }) });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe('bytes */5000');
    for (const status of [500, 503, 400, 302]) {
      const failed = answerFromUpstream({ status, body: null, headers: headersOf({}) });
      expect(failed.status).toBe(502);
      expect(bodyOf(failed).message).toBe(`The server failed to send the recording (it answered ${status})`);
    }
    const down = unreachableAnswer('connect ECONNREFUSED 127.0.0.1:9');
    expect(down.status).toBe(502);
    expect(down.headers['content-type']).toMatch(/^application\/json/);
    expect(bodyOf(down)).toEqual({
      code: 'OFFLINE', message: 'The server cannot be reached (connect ECONNREFUSED 127.0.0.1:9); the recording plays again once it answers',
    });
  });

  it('refuses requests another site made', () => {
    expect(isRefusedFetchSite('same-origin')).toBe(false);
    expect(isRefusedFetchSite('none')).toBe(false);
    expect(isRefusedFetchSite(null)).toBe(false);
    expect(isRefusedFetchSite(undefined)).toBe(false);
    expect(isRefusedFetchSite('cross-site')).toBe(true);
    expect(isRefusedFetchSite('same-site')).toBe(true);
  });

  it('reads the token off a local path', () => {
    expect(tokenFromPath('/media/recordings/abc', '/media/recordings/')).toBe('abc');
    expect(tokenFromPath('/media/recordings/', '/media/recordings/')).toBeNull();
    expect(tokenFromPath('/media/recordings/a/b', '/media/recordings/')).toBeNull();
    expect(tokenFromPath('/index.html', '/media/recordings/')).toBeNull();
  });
});
