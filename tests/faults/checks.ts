// Assertions shared by the fault tests: convergence (cache hash = server hash) and
// exactly-once (every row a desktop created is on the server once, none missing).
import net from 'node:net';
import { expect } from 'vitest';
import { type RunningServer } from '../../src/server/app.js';
import { cacheHash, serverHash, waitFor } from '../integration/sync/harness.js';

export interface Made { notes: string[]; callbacks: string[] }

export const emptyMade = (): Made => ({ notes: [], callbacks: [] });

export async function expectExactlyOnce(server: RunningServer, made: Made): Promise<void> {
  for (const table of ['notes', 'callbacks'] as const) {
    const ids = made[table];
    const rows = await server.db.query<{ id: string; n: number }>(
      `SELECT id::text AS id, count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[]) GROUP BY id`, [ids]);
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    expect({ table, missing }).toEqual({ table, missing: [] });
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(rows.length).toBe(new Set(ids).size);
  }
}

/** Every desktop's cache hash equals the server's, within `timeoutMs` (default 30 s). */
export async function expectConverged(server: RunningServer, dirs: string[], timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  await waitFor('caches converge to the server', async () => {
    const expected = await serverHash(server);
    return dirs.every((d) => cacheHash(d) === expected);
  }, timeoutMs, 200);
  return Date.now() - started;
}

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const address = s.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
