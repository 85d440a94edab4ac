// The working-set scope maintained on write (migration 030, docs/decisions/0030) against
// an oracle: random writes and scope changes (joins and leaves, contacts, cases and
// call-backs opened, reassigned and closed, customers moving branch, an admin changing a
// user's branch or queues, a queue's categories, the clock moving past the 30-day window
// with the sweep), and after each step a desktop that follows its cursor with small pages
// holds exactly the rows of the customers that a from-scratch evaluation of the old rules
// (WORKING_SET_SQL) gives: rows that entered delivered whole, rows that left tombstoned.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Db } from '../../../src/server/db/db.js';
import { openDb } from '../../../src/server/db/open.js';
import { withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { pullChanges } from '../../../src/server/sync/pull.js';
import {
  WORKING_SET_SQL, configureScope, loadWorkingScope, scopeParams, sweepScope,
} from '../../../src/server/sync/working-scope.js';
import { type PullResponse } from '../../../src/shared/sync.js';
import { type TestDatabase, createTestDatabase, forEachDatabase } from '../helpers/databases.js';

const USERS = ['00000000-0000-4000-8000-0000000b0001', '00000000-0000-4000-8000-0000000b0002', '00000000-0000-4000-8000-0000000b0003'];
const CUSTOMERS = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-0000000c000${i + 1}`);
const BRANCHES = ['Medan', 'Bandung', null] as const;
const QUEUES = ['billing', 'network', 'vip', 'general'] as const;
const CATEGORIES = ['billing', 'technical', 'complaint', 'request'] as const;
const SCOPED = ['customers', 'interactions', 'cases', 'notes', 'callbacks'] as const;
type Scoped = typeof SCOPED[number];

const user = fc.integer({ min: 0, max: USERS.length - 1 });
const maybeUser = fc.option(user, { nil: null });
const customer = fc.integer({ min: 0, max: CUSTOMERS.length - 1 });
const branch = fc.constantFrom(...BRANCHES);
const Step = fc.oneof(
  fc.record({ k: fc.constant('join' as const), u: user, c: customer }),
  fc.record({ k: fc.constant('leave' as const), u: user, c: customer }),
  fc.record({ k: fc.constant('contact' as const), u: maybeUser, c: customer, daysAgo: fc.integer({ min: 0, max: 45 }) }),
  fc.record({ k: fc.constant('dropContact' as const), pick: fc.nat() }),
  fc.record({ k: fc.constant('openCase' as const), u: maybeUser, c: customer, cat: fc.constantFrom(...CATEGORIES), daysAgo: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ k: fc.constant('changeCase' as const), pick: fc.nat(), u: maybeUser, status: fc.constantFrom('open', 'in_progress', 'closed') }),
  fc.record({ k: fc.constant('callback' as const), u: maybeUser, c: customer }),
  fc.record({ k: fc.constant('changeCallback' as const), pick: fc.nat(), u: maybeUser, status: fc.constantFrom('open', 'done') }),
  fc.record({ k: fc.constant('note' as const), c: customer }),
  fc.record({ k: fc.constant('moveCustomer' as const), c: customer, branch }),
  fc.record({ k: fc.constant('userScope' as const), u: user, branch, queues: fc.subarray([...QUEUES]) }),
  fc.record({ k: fc.constant('queue' as const), code: fc.constantFrom(...QUEUES), active: fc.boolean(), cats: fc.subarray([...CATEGORIES]) }),
  fc.record({ k: fc.constant('tick' as const), days: fc.integer({ min: 1, max: 20 }) }),
);
type Step = typeof Step extends fc.Arbitrary<infer T> ? T : never;

/** A desktop's cache reduced to what matters here: id → version per table. */
class Desktop {
  cursor = 0;
  readonly rows = new Map<Scoped, Map<string, number>>(SCOPED.map((t) => [t, new Map()]));
  constructor(readonly userId: string) {}
  apply(res: PullResponse): void {
    for (const t of SCOPED) {
      const table = this.rows.get(t)!;
      for (const r of res.changes[t] as readonly { id: string; version: number }[]) {
        if ((table.get(r.id) ?? -1) < r.version) table.set(r.id, r.version);
      }
    }
    for (const ts of res.tombstones) {
      const table = this.rows.get(ts.table as Scoped);
      const held = table?.get(ts.id);
      if (held !== undefined && held <= ts.version) table!.delete(ts.id);
      // As the real cache: a customer going takes its dependents with it.
      if (ts.table === 'customers' && held !== undefined && held <= ts.version) {
        for (const t of SCOPED) if (t !== 'customers') for (const [id, owner] of this.owners(t)) if (owner === ts.id) this.rows.get(t)!.delete(id);
      }
    }
    this.cursor = res.nextCursor;
  }
  /** Filled by the test from the server (the model does not keep customer ids per row). */
  owners: (t: Scoped) => Map<string, string> = () => new Map();
  snapshot(): Record<Scoped, [string, number][]> {
    return Object.fromEntries(SCOPED.map((t) => [t, [...this.rows.get(t)!].sort(([a], [b]) => a.localeCompare(b))])) as Record<Scoped, [string, number][]>;
  }
}

forEachDatabase('working-set scope maintained on write vs. the rules (oracle)', (engine) => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = await openDb(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {});
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const reset = async (): Promise<void> => {
    await db.query('DELETE FROM working_sets');
    await db.query('DELETE FROM customers WHERE id = ANY($1::uuid[])', [CUSTOMERS]);
    await db.query('DELETE FROM users WHERE id = ANY($1::uuid[])', [USERS]);
    await db.query('DELETE FROM scope_members');
    await db.query('DELETE FROM tombstones');
    await db.query(`UPDATE scope_settings SET clock_offset = '0', swept_cutoff = now() - interval '30 days'`);
    await db.query(`UPDATE queues SET active = true, case_categories = CASE code
      WHEN 'billing' THEN '{billing}'::text[] WHEN 'network' THEN '{technical}'::text[]
      WHEN 'vip' THEN '{complaint}'::text[] WHEN 'general' THEN '{request}'::text[] ELSE case_categories END`);
    for (const [i, id] of USERS.entries()) {
      await db.query(`INSERT INTO users (id, username, display_name, role, password_hash, branch, queues)
        VALUES ($1, $2, $2, 'agent', 'x', $3, $4)`, [id, `oracle${i}`, BRANCHES[i % 2] ?? null, [QUEUES[i]!]]);
    }
    for (const [i, id] of CUSTOMERS.entries()) {
      await db.query(`INSERT INTO customers (id, customer_no, full_name, tier, branch) VALUES ($1, $2, $2, 'regular', $3)`,
        [id, `ORC-${i}`, BRANCHES[i % 3] ?? null]);
    }
  };

  const pick = async (table: 'interactions' | 'cases' | 'callbacks', n: number): Promise<string | null> => {
    const rows = await db.query<{ id: string }>(`SELECT id::text AS id FROM ${table} WHERE customer_id = ANY($1::uuid[]) ORDER BY id`, [CUSTOMERS]);
    return rows.length ? rows[n % rows.length]!.id : null;
  };
  const at = (daysAgo: number) => `sapa_scope_now() - make_interval(hours => ${daysAgo * 24 + 12})`;

  const run = async (s: Step): Promise<void> => {
    const uid = (u: number | null) => (u === null ? null : USERS[u]!);
    switch (s.k) {
      case 'join': await db.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [USERS[s.u]!, CUSTOMERS[s.c]!]); break;
      case 'leave': await db.query('DELETE FROM working_sets WHERE user_id = $1 AND customer_id = $2', [USERS[s.u]!, CUSTOMERS[s.c]!]); break;
      case 'contact':
        await db.query(`INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id)
          VALUES ($1, $2, 'call_in', 'inbound', ${at(s.daysAgo)}, $3)`, [randomUUID(), CUSTOMERS[s.c]!, uid(s.u)]);
        break;
      case 'dropContact': { const id = await pick('interactions', s.pick); if (id) await db.query('DELETE FROM interactions WHERE id = $1', [id]); break; }
      case 'openCase':
        await db.query(`INSERT INTO cases (id, case_no, customer_id, category, subject, priority, status, opened_at, sla_due_at, assignee_id)
          VALUES ($1, $2, $3, $4, 'uji', 'normal', 'open', ${at(s.daysAgo)}, now() + interval '1 day', $5)`,
        [randomUUID(), `ORC-${randomUUID()}`, CUSTOMERS[s.c]!, s.cat, uid(s.u)]);
        break;
      case 'changeCase': { const id = await pick('cases', s.pick); if (id) await db.query('UPDATE cases SET status = $2, assignee_id = $3 WHERE id = $1', [id, s.status, uid(s.u)]); break; }
      case 'callback':
        await db.query(`INSERT INTO callbacks (id, customer_id, due_at, assignee_id, created_at) VALUES ($1, $2, now() + interval '1 hour', $3, now())`,
          [randomUUID(), CUSTOMERS[s.c]!, uid(s.u)]);
        break;
      case 'changeCallback': { const id = await pick('callbacks', s.pick); if (id) await db.query('UPDATE callbacks SET status = $2, assignee_id = $3 WHERE id = $1', [id, s.status, uid(s.u)]); break; }
      case 'note': await db.query(`INSERT INTO notes (id, customer_id, body, created_at) VALUES ($1, $2, 'n', now())`, [randomUUID(), CUSTOMERS[s.c]!]); break;
      case 'moveCustomer': await db.query('UPDATE customers SET branch = $2 WHERE id = $1', [CUSTOMERS[s.c]!, s.branch]); break;
      case 'userScope': await db.query('UPDATE users SET branch = $2, queues = $3 WHERE id = $1', [USERS[s.u]!, s.branch, s.queues]); break;
      case 'queue': await db.query('UPDATE queues SET active = $2, case_categories = $3 WHERE code = $1', [s.code, s.active, s.cats]); break;
      case 'tick':
        await withWriteTransaction(db, (tx) => tx.query('UPDATE scope_settings SET clock_offset = clock_offset + make_interval(days => $1::int)', [s.days]));
        await sweepScope(db);
        break;
    }
  };

  /** From scratch: the old rules at the scope's clock, and every row of those customers. */
  const oracle = async (userId: string, bound = 50_000): Promise<Record<Scoped, [string, number][]>> => {
    const params = scopeParams(await loadWorkingScope(db, userId, { recentDays: 30, bound }));
    const sql = WORKING_SET_SQL.replaceAll('now()', 'sapa_scope_now()');
    const ids = (await db.query<{ customer_id: string }>(
      `SELECT s.customer_id::text AS customer_id FROM ${sql} AS s WHERE $1::bigint = $2::bigint`, [0, 0, ...params])).map((r) => r.customer_id);
    const out = {} as Record<Scoped, [string, number][]>;
    for (const t of SCOPED) {
      const key = t === 'customers' ? 'id' : 'customer_id';
      const rows = await db.query<{ id: string; version: number }>(
        `SELECT id::text AS id, version FROM ${t} WHERE ${key} = ANY($1::uuid[]) ORDER BY id`, [ids]);
      out[t] = rows.map((r) => [r.id, Number(r.version)] as [string, number]).sort(([a], [b]) => a.localeCompare(b));
    }
    return out;
  };

  const owners = async (t: Scoped): Promise<Map<string, string>> => {
    if (t === 'customers') return new Map();
    const rows = await db.query<{ id: string; customer_id: string }>(`SELECT id::text AS id, customer_id::text AS customer_id FROM ${t}`);
    return new Map(rows.map((r) => [r.id, r.customer_id]));
  };

  const follow = async (d: Desktop, bound?: number): Promise<void> => {
    const known = new Map<Scoped, Map<string, string>>();
    for (const t of SCOPED) known.set(t, await owners(t));
    d.owners = (t) => known.get(t)!;
    // One pass, as the desktop makes it: its start and the lowest head of its answers so far
    // (customers entering that the pass already served are not sent again whole).
    const from = d.cursor;
    let head: number | null = null;
    for (let i = 0; i < 500; i += 1) {
      const pass = head === null ? undefined : { from, head };
      const res = await pullChanges(db, { cursor: d.cursor, limit: 4 }, { userId: d.userId, working: true, recentDays: 30, bound, pass });
      head = Math.min(head ?? res.headVersion, res.headVersion);
      d.apply(res);
      if (!res.more) return;
    }
    throw new Error('the pull did not reach the head');
  };

  it('a cursor-following desktop holds exactly the rules\' customers and their rows after every step', async () => {
    await configureScope(db, { recentDays: 30 });
    await fc.assert(fc.asyncProperty(fc.array(Step, { minLength: 1, maxLength: 25 }), async (steps) => {
      await reset();
      // Two desktops: one synced from the start, one that first syncs at the end.
      const early = new Desktop(USERS[0]!);
      const other = new Desktop(USERS[1]!);
      await follow(early);
      await follow(other);
      for (const [i, s] of steps.entries()) {
        await run(s);
        await follow(early);
        if (i % 3 === 0) await follow(other);
        expect(early.snapshot(), `after step ${i} ${JSON.stringify(s)}`).toEqual(await oracle(early.userId));
      }
      await follow(other);
      expect(other.snapshot()).toEqual(await oracle(other.userId));
      const late = new Desktop(USERS[2]!);
      await follow(late);
      expect(late.snapshot()).toEqual(await oracle(late.userId));
    }), { numRuns: engine === 'pglite' ? 40 : 25 });
  }, 600_000);

  it('the branch and queue rules are capped at the bound: writes add uncapped, the sweep trims to the rules\' top', async () => {
    await configureScope(db, { recentDays: 30, ruleBound: 2 });
    try {
      await reset();
      const d = new Desktop(USERS[0]!);
      // USERS[0] works in Medan (customers 0 and 3) with the billing queue.
      await follow(d, 2);
      const contact = (c: number, daysAgo: number) => run({ k: 'contact', u: null, c, daysAgo });
      await contact(0, 5);
      await contact(3, 2);
      await run({ k: 'openCase', u: null, c: 1, cat: 'billing', daysAgo: 1 });
      await follow(d, 2);
      // Three rule customers: one over the bound until the sweep.
      expect(d.snapshot().customers.map(([id]) => id).sort()).toEqual([CUSTOMERS[0], CUSTOMERS[1], CUSTOMERS[3]].sort());
      await sweepScope(db);
      await follow(d, 2);
      expect(d.snapshot()).toEqual(await oracle(USERS[0]!, 2));
      expect(d.snapshot().customers.map(([id]) => id).sort()).toEqual([CUSTOMERS[1], CUSTOMERS[3]].sort());
      // A join is no rule customer: not capped.
      await run({ k: 'join', u: 0, c: 0 });
      await sweepScope(db);
      await follow(d, 2);
      expect(d.snapshot()).toEqual(await oracle(USERS[0]!, 2));
      expect(d.snapshot().customers).toHaveLength(3);
    } finally {
      await configureScope(db, { recentDays: 30 });
    }
  });
});
