// Seeds the interactions-browser bench database: 20 teams of 10 agents with a lead each,
// BENCH_BROWSER_CUSTOMERS customers and BENCH_BROWSER_INTERACTIONS interactions (70 % calls,
// 20 % e-mails, 10 % chats, over 180 days), a recording for 60 % of the calls (0.5 % of them
// recovered), each by a random agent (not one tied to the channel by the row number). Bulk INSERT … SELECT generate_series in chunks, as the other benches seed.
import { randomBytes, randomUUID } from 'node:crypto';
import { hashToken } from '../src/server/auth/sessions.js';
import { type Db } from '../src/server/db/db.js';

export const TEAMS = 20;
export const AGENTS_PER_TEAM = 10;
const CHUNK = 100_000;

export interface BenchPeople {
  leadToken: string;
  adminToken: string;
  /** The bench lead's agents; every agent id; every team id. */
  leadAgents: string[];
  agents: string[];
  teams: string[];
}

const DISPOSITIONS = ['resolved', 'info_given', 'complaint_logged', 'callback_promised', 'sale', 'wrong_number', 'no_answer'];

/** Users, teams and sessions (written directly: no argon2 sign-ins). Runs on every bench start. */
export async function benchPeople(db: Db): Promise<BenchPeople> {
  const existing = await db.query<{ id: string }>("SELECT id FROM teams WHERE name LIKE 'Bench team %' ORDER BY name");
  if (existing.length === 0) {
    for (let t = 0; t < TEAMS; t++) {
      const lead = randomUUID();
      const team = randomUUID();
      await db.query(`INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, 'lead', 'x')`,
        [lead, `bench.lead${t}`, `Bench Lead ${t}`]);
      await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3)', [team, `Bench team ${String(t).padStart(2, '0')}`, lead]);
      await db.query(`INSERT INTO users (id, username, display_name, role, password_hash, team_id)
        SELECT gen_random_uuid(), 'bench.agent' || $1::int || '.' || n, 'Bench Agent ' || $1::int || '.' || n, 'agent', 'x', $2
        FROM generate_series(1, ${AGENTS_PER_TEAM}) n`, [t, team]);
    }
  }
  const session = async (username: string) => {
    const token = randomBytes(32).toString('base64url');
    await db.query(`INSERT INTO sessions (token_hash, user_id, expires_at)
      SELECT $1, id, now() + interval '2 hours' FROM users WHERE username = $2`, [hashToken(token), username]);
    return token;
  };
  await db.query(`INSERT INTO users (id, username, display_name, role, password_hash) VALUES (gen_random_uuid(), 'bench.admin', 'Bench Admin', 'admin', 'x')
    ON CONFLICT (username) DO NOTHING`);
  const teams = (await db.query<{ id: string }>("SELECT id FROM teams WHERE name LIKE 'Bench team %' ORDER BY name")).map((r) => r.id);
  const agentsOf = async (where: string, params: string[]) => (await db.query<{ id: string }>(
    `SELECT u.id FROM users u JOIN teams t ON t.id = u.team_id WHERE ${where} ORDER BY u.id`, params)).map((r) => r.id);
  return {
    leadToken: await session('bench.lead0'), adminToken: await session('bench.admin'),
    leadAgents: await agentsOf("t.lead_user_id = (SELECT id FROM users WHERE username = 'bench.lead0')", []),
    agents: await agentsOf("t.name LIKE 'Bench team %'", []), teams,
  };
}

export async function seedInteractions(db: Db, customers: number, interactions: number, log: (m: string) => void): Promise<void> {
  await db.query(`INSERT INTO customers (id, customer_no, full_name, tier, vvip, search_terms)
    SELECT gen_random_uuid(), 'B' || lpad(n::text, 8, '0'), 'Pelanggan Bench ' || n,
      (ARRAY['platinum', 'gold', 'silver', 'regular', 'regular', 'regular'])[1 + n % 6], n % 97 = 0,
      ARRAY['pelanggan', 'bench', n::text, lower('B' || lpad(n::text, 8, '0'))]
    FROM generate_series(1, $1::int) n`, [customers]);
  log(`${customers} customers`);
  // Real tables, not temporary ones: the pool may run each statement on another connection.
  await db.query('DROP TABLE IF EXISTS bench_agents, bench_customers');
  await db.query(`CREATE TABLE bench_agents AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, display_name
    FROM users WHERE username LIKE 'bench.agent%'`);
  await db.query(`CREATE TABLE bench_customers AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM customers`);
  const [{ a = 0, c = 0 } = {}] = await db.query<{ a: number; c: number }>(
    'SELECT (SELECT count(*) FROM bench_agents)::int AS a, (SELECT count(*) FROM bench_customers)::int AS c');
  for (let first = 0; first < interactions; first += CHUNK) {
    const last = Math.min(interactions, first + CHUNK) - 1;
    await db.query(`INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name,
        subject, body, disposition, duration_sec, recording_id, queue_code)
      SELECT gen_random_uuid(), bc.id, x.channel, CASE WHEN x.r2 < 0.8 THEN 'inbound' ELSE 'outbound' END, x.started,
        x.started + make_interval(secs => x.dur), ba.id, ba.display_name, 'Bench ' || x.n,
        CASE WHEN x.channel IN ('email', 'chat') THEN 'Teks interaksi ' || x.n END,
        CASE WHEN x.channel LIKE 'call%' THEN (ARRAY[${DISPOSITIONS.map((d) => `'${d}'`).join(', ')}])[1 + (x.n % ${DISPOSITIONS.length})] END,
        CASE WHEN x.channel LIKE 'call%' THEN x.dur END,
        CASE WHEN x.channel LIKE 'call%' AND x.r2 < 0.6 THEN gen_random_uuid()::text END,
        (ARRAY['billing', 'network', 'vip', 'general'])[1 + (x.n / 7) % 4]
      FROM (SELECT n, random() AS r2, floor(random() * ${a})::int AS ak,
              CASE WHEN n % 10 < 7 THEN (CASE WHEN n % 5 = 0 THEN 'call_out' ELSE 'call_in' END) WHEN n % 10 < 9 THEN 'email' ELSE 'chat' END AS channel,
              now() - make_interval(secs => (random() * 180 * 86400)::int) AS started,
              (20 + random() * 900)::int AS dur
            FROM generate_series($1::int, $2::int) n) x
      JOIN bench_agents ba ON ba.k = x.ak
      JOIN bench_customers bc ON bc.k = (x.n::bigint * 7919) % ${c}`, [first, last]);
    log(`${last + 1} interactions`);
  }
  await db.query(`INSERT INTO recordings (id, agent_id, file_name, size_bytes, duration_ms, recovered, created_at, completed_at)
    SELECT recording_id::uuid, agent_id, recording_id, duration_sec * 4000, duration_sec * 1000, random() < 0.005, started_at, ended_at
    FROM interactions WHERE recording_id IS NOT NULL`);
  log('recordings');
  await db.query('DROP TABLE bench_agents, bench_customers');
  await db.query('ANALYZE');
}
