// Compressed answers for the routes that move bulk rows (the sync pull), with node:zlib
// alone (docs/decisions/0028-slow-links.md: measured on the real pull answers, brotli at
// quality 4 gave the best bytes for its CPU; gzip at level 4 is for clients without br).
// The client's Accept-Encoding chooses (q-values honoured, `identity` or nothing: plain);
// answers under one TCP segment stay plain, where compression cannot save a packet.
// Compression runs on libuv's thread pool (the async zlib calls), not on the event loop.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { type onSendAsyncHookHandler } from 'fastify';

export const COMPRESS_MIN_BYTES = 1_400;
export const BROTLI_QUALITY = 4;
export const GZIP_LEVEL = 4;

export type Encoding = 'br' | 'gzip' | 'identity';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * The encoding to answer with, from an Accept-Encoding header (RFC 9110 §12.5.3): the
 * accepted coding of highest q; on a tie br before gzip. `*` stands for any coding not named.
 */
export function chooseEncoding(header: string | string[] | undefined): Encoding {
  const text = Array.isArray(header) ? header.join(',') : header ?? '';
  if (!text.trim()) return 'identity';
  const q = new Map<string, number>();
  for (const part of text.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
  }
  const weight = (coding: string): number => q.get(coding) ?? (coding === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).map((c) => ({ c, w: weight(c) })).filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w)[0];
  return best?.c ?? 'identity';
}

export async function compressBody(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') {
    return brotli(body, { params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    } });
  }
  if (encoding === 'gzip') return gzip(body, { level: GZIP_LEVEL });
  return body;
}

/** An onSend hook for a route: compresses its answer as the client accepts. */
export const compressAnswer: onSendAsyncHookHandler<unknown> = async (request, reply, payload) => {
  // Every answer of the route varies by the header, compressed or not (shared caches).
  reply.header('vary', 'accept-encoding');
  if (reply.hasHeader('content-encoding')) return payload;
  const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
  if (!body || body.length < COMPRESS_MIN_BYTES) return payload;
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding === 'identity') return payload;
  const packed = await compressBody(body, encoding);
  reply.header('content-encoding', encoding);
  reply.removeHeader('content-length');
  return packed;
};
