// `npm run bench:peak`: a 30-minute simulated peak of the contact center on the real router
// and a real PostgreSQL database (bench/peak-sim/), printed as JSON (progress on stderr).
// Scenarios (BENCH_PEAK_SCENARIOS, "callsPerSecond x agents", comma separated):
//   3x200   the peak: 3 calls/s ≈ 450 Erlangs of talk offered to 200 agents — the
//           queue grows and callers give up; the figures say how the router behaves then;
//   1x200   the load 200 agents can carry (≈ 165 Erlangs with wrap-up): the service level
//           the same floor gives when it is staffed for its traffic.
// The demo customers are seeded once (`sapa_bench_peak_seed`); each scenario runs in a copy
// of it (`sapa_bench_peak`), both dropped afterwards, with the same seeded draws. BENCH_PEAK_MINUTES (30) sets the arrival window,
// BENCH_PEAK_CUSTOMERS (5000) the customers on file.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { draws, PEAK_MODEL } from './peak-sim/model.js';
import { callers, dropDatabase, freshDatabase, seedAgents, seedCustomers, seedLastAgents } from './peak-sim/fixtures.js';
import { runPeak } from './peak-sim/simulation.js';

const DB_NAME = 'sapa_bench_peak';
const TEMPLATE_DB = 'sapa_bench_peak_seed';
const MINUTES = Number(process.env.BENCH_PEAK_MINUTES ?? 30);
const CUSTOMERS = Number(process.env.BENCH_PEAK_CUSTOMERS ?? 5_000);
/** 10:00 WIB on a Wednesday: Jakarta's window (07:00–23:00) takes the traffic. */
const START = new Date('2026-12-02T03:00:00Z');
const log = (msg: string) => process.stderr.write(`[bench:peak] ${msg}\n`);

function scenarios(): { callsPerSecond: number; agents: number }[] {
  const spec = process.env.BENCH_PEAK_SCENARIOS ?? '3x200,1x200';
  return spec.split(',').map((s) => {
    const [rate, agents] = s.trim().split('x').map(Number);
    if (!(rate && rate > 0) || !agents || !Number.isInteger(agents)) throw new Error(`BENCH_PEAK_SCENARIOS: "${s}" is not <callsPerSecond>x<agents>`);
    return { callsPerSecond: rate, agents };
  });
}

/** The customers, seeded once into a template every scenario's database is copied from. */
async function seededTemplate(): Promise<void> {
  log(`seeding ${CUSTOMERS} customers into ${TEMPLATE_DB}…`);
  const db = await freshDatabase(TEMPLATE_DB);
  try { await seedCustomers(db, CUSTOMERS, START); } finally { await db.close(); }
}

async function scenario(callsPerSecond: number, agents: number) {
  log(`scenario ${callsPerSecond} calls/s, ${agents} agents…`);
  const db = await freshDatabase(DB_NAME, TEMPLATE_DB);
  try {
    const d = draws(20261202);
    const customers = await callers(db);
    const floor = await seedAgents(db, agents, d);
    await seedLastAgents(db, floor, START, d);
    const model = { ...PEAK_MODEL, callsPerSecond };
    log(`  simulating ${MINUTES} minutes…`);
    const figures = await runPeak({ db, agents: floor, customers, model, draws: d, start: START, windowSec: MINUTES * 60, log });
    return { callsPerSecond, agents, offeredErlangsTalk: callsPerSecond * model.talkMeanSec, ...figures };
  } finally {
    await db.close();
    await dropDatabase(DB_NAME);
  }
}

const started = performance.now();
const results = [];
await seededTemplate();
try {
  for (const s of scenarios()) results.push(await scenario(s.callsPerSecond, s.agents));
} finally {
  await dropDatabase(TEMPLATE_DB);
}
const out = {
  bench: 'peak-sim',
  simulatedMinutes: MINUTES,
  model: PEAK_MODEL,
  serviceLevelThresholdSec: 20,
  scenarios: results,
  wallSeconds: Math.round((performance.now() - started) / 100) / 10,
  cores: os.availableParallelism(),
  loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  node: process.version,
};
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
