// The e-mail and call-back task sources against the real server, its real SMTP ingress and
// the real router, on PostgreSQL and PGlite: a mail to a queue's address becomes one task in
// that queue (a redelivery, a mail to two addresses, an address no queue has, a unicode or
// huge subject); the agent who accepts it owns the mail and nobody else may answer it; a
// due call-back becomes one task however many sweeps run at once, a cancelled one is
// withdrawn, and the agent's outcome lands on the call-back row.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { contactCenterOf } from '../../../src/server/app.js';
import { sweepCallbacks } from '../../../src/server/callbacks/callback-tasks.js';
import { type ContactCenter } from '../../../src/server/contact-center/contact-center.js';
import { routeAll } from '../../../src/server/contact-center/router-step.js';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { type AgentTask, type TaskOffer } from '../../../src/shared/contact-center.js';
import { mailToIngress } from '../../support/replies-mail-sink.js';
import { addAgent, addCustomer, type TestAgent } from '../helpers/contact-center.js';
import { forEachDatabase } from '../helpers/databases.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const HOUR = 3_600_000;

async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const address = s.address();
  s.close();
  return typeof address === 'object' && address ? address.port : 0;
}

interface TaskRow { id: string; kind: string; queue_code: string; status: string; source_ref: string; subject: string | null; agent_id: string | null }

