// The working set follows the queues TABLE (src/server/sync/queue-policy.ts), on both
// engines: a queue an admin adds on the Organisation screen brings in customers with an
// open case in its categories; changing its categories changes what the next pull serves;
// a disabled queue brings in nothing.
import { expect, it } from 'vitest';
import { PullResponse } from '../../../src/shared/sync.js';
import { forEachDatabase } from '../helpers/databases.js';
import { type TestServer, useTestServer } from '../helpers/server.js';

const AGENT1 = '00000000-0000-4000-8000-00000000a001';

async function pulled(t: TestServer, token: string): Promise<Set<string>> {
  const customers = new Set<string>();
  let cursor = 0;
  for (;;) {
    const res = await t.api(`/sync/pull?cursor=${cursor}&limit=50000&scope=working`, { token });
    expect(res.status).toBe(200);
    const body = PullResponse.parse(res.body);
    for (const c of body.changes.customers) customers.add(c.id);
    cursor = body.nextCursor;
    if (!body.more) return customers;
  }
}

forEachDatabase('working set from the queues table', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 12, interactionsMean: 1, seed: 5 } });

  it('follows a queue an admin added, its changed categories, and drops it when disabled', async () => {
    const db = t.current.server.db;
    const [a, b] = (await db.query<{ id: string }>('SELECT id::text AS id FROM customers ORDER BY customer_no LIMIT 2')).map((r) => r.id) as [string, string];
    // Neutral ground: nothing brings any customer in but the queue rule.
    await db.query(`UPDATE customers SET branch = 'Elsewhere'`);
    await db.query(`UPDATE cases SET status = 'closed', assignee_id = NULL`);
    await db.query('UPDATE callbacks SET assignee_id = NULL');
    await db.query('UPDATE interactions SET agent_id = NULL');
    await db.query('DELETE FROM working_sets');
    const addCase = (customer: string, category: string, no: string) => db.query(
      `INSERT INTO cases (id, case_no, customer_id, category, subject, priority, status, opened_at, sla_due_at)
       VALUES (gen_random_uuid(), $2, $1, $3, 'uji', 'normal', 'open', now() - interval '2 days', now() + interval '1 day')`, [customer, no, category]);
    await addCase(a, 'warranty', `WQ-${engine}-1`);
    await addCase(b, 'request', `WQ-${engine}-2`);

    const admin = await t.current.login('admin1', 'admin1-pass');
    const api = (method: string, path: string, body: unknown) => t.current.api(path, { method, token: admin, body: JSON.stringify(body) });
    const queue = { labelId: 'Garansi', labelEn: 'Warranty', caseCategories: ['warranty'], active: true };
    expect((await api('POST', '/admin/org/queues', { code: 'warranty', ...queue })).status).toBe(201);
    expect((await api('PUT', `/admin/users/${AGENT1}/scope`, { branch: null, queues: ['warranty'] })).status).toBe(200);
    const agent = await t.current.login('agent1', 'agent1-pass');
    expect([...(await pulled(t.current, agent))]).toEqual([a]);

    expect((await api('PUT', '/admin/org/queues/warranty', { ...queue, caseCategories: ['warranty', 'request'] })).status).toBe(200);
    expect([...(await pulled(t.current, agent))].sort()).toEqual([a, b].sort());

    expect((await api('PUT', '/admin/org/queues/warranty', { ...queue, active: false })).status).toBe(200);
    expect([...(await pulled(t.current, agent))]).toEqual([]);
  });
});
