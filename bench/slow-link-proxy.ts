// The slow-link bench's line (slow-link-bench.ts) in its own process, so that the desktop's
// SQLite work never holds the line's timers: `node --import tsx bench/slow-link-proxy.ts
// <upstreamPort> <bitsPerSecond> <roundTripMs>` prints `READY <port>`, then answers each
// `stats` line on stdin with the proxy's counters as one JSON line.
import { createInterface } from 'node:readline';
import { startFaultProxy } from '../tests/faults/fault-proxy.js';

const [upstream, bits, rtt] = process.argv.slice(2).map(Number);
const proxy = await startFaultProxy(upstream!);
proxy.set('pass', { line: { bitsPerSecond: bits!, latencyMs: rtt! } });
process.stdout.write(`READY ${proxy.port}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'stats') return;
  const { requests, ...counts } = proxy.stats();
  const firstPull = requests.findIndex((r) => r.startsWith('GET /api/v1/sync/pull'));
  process.stdout.write(`${JSON.stringify({ ...counts, requests: requests.length, firstPullIndex: firstPull })}\n`);
});
process.stdin.on('end', () => void proxy.close().then(() => process.exit(0)));
