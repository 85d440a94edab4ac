// npm run seed -- --customers N [--seed 42] [--interactions-mean 10]
// Uses DATABASE_URL, else the PGlite data folder SAPA_DATA_DIR (default .data/server).
// Refuses unless SAPA_DEMO=1: the demo users it writes have public passwords (demo-gate.ts).
import { parseArgs } from 'node:util';
import pino from 'pino';
import { openDb } from '../db/open.js';
import { DEMO_REFUSED, demoFlagSet } from './demo-gate.js';
import { seedDemo } from './seed-demo.js';

const log = pino({ name: 'seed' });
const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '300' },
    seed: { type: 'string', default: '42' },
    'interactions-mean': { type: 'string', default: '10' },
  },
});
if (!demoFlagSet()) {
  log.error(DEMO_REFUSED);
  process.exit(2);
}
const customers = Number(values.customers);
const seed = Number(values.seed);
const interactionsMean = Number(values['interactions-mean']);
if (!Number.isInteger(customers) || customers < 1 || !Number.isInteger(seed) || !(interactionsMean >= 0)) {
  log.error('usage: npm run seed -- --customers N [--seed 42] [--interactions-mean 10]');
  process.exit(2);
}
const databaseUrl = process.env.DATABASE_URL;
const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir: process.env.SAPA_DATA_DIR ?? '.data/server' });
const started = Date.now();
try {
  let lastLog = 0;
  await seedDemo(db, {
    customers, seed, interactionsMean,
    onProgress: (done, total) => {
      if (Date.now() - lastLog > 2000 || done === total) {
        lastLog = Date.now();
        log.info({ done, total }, 'seeding');
      }
    },
  });
  log.info({ customers, seconds: (Date.now() - started) / 1000 }, 'seed done');
} catch (err) {
  log.error({ err }, 'seed failed');
  process.exitCode = 1;
} finally {
  await db.close();
}
