// Data minimisation (issue 11, item 2) on both engines: a desktop asking for every customer
// gets only its working set unless an admin allowed its role or the desktop; the setting
// is admin-only and audited; customers opened or listed outside the working set are in
// audit_log (who, which, when, from where); opening more distinct customers outside the
// working set than the hourly limit answers 429 THROTTLED and flags the user to admins.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { PullResponse } from '../../../src/shared/sync.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { insertTestUser } from '../helpers/users.js';
import { withWriteTransaction } from '../../../src/server/db/write-transaction.js';
import { forEachDatabase } from '../helpers/databases.js';
import { type TestServer, useTestServer } from '../helpers/server.js';

type AuditRow = {
  action: string; actor_id: string | null; subject: string | null; details: Record<string, unknown> | null; ip: string | null; at: Date;
};

/** Every customer and receivable id a pull serves from 0, and the scope the server says it served. */
async function pullAll(t: TestServer, token: string, query = '') {
  const customers = new Set<string>();
  const receivableOwners = new Set<string>();
  const scopes = new Set<string | undefined>();
  for (let cursor = 0; ;) {
    const res = await t.api(`/sync/pull?cursor=${cursor}&limit=50000${query}`, { token });
    expect(res.status).toBe(200);
    const body = PullResponse.parse(res.body);
    for (const c of body.changes.customers) customers.add(c.id);
    for (const r of body.changes.receivables) receivableOwners.add(r.customerId);
    scopes.add(body.scope);
    cursor = body.nextCursor;
    if (!body.more) return { customers, receivableOwners, scopes };
  }
}

