// A web chat message is numbered and written in one statement (store.ts appendMessage, the
// bench's hot path): many writers of one chat at the same instant still get 1, 2, 3 … each
// once, in the order both sides read; a chat that ended refuses a customer's or an agent's
// message (a system mark still goes in); an agent's message to a chat not theirs is refused;
// a file is stored with its message's number.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SapaError } from '../../../src/shared/errors.js';
import { appendMessage, insertConversation, messagesOf } from '../../../src/server/webchat/store.js';
import { forEachDatabase } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

forEachDatabase('web chat appendMessage', (engine) => {
  let t: TestServer & { database: { drop(): Promise<void> } };
  let agentId: string;
  const now = new Date('2026-12-07T09:00:00Z');

  beforeAll(async () => {
    t = await startTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0, seed: 3 } });
    agentId = (await t.server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'agent1'"))[0]!.id;
  });
  afterAll(async () => {
    await t?.server.close();
    await t?.database.drop();
  });

  const open = async () => {
    const { id } = await insertConversation(t.server.db, { name: 'Sari', phoneE164: null, email: 'sari@example.test', language: 'id', origin: 'http://shop.test', customerId: null, queueCode: 'general' }, now);
    await t.server.db.query("UPDATE webchat_conversations SET status = 'active', agent_id = $2 WHERE id = $1", [id, agentId]);
    return id;
  };
  const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof SapaError ? e.code : String(e)));

  it('numbers thirty messages written at once 1…30, each once, in the order read back', async () => {
    const id = await open();
    const written = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      appendMessage(t.server.db, id, i % 2 ? { author: 'agent', agentId, body: `a${i}` } : { author: 'customer', body: `c${i}` }, now, i % 2 ? agentId : undefined)));
    expect(written.map((m) => m.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const read = await messagesOf(t.server.db, id);
    expect(read.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // What the writer answered is what is stored under that number.
    for (const m of written) expect(read.find((r) => r.seq === m.seq)?.body).toBe(m.body);
    expect(written.find((m) => m.author === 'agent')?.agentName).toBeTruthy();
  });

  it('refuses an agent who does not hold the chat, an ended chat and an unknown one; a system mark still goes in', async () => {
    const id = await open();
    const other = (await t.server.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'agent2'"))[0]!.id;
    expect(await refusal(appendMessage(t.server.db, id, { author: 'agent', agentId: other, body: 'x' }, now, other))).toBe('NOT_FOUND');
    await t.server.db.query("UPDATE webchat_conversations SET status = 'ended' WHERE id = $1", [id]);
    expect(await refusal(appendMessage(t.server.db, id, { author: 'customer', body: 'late' }, now))).toBe('CONFLICT');
    expect(await refusal(appendMessage(t.server.db, id, { author: 'agent', agentId, body: 'late' }, now, agentId))).toBe('CONFLICT');
    expect((await appendMessage(t.server.db, id, { author: 'system', body: 'customer_left' }, now)).seq).toBe(1);
    expect(await refusal(appendMessage(t.server.db, '01890000-0000-7000-8000-000000000000', { author: 'customer', body: 'x' }, now))).toBe('NOT_FOUND');
  });

  it('stores a file under its message number', async () => {
    const id = await open();
    await appendMessage(t.server.db, id, { author: 'customer', body: 'hello' }, now);
    const m = await appendMessage(t.server.db, id, { author: 'customer', body: 'scan.pdf', file: { mime: 'application/pdf', name: 'scan.pdf', bytes: Buffer.from('%PDF-1.4') } }, now);
    expect(m.seq).toBe(2);
    const [f] = await t.server.db.query<{ id: string; message_seq: number }>('SELECT id, message_seq FROM webchat_files WHERE conversation_id = $1', [id]);
    expect(f).toEqual({ id: m.file?.id, message_seq: 2 });
    expect((await messagesOf(t.server.db, id))[1]?.file?.id).toBe(m.file?.id);
  });
});
