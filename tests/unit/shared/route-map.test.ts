// The HTTP route map (src/shared/routes.ts) is the server's whole API: every route in it is
// registered, nothing is registered outside it, every route declares its access, and the
// server enforces that access — no token → 401, a role the permission table refuses → 403,
// a role it allows gets past the guard. The server runs on a stand-in database that only
// knows three sessions: the guards never need more, and a handler that reaches it fails.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/server/app.js';
import { hashToken } from '../../../src/server/auth/sessions.js';
import { type Db } from '../../../src/server/db/db.js';
import { COBROWSE_AGENT_PATH, COBROWSE_CUSTOMER_PATH } from '../../../src/server/cobrowse/relay.js';
import { LIVE_PATH } from '../../../src/server/live/live-hub.js';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { ROLES, type Role } from '../../../src/shared/domain.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { ACTIONS, can } from '../../../src/shared/permissions.js';
import { ROUTES, ROUTE_ACCESS, ROUTE_NAMES, apiPath, type RouteDef } from '../../../src/shared/routes.js';

const tokenOf = (role: Role) => `token-of-${role}`;
const roleByHash = new Map(ROLES.map((r) => [hashToken(tokenOf(r)), r]));

const sessionsOnly: Db = {
  engine: 'pglite',
  async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    if (sql.includes('FROM sessions s JOIN users u')) {
      const role = roleByHash.get(String(params?.[0]));
      return (role ? [{ id: randomUUID(), username: role, display_name: role, role }] : []) as T[];
    }
    throw new Error('this test has no database');
  },
  async transaction() { throw new Error('this test has no database'); },
  async close() {},
};

let app: FastifyInstance;
let dir: string;
const registered: { method: string; url: string }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-routes-'));
  process.env.SAPA_RECORDINGS_DIR = dir;
  app = buildServer({ db: sessionsOnly, config: { logLevel: false }, messaging: DEFAULT_MESSAGING });
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) registered.push({ method, url: r.url });
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  delete process.env.SAPA_RECORDINGS_DIR;
  await rm(dir, { recursive: true, force: true });
});

const plain = (r: RouteDef) => r.answer !== 'tus' && r.answer !== 'websocket';
const urlOf = (r: RouteDef) => apiPath(r, { id: randomUUID(), name: 'probe.bin', kind: 'orders', report: 'service' });

describe('the route map', () => {
  it('has every route registered on the server', () => {
    for (const name of ROUTE_NAMES) {
      const route: RouteDef = ROUTES[name];
      if (route.answer === 'websocket') expect([LIVE_PATH, COBROWSE_CUSTOMER_PATH, COBROWSE_AGENT_PATH], name).toContain(apiPath(route));
      else expect(app.hasRoute({ method: route.method, url: API_PREFIX + route.path }), name).toBe(true);
    }
  });

  it('is the whole API: the server registers no route outside it', () => {
    const declared = new Set(ROUTE_NAMES.map((n) => `${ROUTES[n].method} ${API_PREFIX}${ROUTES[n].path}`));
    const upload = `${API_PREFIX}${ROUTES['recordings.upload'].path}`;
    // The web widget's public endpoints (/webchat/…, and the CORS preflight their plugin adds)
    // have their own origin check, budgets and proof of work outside the map
    // (src/server/webchat/public-routes.ts; src/shared/webchat-routes.ts says why).
    const widgetPublic = (url: string) => url.startsWith(`${API_PREFIX}/webchat/`) && !declared.has(`GET ${url}`) || url === `${API_PREFIX}*`;
    const outside = registered
      // HEAD is Fastify's shadow of every GET; tus answers several methods under its path.
      .filter((r) => r.method !== 'HEAD' && r.url !== upload && r.url !== `${upload}/*` && !widgetPublic(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !declared.has(r));
    expect(outside).toEqual([]);
  });

  it('declares an access for every route, and only the sign-in door, health, the live socket, the update feed, the browser sharing customer side and the signed webhooks are public', () => {
    for (const name of ROUTE_NAMES) {
      const access = ROUTE_ACCESS[name] as string;
      expect(access === 'public' || access === 'session' || access === 'integration' || (ACTIONS as string[]).includes(access), name).toBe(true);
    }
    expect(ROUTE_NAMES.filter((n) => ROUTE_ACCESS[n] === 'integration').sort())
      .toEqual(['integrations.contracts', 'integrations.invoices', 'integrations.orderRequests', 'integrations.orderRequestsAck', 'integrations.orders']);
    // The providers' webhooks are public at the door and signed over the body (messaging/channels/webhooks.ts).
    expect(ROUTE_NAMES.filter((n) => ROUTE_ACCESS[n] === 'public').sort()).toEqual([
      'auth.login', 'cobrowse.agentSocket', 'cobrowse.customerSocket', 'cobrowse.script', 'health', 'sync.live', 'updates.feed',
      'webhooks.sms', 'webhooks.whatsapp', 'webhooks.whatsappVerify']);
  });

  it('refuses every non-public route without a session', async () => {
    for (const name of ROUTE_NAMES.filter((n) => ROUTE_ACCESS[n] !== 'public' && plain(ROUTES[n]))) {
      const route: RouteDef = ROUTES[name];
      const res = await app.inject({ method: route.method, url: urlOf(route) });
      expect(res.statusCode, name).toBe(401);
    }
  });

  it('enforces each route\'s permission action for every role', async () => {
    for (const name of ROUTE_NAMES.filter((n) => plain(ROUTES[n]))) {
      const route: RouteDef = ROUTES[name];
      const access = route.access;
      if (access === 'public' || access === 'session') continue;
      for (const role of ROLES) {
        // The integration API takes an API key, never a session: every role is refused.
        if (access === 'integration') {
          const res = await app.inject({ method: route.method, url: urlOf(route), headers: { authorization: `Bearer ${tokenOf(role)}` } });
          expect(res.statusCode, `${name} as ${role}`).toBe(403);
          continue;
        }
        const res = await app.inject({ method: route.method, url: urlOf(route), headers: { authorization: `Bearer ${tokenOf(role)}` } });
        if (can(role, access)) expect([401, 403], `${name} as ${role}`).not.toContain(res.statusCode);
        else expect(res.statusCode, `${name} as ${role}`).toBe(403);
      }
    }
  });
});
