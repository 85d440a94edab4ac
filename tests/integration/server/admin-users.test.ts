// The Users admin screen's routes on a real server, both engines: list/search/filter/page,
// options, create (generated password shown once), edit with codes checked against the
// organisation tables, disable (sessions, live socket, SIP credentials, sign-in refused),
// enable, reset password, CSV bulk create (all or nothing), and the rules an admin cannot
// break (themselves, the last admin), with nasty input at every field.
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { rpcKey } from '../../../src/server/sip/kamailio-rpc.js';
import { type AdminUser, type BulkCreateAnswer, type UserPage } from '../../../src/shared/admin-users.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';
import { insertTestUser } from '../helpers/users.js';
import { userService } from '../../../src/server/admin/users/service.js';

const SECRET = 'integration-secret-admin-users-0123';
const rpc: { method: string; params: unknown[] }[] = [];
let proxy: Server;

beforeAll(async () => {
  proxy = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      const parsed = JSON.parse(body) as { method: string; params: unknown[]; id: number };
      if (req.headers['x-sapa-rpc-key'] === rpcKey(SECRET)) rpc.push({ method: parsed.method, params: parsed.params });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', result: {}, id: parsed.id }));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  process.env.SAPA_SIP_SECRET = SECRET;
  process.env.SAPA_SIP_RPC_URLS = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/RPC`;
});
afterAll(async () => {
  delete process.env.SAPA_SIP_RPC_URLS;
  delete process.env.SAPA_SIP_SECRET;
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

const FAST_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
const TEAM_ID = '7d1f8a9e-2c51-4d8e-9d0a-0c6b7f3e1a01';

forEachDatabase('Users admin', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 2, interactionsMean: 0 }, config: { argon2: FAST_ARGON2 } });
  let admin = '';

  beforeAll(async () => {
    const db = s.current.server.db;
    await db.query("INSERT INTO sites (code, name) VALUES ('jkt', 'Jakarta')");
    await db.query("INSERT INTO branches (code, name, site_code) VALUES ('Jakarta Pusat', 'Jakarta Pusat', 'jkt'), ('Surabaya', 'Surabaya', NULL)");
    await db.query("INSERT INTO skills (code, label_id, label_en) VALUES ('sales', 'Penjualan', 'Sales'), ('retention', 'Retensi', 'Retention')");
    await db.query("INSERT INTO skills (code, label_id, label_en, active) VALUES ('fax', 'Faks', 'Fax', false)");
    await db.query(
      `INSERT INTO teams (id, name, branch_code, lead_user_id) SELECT $1, 'Tim Tagihan', 'Jakarta Pusat', id FROM users WHERE username = 'lead1'`, [TEAM_ID]);
    admin = await s.current.login('admin1', 'admin1-pass');
  });
  beforeEach(() => { rpc.length = 0; });

  const api = (path: string, init: { method?: string; body?: unknown; token?: string } = {}) => s.current.api(path, {
    method: init.method ?? 'GET', token: init.token ?? admin, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const agentFields = (over: Record<string, unknown> = {}) => ({
    username: 'siti.rahma', displayName: 'Siti Rahma', role: 'agent', branch: 'Jakarta Pusat', teamId: TEAM_ID,
    queues: ['billing', 'vip'], skills: [{ code: 'sales', level: 3 }], extension: '4101', ...over,
  });
  const create = async (over: Record<string, unknown> = {}) => {
    const res = await api('/admin/users', { method: 'POST', body: agentFields(over) });
    expect(res.status, res.text).toBe(201);
    return res.body as { user: AdminUser; password: string };
  };
  const idOf = async (username: string) => {
    const [row] = await s.current.server.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    if (!row) throw new Error(`no ${username}`);
    return row.id;
  };

  it('creates an agent with team, queues, skills and extension; the password is shown once and signs in', async () => {
    const { user, password } = await create();
    expect(user).toMatchObject({
      username: 'siti.rahma', role: 'agent', branch: 'Jakarta Pusat', teamName: 'Tim Tagihan', teamLead: 'Dewi Lestari',
      queues: ['billing', 'vip'], skills: [{ code: 'sales', level: 3 }], extension: '4101', disabledAt: null,
    });
    expect(password).toHaveLength(20);
    const [row] = await s.current.server.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.password_hash).not.toContain(password);
    const token = await s.current.login('siti.rahma', password);
    expect(((await s.current.api('/sip/credentials', { token })).body as { extension: string }).extension).toBe('4101');
    // Read back: the password is not part of any answer.
    expect((await api(`/admin/users/${user.id}`)).text).not.toContain(password);
    const audit = await s.current.server.db.query<{ action: string; subject: string | null }>(
      "SELECT a.action, a.subject FROM audit_log a JOIN users u ON u.id = a.actor_id WHERE u.username = 'admin1' AND a.action IN ('user_created', 'adminUsers.create')");
    expect(audit).toEqual(expect.arrayContaining([{ action: 'user_created', subject: 'siti.rahma' }, { action: 'adminUsers.create', subject: null }]));
  });

  it('refuses nasty input with a clear 400 and a taken username or extension with 409', async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ username: '' }, /username/],
      [{ username: 'Siti Rahma' }, /username/],
      [{ username: '<script>alert(1)</script>' }, /username/],
      [{ username: 'x'.repeat(65) }, /username/],
      [{ displayName: '   ' }, /displayName/],
      [{ displayName: 'a'.repeat(201) }, /displayName/],
      [{ role: 'superuser' }, /role/],
      [{ branch: 'Atlantis' }, /unknown branch .Atlantis/],
      [{ teamId: '00000000-0000-4000-8000-000000000000' }, /unknown team/],
      [{ queues: ['billing', 'billing'] }, /queue is listed twice/],
      [{ queues: ['mars'] }, /unknown queue .mars/],
      [{ skills: [{ code: 'sales', level: 6 }] }, /skills/],
      [{ skills: [{ code: 'fax', level: 2 }] }, /fax.{1,4} no longer in use/],
      [{ extension: '999' }, /extension/],
      [{ extension: '4101; DROP TABLE users' }, /extension/],
    ];
    for (const [over, message] of bad) {
      const res = await api('/admin/users', { method: 'POST', body: agentFields({ username: 'nasty', ...over }) });
      expect(res.status, JSON.stringify(over)).toBe(400);
      const body = res.body as { message: string; details?: unknown };
      expect(`${body.message} ${JSON.stringify(body.details)}`, JSON.stringify(over)).toMatch(message);
    }
    expect((await api('/admin/users', { method: 'POST', body: agentFields({ username: 'nasty', extra: 1 }) })).status).toBe(400);
    expect((await api('/admin/users', { method: 'POST', body: agentFields({ username: 'x', x: 'a'.repeat(2_000_000) }) })).status).toBe(413);
    const taken = await api('/admin/users', { method: 'POST', body: agentFields({ extension: null }) });
    expect(taken.status).toBe(409);
    expect(JSON.stringify(taken.body)).toMatch(/siti.rahma is taken/);
    const extTaken = await api('/admin/users', { method: 'POST', body: agentFields({ username: 'budi', extension: '4101' }) });
    expect(extTaken.status).toBe(409);
    expect(await s.current.server.db.query("SELECT 1 FROM users WHERE username IN ('nasty', 'budi')")).toHaveLength(0);
  });

  it('keeps unicode and markup in a display name as text', async () => {
    const { user } = await create({ username: 'dewi', displayName: 'Dewi <b>Ayu</b> 👩‍💼 Łukasz', extension: null, teamId: null, queues: [], skills: [] });
    expect((await api(`/admin/users/${user.id}`)).body).toMatchObject({ displayName: 'Dewi <b>Ayu</b> 👩‍💼 Łukasz', extension: null });
  });

  it('lists with search, filters and pages', async () => {
    const page = async (q: string) => {
      const res = await api(`/admin/users?${q}`);
      expect(res.status, res.text).toBe(200);
      return res.body as UserPage;
    };
    expect((await page('q=SITI')).users.map((u) => u.username)).toEqual(['siti.rahma']);
    expect((await page('q=rahma')).users.map((u) => u.username)).toEqual(['siti.rahma']);
    expect((await page('q=%25')).users).toEqual([]); // a literal %, not a wildcard
    expect((await page('role=admin')).users.every((u) => u.role === 'admin')).toBe(true);
    expect((await page(`team=${TEAM_ID}`)).users.map((u) => u.username)).toEqual(['siti.rahma']);
    const jakarta = (await page('branch=Jakarta%20Pusat')).users;
    expect(jakarta.map((u) => u.username)).toContain('siti.rahma');
    expect(jakarta.every((u) => u.branch === 'Jakarta Pusat')).toBe(true);
    expect((await page('branch=Surabaya')).users.map((u) => u.username)).not.toContain('siti.rahma');
    const all = await page('pageSize=2');
    expect(all.users).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(5);
    const second = await page('pageSize=2&page=2');
    expect(second.users[0]?.username).not.toBe(all.users[0]?.username);
    for (const q of ['pageSize=1000', 'page=0', 'role=root', 'disabled=maybe', 'team=nope', `q=${'x'.repeat(101)}`, 'unknown=1']) {
      expect((await api(`/admin/users?${q}`)).status, q).toBe(400);
    }
  });

  it('answers the options the form picks from: active queues and skills, teams with their lead', async () => {
    const res = await api('/admin/users/options');
    expect(res.status).toBe(200);
    const body = res.body as { roles: string[]; teams: { name: string; lead: string | null }[]; skills: { code: string }[]; queues: { code: string }[]; branches: { code: string }[] };
    expect(body.roles).toEqual(['agent', 'lead', 'admin', 'sales_rep', 'sales_manager']);
    // The demo's field-sales team (seed/users.ts) beside this file's.
    expect(body.teams).toHaveLength(2);
    expect(body.teams).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Tim Tagihan', lead: 'Dewi Lestari' }),
      expect.objectContaining({ name: 'Sales Jakarta', lead: 'Hendra Wijaya' })]));
    expect(body.skills.map((x) => x.code)).toEqual(['retention', 'sales']);
    expect(body.queues.map((x) => x.code)).toEqual(['billing', 'general', 'network', 'vip']);
    expect(body.branches.map((x) => x.code)).toEqual(['Jakarta Pusat', 'Surabaya']);
  });

  it('edits a user; moving the extension revokes the old and the new number', async () => {
    const id = await idOf('siti.rahma');
    const res = await api(`/admin/users/${id}`, {
      method: 'PUT', body: { ...agentFields(), username: undefined, displayName: 'Siti R.', role: 'lead', branch: 'Surabaya', teamId: null,
        queues: ['network'], skills: [{ code: 'retention', level: 5 }, { code: 'sales', level: 1 }], extension: '4102' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Siti R.', role: 'lead', branch: 'Surabaya', teamId: null, queues: ['network'], extension: '4102',
      skills: [{ code: 'retention', level: 5 }, { code: 'sales', level: 1 }] });
    const told = rpc.filter((c) => c.method === 'htable.seti').map((c) => c.params[1]);
    expect(told).toEqual(expect.arrayContaining(['4101', '4102']));
    expect((await api(`/admin/users/${id}`, { method: 'PUT', body: { displayName: 'x' } })).status).toBe(400);
    expect((await api('/admin/users/00000000-0000-4000-8000-000000000000', { method: 'PUT', body: { ...agentFields(), username: undefined } })).status).toBe(404);
    expect((await api('/admin/users/not-a-uuid')).status).toBe(400);
    // Back to an agent for the tests below.
    expect((await api(`/admin/users/${id}`, { method: 'PUT', body: { ...agentFields(), username: undefined, extension: '4102' } })).status).toBe(200);
  });

  it('sets and clears the e-mail address scheduled reports go to: validated, audited, unchanged when absent', async () => {
    const id = await idOf('siti.rahma');
    const body = { ...agentFields(), username: undefined, extension: '4102' };
    const set = await api(`/admin/users/${id}`, { method: 'PUT', body: { ...body, email: '  siti.rahma@contoh.co.id ' } });
    expect(set.status, set.text).toBe(200);
    expect((set.body as AdminUser).email).toBe('siti.rahma@contoh.co.id');
    // Absent: kept.
    expect(((await api(`/admin/users/${id}`, { method: 'PUT', body })).body as AdminUser).email).toBe('siti.rahma@contoh.co.id');
    for (const bad of ['siti', 'siti@', 'siti@contoh', 'a b@contoh.co.id', `${'x'.repeat(250)}@contoh.co.id`, 42]) {
      const res = await api(`/admin/users/${id}`, { method: 'PUT', body: { ...body, email: bad } });
      expect(res.status, String(bad)).toBe(400);
    }
    expect((await api(`/admin/users/${id}`, { method: 'PUT', body: { ...body, email: 'siti' } })).text).toContain('name@example.co.id');
    const cleared = await api(`/admin/users/${id}`, { method: 'PUT', body: { ...body, email: null } });
    expect((cleared.body as AdminUser).email).toBeNull();
    const entries = await s.current.server.db.query<{ details: { userId: string; email: string | null } }>(
      "SELECT details FROM audit_log WHERE action = 'user_email_set' AND subject = 'siti.rahma' ORDER BY at, id");
    expect(entries.map((e) => e.details.email)).toEqual(['siti.rahma@contoh.co.id', null]);
    expect(entries.every((e) => e.details.userId === id)).toBe(true);
  });

  it('an edit may keep a branch the user already has that no branch row names (free text from before), but not give one anew', async () => {
    const db = s.current.server.db;
    const id = await idOf('agent2');
    await db.query("UPDATE users SET branch = 'Cabang Lama' WHERE id = $1", [id]);
    const held = (await api(`/admin/users/${id}`)).body as AdminUser;
    const fields = { displayName: held.displayName, role: held.role, branch: held.branch, teamId: TEAM_ID, queues: held.queues, skills: held.skills, extension: held.extension };
    const kept = await api(`/admin/users/${id}`, { method: 'PUT', body: fields });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body).toMatchObject({ branch: 'Cabang Lama', teamId: TEAM_ID });
    const moved = await api(`/admin/users/${id}`, { method: 'PUT', body: { ...fields, branch: 'Cabang Baru' } });
    expect(moved.status).toBe(400);
    expect((moved.body as { message: string }).message).toMatch(/unknown branch "Cabang Baru"/);
    const created = await api('/admin/users', { method: 'POST', body: agentFields({ username: 'lama', branch: 'Cabang Lama', extension: null }) });
    expect(created.status).toBe(400);
    expect((await api(`/admin/users/${id}`)).body).toMatchObject({ branch: 'Cabang Lama' });
  });

  it('disabling signs the user out everywhere: sessions, the open live socket, SIP credentials; sign-in is refused', async () => {
    const id = await idOf('agent2');
    const token = await s.current.login('agent2', 'agent2-pass');
    const other = await s.current.login('agent2', 'agent2-pass');
    const sip = (await s.current.api('/sip/credentials', { token })).body as { extension: string; authUsername: string };
    const ws = new WebSocket(`${s.current.server.url.replace(/^http/, 'ws')}${API_PREFIX}/sync/live`);
    const messages: { type: string; reason?: string }[] = [];
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
    await new Promise<void>((resolve) => ws.on('open', () => { ws.send(JSON.stringify({ type: 'hello', token })); resolve(); }));
    await expect.poll(() => messages.map((m) => m.type)).toContain('ready');

    const res = await api(`/admin/users/${id}/disable`, { method: 'POST' });
    expect(res.status, res.text).toBe(200);
    expect((res.body as { revoked: number }).revoked).toBe(2);
    expect((res.body as { user: AdminUser }).user.disabledAt).not.toBeNull();
    expect(await closed).toBe(4401);
    expect(messages).toContainEqual({ type: 'signed_out', reason: 'account_disabled' });

    for (const t of [token, other]) {
      const me = await s.current.api('/auth/me', { token: t });
      expect(me.status).toBe(401);
      // The reason rides on the 401, for a desktop whose live socket is on another instance.
      expect(me.body).toMatchObject({ code: 'UNAUTHENTICATED', details: { reason: 'account_disabled' } });
    }
    // A desktop whose live socket was reconnecting at that moment says hello with the ended
    // token: it hears why before the 4401, so its sign-in screen can say so.
    const late = new WebSocket(`${s.current.server.url.replace(/^http/, 'ws')}${API_PREFIX}/sync/live`);
    const lateMessages: { type: string; reason?: string }[] = [];
    const lateClosed = new Promise<number>((resolve) => late.on('close', (code) => resolve(code)));
    late.on('message', (data: Buffer) => lateMessages.push(JSON.parse(data.toString()) as { type: string }));
    late.on('open', () => late.send(JSON.stringify({ type: 'hello', token })));
    expect(await lateClosed).toBe(4401);
    expect(lateMessages[0]).toEqual({ type: 'signed_out', reason: 'account_disabled' });
    expect((await s.current.api('/sip/credentials', { token })).status).toBe(401);
    const cutoff = rpc.find((c) => c.method === 'htable.seti' && c.params[1] === sip.extension);
    expect(Number(cutoff?.params[2])).toBeGreaterThanOrEqual(Number(sip.authUsername.split(':')[0]));
    expect(rpc).toContainEqual({ method: 'ul.rm', params: ['location', sip.extension] });

    const login = await s.current.api('/auth/login', { method: 'POST', body: JSON.stringify({ username: 'agent2', password: 'agent2-pass' }) });
    expect(login.status).toBe(403);
    expect(login.body).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    // A wrong password says only "wrong": being disabled is not told to a guesser.
    const wrong = await s.current.api('/auth/login', { method: 'POST', body: JSON.stringify({ username: 'agent2', password: 'nope-nope-nope' }) });
    expect(wrong.body).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(await s.current.server.db.query("SELECT 1 FROM audit_log WHERE action = 'adminUsers.disable' AND subject = $1", [id])).toHaveLength(1);
    expect(((await api('/admin/users?disabled=true')).body as UserPage).users.map((u) => u.username)).toEqual(['agent2']);

    expect((await api(`/admin/users/${id}/enable`, { method: 'POST' })).status).toBe(200);
    expect(await s.current.login('agent2', 'agent2-pass')).toBeTruthy();
  });

  it('a session that survived a race is refused once the user is disabled', async () => {
    const id = await insertTestUser(s.current.server.db, { username: 'lead2', password: 'lead2-pass', displayName: 'Lead Dua', role: 'lead' });
    const token = await s.current.login('lead2', 'lead2-pass');
    await s.current.server.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [id]);
    expect((await s.current.api('/auth/me', { token })).status).toBe(401);
    await s.current.server.db.query('UPDATE users SET disabled_at = NULL WHERE id = $1', [id]);
  });

  it('reset password: a new password shown once, the old one and every session end', async () => {
    const id = await insertTestUser(s.current.server.db, { username: 'agent3', password: 'agent3-pass', displayName: 'Agen Tiga', role: 'agent' });
    const token = await s.current.login('agent3', 'agent3-pass');
    const res = await api(`/admin/users/${id}/password-reset`, { method: 'POST' });
    expect(res.status, res.text).toBe(200);
    const { password, revoked } = res.body as { password: string; revoked: number };
    expect(revoked).toBe(1);
    expect((await s.current.api('/auth/me', { token })).status).toBe(401);
    const old = await s.current.api('/auth/login', { method: 'POST', body: JSON.stringify({ username: 'agent3', password: 'agent3-pass' }) });
    expect(old.status).toBe(401);
    expect(await s.current.login('agent3', password)).toBeTruthy();
  });

  it('refuses what would lock the admins out: disabling, demoting or resetting oneself, disabling the last admin', async () => {
    const me = await idOf('admin1');
    expect((await api(`/admin/users/${me}/disable`, { method: 'POST' })).status).toBe(400);
    expect((await api(`/admin/users/${me}/password-reset`, { method: 'POST' })).status).toBe(400);
    const demote = await api(`/admin/users/${me}`, { method: 'PUT', body: { ...agentFields(), username: undefined, extension: null, displayName: 'Admin', role: 'agent' } });
    expect(demote.status).toBe(400);
    expect(JSON.stringify(demote.body)).toMatch(/admin role from yourself/);

    // Another admin's account: admin1 may disable and demote admin.dua while admin1 stays.
    const { user: second, password } = await create({ username: 'admin.dua', role: 'admin', extension: null, teamId: null, queues: [], skills: [] });
    const secondToken = await s.current.login('admin.dua', password);
    expect((await api(`/admin/users/${second.id}/disable`, { method: 'POST' })).status).toBe(200);
    expect((await s.current.api('/auth/me', { token: secondToken })).status).toBe(401);
    expect((await api(`/admin/users/${second.id}/enable`, { method: 'POST' })).status).toBe(200);

    // Two admins disabling each other at once: the one whose request is second finds itself
    // disabled and the other the last active admin — refused (the check runs under the sync lock).
    await s.current.server.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [second.id]);
    const service = userService({ db: s.current.server.db, revoker: { revoke: async () => undefined }, signOutEverywhere: async () => 0 });
    const actor = { id: second.id, username: 'admin.dua', displayName: 'x', role: 'admin' as const };
    await expect(service.disable(actor, me)).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: 'last_admin' } });
    await expect(service.update(actor, me, { ...agentFields(), extension: null, role: 'lead' } as never, '127.0.0.1')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await api(`/admin/users/${second.id}/enable`, { method: 'POST' })).status).toBe(200);
  });

  it('an agent and a lead are refused every Users route (403)', async () => {
    const id = await idOf('agent1');
    for (const username of ['agent1', 'lead1']) {
      const token = await s.current.login(username, `${username}-pass`);
      const calls: [string, string][] = [
        ['GET', '/admin/users'], ['GET', '/admin/users/options'], ['GET', `/admin/users/${id}`], ['POST', '/admin/users'],
        ['PUT', `/admin/users/${id}`], ['POST', `/admin/users/${id}/disable`], ['POST', `/admin/users/${id}/enable`],
        ['POST', `/admin/users/${id}/password-reset`], ['POST', '/admin/users/bulk'],
      ];
      for (const [method, path] of calls) {
        const res = await api(path, { method, token, ...(method === 'GET' ? {} : { body: {} }) });
        expect(res.status, `${username} ${method} ${path}`).toBe(403);
      }
    }
  });

  it('bulk create: a file with any bad row creates nobody and lists every reject by row and column', async () => {
    const csv = [
      'Username,Display Name,Role,Branch,Team,Queues,Skills,Extension',
      'bulk.satu,Bulk Satu,agent,Jakarta Pusat,Tim Tagihan,billing;vip,sales:2,4201',
      'bulk.dua,Bulk Dua,AGENT,,,general,,',
      'bulk.satu,Again,agent,,,,,',
      'agent1,Taken,agent,,,,,',
      'bad name,=HYPERLINK("x"),root,Atlantis,Tim Hantu,mars,sales:9,4201',
      'bulk.tiga,Bulk Tiga,agent,,,,,4102', // siti.rahma's
      'bulk.empat,,agent,,,,,',
    ].join('\n');
    const res = await api('/admin/users/bulk', { method: 'POST', body: { csv } });
    expect(res.status, res.text).toBe(200);
    const answer = res.body as BulkCreateAnswer;
    expect(answer.created).toBe(0);
    expect(answer.passwordsCsv).toBeNull();
    const at = (row: number) => answer.rejects.filter((r) => r.row === row).map((r) => r.column).sort();
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual([]);
    expect(at(4)).toEqual(['username']);
    expect(at(5)).toEqual(['username']);
    expect(at(6)).toEqual(expect.arrayContaining(['username', 'role', 'team']));
    expect(at(7)).toEqual(['extension']);
    expect(at(8)).toEqual(['display name']);
    expect(answer.rejects.find((r) => r.row === 4)?.reason).toMatch(/also on row 2/);
    expect(await s.current.server.db.query("SELECT 1 FROM users WHERE username LIKE 'bulk.%'")).toHaveLength(0);
  });

  it('bulk create: a clean file creates everyone and answers their passwords once as spreadsheet-safe CSV', async () => {
    const csv = '\uFEFFusername,display name,role,branch,team,queues,skills,extension\r\n'
      + 'bulk.satu,Bulk Satu,agent,Jakarta Pusat,tim tagihan,billing;vip,sales:2;retention:4,4201\r\n'
      + 'bulk.dua,=cmd|calc,lead,,,general,,\r\n';
    const res = await api('/admin/users/bulk', { method: 'POST', body: { csv } });
    expect(res.status, res.text).toBe(200);
    const answer = res.body as BulkCreateAnswer;
    expect(answer).toMatchObject({ created: 2, rejects: [] });
    const rows = parse(answer.passwordsCsv ?? '', { columns: true }) as { username: string; 'display name': string; password: string }[];
    expect(rows.map((r) => r.username)).toEqual(['bulk.satu', 'bulk.dua']);
    expect(rows[1]?.['display name']).toBe("'=cmd|calc");
    const satu = ((await api('/admin/users?q=bulk.satu')).body as UserPage).users[0];
    expect(satu).toMatchObject({ teamName: 'Tim Tagihan', queues: ['billing', 'vip'], extension: '4201',
      skills: [{ code: 'retention', level: 4 }, { code: 'sales', level: 2 }] });
    expect(await s.current.login('bulk.dua', rows[1]?.password ?? '')).toBeTruthy();
  });

  it('bulk create: refuses a file that is empty, headless, unreadable, too long or too large', async () => {
    const post = (csv: unknown) => api('/admin/users/bulk', { method: 'POST', body: { csv } });
    expect((await post('')).status).toBe(400);
    expect(JSON.stringify((await post('name,colour\nx,y')).body)).toMatch(/missing column\(s\): username, display name, role; unknown column\(s\): name, colour/);
    expect((await post('username,display name,role\n')).status).toBe(400);
    expect((await post('username,display name,role\n"unterminated,x,agent')).status).toBe(400);
    const many = ['username,display name,role', ...Array.from({ length: 501 }, (_, i) => `u${i},U ${i},agent`)].join('\n');
    expect((await post(many)).status).toBe(413);
    expect((await post('a'.repeat(600 * 1024))).status).toBe(400);
    expect((await post(42)).status).toBe(400);
  });
});
