// Browser sharing's server side (src/server/cobrowse/) on both engines, with real sockets:
// the relay hands the customer's frames to the agent who asked and to no one else; a foreign
// origin, a wrong code, a used code, a guessing address, an oversized frame and another
// agent are refused; a proposed page must be on the shared site; the timeline gets the
// session (pages counted, never contents) and a form's field names only with consent.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { COBROWSE_JOIN_FAILURES, COBROWSE_MAX_CUSTOMER_FRAME, type CobrowseSession } from '../../../src/shared/cobrowse.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

const SITE = 'https://toko.example.co.id';

interface Peer { ws: WebSocket; frames: Record<string, unknown>[]; closed: Promise<number> }

forEachDatabase('browser sharing relay', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 2, interactionsMean: 0 } });
  const open: WebSocket[] = [];
  let customerId = '';
  let agentToken = '';

  beforeAll(async () => {
    const [c] = await t.current.server.db.query<{ id: string }>("SELECT id FROM customers ORDER BY customer_no LIMIT 1");
    customerId = c!.id;
    agentToken = await t.current.login('agent1', 'agent1-pass');
    const admin = await t.current.login('admin1', 'admin1-pass');
    const res = await t.current.api('/admin/settings', { method: 'PUT', token: admin, body: JSON.stringify({ widgetOrigins: [SITE] }) });
    expect(res.status, res.text).toBe(200);
  });
  afterEach(() => { for (const ws of open.splice(0)) ws.terminate(); });

  function connect(path: 'customer' | 'agent', origin?: string, address?: string): Peer {
    const ws = new WebSocket(`${t.current.server.url.replace(/^http/, 'ws')}/api/v1/cobrowse/${path}`,
      { ...(origin ? { origin } : {}), ...(address ? { localAddress: address } : {}) });
    open.push(ws);
    const frames: Record<string, unknown>[] = [];
    ws.on('message', (d: Buffer) => frames.push(JSON.parse(d.toString('utf8')) as Record<string, unknown>));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    return { ws, frames, closed };
  }
  const opened = (p: Peer) => new Promise<void>((resolve, reject) => { p.ws.once('open', () => resolve()); p.ws.once('error', reject); });
  async function until(p: Peer, test: (f: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
    for (let i = 0; i < 200; i++) {
      const hit = p.frames.find(test);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no such frame; got ${JSON.stringify(p.frames)}`);
  }
  async function startSession(token = agentToken): Promise<CobrowseSession> {
    const res = await t.current.api('/cobrowse/sessions', { method: 'POST', token, body: JSON.stringify({ customerId }) });
    expect(res.status, res.text).toBe(201);
    return res.body as CobrowseSession;
  }
  async function watch(session: CobrowseSession, token = agentToken): Promise<Peer> {
    const agent = connect('agent');
    await opened(agent);
    agent.ws.send(JSON.stringify({ t: 'watch', token, sessionId: session.id }));
    return agent;
  }
  async function join(code: string, history = false, origin = SITE, address?: string): Promise<Peer> {
    const customer = connect('customer', origin, address);
    await opened(customer);
    customer.ws.send(JSON.stringify({ t: 'join', code, history, path: '/' }));
    return customer;
  }

  it('relays the customer\'s events to the agent who asked, and writes only who, when and how many pages', async () => {
    const since = new Date(Date.now() - 1000);
    const session = await startSession();
    expect(session.code).toMatch(/^\d{6}$/);
    const agent = await watch(session);
    await until(agent, (f) => f.t === 'waiting');
    const customer = await join(session.code, true);
    const joined = await until(customer, (f) => f.t === 'joined');
    expect(joined).toMatchObject({ sessionId: session.id, agentName: expect.any(String), history: true });
    await until(agent, (f) => f.t === 'joined' && f.origin === SITE);
    const secretText = `isi-halaman-${randomUUID()}`;
    customer.ws.send(JSON.stringify({ t: 'ev', e: [{ type: 3, timestamp: Date.now(), data: { text: secretText } }] }));
    const ev = await until(agent, (f) => f.t === 'ev');
    expect(JSON.stringify(ev)).toContain(secretText);
    customer.ws.send(JSON.stringify({ t: 'form', name: 'kontak', fields: ['topik', 'pesan', 'topik'] }));
    // A page of another site is refused; one of the shared site reaches the customer as an absolute URL.
    agent.ws.send(JSON.stringify({ t: 'suggest', path: '//evil.example/' }));
    await until(agent, (f) => f.t === 'error' && f.code === 'INVALID_INPUT');
    agent.ws.send(JSON.stringify({ t: 'suggest', path: '/bantuan' }));
    expect(await until(customer, (f) => f.t === 'suggest')).toEqual({ t: 'suggest', url: `${SITE}/bantuan` });
    agent.ws.send(JSON.stringify({ t: 'point', nodeId: 12 }));
    expect(await until(customer, (f) => f.t === 'point')).toEqual({ t: 'point', nodeId: 12 });
    customer.ws.send(JSON.stringify({ t: 'end' }));
    expect(await until(agent, (f) => f.t === 'ended')).toEqual({ t: 'ended', by: 'customer' });
    expect(await agent.closed).toBe(1000);

    const rows = await t.current.server.db.query<{ channel: string; subject: string; body: string; agent_name: string }>(
      "SELECT channel, subject, body, agent_name FROM interactions WHERE customer_id = $1 AND channel IN ('cobrowse', 'web_form') AND started_at >= $2 ORDER BY channel",
      [customerId, since]);
    expect(rows.map((r) => [r.channel, r.subject])).toEqual([['cobrowse', 'Browser sharing · 1 page'], ['web_form', 'Web form: kontak']]);
    expect(rows[1]!.body).toBe('Fields: topik, pesan');
    expect(rows[0]!.body).toContain('• /');
    expect(JSON.stringify(rows)).not.toContain(secretText);
    const [s] = await t.current.server.db.query<{ page_count: number; ended_by: string }>(
      'SELECT page_count, ended_by FROM cobrowse_sessions WHERE id = $1', [session.id]);
    expect(s).toEqual({ page_count: 1, ended_by: 'customer' });
  });

  it('refuses a foreign origin, a missing origin, a used code and a malformed first frame', async () => {
    const session = await startSession();
    const foreign = await join(session.code, false, 'https://evil.example');
    expect(await until(foreign, (f) => f.t === 'error')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await foreign.closed).toBe(4403);
    const noOrigin = connect('customer');
    await opened(noOrigin);
    noOrigin.ws.send(JSON.stringify({ t: 'join', code: session.code, history: false, path: '/' }));
    expect(await noOrigin.closed).toBe(4403);
    // The code still works from the company's site, once.
    const first = await join(session.code);
    await until(first, (f) => f.t === 'joined');
    const again = await join(session.code);
    expect(await until(again, (f) => f.t === 'error')).toMatchObject({ code: 'NOT_FOUND' });
    const garbage = connect('customer', SITE);
    await opened(garbage);
    garbage.ws.send('<script>alert(1)</script>');
    expect(await until(garbage, (f) => f.t === 'error')).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('only the agent who asked may watch; a bad token is refused', async () => {
    const session = await startSession();
    const other = await t.current.login('agent2', 'agent2-pass');
    const intruder = await watch(session, other);
    expect(await until(intruder, (f) => f.t === 'error')).toMatchObject({ code: 'NOT_FOUND' });
    expect(await intruder.closed).toBe(4404);
    const forged = await watch(session, 'not-a-token');
    expect(await forged.closed).toBe(4401);
    const missing = await watch({ ...session, id: randomUUID() });
    expect(await missing.closed).toBe(4404);
  });

  it('refuses an oversized frame without disturbing the agent\'s other sessions', async () => {
    const session = await startSession();
    const agent = await watch(session);
    const customer = await join(session.code);
    await until(customer, (f) => f.t === 'joined');
    customer.ws.send(JSON.stringify({ t: 'ev', e: [{ type: 3, timestamp: 1, data: 'x'.repeat(COBROWSE_MAX_CUSTOMER_FRAME) }] }));
    expect(await customer.closed).toBe(1009);
    // The session itself is still there: the customer's page can come back (resume) and the agent still watches.
    expect(agent.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('allowed origins are origins: a path, a script or another scheme is a 400', async () => {
    const admin = await t.current.login('admin1', 'admin1-pass');
    for (const bad of ['https://toko.example.co.id/belanja', 'javascript:alert(1)', 'ftp://toko.example.co.id', '']) {
      const res = await t.current.api('/admin/settings', { method: 'PUT', token: admin, body: JSON.stringify({ widgetOrigins: [bad] }) });
      expect(res.status, bad).toBe(400);
    }
    const agentPut = await t.current.api('/admin/settings', { method: 'PUT', token: agentToken, body: JSON.stringify({ widgetOrigins: [SITE] }) });
    expect(agentPut.status).toBe(403);
  });

  it('an unknown customer is a 404, an empty body a 400', async () => {
    const res = await t.current.api('/cobrowse/sessions', { method: 'POST', token: agentToken, body: JSON.stringify({ customerId: randomUUID() }) });
    expect(res.status).toBe(404);
    const empty = await t.current.api('/cobrowse/sessions', { method: 'POST', token: agentToken, body: '{}' });
    expect(empty.status).toBe(400);
  });

  it('an address that keeps guessing codes is refused for a while', async () => {
    // A loopback address of its own (127.0.0.0/8 all reach the server), so other tests' budget is untouched.
    const address = '127.0.0.9';
    for (let i = 0; i < COBROWSE_JOIN_FAILURES; i++) {
      const guess = await join('999999', false, SITE, address);
      await until(guess, (f) => f.t === 'error');
    }
    const session = await startSession();
    const blocked = await join(session.code, false, SITE, address);
    expect(await until(blocked, (f) => f.t === 'error')).toMatchObject({ code: 'RATE_LIMITED' });
    // Another address is not slowed.
    const fine = await join(session.code);
    await until(fine, (f) => f.t === 'joined');
  });
});
