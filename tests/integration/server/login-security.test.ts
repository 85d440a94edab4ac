// Sign-in under attack (docs/security.md "Sign-in"): parallel guesses stop at the limit,
// the lock-out is per (account, address) so a guesser cannot lock anyone out at her own
// desk, a slower per-account limit catches guesses spread over addresses, the request
// budgets of refused sign-ins answer 429 RATE_LIMITED, sign out everywhere ends every token, and an old argon2
// hash is upgraded at login. Other client addresses are real: the whole of 127.0.0.0/8 is
// loopback, so a request can leave from 127.0.0.2.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { hashPassword } from '../../../src/server/auth/passwords.js';
import { type ServerConfig } from '../../../src/server/config.js';
import { LIVE_PATH } from '../../../src/server/live/live-hub.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

/** Budgets out of the way, for the tests of the database lock-out. */
const NO_BUDGETS: Partial<ServerConfig> = {
  loginRateLimit: { perIp: { max: 10_000, windowMs: 60_000 }, perAccount: { max: 10_000, windowMs: 60_000 } },
};

interface Answer { status: number; body: { code?: string; message?: string; details?: { until?: string } } & Record<string, unknown>; headers: Record<string, unknown> }

/** POST a login from `localAddress` (any 127.x.y.z). */
function loginFrom(baseUrl: string, localAddress: string, username: string, password: string): Promise<Answer> {
  const url = new URL(`${API_PREFIX}/auth/login`, baseUrl);
  const payload = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST', localAddress, agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'], headers: res.headers }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const codes = (answers: Answer[]) => answers.map((a) => a.body.code ?? 'OK');
const count = (list: string[], code: string) => list.filter((c) => c === code).length;

forEachDatabase('sign-in lock-out', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 }, config: NO_BUDGETS });
  const url = () => t.current.server.url;
  const auditCount = async (action: string, subject: string) => {
    const [row] = await t.current.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND subject = $2', [action, subject]);
    return row?.n ?? 0;
  };

  it('stops 30 parallel wrong guesses at the limit: only 5 reach the password check', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => loginFrom(url(), '127.0.0.1', 'agent1', `guess-${i}`)));
    const got = codes(answers);
    // Guesses 1–4 are told "wrong"; the 5th locks; the other 25 are refused unchecked.
    expect(count(got, 'BAD_CREDENTIALS')).toBe(4);
    expect(count(got, 'LOCKED_OUT')).toBe(26);
    expect(answers.filter((a) => a.body.code === 'LOCKED_OUT').every((a) => a.status === 423)).toBe(true);
    expect(await auditCount('login_failed', 'agent1')).toBe(5);
    expect(await auditCount('locked_out', 'agent1')).toBe(1);

    // The right password is refused while locked, with the time it lifts.
    const right = await loginFrom(url(), '127.0.0.1', 'agent1', 'agent1-pass');
    expect(right.status).toBe(423);
    expect(Date.parse(right.body.details?.until ?? '') - Date.now()).toBeGreaterThan(14 * 60_000);
  });

  it('locks only that account at that address: another account here, and the same account elsewhere, still sign in', async () => {
    // Continues from the test above: agent1 is locked at 127.0.0.1.
    expect((await loginFrom(url(), '127.0.0.1', 'agent1', 'agent1-pass')).status).toBe(423);
    expect((await loginFrom(url(), '127.0.0.1', 'agent2', 'agent2-pass')).status).toBe(200);
    expect((await loginFrom(url(), '127.0.0.2', 'agent1', 'agent1-pass')).status).toBe(200);
  });

  it('one address guessing every account locks none of them out at their own desks', async () => {
    for (const user of ['lead1', 'admin1']) {
      const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) => loginFrom(url(), '127.0.0.3', user, `x-${i}`)));
      expect(count(codes(guesses), 'BAD_CREDENTIALS')).toBe(4);
    }
    expect((await loginFrom(url(), '127.0.0.4', 'lead1', 'lead1-pass')).status).toBe(200);
    expect((await loginFrom(url(), '127.0.0.4', 'admin1', 'admin1-pass')).status).toBe(200);
  });

  it('lets the right password in again once the lock has run out', async () => {
    await t.current.server.db.query(
      "UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = 'agent1')");
    expect((await loginFrom(url(), '127.0.0.1', 'agent1', 'agent1-pass')).status).toBe(200);
  });
});

