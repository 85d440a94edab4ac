// Accept-Encoding → the pull's answer coding (src/server/http/compress.ts), and that the
// compressed bytes decode to the original.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressBody } from '../../../src/server/http/compress.js';

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'], ['', 'identity'], ['   ', 'identity'], ['identity', 'identity'],
    ['gzip', 'gzip'], ['x-gzip', 'gzip'], ['br', 'br'], ['gzip, deflate', 'gzip'], ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'], ['br;q=0.9, gzip;q=0.8', 'br'], ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'], ['*;q=0', 'identity'], ['gzip;q=0, *', 'br'], ['br;q=0, *', 'gzip'], ['deflate, zstd', 'identity'],
    ['BR;Q=1.0', 'br'], ['gzip;q=abc', 'identity'], ['br;q=7', 'br'], [['gzip', 'br'], 'br'], [',,,;;', 'identity'],
  ] as const)('%j → %s', (header, expected) => {
    expect(chooseEncoding(header as string | string[] | undefined)).toBe(expected);
  });
});

describe('compressBody', () => {
  const body = Buffer.from(JSON.stringify({ rows: Array.from({ length: 500 }, (_, i) => ({ id: i, nama: `Pelanggan ${i} ✓` })) }));
  it('br and gzip decode to the same bytes and are much smaller', async () => {
    const br = await compressBody(body, 'br');
    const gz = await compressBody(body, 'gzip');
    expect(zlib.brotliDecompressSync(br).equals(body)).toBe(true);
    expect(zlib.gunzipSync(gz).equals(body)).toBe(true);
    expect(br.length).toBeLessThan(body.length / 4);
    expect(gz.length).toBeLessThan(body.length / 4);
    expect(await compressBody(body, 'identity')).toBe(body);
  });
});
