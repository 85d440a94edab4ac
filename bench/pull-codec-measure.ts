// `npm run bench:pull-codecs`: which compression and wire format the pull should use, measured
// on the real pull answers of agent1's working set (docs/decisions/0028-slow-links.md).
// For every batch of a first sync (5 000 rows, scope=working) it serialises the answer as
// rows (wire 1) and as columns (wire 2), compresses each with gzip and brotli at several
// levels, and on the desktop's side times JSON.parse + decode + the answer's schema. Prints
// JSON: bytes, compression CPU ms (server), decompression + parse ms (desktop), per variant.
// Database: BENCH_DB (default sapa_bench_slowlink; any seeded database works).
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import zlib from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';
import { startServer } from '../src/server/app.js';
import { pullChanges } from '../src/server/sync/pull.js';
import { PullResponse } from '../src/shared/sync.js';
import { PullAnswer, encodeColumns } from '../src/shared/sync-wire.js';
import { databaseUrl } from './databases.js';

const AGENT1 = '00000000-0000-4000-8000-00000000a001';
const DB = process.env.BENCH_DB ?? 'sapa_bench_slowlink';
const MAX_BATCHES = Number(process.env.BENCH_BATCHES ?? 20);

type Codec = { name: string; compress(b: Buffer): Buffer; decompress(b: Buffer): Buffer };
const br = (q: number): Codec => ({
  name: `br-${q}`,
  compress: (b) => zlib.brotliCompressSync(b, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: q, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: b.length,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } }),
  decompress: (b) => zlib.brotliDecompressSync(b),
});
const gzip = (level: number): Codec => ({
  name: `gzip-${level}`, compress: (b) => zlib.gzipSync(b, { level }), decompress: (b) => zlib.gunzipSync(b),
});
const CODECS: Codec[] = [
  { name: 'identity', compress: (b) => b, decompress: (b) => b },
  gzip(1), gzip(4), gzip(6), gzip(9), br(1), br(3), br(4), br(5), br(6), br(9),
];

const server = await startServer({ databaseUrl: databaseUrl(DB) });
try {
  await server.db.query(`UPDATE users SET branch = 'Jakarta Pusat', queues = ARRAY['billing', 'network'] WHERE id = $1`, [AGENT1]);
  const bodies: { rows: Buffer; columns: Buffer }[] = [];
  let cursor = 0;
  let rowCount = 0;
  for (let i = 0; i < MAX_BATCHES; i += 1) {
    const answer = await pullChanges(server.db, { cursor, limit: 5_000 }, { userId: AGENT1, working: true, bound: 50_000 });
    const rows = Buffer.from(JSON.stringify({ ...answer, scope: 'working' }));
    const columns = Buffer.from(JSON.stringify({ ...encodeColumns(answer), scope: 'working' }));
    // The columns answer must decode to exactly what the rows answer parses to.
    const a = PullResponse.parse(JSON.parse(rows.toString()));
    const b = PullAnswer.parse(JSON.parse(columns.toString()));
    if (!isDeepStrictEqual(a, b)) throw new Error(`batch ${i}: columns do not decode to the rows`);
    rowCount += Object.values(answer.changes).reduce((s, l) => s + l.length, 0) + answer.tombstones.length;
    bodies.push({ rows, columns });
    cursor = answer.nextCursor;
    if (!answer.more) break;
  }
  // Warm up the parser and the schema (JIT) so the first variant measured is not penalised.
  for (const body of bodies) {
    PullAnswer.parse(JSON.parse(body.rows.toString()));
    PullAnswer.parse(JSON.parse(body.columns.toString()));
  }
  const results: Record<string, unknown>[] = [];
  for (const format of ['rows', 'columns'] as const) {
    for (const codec of CODECS) {
      let bytes = 0;
      let compressMs = 0;
      let desktopMs = 0;
      for (const body of bodies) {
        const raw = body[format];
        let t = performance.now();
        const packed = codec.compress(raw);
        compressMs += performance.now() - t;
        bytes += packed.length;
        t = performance.now();
        PullAnswer.parse(JSON.parse(codec.decompress(packed).toString()));
        desktopMs += performance.now() - t;
      }
      results.push({
        format, codec: codec.name, bytes, bytesPerRow: Number((bytes / rowCount).toFixed(1)),
        serverCompressMs: Math.round(compressMs), desktopDecodeParseValidateMs: Math.round(desktopMs),
        secondsAt1Mbit: Number(((bytes * 8) / 1_000_000).toFixed(1)),
      });
    }
  }
  process.stdout.write(`${JSON.stringify({
    pullCodecs: { nproc: cpus().length, database: DB, batches: bodies.length, rows: rowCount, results },
  }, null, 2)}\n`);
} finally {
  await server.close();
}
process.exit(0);
