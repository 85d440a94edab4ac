// Working set on PostgreSQL: a desktop with workingSetLimit replicates only the customers
// it opened plus the server's rules, keeps at most the limit (least recently used go, and
// leave the server's set too), and its cache equals the server's view of its scope.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncWorld, waitFor, type Desktop, type SyncWorld } from './harness.js';
import { openTestCache } from '../../support/desktop-key.js';

const LIMIT = 4;
let world: SyncWorld;
let d: Desktop;
let agentId: string;

beforeAll(async () => {
  world = await createSyncWorld(30);
  const server = await world.startServerInstance();
  d = await world.newDesktop([server.url], { syncIntervalSeconds: 3600, workingSetLimit: LIMIT });
  const user = await d.core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  agentId = user.id;
  // Nothing assigned to agent1 and no recent own contacts: only opened customers count.
  await server.db.query('UPDATE interactions SET agent_id = NULL WHERE agent_id = $1', [agentId]);
  await server.db.query('UPDATE cases SET assignee_id = NULL WHERE assignee_id = $1', [agentId]);
  await d.core.call('sync.now', {});
});

afterAll(async () => world?.close());

const cachedIds = (): string[] => {
  const db = openTestCache(d.dir, { readonly: true });
  try {
    return (db.prepare('SELECT id FROM customers ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
};

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await d.core.call('sync.now', {});
}

describe('working set', () => {
  it('counts the join of an opened customer as waiting at once (the status event, not the next run)', async () => {
    const server = world.servers[0]!;
    const [fresh] = await server.db.query<{ id: string }>('SELECT id::text AS id FROM customers ORDER BY customer_no DESC LIMIT 1');
    const seen: number[] = [];
    const off = d.core.on('sync.status', (s) => seen.push(s.pending));
    try {
      const before = (await d.core.call('sync.status', {})).pending;
      await d.core.call('customers.get360', { customerId: fresh!.id });
      // Published synchronously with the join, before any sync run could push it.
      expect(seen).toContain(before + 1);
    } finally {
      off();
    }
    await settle();
  });

  it('replicates opened customers only, at most the limit, evicting the least recently used', async () => {
    const server = world.servers[0]!;
    const all = await server.db.query<{ id: string }>('SELECT id::text AS id FROM customers ORDER BY customer_no LIMIT 6');
    for (const { id } of all) {
      await d.core.call('customers.get360', { customerId: id });
      await settle();
    }
    const opened = all.map((c) => c.id);
    // This desktop syncs only when told (interval of an hour): a sync the loaded server turned
    // away (busy) leaves the joins in the outbox, so each look at the server syncs again first.
    await waitFor('server set follows', async () => {
      await d.core.call('sync.now', {});
      const rows = await server.db.query<{ customer_id: string }>('SELECT customer_id::text AS customer_id FROM working_sets WHERE user_id = $1', [agentId]);
      return rows.length === LIMIT;
    }, 30_000);
    const cached = cachedIds();
    expect(cached.length).toBeLessThanOrEqual(LIMIT);
    expect([...cached].sort()).toEqual(opened.slice(-LIMIT).sort());
    const rows = await server.db.query<{ customer_id: string }>('SELECT customer_id::text AS customer_id FROM working_sets WHERE user_id = $1', [agentId]);
    expect(rows.map((r) => r.customer_id).sort()).toEqual(opened.slice(-LIMIT).sort());

    // A note by someone else on a customer in the set arrives; one outside it does not.
    const inSet = opened.at(-1)!;
    const outside = opened[0]!;
    await server.db.query(
      `INSERT INTO notes (id, customer_id, body, created_at) VALUES (gen_random_uuid(), $1, 'di dalam', now()), (gen_random_uuid(), $2, 'di luar', now())`,
      [inSet, outside]);
    await settle();
    const notes = (await d.core.call('notes.list', { customerId: inSet })).notes.map((n) => n.body);
    expect(notes).toContain('di dalam');
    expect((await d.core.call('notes.list', { customerId: outside })).notes).toEqual([]);

    // The cache equals the server's view of this desktop's scope.
    const scopeHash = async () => {
      const hash = createHash('sha256');
      const ids = rows.map((r) => r.customer_id).sort();
      for (const table of ['customers', 'interactions', 'notes'] as const) {
        const col = table === 'customers' ? 'id' : 'customer_id';
        const rs = await server.db.query<{ id: string; version: number }>(
          `SELECT id::text AS id, version FROM ${table} WHERE ${col} = ANY($1::uuid[]) ORDER BY id::text COLLATE "C"`, [ids]);
        for (const r of rs) hash.update(`${table}:${r.id}:${r.version}\n`);
      }
      return hash.digest('hex');
    };
    const localHash = () => {
      const db = openTestCache(d.dir, { readonly: true });
      try {
        const hash = createHash('sha256');
        for (const table of ['customers', 'interactions', 'notes'] as const) {
          for (const r of db.prepare(`SELECT id, version FROM ${table} ORDER BY id`).all() as { id: string; version: number }[]) {
            hash.update(`${table}:${r.id}:${r.version}\n`);
          }
        }
        return hash.digest('hex');
      } finally {
        db.close();
      }
    };
    expect(localHash()).toBe(await scopeHash());
  });
});
