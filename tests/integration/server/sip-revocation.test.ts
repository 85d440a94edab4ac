// SIP credential revocation on the server, on both engines (docs/decisions/0010): a
// sign-out and an extension move each raise the extension's cut-off past every credential
// handed out so far and tell every proxy (a stand-in Kamailio JSON-RPC endpoint that
// records what it is told and checks the key); a credential issued afterwards is past the
// cut-off. Kamailio's side (refusing, dropping the registration) is tests/sip/sip-revocation.spec.ts.
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { rpcKey } from '../../../src/server/sip/kamailio-rpc.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

const SECRET = 'integration-secret-revocation-0123';
interface RpcCall { method: string; params: unknown[]; keyOk: boolean }
const calls: RpcCall[] = [];
let proxy: Server;
/** The stand-in answers HTTP 500 (a proxy in trouble) while this is set. */
let failing = false;

beforeAll(async () => {
  proxy = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      const parsed = JSON.parse(body) as { method: string; params: unknown[]; id: number };
      calls.push({ method: parsed.method, params: parsed.params, keyOk: req.headers['x-sapa-rpc-key'] === rpcKey(SECRET) });
      if (failing) { res.writeHead(500).end(); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', result: {}, id: parsed.id }));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  process.env.SAPA_SIP_SECRET = SECRET;
  process.env.SAPA_SIP_RPC_URLS = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/RPC`;
});
afterAll(async () => {
  delete process.env.SAPA_SIP_RPC_URLS;
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

interface Credentials { extension: string; authUsername: string }
const expiryOf = (c: Credentials) => Number(c.authUsername.split(':')[0]);
const cutoffsFor = (extension: string) =>
  calls.filter((c) => c.method === 'htable.seti' && c.params[1] === extension).map((c) => Number(c.params[2]));
const removalsOf = (extension: string) => calls.filter((c) => c.method === 'ul.rm' && c.params[1] === extension);

forEachDatabase('SIP credential revocation', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 5, seed: 3 } });
  beforeEach(() => { calls.length = 0; });

  const credentials = async (token: string) => {
    const res = await s.current.api('/sip/credentials', { token });
    expect(res.status).toBe(200);
    return res.body as Credentials;
  };
  const setExtension = async (admin: string, username: string, extension: string) => {
    const list = (await s.current.api('/admin/agents/extensions', { token: admin })).body as { agents: { userId: string; username: string }[] };
    const id = list.agents.find((a) => a.username === username)?.userId;
    const res = await s.current.api(`/admin/agents/${id}/extension`, { method: 'PUT', token: admin, body: JSON.stringify({ extension }) });
    expect(res.status, res.text).toBe(200);
  };

  it('sign-out revokes every credential handed out so far and drops the registration; the next sign-in gets one past the cut-off', async () => {
    const token = await s.current.login('agent1', 'agent1-pass');
    const first = await credentials(token);
    const second = await credentials(token); // e.g. a second desktop of the same agent
    expect((await s.current.api('/auth/logout', { method: 'POST', token })).status).toBe(200);

    const [cutoff] = cutoffsFor(first.extension);
    expect(cutoff).toBeGreaterThanOrEqual(Math.max(expiryOf(first), expiryOf(second)));
    expect(removalsOf(first.extension)).toHaveLength(1);
    expect(calls.every((c) => c.keyOk)).toBe(true);

    // Signing straight back in (same second included) gives a credential the proxy accepts.
    const again = await credentials(await s.current.login('agent1', 'agent1-pass'));
    expect(again.extension).toBe(first.extension);
    expect(expiryOf(again)).toBeGreaterThan(cutoff ?? Infinity);
  });

  it("moving an extension revokes the previous holder's credential for it and the number the new holder leaves", async () => {
    const admin = await s.current.login('admin1', 'admin1-pass');
    await setExtension(admin, 'agent1', '3001');
    await setExtension(admin, 'agent2', '3002');
    const agent1 = await credentials(await s.current.login('agent1', 'agent1-pass'));
    const agent2 = await credentials(await s.current.login('agent2', 'agent2-pass'));
    expect([agent1.extension, agent2.extension]).toEqual(['3001', '3002']);
    calls.length = 0;

    // 3001 goes to agent2: agent1 first moves to 3009, then agent2 takes 3001.
    await setExtension(admin, 'agent1', '3009');
    await setExtension(admin, 'agent2', '3001');
    expect(Math.max(...cutoffsFor('3001'))).toBeGreaterThanOrEqual(expiryOf(agent1));
    expect(Math.max(...cutoffsFor('3002'))).toBeGreaterThanOrEqual(expiryOf(agent2));
    expect(removalsOf('3001').length).toBeGreaterThanOrEqual(1);
    expect(removalsOf('3002')).toHaveLength(1);

    const taken = await credentials(await s.current.login('agent2', 'agent2-pass'));
    expect(taken.extension).toBe('3001');
    expect(expiryOf(taken)).toBeGreaterThan(Math.max(...cutoffsFor('3001')));

    // Setting the extension a user already has revokes nothing.
    calls.length = 0;
    await setExtension(admin, 'agent2', '3001');
    expect(calls).toHaveLength(0);
  });

  it('a sign-out still succeeds when the proxy fails; the cut-off is kept for the resync', async () => {
    const token = await s.current.login('lead1', 'lead1-pass');
    const c = await credentials(token);
    failing = true;
    try {
      expect((await s.current.api('/auth/logout', { method: 'POST', token })).status).toBe(200);
    } finally {
      failing = false;
    }
    expect(cutoffsFor(c.extension)).toHaveLength(1); // it was tried
    const rows = await s.current.server.db.query<{ revoked_through: string }>(
      'SELECT revoked_through FROM sip_credential_cutoffs WHERE extension = $1', [c.extension],
    );
    expect(Number(rows[0]?.revoked_through)).toBeGreaterThanOrEqual(expiryOf(c));
  });
});
