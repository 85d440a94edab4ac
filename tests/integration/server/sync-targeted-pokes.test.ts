// Targeted pokes (docs/decisions/0030): a write to a customer's rows pokes the desktops whose
// working set holds that customer (NOTIFY sapa_sync 'u:<ids>' from the statement triggers,
// heard through the instance's LISTEN), and not the others. PostgreSQL only: PGlite has one
// instance and pokes from the push route.
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LIVE_PATH } from '../../../src/server/live/live-hub.js';
import { useTestServer } from '../helpers/server.js';
import { describe } from 'vitest';

const AGENT1 = '00000000-0000-4000-8000-00000000a001';
const AGENT2 = '00000000-0000-4000-8000-00000000a002';

describe('targeted pokes [postgres]', () => {
  const t = useTestServer('postgres', { seedDemo: { customers: 20, interactionsMean: 1, seed: 5 } });

  const open = async (token: string) => {
    const socket = new WebSocket(`${t.current.server.url.replace('http', 'ws')}${LIVE_PATH}`);
    await new Promise((ok, fail) => { socket.once('open', ok); socket.once('error', fail); });
    const readyMsg = new Promise((ok) => socket.once('message', ok));
    socket.send(JSON.stringify({ type: 'hello', token }));
    await readyMsg;
    const pokes = { n: 0 };
    socket.on('message', (data: Buffer) => { if ((JSON.parse(data.toString()) as { type: string }).type === 'poke') pokes.n += 1; });
    return { socket, pokes };
  };
  const until = async (check: () => boolean, what: string) => {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > 10_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((ok) => setTimeout(ok, 10));
    }
  };

  it('a note pokes the desktop whose scope holds the customer, not one outside it; leaving the scope pokes too', async () => {
    const db = t.current.server.db;
    // Two customers nobody's rules bring in; agent1 joins x, agent2 joins y.
    const [x, y] = (await db.query<{ id: string }>(
      `SELECT id::text AS id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM scope_members m WHERE m.customer_id = c.id AND m.in_scope)
        ORDER BY customer_no LIMIT 2`)).map((r) => r.id) as [string, string];
    expect(y).toBeDefined();
    await db.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2), ($3, $4)', [AGENT1, x, AGENT2, y]);
    const one = await open(await t.current.login('agent1', 'agent1-pass'));
    const two = await open(await t.current.login('agent2', 'agent2-pass'));
    const note = (customer: string) => db.query(
      `INSERT INTO notes (id, customer_id, body, created_at) VALUES ($1, $2, 'poke?', now())`, [randomUUID(), customer]);

    await note(x);
    await until(() => one.pokes.n === 1, 'agent1 poked for x');
    // Notifications arrive in commit order: had x's note poked agent2, that poke would
    // come before the one for y's note, and agent2 would count two.
    await note(y);
    await until(() => two.pokes.n === 1, 'agent2 poked for y');
    expect(one.pokes.n).toBe(1);
    expect(two.pokes.n).toBe(1);

    // x leaves agent1's set: agent1 is poked (its desktop must tombstone x), agent2 is not.
    await db.query('DELETE FROM working_sets WHERE user_id = $1 AND customer_id = $2', [AGENT1, x]);
    await until(() => one.pokes.n === 2, 'agent1 poked for leaving x');
    await note(y);
    await until(() => two.pokes.n === 2, 'agent2 poked for y again');
    expect(one.pokes.n).toBe(2);
    // A note on x now concerns nobody: no poke, seen against a later one for y.
    await note(x);
    await note(y);
    await until(() => two.pokes.n === 3, 'agent2 poked for y a third time');
    expect(one.pokes.n).toBe(2);
    one.socket.close();
    two.socket.close();
  });
});
