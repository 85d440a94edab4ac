// `npm run bench:visits-sync`: a rep's day in the field without a line. A real desktop core
// (cache, outbox, receipt spool) fetches a plan of 40 visits, then its line to the real
// server is cut (a TCP fault proxy) and the rep checks in, reports and checks out of all 40
// and records 20 costs, each with a 150 KB receipt photo. The line returns: timed until every
// check-in, report, check-out, cost and receipt is on the server (each exactly once) and the
// desktop's outbox and spool are empty. Prints one JSON object (progress on stderr).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createSyncWorld, waitFor } from '../tests/integration/sync/harness.js';
import { startFaultProxy } from '../tests/faults/fault-proxy.js';
import { percentiles } from './stats.js';

const VISITS = Number(process.env.BENCH_VISITS ?? 40);
const RECEIPTS = Number(process.env.BENCH_RECEIPTS ?? 20);
const RECEIPT_BYTES = 150 * 1024;
const log = (msg: string) => process.stderr.write(`[bench:visits-sync] ${msg}\n`);

function receiptPhoto(seed: number): string {
  const header = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  const body = Buffer.alloc(RECEIPT_BYTES - header.length);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31 + seed * 17) & 0xff;
  return Buffer.concat([header, body]).toString('base64');
}

async function main(): Promise<void> {
  const world = await createSyncWorld(30);
  try {
    const server = await world.startServerInstance();
    const proxy = await startFaultProxy(Number(new URL(server.url).port));
    const desktop = await world.newDesktop([proxy.url], { syncIntervalSeconds: 2 });
    const core = desktop.core;
    await core.call('auth.login', { username: 'sales1', password: 'sales1-pass' });
    const customers = await server.db.query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no LIMIT 40');
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    log(`planning ${VISITS} visits…`);
    const start = Date.parse(`${day}T01:00:00Z`);
    for (let i = 0; i < VISITS; i++) {
      const at = start + i * 12 * 60_000;
      await core.call('visits.plan', {
        customerId: customers[i % customers.length]!.id, purpose: `Kunjungan ${i + 1}`,
        plannedStart: new Date(at).toISOString(), plannedEnd: new Date(at + 10 * 60_000).toISOString(),
      });
    }
    const plan = await core.call('visits.list', { from: day, to: day, owner: 'mine' });
    if (plan.visits.length !== VISITS) throw new Error(`the plan has ${plan.visits.length} visits`);

    log('offline: the day in the field…');
    proxy.set('drop');
    const writeMs: number[] = [];
    const timed = async (fn: () => Promise<unknown>) => { const t = performance.now(); await fn(); writeMs.push(performance.now() - t); };
    for (const [i, v] of plan.visits.entries()) {
      await timed(() => core.call('visits.checkIn', { visitId: v.id, position: { lat: -6.2 + i / 1000, lng: 106.8, accuracyM: 15 } }));
      await timed(() => core.call('visits.report', { visitId: v.id, result: i % 3 === 0 ? 'follow_up' : 'interested', notes: 'Catatan kunjungan', nextStep: 'Telepon minggu depan' }));
      await timed(() => core.call('visits.checkOut', { visitId: v.id, position: null }));
      if (i < RECEIPTS) {
        await timed(() => core.call('costs.record', {
          visitId: v.id, budget: 'prospecting', category: 'transport', amountIdr: 50_000 + i, spentOn: day,
          receipt: { fileName: `struk-${i}.jpg`, base64: receiptPhoto(i) },
        }));
      }
    }
    const waiting = (await core.call('sync.status', {})).pending;
    const spooled = (await core.call('receipts.pending', {})).count;
    log(`${waiting} changes and ${spooled} receipts waiting; the line returns`);

    const t0 = performance.now();
    proxy.set('pass');
    const counts = async () => (await server.db.query<{ checked_in: number; reported: number; done: number; costs: number; receipts: number }>(
      `SELECT count(*) FILTER (WHERE check_in_at IS NOT NULL)::int AS checked_in, count(*) FILTER (WHERE result IS NOT NULL)::int AS reported,
              count(*) FILTER (WHERE status = 'done')::int AS done,
              (SELECT count(*)::int FROM sales_costs c WHERE c.visit_id IN (SELECT id FROM sales_visits)) AS costs,
              (SELECT count(*)::int FROM sales_receipts) AS receipts
       FROM sales_visits`))[0]!;
    await waitFor('everything on the server', async () => {
      const c = await counts();
      return c.checked_in === VISITS && c.reported === VISITS && c.done === VISITS && c.costs === RECEIPTS && c.receipts === RECEIPTS ? c : undefined;
    }, 300_000, 50);
    const serverMs = performance.now() - t0;
    await waitFor('desktop drained', async () => {
      const s = await core.call('sync.status', {});
      const r = await core.call('receipts.pending', {});
      return s.pending === 0 && r.count === 0 ? true : undefined;
    }, 300_000, 50);
    const drainedMs = performance.now() - t0;
    const final = await counts();
    const p = percentiles(writeMs);
    process.stdout.write(`${JSON.stringify({
      bench: 'visits-sync', machine: { cores: os.cpus().length, loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10) }, visits: VISITS, receipts: RECEIPTS, receiptBytes: RECEIPT_BYTES,
      mutationsWaiting: waiting, receiptsSpooled: spooled,
      offlineWriteMs: p,
      timeToServerMs: Math.round(serverMs), timeToDrainedMs: Math.round(drainedMs),
      mutationsPerSec: Math.round(waiting / (serverMs / 1000)),
      receiptMBPerSec: Math.round((RECEIPTS * RECEIPT_BYTES / 1024 / 1024) / (serverMs / 1000) * 100) / 100,
      onServer: final, exactlyOnce: final.costs === RECEIPTS && final.receipts === RECEIPTS,
    }, null, 2)}\n`);
    await proxy.close();
  } finally {
    await world.close();
  }
}

await main();
