// Starts the real server for a suite and offers small HTTP helpers.
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, type StartServerOptions, startServer } from '../../../src/server/app.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { type Engine, type TestDatabase, createTestDatabase } from './databases.js';

export interface TestServer {
  server: RunningServer;
  api(path: string, init?: RequestInit & { token?: string }): Promise<{ status: number; body: unknown; text: string }>;
  login(username: string, password: string): Promise<string>;
}

export async function startTestServer(engine: Engine, options: Omit<StartServerOptions, 'databaseUrl'> = {}): Promise<TestServer & { database: TestDatabase }> {
  const database = await createTestDatabase(engine);
  const server = await startServer({ ...options, ...(database.databaseUrl ? { databaseUrl: database.databaseUrl } : {}) });
  const api: TestServer['api'] = async (path, init = {}) => {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (typeof rest.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const res = await fetch(`${server.url}${API_PREFIX}${path}`, { ...rest, headers });
    const text = await res.text();
    let body: unknown = text;
    try { body = JSON.parse(text); } catch { /* not JSON (CSV) */ }
    return { status: res.status, body, text };
  };
  const login = async (username: string, password: string): Promise<string> => {
    const res = await api('/auth/login', { method: 'POST', body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.text}`);
    return (res.body as { token: string }).token;
  };
  return { server, api, login, database };
}

/** beforeAll/afterAll around a started server; read `.current` inside tests. */
export function useTestServer(engine: Engine, options: Omit<StartServerOptions, 'databaseUrl'> = {}): { current: TestServer } {
  const holder = {} as { current: TestServer };
  let started: (TestServer & { database: TestDatabase }) | undefined;
  beforeAll(async () => {
    started = await startTestServer(engine, options);
    holder.current = started;
  });
  afterAll(async () => {
    await started?.server.close();
    await started?.database.drop();
  });
  return holder;
}
