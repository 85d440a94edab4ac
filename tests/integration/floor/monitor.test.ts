// Listen, whisper and barge through the real server, on PostgreSQL and PGlite: who may start
// a session on whom (a lead their own teams' agents, an admin anyone; a lead of another team
// and an agent refused), that the agent must be on a call, mode changes only by the session's
// lead, the session ending by itself when the agent's call ends, the pushes to the agent's
// socket, and an audit row for every start, mode change and end.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LIVE_PATH } from '../../../src/server/live/live-hub.js';
import { type MonitorSession } from '../../../src/shared/monitor.js';
import { forEachDatabase } from '../helpers/databases.js';
import { addAgent, type TestAgent } from '../helpers/contact-center.js';
import { useTestServer } from '../helpers/server.js';

forEachDatabase('listen, whisper, barge', (engine) => {
  const t = useTestServer(engine);
  const db = () => t.current.server.db;
  const as = async <T>(a: TestAgent, method: string, path: string, body?: unknown) => {
    const res = await t.current.api(path, { method, token: a.token, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: res.body as T };
  };
  const phone = (a: TestAgent, status: string) => as(a, 'PUT', '/agents/me/status', { status });
  const audits = (subject: string) => db().query<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
    'SELECT action, actor_id, details FROM audit_log WHERE subject = $1 ORDER BY id', [subject]);
  const reason = (body: unknown) => (body as { details?: { reason?: string } }).details?.reason;

  let leadA: TestAgent; let leadB: TestAgent; let admin: TestAgent; let a1: TestAgent; let a2: TestAgent; let b1: TestAgent;

  beforeAll(async () => {
    leadA = await addAgent(db(), { queues: [], role: 'lead' });
    leadB = await addAgent(db(), { queues: [], role: 'lead' });
    admin = await addAgent(db(), { queues: [], role: 'admin' });
    a1 = await addAgent(db(), { queues: [] });
    a2 = await addAgent(db(), { queues: [] });
    b1 = await addAgent(db(), { queues: [] });
    const teamA = randomUUID(); const teamB = randomUUID();
    await db().query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3), ($4, $5, $6)',
      [teamA, `Tim A ${teamA.slice(0, 4)}`, leadA.id, teamB, `Tim B ${teamB.slice(0, 4)}`, leadB.id]);
    await db().query('UPDATE users SET team_id = $2 WHERE id = ANY($1::uuid[])', [[a1.id, a2.id], teamA]);
    await db().query('UPDATE users SET team_id = $2 WHERE id = $1', [b1.id, teamB]);
  });

  it('refuses an agent not on a call, then starts a listen on one (audited), told to the agent\'s socket', async () => {
    await phone(a1, 'available');
    const idle = await as(leadA, 'POST', '/floor/monitor', { agentId: a1.id, mode: 'listen' });
    expect(idle.status).toBe(409);
    expect(reason(idle.body)).toBe('not_on_call');

    const socket = new WebSocket(`${t.current.server.url.replace('http', 'ws')}${LIVE_PATH}`);
    await new Promise((ok, fail) => { socket.once('open', ok); socket.once('error', fail); });
    const ready = new Promise((ok) => socket.once('message', ok));
    socket.send(JSON.stringify({ type: 'hello', token: a1.token }));
    await ready;
    const pushes: { type: string; session?: MonitorSession }[] = [];
    socket.on('message', (data: Buffer) => pushes.push(JSON.parse(data.toString()) as { type: string }));
    try {
      await phone(a1, 'on_call');
      const started = await as<MonitorSession>(leadA, 'POST', '/floor/monitor', { agentId: a1.id, mode: 'listen' });
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ agentId: a1.id, agentExtension: a1.extension, leadId: leadA.id, leadExtension: leadA.extension, mode: 'listen', endedAt: null });
      await expect.poll(() => pushes.filter((p) => p.type === 'monitor').map((p) => p.session?.id)).toContain(started.body.id);
      expect(await audits(started.body.id)).toEqual([
        { action: 'monitor_started', actor_id: leadA.id, details: { agentId: a1.id, mode: 'listen' } },
      ]);
      // The agent's desktop reads the session it is asked to answer; another agent cannot.
      expect((await as(a1, 'GET', `/floor/monitor/${started.body.id}`)).status).toBe(200);
      expect((await as(a2, 'GET', `/floor/monitor/${started.body.id}`)).status).toBe(404);
    } finally {
      socket.close();
    }
  });

  it('refuses a lead of another team and an agent (403), and a lead on a lead (404)', async () => {
    await phone(a1, 'on_call');
    const other = await as(leadB, 'POST', '/floor/monitor', { agentId: a1.id, mode: 'listen' });
    expect(other.status).toBe(403);
    expect(reason(other.body)).toBe('not_your_team');
    expect((await as(a2, 'POST', '/floor/monitor', { agentId: a1.id, mode: 'listen' })).status).toBe(403);
    expect((await as(leadA, 'POST', '/floor/monitor', { agentId: leadB.id, mode: 'listen' })).status).toBe(404);
    expect((await as(leadA, 'POST', '/floor/monitor', { agentId: a1.id, mode: 'shout' })).status).toBe(400);
  });

  it('switches listen → whisper → barge → listen by the session\'s lead only, each change audited; the call ending ends it', async () => {
    await phone(a1, 'on_call');
    const { body: s } = await as<MonitorSession>(leadA, 'POST', '/floor/monitor', { agentId: a1.id, mode: 'listen' });
    for (const mode of ['whisper', 'barge', 'listen'] as const) {
      const changed = await as<MonitorSession>(leadA, 'PUT', `/floor/monitor/${s.id}/mode`, { mode });
      expect(changed.status).toBe(200);
      expect(changed.body.mode).toBe(mode);
    }
    expect((await as(leadB, 'PUT', `/floor/monitor/${s.id}/mode`, { mode: 'barge' })).status).toBe(404);
    expect((await as(a1, 'PUT', `/floor/monitor/${s.id}/mode`, { mode: 'barge' })).status).toBe(403);

    // The customer hangs up: the agent's phone reports after-call work, the session ends.
    await phone(a1, 'after_call_work');
    const read = await as<MonitorSession>(leadA, 'GET', `/floor/monitor/${s.id}`);
    expect(read.body).toMatchObject({ endReason: 'call_ended' });
    expect(read.body.endedAt).not.toBeNull();
    const rows = await audits(s.id);
    expect(rows.map((r) => r.action)).toEqual(['monitor_started', 'monitor_mode_changed', 'monitor_mode_changed', 'monitor_mode_changed', 'monitor_ended']);
    expect(rows.slice(1, 4).map((r) => [r.details.from, r.details.to])).toEqual([['listen', 'whisper'], ['whisper', 'barge'], ['barge', 'listen']]);
    expect(rows[4]?.details).toMatchObject({ reason: 'call_ended', agentId: a1.id });
    const late = await as(leadA, 'PUT', `/floor/monitor/${s.id}/mode`, { mode: 'barge' });
    expect(late.status).toBe(409);
    expect(reason(late.body)).toBe('ended');
  });

  it('lets an admin listen to any agent and stop; a second start by the same lead replaces the first', async () => {
    await phone(b1, 'on_call');
    const { body: s } = await as<MonitorSession>(admin, 'POST', '/floor/monitor', { agentId: b1.id, mode: 'barge' });
    expect(s.mode).toBe('barge');
    const again = await as<MonitorSession>(admin, 'POST', '/floor/monitor', { agentId: b1.id, mode: 'listen' });
    expect(again.status).toBe(201);
    expect((await as<MonitorSession>(admin, 'GET', `/floor/monitor/${s.id}`)).body.endReason).toBe('replaced');
    const stopped = await as<MonitorSession>(admin, 'POST', `/floor/monitor/${again.body.id}/end`, {});
    expect(stopped.body.endReason).toBe('stopped');
    expect((await audits(again.body.id)).map((r) => [r.action, r.details.reason ?? null])).toEqual([['monitor_started', null], ['monitor_ended', 'stopped']]);
  });
});
