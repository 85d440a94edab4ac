// npm run bench:monitor — listen start time: the lead's click on "Listen" on the live floor →
// the first audio packet of the monitor call at the lead's page (getStats inbound-rtp), through
// the real stack (server, Kamailio, both desktops' renderers in Chromium, the agent's mix).
// The figures are taken inside tests/sip/monitor.spec.ts, which runs in its network namespace
// (scripts/kamailio-tests.sh) and writes every sample to test-results/monitor-start.json; a
// separate bench world would repeat that spec's whole set-up (a customer call, a team, two
// desktops). BENCH_MONITOR_STARTS (default 20) listen starts after the first (stop, start
// again on the same call). Prints JSON on stdout; the spec's own output goes to stderr.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentiles } from './stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const starts = Number(process.env.BENCH_MONITOR_STARTS ?? '20');
const run = spawnSync('bash', ['scripts/kamailio-tests.sh', 'tests/sip/monitor.spec.ts', '--grep', 'a lead listens'], {
  cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, SAPA_MONITOR_STARTS: String(starts) },
});
if (run.status !== 0) {
  process.stderr.write(`the monitor spec failed (exit ${run.status ?? run.signal})\n`);
  process.exit(1);
}
const { samplesMs } = JSON.parse(readFileSync(path.join(ROOT, 'test-results/monitor-start.json'), 'utf8')) as { samplesMs: number[] };
// The first start of the page also opens the lead's microphone and WebAudio for the first time.
const [first, ...again] = samplesMs;
process.stdout.write(`${JSON.stringify({
  listenStartMs: { first: first ?? null, ...percentiles(again) },
  all: percentiles(samplesMs),
  targetMs: 1500,
}, null, 2)}\n`);
