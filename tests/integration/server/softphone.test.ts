// Softphone server API on both engines: SIP credentials (auth_ephemeral), extensions
// (admin), agent status, call wrap-ups (pushed as interaction.create + call.details, the
// way every client saves them), and recordings (tus upload cut half-way and resumed;
// Range playback; who may listen).
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Upload } from 'tus-js-client';
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

const SECRET = 'integration-secret-0123456789';
process.env.SAPA_SIP_SECRET = SECRET;
process.env.SAPA_SIP_WS_URLS = 'ws://127.0.0.1:8088';
process.env.SAPA_RECORDINGS_DIR = mkdtempSync(path.join(os.tmpdir(), 'sapa-recordings-test-'));
const BUDI = '00000000-0000-4000-8000-000000000001';

forEachDatabase('softphone API', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 20, seed: 7 } });

  describe('SIP credentials and extensions', () => {
    it('issues auth_ephemeral credentials Kamailio can verify, with an extension assigned on first use', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const res = await s.current.api('/sip/credentials', { token });
      expect(res.status).toBe(200);
      const c = res.body as { extension: string; authUsername: string; password: string; wsUrls: string[]; expiresAt: string };
      expect(c.extension).toMatch(/^[1-8]\d{3}$/);
      const [expiry, user] = c.authUsername.split(':');
      expect(user).toBe(c.extension);
      expect(Number(expiry) * 1000).toBeGreaterThan(Date.now());
      expect(c.password).toBe(createHmac('sha1', SECRET).update(c.authUsername).digest('base64'));
      expect(c.wsUrls).toEqual(['ws://127.0.0.1:8088']);
      expect((await s.current.api('/sip/credentials')).status).toBe(401);
    });

    it('lets admins set extensions, with clear refusals', async () => {
      const admin = await s.current.login('admin1', 'admin1-pass');
      const agent = await s.current.login('agent2', 'agent2-pass');
      const list = (await s.current.api('/admin/agents/extensions', { token: admin })).body as { agents: { userId: string; username: string }[] };
      const agent2 = list.agents.find((a) => a.username === 'agent2');
      const lead1 = list.agents.find((a) => a.username === 'lead1');
      const put = (id: string | undefined, extension: string, token = admin) =>
        s.current.api(`/admin/agents/${id}/extension`, { method: 'PUT', token, body: JSON.stringify({ extension }) });
      expect((await put(agent2?.userId, '2002')).status).toBe(200);
      expect((await put(agent2?.userId, '2003', agent)).status).toBe(403);
      const bad = await put(agent2?.userId, '12');
      expect(bad.status).toBe(400);
      expect((bad.body as { code: string }).code).toBe('INVALID_INPUT');
      expect((await put(lead1?.userId, '2002')).status).toBe(409);
      expect((await put(randomUUID(), '2004')).status).toBe(404);
      const creds = (await s.current.api('/sip/credentials', { token: agent })).body as { extension: string };
      expect(creds.extension).toBe('2002');
    });
  });

  it('records agent status; leads read it, agents may not', async () => {
    const agent = await s.current.login('agent1', 'agent1-pass');
    const lead = await s.current.login('lead1', 'lead1-pass');
    expect((await s.current.api('/agents/me/status', { method: 'PUT', token: agent, body: JSON.stringify({ status: 'napping' }) })).status).toBe(400);
    expect((await s.current.api('/agents/me/status', { method: 'PUT', token: agent, body: JSON.stringify({ status: 'on_call' }) })).status).toBe(200);
    const board = (await s.current.api('/agents/status', { token: lead })).body as { agents: { displayName: string; status: string }[] };
    expect(board.agents.some((a) => a.status === 'on_call')).toBe(true);
    expect((await s.current.api('/agents/status', { token: agent })).status).toBe(403);
  });

  describe('wrap-ups through the sync push', () => {
    interface PushAnswer { results: { id: string; status: string; error: { code: string; message: string } | null }[] }
    // A wrap-up as the desktop's outbox pushes it (softphone.saveWrapUp): the call
    // interaction, then its timing.
    const wrapUp = (over: { disposition?: string; customerId?: string; endedAt?: string } = {}) => {
      const id = randomUUID();
      const mutations = [
        {
          id: randomUUID(), name: 'interaction.create', baseVersions: {}, createdAt: new Date().toISOString(),
          args: {
            id, customerId: over.customerId ?? BUDI, phoneE164: '+6281234567890', channel: 'call_in', direction: 'inbound',
            startedAt: '2026-11-25T10:00:00.000Z', endedAt: over.endedAt ?? '2026-11-25T10:03:05.000Z',
            subject: 'Call from +6281234567890', body: 'asked about the bill', disposition: over.disposition ?? 'resolved',
            durationSec: 170, recordingId: null,
          },
        },
        {
          id: randomUUID(), name: 'call.details', baseVersions: {}, createdAt: new Date().toISOString(),
          args: {
            interactionId: id, number: '0812-3456-7890', answeredAt: '2026-11-25T10:00:05.000Z',
            talkSec: 170, holdSec: 10, acwSec: 20, followUpAt: null,
          },
        },
      ];
      return { id, body: { clientId: randomUUID(), mutations } };
    };
    const push = async (token: string, body: unknown) => {
      const res = await s.current.api('/sync/push', { method: 'POST', token, body: JSON.stringify(body) });
      expect(res.status, res.text).toBe(200);
      return (res.body as PushAnswer).results;
    };
    const rowsOf = async (id: string) => {
      const [row] = await s.current.server.db.query<{ interactions: number; details: number }>(
        `SELECT (SELECT count(*)::int FROM interactions WHERE id = $1) AS interactions,
                (SELECT count(*)::int FROM call_details WHERE interaction_id = $1) AS details`, [id]);
      return row;
    };

    it('saves a wrap-up once as a call interaction with its timing', async () => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const w = wrapUp();
      expect((await push(token, w.body)).map((r) => r.status)).toEqual(['applied', 'applied']);
      // The same mutations again (a retried push) and the same wrap-up from a second client.
      expect((await push(token, w.body)).map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      const again = { clientId: randomUUID(), mutations: w.body.mutations.map((m) => ({ ...m, id: randomUUID() })) };
      expect((await push(token, again)).map((r) => r.status)).toEqual(['applied', 'applied']);
      expect(await rowsOf(w.id)).toEqual({ interactions: 1, details: 1 });

      const history = (await s.current.api(`/customers/${BUDI}/interactions?limit=10`, { token })).body as { items: { id: string; channel: string; subject: string; disposition: string; durationSec: number }[] };
      expect(history.items.find((i) => i.id === w.id)).toMatchObject({
        channel: 'call_in', subject: 'Call from +6281234567890', disposition: 'resolved', durationSec: 170,
      });
      const timing = (await s.current.api(`/calls/${w.id}`, { token })).body;
      expect(timing).toEqual({
        id: w.id, number: '+6281234567890', answeredAt: '2026-11-25T10:00:05.000Z', endedAt: '2026-11-25T10:03:05.000Z',
        talkSec: 170, holdSec: 10, acwSec: 20, followUpAt: null,
      });
    });

    it.each([
      ['an unknown disposition', { disposition: 'made_up' }, { code: 'INVALID_INPUT', message: 'Unknown disposition "made_up"' }],
      ['an unknown customer', { customerId: randomUUID() }, { code: 'NOT_FOUND', message: expect.stringMatching(/^Customer .+ does not exist$/) }],
      ['a call that ends before it starts', { endedAt: '2026-11-25T09:00:00.000Z' }, { code: 'INVALID_INPUT', message: 'The call ends before it starts' }],
    ])('refuses %s for good, with a clear reason and nothing half-written', async (_what, over, error) => {
      const token = await s.current.login('agent1', 'agent1-pass');
      const w = wrapUp(over);
      const [interaction, details] = await push(token, w.body);
      expect(interaction).toMatchObject({ status: 'rejected', error });
      // Its timing has no interaction to belong to, so it is refused too.
      expect(details).toMatchObject({ status: 'rejected', error: { code: 'NOT_FOUND', message: `Interaction ${w.id} was not found` } });
      expect(await rowsOf(w.id)).toEqual({ interactions: 0, details: 0 });
      // Refused for good: a retry answers the same refusal and still writes nothing.
      expect((await push(token, w.body)).map((r) => r.status)).toEqual(['rejected', 'rejected']);
      expect(await rowsOf(w.id)).toEqual({ interactions: 0, details: 0 });
    });
  });

  it('resumes a recording upload cut half-way; plays with Range for the agent and leads only', async () => {
    const token = await s.current.login('agent1', 'agent1-pass');
    const recordingId = randomUUID();
    const data = Buffer.alloc(700 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) % 251;
    const endpoint = `${s.current.server.url}/api/v1/recordings/uploads`;
    const options = {
      endpoint, headers: { Authorization: `Bearer ${token}` }, chunkSize: 256 * 1024, retryDelays: [],
      metadata: { recordingId, durationMs: '43000', pauses: JSON.stringify([{ atMs: 1000, resumedAtMs: 4000 }]), mime: 'audio/webm' },
    };
    // First attempt: stop after the first chunk (the link drops).
    const url = await new Promise<string>((resolve, reject) => {
      const first: Upload = new Upload(data, {
        ...options,
        onChunkComplete: () => { void first.abort().then(() => resolve(first.url ?? '')); },
        onError: reject,
      });
      first.start();
    });
    const half = await fetch(new URL(url, endpoint), { method: 'HEAD', headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
    expect(Number(half.headers.get('upload-offset'))).toBe(256 * 1024);
    const incomplete = await s.current.api(`/recordings/${recordingId}`, { token });
    expect(incomplete.body).toMatchObject({ complete: false });
    expect((await s.current.api(`/recordings/${recordingId}/audio`, { token })).status).toBe(409);
    // Second attempt resumes from the server's offset.
    await new Promise<void>((resolve, reject) => {
      new Upload(data, { ...options, uploadUrl: new URL(url, endpoint).toString(), onSuccess: () => resolve(), onError: reject }).start();
    });
    const meta = (await s.current.api(`/recordings/${recordingId}`, { token })).body;
    expect(meta).toMatchObject({ complete: true, sizeBytes: data.length, durationMs: 43000, pauses: [{ atMs: 1000, resumedAtMs: 4000 }] });
    const whole = await fetch(`${s.current.server.url}/api/v1/recordings/${recordingId}/audio`, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await whole.arrayBuffer()).equals(data)).toBe(true);
    const ranged = await fetch(`${s.current.server.url}/api/v1/recordings/${recordingId}/audio`, { headers: { authorization: `Bearer ${token}`, range: 'bytes=1000-1999' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 1000-1999/${data.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(data.subarray(1000, 2000))).toBe(true);
    const beyond = await fetch(`${s.current.server.url}/api/v1/recordings/${recordingId}/audio`, { headers: { authorization: `Bearer ${token}`, range: `bytes=${data.length}-` } });
    expect(beyond.status).toBe(416);
    const other = await s.current.login('agent2', 'agent2-pass');
    expect((await s.current.api(`/recordings/${recordingId}/audio`, { token: other })).status).toBe(403);
    const lead = await s.current.login('lead1', 'lead1-pass');
    expect((await s.current.api(`/recordings/${recordingId}`, { token: lead })).status).toBe(200);
    const anonymous = await fetch(endpoint, { method: 'POST', headers: { 'tus-resumable': '1.0.0', 'upload-length': '10' } });
    expect(anonymous.status).toBe(401);
  });
});
