// The working set's branch and queue rules, on both engines: a `scope=working` pull serves
// customers of the agent's branch with a recent contact and customers with an open case in
// a category of the agent's queues, and no others; the rule set is capped by the desktop's
// bound; a desktop keeps at most its limit (least recently used go first), a cache miss
// joins the set on the server, and a scope change pulls the set again. Scope is set
// through the admin API.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createCore } from '../../../src/main/core/index.js';
import { PullResponse } from '../../../src/shared/sync.js';
import { BUDI_ID } from './harness.js';
import { forEachDatabase } from '../helpers/databases.js';
import { type TestServer, useTestServer } from '../helpers/server.js';
import { desktopKeyFor } from '../../support/desktop-key.js';
import { openTestCache } from '../../support/desktop-key.js';

const AGENT1 = '00000000-0000-4000-8000-00000000a001';

async function pullCustomers(t: TestServer, token: string, bound?: number): Promise<{ customers: Set<string>; users: PullResponse['changes']['users'] }> {
  const customers = new Set<string>();
  const users: PullResponse['changes']['users'] = [];
  let cursor = 0;
  for (;;) {
    const res = await t.api(`/sync/pull?cursor=${cursor}&limit=50000&scope=working${bound ? `&bound=${bound}` : ''}`, { token });
    expect(res.status).toBe(200);
    const body = PullResponse.parse(res.body);
    for (const c of body.changes.customers) customers.add(c.id);
    users.push(...body.changes.users);
    cursor = body.nextCursor;
    if (!body.more) return { customers, users };
  }
}

