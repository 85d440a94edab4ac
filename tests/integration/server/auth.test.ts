import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

forEachDatabase('auth', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 } });
  const post = (path: string, body: unknown, token?: string) =>
    t.current.api(path, { method: 'POST', body: JSON.stringify(body), ...(token ? { token } : {}) });

  it('logs in with the right password and answers /auth/me', async () => {
    const res = await post('/auth/login', { username: 'agent1', password: 'agent1-pass' });
    expect(res.status).toBe(200);
    const body = res.body as { token: string; expiresAt: string; user: { displayName: string; role: string } };
    expect(body.user).toMatchObject({ displayName: 'Sari Wulandari', role: 'agent' });
    const hours = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    const me = await t.current.api('/auth/me', { token: body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { username: 'agent1' } });
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const wrong = await post('/auth/login', { username: 'agent2', password: 'nope' });
    const unknown = await post('/auth/login', { username: 'nobody', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ code: 'BAD_CREDENTIALS' });
  });

  it('rejects malformed login input with INVALID_INPUT', async () => {
    const res = await post('/auth/login', { username: '', password: 5 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT' });
    expect((res.body as { details: string[] }).details.join(' ')).toMatch(/username/);
  });

  it('locks the account after 5 failed attempts, even for the right password', async () => {
    for (let i = 1; i <= 4; i++) {
      expect((await post('/auth/login', { username: 'lead1', password: `bad-${i}` })).status).toBe(401);
    }
    const fifth = await post('/auth/login', { username: 'lead1', password: 'bad-5' });
    expect(fifth.status).toBe(423);
    const until = (fifth.body as { code: string; details: { until: string } }).details.until;
    expect((fifth.body as { code: string }).code).toBe('LOCKED_OUT');
    expect(Date.parse(until) - Date.now()).toBeGreaterThan(14 * 60_000);
    const right = await post('/auth/login', { username: 'lead1', password: 'lead1-pass' });
    expect(right.status).toBe(423);
    // When the lock-out has run out, the right password works again.
    await t.current.server.db.query(
      "UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = 'lead1')");
    expect((await post('/auth/login', { username: 'lead1', password: 'lead1-pass' })).status).toBe(200);
  });

  it('refuses an expired session and a missing token', async () => {
    const token = await t.current.login('agent2', 'agent2-pass');
    expect((await t.current.api('/auth/me', { token })).status).toBe(200);
    await t.current.server.db.query("UPDATE sessions SET expires_at = now() - interval '1 second'");
    // The server's session cache hears of the change by NOTIFY (decision 0020), a moment after
    // the UPDATE commits: under load the very next request may still be in that moment.
    await expect.poll(async () => (await t.current.api('/auth/me', { token })).status, { timeout: 5_000 }).toBe(401);
    const expired = await t.current.api('/auth/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await t.current.api('/customers/search?q=budi')).status).toBe(401);
  });

  it('logs out: the token stops working', async () => {
    const token = await t.current.login('agent1', 'agent1-pass');
    expect((await post('/auth/logout', {}, token)).status).toBe(200);
    expect((await t.current.api('/auth/me', { token })).status).toBe(401);
  });

  describe('roles', () => {
    it('forbids an agent to import, allows an admin', async () => {
      const csv = 'external_id,full_name,phones,emails,tier,segment,city,customer_since\n';
      const send = (token: string) => t.current.api('/admin/imports/customers?fileName=a.csv', {
        method: 'POST', token, headers: { 'content-type': 'text/csv' }, body: csv,
      });
      const agent = await send(await t.current.login('agent1', 'agent1-pass'));
      expect(agent.status).toBe(403);
      expect(agent.body).toMatchObject({ code: 'FORBIDDEN' });
      const admin = await send(await t.current.login('admin1', 'admin1-pass'));
      expect(admin.status).toBe(202);
    });
  });
});
