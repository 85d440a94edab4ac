// The fleet simulator's database: demo customers (src/server/seed) spread over `branches`
// synthetic branches, and one real agent user per simulated desktop (argon2id password,
// signed in over HTTP by the desktops), `desktops / branches` to a branch, plus one writer
// user per branch whose pushes are the fleet's writes. A few agents also work a queue
// (cases of its category from every branch), as back-office agents do.
// Made once and reused by later runs with the same shape (seeding takes a minute);
// `--fresh` rebuilds it.
import { type Db } from '../../src/server/db/db.js';
import { openDb } from '../../src/server/db/open.js';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { seedDemo } from '../../src/server/seed/seed-demo.js';
import { withWriteTransaction } from '../../src/server/db/write-transaction.js';
import { databaseUrl, ensureDatabase } from '../databases.js';

export const FLEET_PASSWORD = 'fleet-agent-pass';
/** Queues worked by the queue agents (migration 014's codes), round-robin. */
const QUEUES = ['billing', 'network', 'vip'];

export interface FleetShape { customers: number; desktops: number; branches: number; queueAgents: number; interactionsMean: number }
export interface FleetUser { username: string; branch: string }

export const branchName = (i: number): string => `Cabang ${String(i + 1).padStart(3, '0')}`;
export const agentName = (i: number): string => `fleet.agent${String(i).padStart(5, '0')}`;
export const writerName = (b: number): string => `fleet.writer${String(b).padStart(3, '0')}`;

/** Desktop i works in branch i mod branches; every (desktops/queueAgents)-th one also works a queue. */
export function agentPlan(shape: FleetShape): { username: string; branch: string; queues: string[] }[] {
  const every = shape.queueAgents > 0 ? Math.max(1, Math.floor(shape.desktops / shape.queueAgents)) : 0;
  return Array.from({ length: shape.desktops }, (_, i) => ({
    username: agentName(i), branch: branchName(i % shape.branches),
    queues: every > 0 && i % every === every - 1 && Math.floor(i / every) < shape.queueAgents ? [QUEUES[Math.floor(i / every) % QUEUES.length]!] : [],
  }));
}

async function shapeMatches(db: Db, shape: FleetShape): Promise<boolean> {
  const [r] = await db.query<{ customers: number; agents: number; writers: number; branches: number }>(
    `SELECT (SELECT count(*)::int FROM customers) AS customers,
            (SELECT count(*)::int FROM users WHERE username LIKE 'fleet.agent%') AS agents,
            (SELECT count(*)::int FROM users WHERE username LIKE 'fleet.writer%' AND role = 'lead') AS writers,
            (SELECT count(DISTINCT branch)::int FROM customers WHERE branch LIKE 'Cabang %') AS branches`);
  return r?.customers === shape.customers && r.agents === shape.desktops && r.writers === shape.branches && r.branches === shape.branches;
}

/** Makes (or reuses) the database; answers its URL. */
export async function prepareFleetDatabase(name: string, shape: FleetShape, fresh: boolean, log: (m: string) => void): Promise<string> {
  const url = databaseUrl(name);
  await ensureDatabase(name, 0, fresh);
  let db = await openDb({ databaseUrl: url });
  try {
    if (await shapeMatches(db, shape)) {
      log(`reusing ${name} (${shape.customers} customers, ${shape.desktops} agents in ${shape.branches} branches)`);
      return url;
    }
  } finally {
    await db.close();
  }
  await ensureDatabase(name, Number.MAX_SAFE_INTEGER, true);
  db = await openDb({ databaseUrl: url });
  try {
    const t0 = Date.now();
    log(`seeding ${shape.customers} customers (≈ ${shape.interactionsMean} contacts each)…`);
    await seedDemo(db, { customers: shape.customers, interactionsMean: shape.interactionsMean, seed: 16 });
    // Synthetic branches, each customer in one (a telco has many more branches than the
    // demo's twelve cities; a branch's agents all hold its recently active customers).
    await withWriteTransaction(db, (tx) => tx.query(`UPDATE customers SET branch = 'Cabang ' || lpad(((abs(hashtext(id::text)) % $1) + 1)::text, 3, '0')`, [shape.branches]));
    log(`customers seeded in ${Math.round((Date.now() - t0) / 1000)} s; adding ${shape.desktops} agents and ${shape.branches} writers…`);
    const hash = await hashPassword(FLEET_PASSWORD);
    const users = [
      ...agentPlan(shape).map((u) => ({ ...u, role: 'agent', display: `Fleet ${u.username.slice(6)}` })),
      // Writers are team leads: they may move any case of the branch (cases.manageAny).
      ...Array.from({ length: shape.branches }, (_, b) => ({ username: writerName(b), branch: branchName(b), queues: [] as string[], role: 'lead', display: `Fleet writer ${b}` })),
    ];
    // Each user's insert computes its working set (migration 030's row trigger): chunks keep
    // the transactions short.
    for (let i = 0; i < users.length; i += 100) {
      const chunk = users.slice(i, i + 100);
      await withWriteTransaction(db, (tx) => tx.query(
        `INSERT INTO users (id, username, display_name, role, password_hash, branch, queues)
         SELECT gen_random_uuid(), u, d, r, $4, b, CASE WHEN q = '' THEN '{}'::text[] ELSE ARRAY[q] END
           FROM unnest($1::text[], $2::text[], $3::text[], $5::text[], $6::text[]) AS t(u, d, b, q, r)`,
        [chunk.map((u) => u.username), chunk.map((u) => u.display), chunk.map((u) => u.branch), hash, chunk.map((u) => u.queues[0] ?? ''), chunk.map((u) => u.role)]));
    }
    await db.query('ANALYZE');
    log(`database ready in ${Math.round((Date.now() - t0) / 1000)} s`);
  } finally {
    await db.close();
  }
  return url;
}
