// The peak's world, made fresh in a database of its own: the schema (every migration), the
// demo customers (their tiers, VVIPs, complaints and tenure come from the seed), the four
// seeded hotline queues with skills required, and the agents as a floor would staff them —
// each works two or three queues with skill levels 1–5, has an extension, and sits at the
// Jakarta site, whose schedule window (07:00–23:00 WIB) covers the simulated hour.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createPgDb } from '../../src/server/db/pg-db.js';
import { type Db } from '../../src/server/db/db.js';
import { migrate } from '../../src/server/db/migrate.js';
import { withWriteTransaction } from '../../src/server/db/write-transaction.js';
import { seedDemo } from '../../src/server/seed/seed-demo.js';
import { databaseUrl } from '../databases.js';
import { type Draws } from './model.js';

const ADMIN_URL = process.env.SAPA_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const SITE = 'jakarta';
const BRANCH = 'Bench Jakarta';

/** The seeded hotlines (migration 017) and the skill each queue needs. */
export const QUEUES = [
  { code: 'general', hotline: '1500123', skill: null },
  { code: 'billing', hotline: '1500124', skill: 'billing' },
  { code: 'network', hotline: '1500125', skill: 'network' },
  { code: 'vip', hotline: '1500126', skill: 'vip' },
] as const;

export interface SimAgent { id: string; extension: string; queues: string[] }
export interface SimCustomer { phone: string; vvip: boolean }

/** A new database: migrated, or a copy of `template` (made once, so each scenario starts from the same customers). */
export async function freshDatabase(name: string, template?: string): Promise<Db> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const db = createPgDb(databaseUrl(name));
  if (!template) await migrate(db);
  return db;
}

export async function dropDatabase(name: string): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
}

/** Demo customers with one or two interactions each (so some have complaints on file). */
export async function seedCustomers(db: Db, count: number, now: Date): Promise<void> {
  await seedDemo(db, { customers: count, seed: 13, interactionsMean: 1.5, now });
}

/** Every customer's first number and whether they are VVIP: who may call. */
export async function callers(db: Db): Promise<SimCustomer[]> {
  const rows = await db.query<{ e164: string; vvip: boolean }>(
    `SELECT DISTINCT ON (c.id) p.e164, c.vvip FROM customers c JOIN customer_phones p ON p.customer_id = c.id ORDER BY c.id, p.e164`);
  return rows.map((r) => ({ phone: r.e164, vvip: r.vvip }));
}

/**
 * `count` agents. One in twenty works VIP (with general); the rest work general plus billing
 * or network, a quarter of them both. Levels spread 1–5 so the senior-first stage matters.
 */
export async function seedAgents(db: Db, count: number, d: Draws): Promise<SimAgent[]> {
  await db.query(`INSERT INTO branches (code, name, site_code) VALUES ($1, $1, $2) ON CONFLICT (code) DO NOTHING`, [BRANCH, SITE]);
  for (const q of QUEUES) {
    if (!q.skill) continue;
    await db.query('INSERT INTO skills (code, label_id, label_en) VALUES ($1, $1, $1) ON CONFLICT DO NOTHING', [q.skill]);
    await db.query('UPDATE queues SET required_skills = $2::text[] WHERE code = $1', [q.code, [q.skill]]);
  }
  const agents: SimAgent[] = [];
  for (let i = 0; i < count; i++) {
    const queues = i % 20 === 0 ? ['vip', 'general']
      : i % 4 === 1 ? ['general', 'billing', 'network']
        : i % 2 === 0 ? ['general', 'billing'] : ['general', 'network'];
    const id = randomUUID();
    const extension = String(3000 + i);
    await db.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, queues, branch)
       VALUES ($1, $2, $3, 'agent', 'not-a-password-hash', $4::text[], $5)`,
      [id, `peak.agent${i}`, `Agen Puncak ${i}`, queues, BRANCH]);
    await db.query('INSERT INTO agent_extensions (user_id, extension) VALUES ($1, $2)', [id, extension]);
    for (const code of queues) {
      const skill = QUEUES.find((q) => q.code === code)?.skill;
      if (skill) await db.query('INSERT INTO user_skills (user_id, skill_code, level) VALUES ($1, $2, $3)', [id, skill, 1 + Math.floor(d.random() * 5)]);
    }
    agents.push({ id, extension, queues });
  }
  return agents;
}

/** One customer in ten was served by one of these agents in the last weeks: their call prefers that agent. */
export async function seedLastAgents(db: Db, agents: SimAgent[], now: Date, d: Draws): Promise<void> {
  const customers = await db.query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no');
  const ids: string[] = [];
  const agentIds: string[] = [];
  const at: Date[] = [];
  for (const c of customers) {
    if (!d.chance(0.1)) continue;
    ids.push(c.id);
    agentIds.push(agents[Math.floor(d.random() * agents.length)]!.id);
    at.push(new Date(now.getTime() - d.uniform(1, 25) * 86_400_000));
  }
  // Through the sync write lock, as every write of synced rows goes (their version stamps).
  await withWriteTransaction(db, (tx) => tx.query(
    `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, subject)
     SELECT gen_random_uuid(), c, 'call', 'inbound', s, a, 'Panggilan sebelumnya'
       FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS x(c, a, s)`,
    [ids, agentIds, at]));
}
