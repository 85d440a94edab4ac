// A real install has no demo users (their passwords are in the README): the server on
// PostgreSQL never writes them, the seed refuses without SAPA_DEMO=1, and the embedded
// database gets them only with the flag (npm start sets it; the tests that use demo users
// ask startServer for them with `seedDemo`; tests/unit/server/demo-gate.test.ts). Its first admin comes from `npm run create-admin`,
// which reads the password from stdin here (a terminal would be asked without echo),
// refuses a weak one and a taken username, and writes nothing when it refuses.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../src/server/app.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { ROOT, freePort, startProcess } from '../../e2e/support/processes.js';
import { createPostgresDatabase, type Engine, type TestDatabase } from '../helpers/databases.js';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const STRONG = 'kopi-tubruk-di-teras-jam-7';

/** The environment a child needs for `engine`: the database, and no inherited demo flag. */
function dbEnv(database: { url?: string; dataDir?: string }): Record<string, string> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: 'warn', LANG: 'C' };
  delete env.SAPA_DEMO;
  delete env.DATABASE_URL;
  if (database.url) env.DATABASE_URL = database.url;
  if (database.dataDir) env.SAPA_DATA_DIR = database.dataDir;
  return env;
}

async function run(entry: string, args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; out: string }> {
  const child = spawn(TSX, [path.join(ROOT, entry), ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
  child.stdin.end(stdin);
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, out };
}

async function usernames(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ username: string }>('SELECT username FROM users ORDER BY username')).rows.map((r) => r.username);
  } finally {
    await c.end();
  }
}

async function loginStatus(baseUrl: string, username: string, password: string): Promise<number> {
  const res = await fetch(`${baseUrl}${API_PREFIX}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  return res.status;
}

describe('demo users stay out of a real install', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await createPostgresDatabase(); });
  afterAll(async () => { await database.drop(); });

  it('a server started on PostgreSQL has no demo users, with or without SAPA_DEMO', async () => {
    for (const flag of [undefined, '1']) {
      const port = await freePort();
      const env = { ...dbEnv({ url: database.databaseUrl! }), PORT: String(port), ...(flag ? { SAPA_DEMO: flag } : {}) };
      const server = await startProcess('src/server/main.ts', env, `http://127.0.0.1:${port}${API_PREFIX}/health`, 'server');
      try {
        expect(await loginStatus(server.url, 'agent1', 'agent1-pass')).toBe(401);
        expect(await loginStatus(server.url, 'admin1', 'admin1-pass')).toBe(401);
      } finally {
        await server.stop();
      }
      expect(await usernames(database.databaseUrl!)).toEqual([]);
    }
  });

  it('the seed refuses without SAPA_DEMO=1 and writes nothing', async () => {
    const res = await run('src/server/seed/cli.ts', ['--customers', '1'], dbEnv({ url: database.databaseUrl! }));
    expect(res.code).toBe(2);
    expect(res.out).toMatch(/SAPA_DEMO=1/);
    expect(await usernames(database.databaseUrl!)).toEqual([]);
  });
});

// Each run is a new process opening the database (PGlite starts afresh each time): slow on a
// busy machine, so these tests get more time than the layer's default.
describe.each(['postgres', 'pglite'] as const)('npm run create-admin [%s]', { timeout: 400_000 }, (engine: Engine) => {
  let database: TestDatabase | undefined;
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-create-admin-'));
    if (engine === 'postgres') database = await createPostgresDatabase();
    env = dbEnv(engine === 'postgres' ? { url: database!.databaseUrl! } : { dataDir });
  });
  afterAll(async () => {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });
  const createAdmin = (password: string, username = 'kepala') =>
    run('src/server/auth/create-admin-cli.ts', ['--username', username, '--display-name', 'Kepala TI'], env, `${password}\n`);
  const withServer = async <T>(fn: (url: string, users: () => Promise<string[]>) => Promise<T>): Promise<T> => {
    const server = await startServer(engine === 'postgres' ? { databaseUrl: database!.databaseUrl! } : { dataDir });
    const users = async () => (await server.db.query<{ username: string }>('SELECT username FROM users ORDER BY username'))
      .map((r) => r.username);
    try {
      return await fn(server.url, users);
    } finally {
      await server.close();
    }
  };

  it('refuses weak passwords, saying why, and writes nothing', async () => {
    const short = await createAdmin('pendek');
    expect(short.code).toBe(1);
    expect(short.out).toMatch(/at least 12 characters/);
    const named = await createAdmin('kepala-punya-sandi-panjang');
    expect(named.out).toMatch(/may not contain the username/);
    const common = await createAdmin('Password1234!');
    expect(common.out).toMatch(/passwords guessers try first/);
    await withServer(async (_url, users) => expect(await users()).toEqual([]));
  });

  it('creates the admin from the password on stdin; it signs in and may administer', async () => {
    const res = await createAdmin(STRONG);
    expect(res.code, res.out).toBe(0);
    expect(res.out).toMatch(/Admin kepala created/);
    await withServer(async (url) => {
      const login = await fetch(`${url}${API_PREFIX}/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'kepala', password: STRONG }),
      });
      expect(login.status).toBe(200);
      const body = (await login.json()) as { token: string; user: { role: string; displayName: string } };
      expect(body.user).toMatchObject({ role: 'admin', displayName: 'Kepala TI' });
      const admin = await fetch(`${url}${API_PREFIX}/admin/agents/extensions`, { headers: { authorization: `Bearer ${body.token}` } });
      expect(admin.status).toBe(200);
    });
  });

  it('refuses a username that exists, before asking for a password', async () => {
    const again = await createAdmin('');
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/kepala exists already/);
    await withServer(async (_url, users) => expect(await users()).toEqual(['kepala']));
  });

  it('speaks Bahasa Indonesia when LANG says so', async () => {
    const res = await run('src/server/auth/create-admin-cli.ts', ['--username', 'wakil'], { ...env, LANG: 'id_ID.UTF-8' }, 'pendek\n');
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/minimal 12 karakter/);
  });
});
