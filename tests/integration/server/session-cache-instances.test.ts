// Two server instances on one PostgreSQL database, each answering the session check from
// its own memory (auth/session-cache.ts) with a TTL far longer than any test: a session
// ended through instance A is refused by instance B at the very next request — disable,
// sign-out, sign out everywhere, a role change — because A's answer waits until B has
// dropped it (auth/revocation-channel.ts). A write by something that is not a server (psql)
// reaches B through migration 018's triggers; a session's own expiry holds from memory; and
// B stops answering from memory when its listener connection drops.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../src/server/app.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { type TestDatabase, createPostgresDatabase } from '../helpers/databases.js';
import { insertTestUser } from '../helpers/users.js';
import { waitFor } from '../sync/harness.js';

/** Ten minutes: anything refused within a test was refused by invalidation, not by the TTL. */
const LONG_TTL = { ttlMs: 10 * 60_000, maxEntries: 1_000 };

interface Answer { status: number; body: Record<string, unknown> }

async function call(server: RunningServer, path: string, token?: string, init: RequestInit = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  const res = await fetch(`${server.url}${API_PREFIX}${path}`, { ...init, headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function login(server: RunningServer, username: string, password: string): Promise<string> {
  const res = await call(server, '/auth/login', undefined, { method: 'POST', body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

describe('the session cache across two server instances [postgres]', () => {
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let sql: pg.Client;
  let admin = '';
  let seq = 0;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const databaseUrl = database.databaseUrl ?? '';
    a = await startServer({ databaseUrl, config: { sessionCache: LONG_TTL } });
    b = await startServer({ databaseUrl, config: { sessionCache: LONG_TTL } });
    sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    await insertTestUser(a.db, { username: 'cache.admin', password: 'cache-admin-pass', displayName: 'Admin', role: 'admin' });
    admin = await login(a, 'cache.admin', 'cache-admin-pass');
    // Both instances listen before any test relies on it.
    await waitFor('both listeners up', async () => {
      const rows = await sql.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'sapa-auth:%'");
      return rows.rowCount === 2;
    }, 10_000, 50);
  });
  afterAll(async () => {
    await sql?.end();
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  /** An agent signed in on A whose session B has answered (and so holds in memory). */
  async function agentKnownToB(role: 'agent' | 'lead' = 'agent'): Promise<{ id: string; token: string }> {
    seq += 1;
    const id = await insertTestUser(a.db, { username: `cache.agent${seq}`, password: 'cache-agent-pass', displayName: `Agent ${seq}`, role });
    const token = await login(a, `cache.agent${seq}`, 'cache-agent-pass');
    expect((await call(b, '/auth/me', token)).status).toBe(200);
    return { id, token };
  }

  it('B answers from memory: with the triggers off, a revocation written behind its back is not seen', async () => {
    // The control for every test below: without this, "refused at once" could just be the database answering.
    const { id, token } = await agentKnownToB();
    await sql.query('ALTER TABLE sessions DISABLE TRIGGER sessions_ended');
    try {
      await sql.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1', [id]);
      expect((await call(b, '/auth/me', token)).status).toBe(200);
      expect((await call(a, '/auth/me', token)).status).toBe(401); // A never cached it: it asks the database
    } finally {
      await sql.query('ALTER TABLE sessions ENABLE TRIGGER sessions_ended');
    }
  });

  it('an admin disables the agent on A: the next request on B is refused, and says why', async () => {
    const { id, token } = await agentKnownToB();
    expect((await call(a, `/admin/users/${id}/disable`, admin, { method: 'POST' })).status).toBe(200);
    const onB = await call(b, '/auth/me', token);
    expect(onB.status).toBe(401);
    expect(onB.body).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'account_disabled' } });
    expect((await call(b, '/devices/heartbeat', token, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('the agent signs out on A: the token is refused on B at once', async () => {
    const { token } = await agentKnownToB();
    expect((await call(a, '/auth/logout', token, { method: 'POST' })).status).toBe(200);
    expect((await call(b, '/auth/me', token)).status).toBe(401);
  });

  it('an admin signs the agent out everywhere on A: refused on B at once; a new sign-in works', async () => {
    const { id, token } = await agentKnownToB();
    expect((await call(a, `/admin/users/${id}/sessions/revoke`, admin, { method: 'POST' })).status).toBe(200);
    expect((await call(b, '/auth/me', token)).status).toBe(401);
    const again = await login(b, `cache.agent${seq}`, 'cache-agent-pass');
    expect((await call(b, '/auth/me', again)).status).toBe(200);
  });

  it('an admin takes the lead role away on A: B hands routes the new role at the next request', async () => {
    const { id, token } = await agentKnownToB('lead');
    expect((await call(b, '/auth/me', token)).body).toMatchObject({ user: { role: 'lead' } });
    const held = (await call(a, `/admin/users/${id}`, admin)).body;
    const fields = { displayName: held.displayName, role: 'agent', branch: held.branch, teamId: held.teamId, queues: held.queues, skills: held.skills, extension: held.extension };
    expect((await call(a, `/admin/users/${id}`, admin, { method: 'PUT', body: JSON.stringify(fields) })).status).toBe(200);
    expect((await call(b, '/auth/me', token)).body).toMatchObject({ user: { role: 'agent' } });
  });

  it('A answers only once every listening instance has confirmed: a slow instance holds the answer back', async () => {
    // A third "instance" that hears revocations in order and confirms the barrier 400 ms late.
    const slow = new pg.Client({ connectionString: database.databaseUrl });
    await slow.connect();
    const heard: string[] = [];
    slow.on('notification', (m) => {
      const payload = m.payload ?? '';
      heard.push(payload.startsWith('barrier:') ? 'barrier' : payload);
      if (payload.startsWith('barrier:')) {
        setTimeout(() => void slow.query("SELECT pg_notify('sapa_auth_ack', $1)", [`${payload.slice(8)}:slowpeer`]), 400);
      }
    });
    try {
      await slow.query('LISTEN sapa_auth');
      await slow.query("SET application_name = 'sapa-auth:slowpeer'");
      const { id, token } = await agentKnownToB();
      const started = Date.now();
      expect((await call(a, `/admin/users/${id}/disable`, admin, { method: 'POST' })).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      // The revocation came before the barrier that confirmed it.
      expect(heard.indexOf(id)).toBeGreaterThanOrEqual(0);
      expect(heard.indexOf(id)).toBeLessThan(heard.indexOf('barrier'));
      expect((await call(b, '/auth/me', token)).status).toBe(401);
    } finally {
      await slow.end();
    }
  });

  it('a user disabled straight in the database (not through a server) is refused by B within moments', async () => {
    const { id, token } = await agentKnownToB();
    await sql.query('UPDATE users SET disabled_at = now() WHERE id = $1', [id]);
    // Nobody waits for B here (no settle()): the trigger's notification arrives on its own, in milliseconds.
    const refusedAt = await waitFor('B refuses', async () => (await call(b, '/auth/me', token)).status === 401 && Date.now(), 5_000, 20);
    expect(refusedAt).toBeGreaterThan(0);
  });

  it("a session's own expiry holds from memory", async () => {
    const { id, token } = await agentKnownToB();
    await sql.query('ALTER TABLE sessions DISABLE TRIGGER sessions_ended');
    try {
      // Shortened behind the cache's back: B must stop at the expiry it read, not the new one.
      await sql.query("UPDATE sessions SET expires_at = now() + interval '1 second' WHERE user_id = $1", [id]);
      const fresh = await login(a, `cache.agent${seq}`, 'cache-agent-pass');
      await sql.query("UPDATE sessions SET expires_at = now() + interval '2 seconds' WHERE token_hash = encode(sha256($1::bytea), 'hex')", [fresh]);
      expect((await call(b, '/auth/me', fresh)).status).toBe(200); // cached with its 2-second expiry
      expect((await call(b, '/auth/me', token)).status).toBe(200); // cached earlier with a day to live
      await waitFor('the short session refused on B', async () => (await call(b, '/auth/me', fresh)).status === 401, 5_000, 50);
    } finally {
      await sql.query('ALTER TABLE sessions ENABLE TRIGGER sessions_ended');
    }
  });

  it("B stops answering from memory when its listener's connection drops", async () => {
    const { id, token } = await agentKnownToB();
    await sql.query('ALTER TABLE sessions DISABLE TRIGGER sessions_ended');
    try {
      await sql.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1', [id]);
      expect((await call(b, '/auth/me', token)).status).toBe(200); // still from memory
      await sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'sapa-auth:%'");
      await waitFor('B asks the database', async () => (await call(b, '/auth/me', token)).status === 401, 5_000, 20);
    } finally {
      await sql.query('ALTER TABLE sessions ENABLE TRIGGER sessions_ended');
    }
    // Both listen again, and the cache serves again.
    await waitFor('both listeners back', async () => {
      const rows = await sql.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'sapa-auth:%'");
      return rows.rowCount === 2;
    }, 10_000, 50);
    const next = await agentKnownToB();
    expect((await call(a, `/admin/users/${next.id}/disable`, admin, { method: 'POST' })).status).toBe(200);
    expect((await call(b, '/auth/me', next.token)).status).toBe(401);
  });
});
