// call.event on a real server (PostgreSQL and PGlite), pushed the way the desktop's outbox
// pushes it: events recorded during a call arrive before the call's interaction (the
// wrap-up) and the lead's review shows them in order; a replay is a no-op; malformed,
// oversized and excess events are refused for good; nobody adds events to another agent's
// call, before or after it exists. An inbound call takes its queue from the agent's call task.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../src/server/seed/users.js';
import { type InteractionReview } from '../../../src/shared/lead-interactions.js';
import { MAX_CALL_EVENTS } from '../../../src/shared/softphone.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

const idOf = (username: string) => DEMO_USERS.find((u) => u.username === username)?.id ?? '';
const AGENT1 = idOf('agent1');
const LEAD1 = idOf('lead1');
const BUDI = '00000000-0000-4000-8000-000000000001';
const START = Date.parse('2026-11-25T10:00:00.000Z');
const at = (sec: number) => new Date(START + sec * 1000).toISOString();

interface PushAnswer { results: { id: string; status: string; error: { code: string; message: string } | null }[] }
interface Mutation { id: string; name: string; args: unknown; baseVersions: Record<string, number>; createdAt: string }

const mutation = (name: string, args: unknown): Mutation => ({ id: randomUUID(), name, args, baseVersions: {}, createdAt: new Date().toISOString() });
const event = (interactionId: string, kind: string, sec: number, detail: string | null = null) =>
  mutation('call.event', { id: randomUUID(), interactionId, kind, at: at(sec), detail });
const wrapUp = (id: string) => [
  mutation('interaction.create', {
    id, customerId: BUDI, phoneE164: '+6281234567890', channel: 'call_in', direction: 'inbound', startedAt: at(0), endedAt: at(180),
    subject: 'Call from +6281234567890', body: null, disposition: 'resolved', durationSec: 170, recordingId: null,
  }),
  mutation('call.details', { interactionId: id, number: '+6281234567890', answeredAt: at(5), talkSec: 160, holdSec: 10, acwSec: 20, followUpAt: null }),
  event(id, 'wrap_up_saved', 200),
];

