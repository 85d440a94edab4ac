// The audit log (docs/security.md, "Audit"): an admin change is audited with who, what, when
// and from where by the route registrar; admins read the log newest first, filtered and
// paged, and export it as CSV (an export that is audited itself and safe in a spreadsheet);
// agents and leads cannot read it.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { type AuditPage } from '../../../src/shared/audit.js';
import { forEachDatabase } from '../helpers/databases.js';
import { type TestServer, useTestServer } from '../helpers/server.js';

async function userId(t: TestServer, username: string): Promise<string> {
  const [row] = await t.server.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

async function setScope(t: TestServer, token: string, id: string, branch: string | null) {
  return t.api(`/admin/users/${id}/scope`, { method: 'PUT', token, body: JSON.stringify({ branch, queues: [] }) });
}

forEachDatabase('audit log', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 } });

  it('an admin change is audited with the admin, the subject and the address it came from', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    const agentId = await userId(t.current, 'agent1');
    expect((await setScope(t.current, admin, agentId, 'Jakarta Pusat')).status).toBe(200);
    const page = (await t.current.api('/admin/audit?action=users.setScope', { token: admin })).body as AuditPage;
    expect(page.entries[0]).toMatchObject({
      action: 'users.setScope', actorName: 'admin1', subject: agentId, ip: '127.0.0.1',
      details: { route: 'PUT /admin/users/:id/scope' },
    });
    expect(Date.now() - Date.parse(page.entries[0]?.at ?? '')).toBeLessThan(10 * 60_000);
  });

  it('a refused change is not audited as made', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    const agent = await t.current.login('agent1', 'agent1-pass');
    const leadId = await userId(t.current, 'lead1');
    expect((await setScope(t.current, agent, leadId, 'Medan')).status).toBe(403);
    const page = (await t.current.api(`/admin/audit?action=users.setScope&subject=${leadId}`, { token: admin })).body as AuditPage;
    expect(page.entries).toEqual([]);
  });

  it('pages newest first with nextBefore, filters by user and day, and refuses bad filters', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    const agentId = await userId(t.current, 'agent2');
    for (const branch of ['A', 'B', 'C']) expect((await setScope(t.current, admin, agentId, branch)).status).toBe(200);
    const first = (await t.current.api(`/admin/audit?subject=${agentId}&limit=2`, { token: admin })).body as AuditPage;
    expect(first.entries).toHaveLength(2);
    expect(first.nextBefore).not.toBeNull();
    const second = (await t.current.api(`/admin/audit?subject=${agentId}&limit=2&before=${first.nextBefore}`, { token: admin })).body as AuditPage;
    expect(second.entries).toHaveLength(1);
    expect(second.nextBefore).toBeNull();
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const today = new Date().toISOString().slice(0, 10);
    const byAdminToday = (await t.current.api(`/admin/audit?actor=admin1&from=${today}&to=${today}&limit=200`, { token: admin })).body as AuditPage;
    expect(byAdminToday.entries.length).toBeGreaterThanOrEqual(3);
    expect(byAdminToday.entries.every((e) => e.actorName === 'admin1')).toBe(true);
    const byAgent = (await t.current.api('/admin/audit?actor=agent1&action=users.setScope', { token: admin })).body as AuditPage;
    expect(byAgent.entries).toEqual([]);

    for (const bad of ['from=2026-13-01', 'limit=0', 'limit=5000', 'before=-1', 'nonsense=1', `subject=${'x'.repeat(201)}`]) {
      const res = await t.current.api(`/admin/audit?${bad}`, { token: admin });
      expect(res.status, bad).toBe(400);
      expect(res.body, bad).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('a subject with SQL wildcards or quotes is matched literally', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    for (const subject of ['%', '_', "' OR 1=1 --"]) {
      const res = await t.current.api(`/admin/audit?subject=${encodeURIComponent(subject)}`, { token: admin });
      expect(res.status, subject).toBe(200);
      expect((res.body as AuditPage).entries, subject).toEqual([]);
    }
  });

  it('the export is CSV of the filtered log, is itself audited, and cannot run as a formula', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    // A subject that a spreadsheet would run: written straight into the log as a domain would.
    await t.current.server.db.query(
      "INSERT INTO audit_log (action, actor_id, subject) VALUES ('login_failed', NULL, '=cmd|'' /C calc''!A0')");
    const res = await t.current.api('/admin/audit/export.csv?action=login_failed', { token: admin });
    expect(res.status).toBe(200);
    const rows = parse(res.text) as string[][];
    expect(rows[0]).toEqual(['id', 'at', 'actor', 'action', 'subject', 'ip', 'details']);
    expect(rows.slice(1).every((r) => r[3] === 'login_failed')).toBe(true);
    expect(rows.slice(1).map((r) => r[4])).toContain("'=cmd|' /C calc'!A0");
    const exported = (await t.current.api('/admin/audit?action=audit.export', { token: admin })).body as AuditPage;
    expect(exported.entries[0]).toMatchObject({ actorName: 'admin1', ip: '127.0.0.1' });
  });

  it('a customer edit from a desktop is audited with the fields it changed, never their values', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    const agent = await t.current.login('agent1', 'agent1-pass');
    const [customer] = await t.current.server.db.query<{ id: string; city: string | null }>('SELECT id, city FROM customers LIMIT 1');
    if (!customer) throw new Error('the demo seed made no customer');
    const clientId = randomUUID();
    const push = await t.current.api('/sync/push', {
      method: 'POST', token: agent, body: JSON.stringify({
        clientId,
        mutations: [{
          id: randomUUID(), name: 'customer.update', createdAt: new Date().toISOString(),
          args: { customerId: customer.id, fields: { city: { from: customer.city, to: 'Kota Rahasia' } } },
        }],
      }),
    });
    expect(push.status).toBe(200);
    const page = (await t.current.api(`/admin/audit?action=customer_edited&subject=${customer.id}`, { token: admin })).body as AuditPage;
    expect(page.entries[0]).toMatchObject({ actorName: 'agent1', subject: customer.id, details: { fields: ['city'], desktop: clientId } });
    expect(JSON.stringify(page.entries)).not.toContain('Kota Rahasia');
  });

  it('agents and leads cannot read or export the log', async () => {
    for (const [user, pass] of [['agent1', 'agent1-pass'], ['lead1', 'lead1-pass']] as const) {
      const token = await t.current.login(user, pass);
      expect((await t.current.api('/admin/audit', { token })).status, user).toBe(403);
      expect((await t.current.api('/admin/audit/export.csv', { token })).status, user).toBe(403);
    }
    expect((await t.current.api('/admin/audit')).status).toBe(401);
  });
});