forEachDatabase('contact-center task sources', (engine) => {
  let ingressPort = 0;
  let t: TestServer & { database: { drop(): Promise<void> } };
  let cc: ContactCenter;
  beforeAll(async () => {
    ingressPort = await freePort();
    t = await startTestServer(engine, {
      // Routing runs when the test says (routeAll); the call-back sweep is called by the test
      // too, while the server's own sweep keeps running beside it (the two-instance case).
      contactCenter: { routeEveryMs: HOUR, reconcileEveryMs: HOUR, presenceTimeoutSec: 3600 },
      messaging: { ...DEFAULT_MESSAGING, ingressPort, autoAck: false, mailAuth: { resolver: null, trustReceived: false } },
    });
    cc = contactCenterOf(t.server.app);
  });
  afterAll(async () => {
    await t?.server.close();
    await t?.database.drop();
  });

  const db = () => t.server.db;
  async function as<T>(agent: TestAgent, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await t.api(path, { method, token: agent.token, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: res.body as T };
  }
  async function readyAgent(queues: string[]): Promise<TestAgent> {
    const agent = await addAgent(db(), { queues });
    await as(agent, 'PUT', '/agents/me/status', { status: 'available' });
    expect((await as(agent, 'PUT', '/cc/agents/me/state', { state: 'ready' })).status).toBe(200);
    return agent;
  }
  const offerOf = async (a: TestAgent) => (await as<{ offer: TaskOffer | null }>(a, 'GET', '/cc/offers/mine')).body.offer;
  /**
   * The offer the router makes: routeAll here, or the server's own loop (kicked by the
   * intake) when it held the queue's turn just then — so it is waited for, not read once.
   */
  const offerMade = (a: TestAgent) => vi.waitFor(async () => {
    const offer = await offerOf(a);
    if (!offer) throw new Error('no offer yet');
    return offer;
  }, { timeout: 10_000, interval: 100 });
  const tasksOf = (kind: string, sourceRef: string) =>
    db().query<TaskRow>('SELECT * FROM cc_tasks WHERE kind = $1 AND source_ref = $2', [kind, sourceRef]);
  async function inboundBySubject(subject: string): Promise<{ id: string }[]> {
    return db().query<{ id: string }>('SELECT id FROM inbound_messages WHERE subject = $1', [subject]);
  }
  async function mail(subject: string, to: string | string[], messageId?: string): Promise<string> {
    await mailToIngress(ingressPort, { from: `pengirim-${randomUUID().slice(0, 6)}@contoh.id`, subject, text: 'Mohon dibantu.', to, ...(messageId ? { messageId } : {}) });
    const [row] = await inboundBySubject(subject);
    if (!row) throw new Error(`mail "${subject}" was not stored`);
    return row.id;
  }
  /** Leaves `code` the only queue with work for the agents made in a test. */
  async function drainOthers(): Promise<void> {
    await db().query("UPDATE cc_tasks SET status = 'cancelled', agent_id = NULL, reservation_id = NULL, reserved_until = NULL WHERE status IN ('waiting', 'reserved')");
  }

  it('queues a mail to a queue address as one task there; one agent of two gets it, owns the mail, the other cannot answer it', async () => {
    await drainOthers();
    const subject = `Tagihan ganda ${randomUUID().slice(0, 8)}`;
    const inboundId = await mail(subject, 'Tagihan@Sapa.Example');
    const [task, ...more] = await tasksOf('email', inboundId);
    expect(more).toHaveLength(0);
    expect(task).toMatchObject({ queue_code: 'billing', status: 'waiting', subject });

    const first = await readyAgent(['billing']);
    const second = await readyAgent(['billing']);
    await routeAll(cc.ctx);
    const offers = [await offerOf(first), await offerOf(second)].filter((o): o is TaskOffer => o !== null && o.taskId === task?.id);
    expect(offers).toHaveLength(1);
    const offer = offers[0] as TaskOffer;
    const [winner, loser] = (await offerOf(first))?.taskId === task?.id ? [first, second] : [second, first];
    expect(offer).toMatchObject({ kind: 'email', queueCode: 'billing', sourceId: inboundId, subject });

    const accepted = await as<AgentTask>(winner, 'POST', '/cc/offers/accept', { reservationId: offer.reservationId });
    expect(accepted.status).toBe(200);
    expect((await as(winner, 'POST', `/messages/inbound/${inboundId}/take`)).status).toBe(200);
    // Routing again never hands it to the other agent, and they may not take or answer it.
    await routeAll(cc.ctx);
    expect((await offerOf(loser))?.taskId).not.toBe(task?.id);
    const taken = await as<{ code: string; message: string }>(loser, 'POST', `/messages/inbound/${inboundId}/take`);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('CONFLICT');
    const [owner] = await db().query<{ owner_id: string }>('SELECT owner_id FROM inbound_messages WHERE id = $1', [inboundId]);
    expect(owner?.owner_id).toBe(winner.id);
    expect((await as(winner, 'POST', `/cc/tasks/${accepted.body.taskId}/complete`, { kind: 'email' })).status).toBe(200);
  });

  it('stores a redelivered mail (same Message-ID) once and queues it once', async () => {
    const subject = `Dikirim dua kali ${randomUUID().slice(0, 8)}`;
    const messageId = `<${randomUUID()}@contoh.id>`;
    const from = `ulang-${randomUUID().slice(0, 6)}@contoh.id`;
    await mailToIngress(ingressPort, { from, subject, text: 'Pertama', messageId, to: 'jaringan@sapa.example' });
    await mailToIngress(ingressPort, { from, subject, text: 'Pertama', messageId, to: 'jaringan@sapa.example' });
    const rows = await inboundBySubject(subject);
    expect(rows).toHaveLength(1);
    const tasks = await tasksOf('email', rows[0]?.id ?? '');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]?.queue_code).toBe('network');
  });

  it('picks the queue from the first recipient a queue lists; an address no queue has goes to the general queue', async () => {
    const two = await mail(`Dua alamat ${randomUUID().slice(0, 8)}`, ['orang@lain.example', 'jaringan@sapa.example', 'tagihan@sapa.example']);
    expect((await tasksOf('email', two))[0]?.queue_code).toBe('network');
    // Looks like the billing address, is not it.
    const wrong = await mail(`Alamat salah ${randomUUID().slice(0, 8)}`, 'tagihan@sapa.example.com');
    expect((await tasksOf('email', wrong))[0]?.queue_code).toBe('general');
  });

  it('keeps a unicode subject whole and a huge one cut to what an offer carries', async () => {
    const unicode = `Keluhan 📶 sinyal — “Rp 1.500.000” ${randomUUID().slice(0, 8)} 日本`;
    const id1 = await mail(unicode, 'cs@sapa.example');
    expect((await tasksOf('email', id1))[0]?.subject).toBe(unicode);
    const huge = `Sangat panjang ${randomUUID().slice(0, 8)} ${'ä'.repeat(5_000)}`;
    const id2 = await mail(huge, 'cs@sapa.example');
    const [task] = await tasksOf('email', id2);
    expect(task?.subject).toHaveLength(500);
    expect(huge.startsWith(task?.subject ?? 'x')).toBe(true);
  });

  async function callback(customerId: string, dueInSec: number, assignee: string | null = null): Promise<string> {
    const id = randomUUID();
    await db().query(
      `INSERT INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, status, created_at)
       VALUES ($1, $2, NULL, now() + make_interval(secs => $3), 'Minta ditelepon soal tagihan', $4, 'open', now())`,
      [id, customerId, dueInSec, assignee]);
    return id;
  }

  it('makes one task of a due call-back however many sweeps run at once, none of one not yet due, and withdraws a cancelled one', async () => {
    const customer = await addCustomer(db(), { phone: `+62812${String(Date.now()).slice(-7)}` });
    const due = await callback(customer, -60);
    const later = await callback(customer, 3_600);
    await Promise.all([sweepCallbacks(db(), cc.intake), sweepCallbacks(db(), cc.intake), sweepCallbacks(db(), cc.intake)]);
    const tasks = await tasksOf('callback', due);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'waiting', queue_code: 'general', subject: 'Minta ditelepon soal tagihan' });
    expect(await tasksOf('callback', later)).toHaveLength(0);

    await db().query("UPDATE callbacks SET status = 'cancelled' WHERE id = $1", [due]);
    await sweepCallbacks(db(), cc.intake);
    expect((await tasksOf('callback', due))[0]?.status).toBe('cancelled');
  });

  it('writes the outcome to the call-back: no answer → due again at the retry time, reached → done', async () => {
    await drainOthers();
    const phone = `+62813${String(Date.now()).slice(-7)}`;
    const customer = await addCustomer(db(), { phone });
    const agent = await readyAgent(['general']);
    const id = await callback(customer, -5, agent.id);
    await sweepCallbacks(db(), cc.intake);
    await routeAll(cc.ctx);
    const offer = await offerMade(agent);
    expect(offer).toMatchObject({ kind: 'callback', sourceId: id, from: phone, customerId: customer });
    const accepted = await as<AgentTask>(agent, 'POST', '/cc/offers/accept', { reservationId: offer?.reservationId });
    expect(accepted.status).toBe(200);

    const retryAt = new Date(Date.now() + 2 * HOUR);
    retryAt.setMilliseconds(0);
    const noAnswer = await as(agent, 'POST', `/cc/tasks/${accepted.body.taskId}/complete`, { kind: 'callback', outcome: 'no_answer', retryAt: retryAt.toISOString() });
    expect(noAnswer.status).toBe(200);
    await sweepCallbacks(db(), cc.intake);
    const [retried] = await db().query<{ status: string; due_at: Date }>('SELECT status, due_at FROM callbacks WHERE id = $1', [id]);
    expect(retried?.status).toBe('open');
    expect(new Date(retried?.due_at ?? 0).toISOString()).toBe(retryAt.toISOString());

    // Due again (the test moves the task's not-before instead of waiting two hours).
    await db().query("UPDATE cc_tasks SET not_before = now() - interval '1 second' WHERE kind = 'callback' AND source_ref = $1", [id]);
    await routeAll(cc.ctx);
    const again = await offerMade(agent);
    expect(again?.taskId).toBe(accepted.body.taskId);
    const second = await as<AgentTask>(agent, 'POST', '/cc/offers/accept', { reservationId: again?.reservationId });
    expect((await as(agent, 'POST', `/cc/tasks/${second.body.taskId}/complete`, { kind: 'callback', outcome: 'reached' })).status).toBe(200);
    await sweepCallbacks(db(), cc.intake);
    const [finished] = await db().query<{ status: string }>('SELECT status FROM callbacks WHERE id = $1', [id]);
    expect(finished?.status).toBe('done');
    expect((await tasksOf('callback', id))[0]?.status).toBe('done');
  });
});