forEachDatabase('sign-in: the slower per-account limit', (engine) => {
  const t = useTestServer(engine, {
    seedDemo: { customers: 1, interactionsMean: 0 },
    config: { ...NO_BUDGETS, maxFailedLogins: 3, maxFailedLoginsPerAccount: 7 },
  });

  it('locks the account everywhere when guesses come from many addresses, never from one', async () => {
    const url = t.current.server.url;
    // One address alone: its pair locks after 3 and nothing more counts for the account.
    const one = await Promise.all(Array.from({ length: 20 }, (_, i) => loginFrom(url, '127.0.1.1', 'agent2', `g-${i}`)));
    expect(count(codes(one), 'BAD_CREDENTIALS')).toBe(2);
    expect((await loginFrom(url, '127.0.1.9', 'agent2', 'agent2-pass')).status).toBe(200);
    // Spread over addresses 2–4 (3 guesses each): the account's 7th failure locks it for all.
    const spread: Answer[] = [];
    for (const host of ['127.0.1.2', '127.0.1.3', '127.0.1.4']) {
      for (let i = 0; i < 3; i++) spread.push(await loginFrom(url, host, 'agent2', `s-${i}`));
    }
    expect(spread.at(-1)?.status).toBe(423);
    const elsewhere = await loginFrom(url, '127.0.1.9', 'agent2', 'agent2-pass');
    expect(elsewhere.status).toBe(423);
    expect(elsewhere.body.code).toBe('LOCKED_OUT');
  });
});

forEachDatabase('sign-in budgets of refusals', (engine) => {
  const t = useTestServer(engine, {
    seedDemo: { customers: 1, interactionsMean: 0 },
    config: { loginRateLimit: { perIp: { max: 6, windowMs: 60_000 }, perAccount: { max: 3, windowMs: 60_000 } } },
  });

  it('never slows sign-ins that succeed', async () => {
    for (let i = 0; i < 8; i++) expect((await loginFrom(t.current.server.url, '127.0.2.9', 'agent1', 'agent1-pass')).status).toBe(200);
  });

  it('answers 429 RATE_LIMITED per address, in the error shape, with Retry-After', async () => {
    const url = t.current.server.url;
    const users = ['agent1', 'agent2', 'lead1', 'admin1', 'nobody', 'agent1', 'agent2', 'lead1'];
    const answers: Answer[] = [];
    for (const u of users) answers.push(await loginFrom(url, '127.0.2.1', u, 'wrong-password'));
    expect(answers.slice(0, 6).map((a) => a.status)).not.toContain(429);
    const limited = answers[6]!;
    expect(limited.status).toBe(429);
    expect(Object.keys(limited.body).sort()).toEqual(['code', 'details', 'message']);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.body.message).toMatch(/from this address/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Date.parse(limited.body.details?.until ?? '')).toBeGreaterThan(Date.now());
    // Another address has its own budget.
    expect((await loginFrom(url, '127.0.2.2', 'admin1', 'admin1-pass')).status).toBe(200);
  });

  it('answers 429 per username across addresses (the name counted whatever its case)', async () => {
    const url = t.current.server.url;
    const answers: Answer[] = [];
    const spellings = ['ghost', 'Ghost', 'GHOST ', 'ghost'];
    for (let i = 0; i < 4; i++) answers.push(await loginFrom(url, `127.0.3.${i + 1}`, spellings[i]!, 'wrong-password'));
    expect(codes(answers)).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'RATE_LIMITED']);
    expect(answers[3]?.body.message).toMatch(/username/);
  });
});