forEachDatabase('data minimisation', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 30, interactionsMean: 2, seed: 5 } });
  // Fresh agents: no branch, no queues, no contacts, nothing assigned, so their working
  // set is exactly what they join.
  const ids: Record<'probe' | 'reader' | 'busy' | 'racer', string> = { probe: '', reader: '', busy: '', racer: '' };
  let all: string[] = [];
  let admin = '';

  const put = (token: string, body: unknown) => t.current.api('/admin/data-access', { method: 'PUT', token, body: JSON.stringify(body) });
  const settings = { fullReplicationRoles: [], fullReplicationDevices: [], lookupLimitPerHour: 60 };
  const audits = (action: string, actor: string) => t.current.server.db.query<AuditRow>(
    'SELECT action, actor_id, subject, details, ip, at FROM audit_log WHERE action = $1 AND actor_id = $2 ORDER BY id', [action, actor]);
  const join = (token: string, customerId: string) => t.current.api('/sync/push', {
    method: 'POST', token, body: JSON.stringify({
      clientId: randomUUID(),
      mutations: [{ id: randomUUID(), name: 'workingset.join', args: { customerId }, createdAt: new Date().toISOString() }],
    }),
  });

  beforeAll(async () => {
    const db = t.current.server.db;
    for (const name of Object.keys(ids) as (keyof typeof ids)[]) {
      ids[name] = await withWriteTransaction(db, (tx) => insertTestUser(tx, {
        username: `dm-${name}`, password: `dm-${name}-pass`, displayName: `Agent ${name}`, role: 'agent',
      }));
    }
    all = (await db.query<{ id: string }>('SELECT id::text AS id FROM customers ORDER BY id')).map((r) => r.id);
    admin = await t.current.login('admin1', 'admin1-pass');
  });

  it('an agent asking for every customer is served only its working set', async () => {
    const token = await t.current.login('dm-probe', 'dm-probe-pass');
    expect((await join(token, BUDI.id)).status).toBe(200);
    const full = await pullAll(t.current, token);
    expect(full.scopes).toEqual(new Set(['working']));
    expect([...full.customers]).toEqual([BUDI.id]);
    expect([...full.receivableOwners].every((id) => id === BUDI.id)).toBe(true);
    // Asking for the working set outright gives the same.
    expect((await pullAll(t.current, token, '&scope=working')).customers).toEqual(full.customers);
  });

  it('a role or a desktop an admin allowed replicates every customer; others still get their working set', async () => {
    const lead = await t.current.login('lead1', 'lead1-pass');
    const agent = await t.current.login('dm-probe', 'dm-probe-pass');
    const desk = randomUUID();
    expect((await put(admin, { ...settings, fullReplicationRoles: ['lead'], fullReplicationDevices: [desk] })).status).toBe(200);

    const leads = await pullAll(t.current, lead);
    expect(leads.scopes).toEqual(new Set(['all']));
    expect([...leads.customers].sort()).toEqual(all);
    // The allowed desktop gets everything whoever signs in on it; another desktop does not.
    const onDesk = await pullAll(t.current, agent, `&clientId=${desk}`);
    expect(onDesk.scopes).toEqual(new Set(['all']));
    expect(onDesk.customers.size).toBe(all.length);
    const elsewhere = await pullAll(t.current, agent, `&clientId=${randomUUID()}`);
    expect([...elsewhere.customers]).toEqual([BUDI.id]);
    // An allowed role asking for its working set still gets only that.
    expect((await pullAll(t.current, lead, '&scope=working')).customers.size).toBeLessThan(all.length);

    expect((await put(admin, settings)).status).toBe(200);
    expect([...(await pullAll(t.current, lead)).scopes]).toEqual(['working']);
  });

  it('the setting is admin-only, validated and audited', async () => {
    for (const user of ['agent1', 'lead1']) {
      const token = await t.current.login(user, `${user}-pass`);
      expect((await t.current.api('/admin/data-access', { token })).status).toBe(403);
      const refused = await put(token, { ...settings, fullReplicationRoles: ['agent'] });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'FORBIDDEN' });
      expect((await t.current.api('/admin/data-access/flags', { token })).status).toBe(403);
    }
    expect((await t.current.api('/admin/data-access')).status).toBe(401);
    for (const bad of [{ ...settings, lookupLimitPerHour: 0 }, { ...settings, fullReplicationRoles: ['root'] },
      { ...settings, fullReplicationDevices: ['laptop-7'] }, { fullReplicationRoles: [] }]) {
      const res = await put(admin, bad);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_INPUT' });
    }
    const [adminId] = await t.current.server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin1'");
    const before = (await audits('data_access_changed', adminId!.id)).length;
    const ok = await put(admin, { ...settings, fullReplicationRoles: ['admin'], lookupLimitPerHour: 80 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ fullReplicationRoles: ['admin'], lookupLimitPerHour: 80, updatedBy: adminId!.id });
    expect((await t.current.api('/admin/data-access', { token: admin })).body).toMatchObject({ fullReplicationRoles: ['admin'], lookupLimitPerHour: 80 });
    const rows = await audits('data_access_changed', adminId!.id);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      ip: '127.0.0.1', details: { before: { fullReplicationRoles: [] }, after: { fullReplicationRoles: ['admin'], lookupLimitPerHour: 80 } },
    });
    expect((await put(admin, settings)).status).toBe(200);
  });

  it('customers opened or listed outside the working set are audited with who, which, when and from where', async () => {
    const token = await t.current.login('dm-reader', 'dm-reader-pass');
    const outside = all.find((id) => id !== BUDI.id)!;
    const startedAt = Date.now() - 1000;
    expect((await t.current.api(`/customers/${outside}/360`, { token })).status).toBe(200);
    const opened = await audits('customer_opened_outside_scope', ids.reader);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ subject: outside, ip: '127.0.0.1', details: { via: 'customers.view360' } });
    expect(opened[0]!.at.getTime()).toBeGreaterThan(startedAt);

    // A phone look-up and a search that list Budi (outside the set) are audited too.
    expect((await t.current.api(`/customers/by-phone?phone=${encodeURIComponent(BUDI.mobile)}`, { token })).status).toBe(200);
    expect((await t.current.api('/customers/search?q=Budi%20Santoso', { token })).status).toBe(200);
    const listed = await audits('customers_listed_outside_scope', ids.reader);
    expect(listed.map((r) => r.details?.via)).toEqual(['customers.byPhone', 'customers.search']);
    expect(listed[0]).toMatchObject({ subject: BUDI.id, ip: '127.0.0.1', details: { customerIds: [BUDI.id] } });
    expect(listed[1]?.details?.customerIds).toContain(BUDI.id);

    // Joining Budi to the working set is itself an open outside it (the desktop names itself);
    // once he is in the set, opening him is ordinary work and not audited again.
    expect((await join(token, BUDI.id)).status).toBe(200);
    expect((await t.current.api(`/customers/${BUDI.id}/360`, { token })).status).toBe(200);
    const after = await audits('customer_opened_outside_scope', ids.reader);
    expect(after.map((r) => r.subject)).toEqual([outside, BUDI.id]);
    expect(after[1]?.details).toMatchObject({ via: 'workingset.join', clientId: expect.any(String) });
  });

  it('over the hourly limit of distinct customers the user is throttled and flagged to admins only', async () => {
    expect((await put(admin, { ...settings, lookupLimitPerHour: 3 })).status).toBe(200);
    const token = await t.current.login('dm-busy', 'dm-busy-pass');
    const [a, b, c, d, e] = all.filter((id) => id !== BUDI.id);
    for (const id of [a, b, c, a, b]) expect((await t.current.api(`/customers/${id}/360`, { token })).status).toBe(200);
    // Re-opening a customer counted this hour is free; the third distinct one was the last.
    expect((await t.current.api(`/customers/${c}/interactions?limit=5`, { token })).status).toBe(200);
    const refused = await t.current.api(`/customers/${d}/360`, { token });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'THROTTLED', details: { limit: 3 } });
    expect((refused.body as { message: string }).message).toContain('More than 3 customers');
    expect((await t.current.api(`/customers/${e}/interactions?limit=5`, { token })).status).toBe(429);
    expect((await t.current.api(`/customers/${e}/messages`, { token })).status).toBe(429);

    // A working-set join over the limit has no effect: the pull does not serve that customer.
    expect((await join(token, d!)).status).toBe(200);
    expect((await pullAll(t.current, token)).customers.has(d!)).toBe(false);

    // Admins see the flag; agents and leads may not list flags.
    const flags = await t.current.api('/admin/data-access/flags', { token: admin });
    expect(flags.status).toBe(200);
    const flag = (flags.body as { flags: { userId: string; username: string; refusals: number; limitPerHour: number }[] }).flags
      .find((f) => f.userId === ids.busy);
    expect(flag).toMatchObject({ username: 'dm-busy', limitPerHour: 3 });
    expect(flag!.refusals).toBeGreaterThanOrEqual(4);
    expect((await t.current.api('/admin/data-access/flags', { token })).status).toBe(403);
    expect((await t.current.api('/admin/data-access/flags', { token: await t.current.login('lead1', 'lead1-pass') })).status).toBe(403);
    // One audit row for the episode, not one per refused request.
    const throttled = await audits('lookup_throttled', ids.busy);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ subject: d, ip: '127.0.0.1', details: { limit: 3, via: 'customers.view360' } });
    // The other agents were not flagged.
    expect((flags.body as { flags: { userId: string }[] }).flags.map((f) => f.userId)).toEqual([ids.busy]);

    // Only admins clear a flag; clearing is audited and takes the user off the list.
    const clear = (as: string, id: string) => t.current.api(`/admin/data-access/flags/${id}`, { method: 'DELETE', token: as });
    expect((await clear(token, ids.busy)).status).toBe(403);
    expect((await clear(admin, ids.busy)).status).toBe(200);
    expect((await clear(admin, ids.busy)).status).toBe(404);
    expect((await t.current.api('/admin/data-access/flags', { token: admin })).body).toEqual({ flags: [] });
    const [adminId] = await t.current.server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'admin1'");
    expect((await audits('lookup_flag_cleared', adminId!.id)).map((r) => r.subject)).toEqual([ids.busy]);

    // A role allowed full replication could read everyone from its cache: audited, not throttled.
    expect((await put(admin, { ...settings, fullReplicationRoles: ['agent'], lookupLimitPerHour: 3 })).status).toBe(200);
    expect((await t.current.api(`/customers/${d}/360`, { token })).status).toBe(200);
    expect((await audits('customer_opened_outside_scope', ids.busy)).at(-1)?.subject).toBe(d);

    // Raising the limit lets the user go on.
    expect((await put(admin, { ...settings, lookupLimitPerHour: 5 })).status).toBe(200);
    expect((await t.current.api(`/customers/${e}/360`, { token })).status).toBe(200);
    expect((await put(admin, settings)).status).toBe(200);
  });

  it('parallel opens cannot slip past the limit together', async () => {
    expect((await put(admin, { ...settings, lookupLimitPerHour: 3 })).status).toBe(200);
    const token = await t.current.login('dm-racer', 'dm-racer-pass');
    const targets = all.filter((id) => id !== BUDI.id).slice(0, 8);
    const answers = await Promise.all(targets.map((id) => t.current.api(`/customers/${id}/360`, { token })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    const [counted] = await t.current.server.db.query<{ n: number }>(
      'SELECT count(DISTINCT customer_id)::int AS n FROM customer_lookups WHERE user_id = $1', [ids.racer]);
    expect(counted?.n).toBe(3);
    expect((await put(admin, settings)).status).toBe(200);
  });
});
