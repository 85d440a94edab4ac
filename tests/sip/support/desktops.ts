// Desktops for the SIP suite: each a browser host + core + fresh data folder, pointed at
// the suite's server, with a page signed in as an agent whose softphone is registered.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { freePort, startProcess } from '../../e2e/support/processes.js';
import { ephemeralCredentials } from '../../../src/server/sip/ephemeral.js';
import { killTree } from './process-tree.js';
import { SIP_SECRET, suiteEnv } from './sip-env.js';
import { desktopKeyEnv } from '../../support/desktop-key.js';

export interface AgentDesktop {
  page: Page;
  url: string;
  dataDir: string;
  close(): Promise<void>;
  /**
   * A crash: kill -9 of the host + core (tsx and the node it runs) and the page gone with it,
   * as when Electron dies — no sign-out, no status report, the softphone's socket just drops.
   */
  crash(): Promise<void>;
}

export interface DesktopOptions {
  /** Script run in the page before its own (bench instrumentation). */
  initScript?: string;
  /** Extra environment for the browser host + core process. */
  env?: Record<string, string>;
  /** Another server than the suite's (a test's own world, e.g. two sites). */
  serverUrl?: string;
  /** The proxies' WebSocket URLs the host's CSP lets the page reach (default: the suite's one). */
  wsUrls?: string[];
}

export async function openAgentDesktop(
  browser: Browser, username: string, password: string, options: DesktopOptions = {},
): Promise<AgentDesktop> {
  const suite = suiteEnv();
  const serverUrl = options.serverUrl ?? suite.serverUrl;
  const wsUrls = (options.wsUrls ?? [suite.wsUrl]).join(',');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sip-desktop-'));
  const port = await freePort();
  const host = await startProcess(
    'src/main/host/cli.ts',
    { SAPA_SERVER_URLS: serverUrl, SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir), SAPA_HOST_PORT: String(port), SAPA_SIP_WS_URLS: wsUrls, ...options.env },
    `http://127.0.0.1:${port}/`,
    'browser host',
  );
  const context = await browser.newContext({ permissions: ['microphone'] });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(registration(page)).toHaveText('Registered', { timeout: 20_000 });
  return {
    page, url: host.url, dataDir,
    async close() {
      await context.close();
      await host.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
    async crash() {
      if (host.child.pid) killTree(host.child.pid);
      await context.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function registration(page: Page) {
  return page.getByRole('status', { name: 'Phone registration' }).locator('[data-registration]');
}

/**
 * A caller's phone. With `reachable` it also registers its number (a credential made with
 * the suite's secret), standing in for the trunk that would carry an agent's outbound call
 * to the customer: Kamailio has no trunk here, only registered contacts.
 */
export async function openCustomerPhone(browser: Browser, number: string, options: { reachable?: boolean; wsUrl?: string } = {}): Promise<Page> {
  const { phoneUrl } = suiteEnv();
  const wsUrl = options.wsUrl ?? suiteEnv().wsUrl;
  const context = await browser.newContext({ permissions: ['microphone'] });
  const page = await context.newPage();
  await page.goto(phoneUrl);
  const credential = ephemeralCredentials(SIP_SECRET, number, Date.now() + 3600_000);
  const auth = options.reachable ? { username: credential.username, password: credential.password } : null;
  type Start = { start(a: string, b: string, c: string, d?: { username: string; password: string }): Promise<void> };
  await page.evaluate(([ws, n, a]) => (window as unknown as { phone: Start }).phone.start(ws, n, '127.0.0.1', a ?? undefined), [wsUrl, number, auth] as const);
  return page;
}

/** Closes a customer phone: unregistered first, so its number goes back to the trunk. */
export async function closeCustomerPhone(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { phone: { stop(): Promise<void> } }).phone.stop()).catch(() => undefined);
  await page.context().close().catch(() => undefined);
}

/** Admin API: gives users fixed extensions so the tests can dial them. */
export async function setExtensions(map: Record<string, string>, serverUrl = suiteEnv().serverUrl): Promise<void> {
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin1', password: 'admin1-pass' }),
  });
  const { token } = (await login.json()) as { token: string };
  const list = await fetch(`${serverUrl}/api/v1/admin/agents/extensions`, { headers: { authorization: `Bearer ${token}` } });
  const { agents } = (await list.json()) as { agents: { userId: string; username: string }[] };
  for (const [username, extension] of Object.entries(map)) {
    const agent = agents.find((a) => a.username === username);
    if (!agent) throw new Error(`no user ${username}`);
    const res = await fetch(`${serverUrl}/api/v1/admin/agents/${agent.userId}/extension`, {
      method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ extension }),
    });
    if (!res.ok) throw new Error(`setting ${username} → ${extension}: ${res.status} ${await res.text()}`);
  }
}

export async function apiToken(username: string, password: string, serverUrl = suiteEnv().serverUrl): Promise<string> {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** An admin API call as admin1 (the suite's server unless told): the answer's JSON, or a thrown error naming the status. */
export async function adminCall<T>(method: string, apiPath: string, body?: unknown, serverUrl = suiteEnv().serverUrl): Promise<T> {
  const token = await apiToken('admin1', 'admin1-pass', serverUrl);
  const res = await fetch(`${serverUrl}/api/v1${apiPath}`, {
    method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${apiPath}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}