forEachDatabase('sign out everywhere', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 }, config: NO_BUDGETS });
  const post = (path: string, token: string) => t.current.api(path, { method: 'POST', token });
  const me = async (token: string) => (await t.current.api('/auth/me', { token })).status;

  /** A live socket past its hello; resolves its close code when it closes. */
  const liveSocket = async (token: string) => {
    const socket = new WebSocket(`${t.current.server.url.replace('http', 'ws')}${LIVE_PATH}`);
    const closed = new Promise<number>((ok) => socket.once('close', (code) => ok(code)));
    await new Promise((ok, fail) => { socket.once('open', ok); socket.once('error', fail); });
    const ready = new Promise((ok) => socket.once('message', ok));
    socket.send(JSON.stringify({ type: 'hello', token }));
    await ready;
    return { socket, closed };
  };

  it('ends every session of the caller, on every desktop, and closes its live socket', async () => {
    const laptop = await t.current.login('agent1', 'agent1-pass');
    const desk = await t.current.login('agent1', 'agent1-pass');
    const other = await t.current.login('agent2', 'agent2-pass');
    const laptopLive = await liveSocket(laptop);
    const otherLive = await liveSocket(other);
    const res = await post('/auth/sessions/revoke', desk);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 2 });
    expect(await me(laptop)).toBe(401);
    expect(await me(desk)).toBe(401);
    expect(await me(other)).toBe(200);
    expect(await laptopLive.closed).toBe(4401);
    expect(otherLive.socket.readyState).toBe(WebSocket.OPEN);
    otherLive.socket.close();
    const [row] = await t.current.server.db.query<{ details: { revoked: number; by: string } }>(
      "SELECT details FROM audit_log WHERE action = 'sessions_revoked' AND subject = 'agent1'");
    expect(row?.details).toMatchObject({ revoked: 2, by: 'self' });
  });

  it('lets an admin end all sessions of another user, and nobody else', async () => {
    const [agent2] = await t.current.server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'agent2'");
    const stolen = await t.current.login('agent2', 'agent2-pass');
    const lead = await t.current.login('lead1', 'lead1-pass');
    const refused = await post(`/admin/users/${agent2!.id}/sessions/revoke`, lead);
    expect(refused.status).toBe(403);
    expect(await me(stolen)).toBe(200);
    const admin = await t.current.login('admin1', 'admin1-pass');
    const res = await post(`/admin/users/${agent2!.id}/sessions/revoke`, admin);
    expect(res.status).toBe(200);
    expect((res.body as { revoked: number }).revoked).toBeGreaterThanOrEqual(1);
    expect(await me(stolen)).toBe(401);
    expect(await me(admin)).toBe(200);
    const missing = await post('/admin/users/00000000-0000-4000-8000-0000000000ff/sessions/revoke', admin);
    expect(missing.status).toBe(404);
    const [row] = await t.current.server.db.query<{ details: { by: string } }>(
      "SELECT details FROM audit_log WHERE action = 'sessions_revoked' AND subject = 'agent2'");
    expect(row?.details).toMatchObject({ by: 'admin' });
  });
});

describe.each(['postgres', 'pglite'] as const)('argon2 parameters [%s]', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 }, config: NO_BUDGETS });

  it('rehashes a hash made with older parameters at the next login', async () => {
    const db = t.current.server.db;
    const old = await hashPassword('agent2-pass', { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    await db.query("UPDATE users SET password_hash = $1 WHERE username = 'agent2'", [old]);
    await t.current.login('agent2', 'agent2-pass');
    const [row] = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'agent2'");
    expect(row?.password_hash).not.toBe(old);
    expect(row?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // The new hash still holds the same password.
    await t.current.login('agent2', 'agent2-pass');
  });
});