forEachDatabase('call events', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 5, seed: 3 } });
  const tokens = { agent1: '', agent2: '', lead1: '' };

  const push = async (token: string, mutations: Mutation[], clientId: string = randomUUID()) => {
    const res = await s.current.api('/sync/push', { method: 'POST', token, body: JSON.stringify({ clientId, mutations }) });
    expect(res.status, res.text).toBe(200);
    return (res.body as PushAnswer).results;
  };
  const review = async (id: string) => {
    const res = await s.current.api(`/lead/interactions/${id}`, { token: tokens.lead1 });
    expect(res.status, res.text).toBe(200);
    return res.body as InteractionReview;
  };
  const eventRows = async (interactionId: string) => (await s.current.server.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM call_events WHERE interaction_id = $1', [interactionId]))[0]?.n;

  beforeAll(async () => {
    const db = s.current.server.db;
    const team = randomUUID();
    await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3)', [team, 'Tim Tagihan', LEAD1]);
    await db.query('UPDATE users SET team_id = $1 WHERE id = $2', [team, AGENT1]);
    tokens.agent1 = await s.current.login('agent1', 'agent1-pass');
    tokens.agent2 = await s.current.login('agent2', 'agent2-pass');
    tokens.lead1 = await s.current.login('lead1', 'lead1-pass');
  });

  it('keeps events pushed during the call and shows them in the review, in order, after the wrap-up', async () => {
    const id = randomUUID();
    const during = [
      event(id, 'pop_shown', 1, 'B00000001 Budi Santoso'),
      event(id, 'held', 42),
      event(id, 'paragraph_inserted', 50, 'Cara membayar tagihan'),
      event(id, 'resumed', 52),
      event(id, 'transferred', 170, '2002'),
    ];
    // During the call: no interaction yet, the events are kept all the same.
    expect((await push(tokens.agent1, during)).map((r) => r.status)).toEqual(Array(5).fill('applied'));
    expect((await push(tokens.agent1, wrapUp(id))).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const timeline = (await review(id)).timeline.filter((e) => e.at !== null);
    expect(timeline.map((e) => e.kind)).toEqual([
      'started', 'pop_shown', 'answered', 'held', 'paragraph_inserted', 'resumed', 'transferred', 'ended', 'wrap_up_saved',
    ]);
    expect(timeline.find((e) => e.kind === 'held')?.at).toBe(at(42));
    expect(timeline.find((e) => e.kind === 'paragraph_inserted')?.detail).toBe('Cara membayar tagihan');
    // The desktop's own wrap-up event replaces the one computed from the after-call work.
    expect(timeline.some((e) => e.kind === 'wrap_up_done')).toBe(false);
  });

  it('applies a replayed event once: the same mutation again, or the same event from another client', async () => {
    const id = randomUUID();
    const held = event(id, 'held', 10);
    const clientId = randomUUID();
    expect((await push(tokens.agent1, [held], clientId))[0]?.status).toBe('applied');
    expect((await push(tokens.agent1, [held], clientId))[0]?.status).toBe('duplicate');
    expect((await push(tokens.agent1, [{ ...held, id: randomUUID() }]))[0]?.status).toBe('applied');
    expect(await eventRows(id)).toBe(1);
  });

  it.each([
    ['an unknown kind', { kind: 'exploded' }],
    ['no interaction id', { interactionId: undefined }],
    ['an interaction id that is not a uuid', { interactionId: '42' }],
    ['a time that is not one', { at: 'yesterday' }],
    ['a detail over 200 characters', { detail: 'x'.repeat(201) }],
    ['a huge detail', { detail: 'x'.repeat(1_000_000) }],
    ['an unknown field', { secret: true }],
  ])('refuses for good an event with %s', async (_name, patch) => {
    const id = randomUUID();
    const m = event(id, 'held', 10);
    const [result] = await push(tokens.agent1, [{ ...m, args: { ...(m.args as object), ...patch } }]);
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'INVALID_INPUT' } });
    expect(await eventRows(id)).toBe(0);
  });

  it('refuses events for another agent\'s call, and never shows ones pushed before it existed', async () => {
    const id = randomUUID();
    // agent2 guesses the id before the call is wrapped up: stored under agent2, never shown.
    expect((await push(tokens.agent2, [event(id, 'held', 30, 'forged')]))[0]?.status).toBe('applied');
    expect((await push(tokens.agent1, wrapUp(id))).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    // After the wrap-up the interaction names its agent: agent2 is refused.
    const [late] = await push(tokens.agent2, [event(id, 'resumed', 40)]);
    expect(late).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN' } });
    const kinds = (await review(id)).timeline.map((e) => e.kind);
    expect(kinds).not.toContain('held');
    expect(kinds).not.toContain('resumed');
    // Another agent reusing one of agent1's event ids is refused, not merged.
    const mine = event(id, 'paragraph_inserted', 60, 'mine');
    expect((await push(tokens.agent1, [mine]))[0]?.status).toBe('applied');
    const [stolen] = await push(tokens.agent2, [{ ...mine, id: randomUUID() }]);
    expect(stolen?.status).toBe('rejected');
  });

  it(`keeps at most ${MAX_CALL_EVENTS} events per call`, async () => {
    const id = randomUUID();
    const many = Array.from({ length: MAX_CALL_EVENTS }, (_, n) => event(id, n % 2 ? 'resumed' : 'held', n));
    const results = await push(tokens.agent1, many);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
    const [over] = await push(tokens.agent1, [event(id, 'held', 9_999)]);
    expect(over).toMatchObject({ status: 'rejected', error: { code: 'INVALID_INPUT' } });
    expect(await eventRows(id)).toBe(MAX_CALL_EVENTS);
  });

  describe('queue of an inbound call', () => {
    it('comes from the call task the agent was assigned when the call started', async () => {
      const db = s.current.server.db;
      await db.query(
        `INSERT INTO cc_tasks (id, kind, source_ref, queue_code, status, from_address, enqueued_at, not_before, agent_id, assigned_at, ended_at)
         VALUES ($1, 'call', $2, 'billing', 'done', '+6281234567890', $3::timestamptz - interval '1 minute', $3::timestamptz - interval '1 minute', $4, $3, $5)`,
        [randomUUID(), `call-${randomUUID()}`, at(-3), AGENT1, at(180)]);
      const id = randomUUID();
      expect((await push(tokens.agent1, wrapUp(id)))[0]?.status).toBe('applied');
      expect((await review(id)).interaction.queueCode).toBe('billing');
      // A call with no task near its start (a direct call to the agent) has no queue.
      const direct = randomUUID();
      const [create] = wrapUp(direct);
      const args = { ...(create!.args as object), startedAt: '2026-11-20T08:00:00.000Z', endedAt: '2026-11-20T08:03:00.000Z' };
      expect((await push(tokens.agent1, [{ ...create!, args }]))[0]?.status).toBe('applied');
      expect((await review(direct)).interaction.queueCode).toBeNull();
    });
  });
});