forEachDatabase('working set scope', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 30, interactionsMean: 2, seed: 11 } });

  it('demo agent1 (branch Jakarta Pusat) has the demo customer in scope, and pulled users carry their scope', async () => {
    const token = await t.current.login('agent1', 'agent1-pass');
    const { customers, users } = await pullCustomers(t.current, token);
    expect(customers.has(BUDI_ID)).toBe(true);
    const me = users.find((u) => u.id === AGENT1);
    expect(me).toMatchObject({ branch: 'Jakarta Pusat', queues: ['billing', 'network'] });
  });

  it('refuses a pull whose pass is half given or starts after the cursor', async () => {
    const token = await t.current.login('agent1', 'agent1-pass');
    const only = await t.current.api('/sync/pull?cursor=5&scope=working&passFrom=0', { token });
    expect(only.status).toBe(400);
    expect(only.text).toContain('passFrom and passHead come together');
    const after = await t.current.api('/sync/pull?cursor=5&scope=working&passFrom=9&passHead=9', { token });
    expect(after.status).toBe(400);
    expect(after.text).toContain('passFrom is after the cursor');
    expect((await t.current.api('/sync/pull?cursor=5&scope=working&passFrom=-1&passHead=3', { token })).status).toBe(400);
    expect((await t.current.api('/sync/pull?cursor=5&scope=working&passFrom=0&passHead=3', { token })).status).toBe(200);
  });

  it('admin API validates and sets a user scope', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    const agent = await t.current.login('agent2', 'agent2-pass');
    const put = (token: string, id: string, body: unknown) =>
      t.current.api(`/admin/users/${id}/scope`, { method: 'PUT', token, body: JSON.stringify(body) });
    expect((await put(agent, AGENT1, { branch: 'Medan', queues: [] })).status).toBe(403);
    const bad = await put(admin, AGENT1, { branch: 'Medan', queues: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('INVALID_INPUT');
    expect((await put(admin, AGENT1, { branch: 'Medan', queues: ['billing', 'billing'] })).status).toBe(400);
    expect((await put(admin, '00000000-0000-4000-8000-0000000fffff', { branch: null, queues: [] })).status).toBe(404);
    const ok = await put(admin, AGENT1, { branch: 'Jakarta Pusat', queues: ['network', 'billing'] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { id: AGENT1, branch: 'Jakarta Pusat', queues: ['billing', 'network'] } });
  });

  it('serves branch customers with a recent contact and queue customers with an open case, no others; bound caps them', async () => {
    const db = t.current.server.db;
    const ids = (await db.query<{ id: string }>('SELECT id::text AS id FROM customers WHERE id <> $1 ORDER BY customer_no LIMIT 4', [BUDI_ID])).map((r) => r.id);
    const [a, b, c, d] = ids as [string, string, string, string];
    // Neutral ground: no branch matches, no open cases, nothing assigned, no own contacts.
    await db.query(`UPDATE customers SET branch = 'Elsewhere'`);
    await db.query(`UPDATE cases SET status = 'closed', assignee_id = NULL`);
    await db.query('UPDATE callbacks SET assignee_id = NULL');
    await db.query('UPDATE interactions SET agent_id = NULL');
    await db.query('DELETE FROM working_sets');
    // a: branch + contact yesterday (in); b: branch, last contact 90 days ago (out);
    // c: other branch, open billing case (in: agent1 has the billing queue); d: open complaint (out).
    await db.query(`UPDATE customers SET branch = 'Jakarta Pusat' WHERE id = ANY($1::uuid[])`, [[a, b]]);
    await db.query(`UPDATE interactions SET started_at = now() - interval '90 days' WHERE customer_id = ANY($1::uuid[])`, [[a, b]]);
    await db.query(`INSERT INTO interactions (id, customer_id, channel, direction, started_at) VALUES (gen_random_uuid(), $1, 'call_in', 'inbound', now() - interval '1 day')`, [a]);
    const addCase = (customer: string, category: string, no: string) => db.query(
      `INSERT INTO cases (id, case_no, customer_id, category, subject, priority, status, opened_at, sla_due_at)
       VALUES (gen_random_uuid(), $2, $1, $3, 'uji', 'normal', 'open', now() - interval '2 days', now() + interval '1 day')`, [customer, no, category]);
    await addCase(c, 'billing', `WS-${engine}-1`);
    await addCase(d, 'complaint', `WS-${engine}-2`);

    const agent1 = await t.current.login('agent1', 'agent1-pass');
    const scope = await pullCustomers(t.current, agent1);
    expect([...scope.customers].sort()).toEqual([a, c].sort());
    // agent2 works the VIP queue (complaints) in Surabaya: only d.
    const agent2 = await t.current.login('agent2', 'agent2-pass');
    expect([...(await pullCustomers(t.current, agent2)).customers]).toEqual([d]);
    // Bound 1: only the most recently active rule customer (a: contact yesterday; c: case 2 days ago).
    expect([...(await pullCustomers(t.current, agent1, 1)).customers]).toEqual([a]);
    // A shorter recent window (server setting) drops a's contact: only the queue rule is left.
    const { pullChanges } = await import('../../../src/server/sync/pull.js');
    const narrow = await pullChanges(db, { cursor: 0, limit: 50_000 }, { userId: AGENT1, working: true, recentDays: 1 });
    expect(narrow.changes.customers.map((x) => x.id)).toEqual([c]);

    // A desktop with a limit of 3: the rule customers arrive; opening three others (cache
    // misses) joins them on the server and evicts the least recently used (never-opened first).
    const dir = await mkdtemp(join(tmpdir(), 'sapa-ws-'));
    const core = createCore({
      dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: [t.current.server.url], appVersion: 'test', host: 'browser', systemLocale: 'id-ID',
      syncIntervalSeconds: 3600, pullLimit: 2000, workingSetLimit: 3,
    });
    try {
      await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
      await core.call('sync.now', {});
      const cached = () => {
        const cache = openTestCache(dir, { readonly: true });
        try {
          return (cache.prepare('SELECT id FROM customers ORDER BY id').all() as { id: string }[]).map((r) => r.id);
        } finally {
          cache.close();
        }
      };
      expect(cached()).toEqual([a, c].sort());
      // The admin adds the VIP queue (complaints): d's case was written long before the
      // desktop's cursor, yet the desktop notices its scope changed and pulls it again.
      const admin = await t.current.login('admin1', 'admin1-pass');
      const put = await t.current.api(`/admin/users/${AGENT1}/scope`, {
        method: 'PUT', token: admin, body: JSON.stringify({ branch: 'Jakarta Pusat', queues: ['billing', 'vip'] }) });
      expect(put.status).toBe(200);
      await core.call('sync.now', {});
      expect(cached()).toEqual([a, c, d].sort());
      const others = (await db.query<{ id: string }>(
        'SELECT id::text AS id FROM customers WHERE NOT (id = ANY($1::uuid[])) ORDER BY customer_no LIMIT 3', [[a, b, c, d]])).map((r) => r.id);
      for (const id of others) {
        const view = await core.call('customers.get360', { customerId: id });
        expect(view.customer.id).toBe(id);
        for (let i = 0; i < 3; i += 1) await core.call('sync.now', {});
      }
      expect(cached()).toEqual([...others].sort());
      const joined = await db.query<{ customer_id: string }>('SELECT customer_id::text AS customer_id FROM working_sets WHERE user_id = $1', [AGENT1]);
      expect(joined.map((r) => r.customer_id).sort()).toEqual([...others].sort());
    } finally {
      await core.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
