// Chats and the router's capacity rule on PostgreSQL (migration 033, docs/decisions/0032):
// an agent who accepted a chat is free again for the router and is offered the next chat,
// up to their chat capacity; at capacity the next chat waits (or goes to a colleague); an
// agent with capacity 0 is never offered a chat, but still an e-mail.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Db } from '../../../src/server/db/db.js';
import { openDb } from '../../../src/server/db/open.js';
import { setMyState, touchPresence } from '../../../src/server/contact-center/agent-commands.js';
import { createContactCenter, type ContactCenter } from '../../../src/server/contact-center/contact-center.js';
import { createTask } from '../../../src/server/contact-center/intake.js';
import { acceptOffer } from '../../../src/server/contact-center/offers.js';
import { routeAll } from '../../../src/server/contact-center/router-step.js';
import { createChatHub } from '../../../src/server/webchat/hub.js';
import { takeChat, type WebchatDeps } from '../../../src/server/webchat/service.js';
import { insertConversation } from '../../../src/server/webchat/store.js';
import { createPostgresDatabase, type TestDatabase } from '../helpers/databases.js';
import { addAgent, testClock } from '../helpers/contact-center.js';

const clock = testClock();
let database: TestDatabase;
let db: Db;
let cc: ContactCenter;
let deps: WebchatDeps;
const queue = `chat-${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  database = await createPostgresDatabase();
  db = await openDb({ databaseUrl: database.databaseUrl ?? '' });
  cc = createContactCenter({ db, clock: clock.now, presenceTimeoutSec: 3_600 });
  deps = { db, cc, hub: createChatHub(cc.ctx.bus), settings: null as never, messaging: () => null };
  await db.query("INSERT INTO queues (code, label_id, label_en) VALUES ($1, 'Chat', 'Chat')", [queue]);
}, 60_000);
afterAll(async () => {
  deps.hub.close();
  await cc.close();
  await db.close();
  await database.drop();
});

async function newChat(): Promise<string> {
  const { id } = await insertConversation(db, { name: 'Pengunjung', phoneE164: null, email: 'p@contoh.id', language: 'id', origin: 'https://x.test', customerId: null, queueCode: queue }, clock.now());
  await createTask(cc.ctx, { kind: 'chat', sourceRef: id, queueCode: queue, customerId: null, from: 'p@contoh.id', subject: 'Pengunjung' });
  return id;
}

async function ready(capacity: number) {
  const agent = await addAgent(db, { queues: [queue], extension: false });
  await db.query('UPDATE users SET chat_capacity = $2 WHERE id = $1', [agent.id, capacity]);
  await setMyState(cc.ctx, agent.id, { state: 'ready' });
  await touchPresence(cc.ctx, [agent.id]);
  return agent;
}

/** Routes, then the agent offered a task accepts it and (for a chat) takes it: answers the kinds taken. */
async function routeAndTake(agentId: string): Promise<string[]> {
  const taken: string[] = [];
  for (const r of await routeAll(cc.ctx)) {
    if (r.agentId !== agentId) continue;
    const task = await acceptOffer(cc.ctx, agentId, r.reservationId);
    if (task.kind === 'chat') await takeChat(deps, agentId, task.taskId);
    taken.push(task.kind);
  }
  return taken;
}

it('offers chats to one agent up to their capacity, then the next waits', async () => {
  const agent = await ready(2);
  for (let i = 0; i < 3; i++) await newChat();
  const taken: string[] = [];
  for (let i = 0; i < 4; i++) taken.push(...await routeAndTake(agent.id));
  expect(taken).toEqual(['chat', 'chat']);
  const [held] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM webchat_conversations WHERE agent_id = $1 AND status = 'active'", [agent.id]);
  expect(held?.n).toBe(2);
  const [waiting] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cc_tasks WHERE kind = 'chat' AND queue_code = $1 AND status = 'waiting'", [queue]);
  expect(waiting?.n).toBe(1);
  // The agent is not busy for the router: their state is ready again.
  const [state] = await db.query<{ derived: string }>('SELECT derived FROM cc_agent_state WHERE user_id = $1', [agent.id]);
  expect(state?.derived).toBe('ready');
  // A colleague with room takes the one left.
  const other = await ready(3);
  expect(await routeAndTake(other.id)).toEqual(['chat']);
  await db.query("UPDATE webchat_conversations SET status = 'ended' WHERE queue_code = $1", [queue]);
  await db.query('UPDATE cc_agent_state SET chosen = \'offline\', derived = \'offline\' WHERE user_id = ANY($1::uuid[])', [[agent.id, other.id]]);
});

it('never offers a chat to an agent with capacity 0, but still an e-mail', async () => {
  const agent = await ready(0);
  await newChat();
  expect(await routeAndTake(agent.id)).toEqual([]);
  await createTask(cc.ctx, { kind: 'email', sourceRef: randomUUID(), queueCode: queue, customerId: null, from: 'x@contoh.id', subject: 'Halo' });
  expect(await routeAndTake(agent.id)).toEqual(['email']);
});
