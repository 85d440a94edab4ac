// Recordings are evidence (issue 11, item 1), on both engines, tried the way a colleague
// with a session would: DELETE, a second create of the same id, an append after the end and
// an append to someone else's upload are all refused, and the stored audio is byte for byte
// what it was. A finished recording's size and SHA-256 are recorded (as served and as
// uploaded); a file changed on disk is refused on play with "failed its integrity check"
// and audited; every play and download is in audit_log with the caller's address; only an
// admin purges, and each deletion is audited.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { API_PREFIX } from '../../../src/shared/http.js';
import { tusRequest, uploadRecording } from '../../support/recording-upload.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

const DIR = mkdtempSync(path.join(os.tmpdir(), 'sapa-recordings-evidence-'));
process.env.SAPA_RECORDINGS_DIR = DIR;
const REAL = readFileSync(path.join(import.meta.dirname, '../../support/recordings/media-recorder-6s.webm'));
const BUDI = '00000000-0000-4000-8000-000000000001';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const onDisk = (id: string) => readFileSync(path.join(DIR, id));

interface Row { agent_id: string; size_bytes: number; sha256: string; upload_sha256: string; upload_size_bytes: number; completed_at: Date | null }
interface AuditRow { action: string; actor_id: string | null; subject: string; details: Record<string, unknown>; ip: string | null; at: Date }

forEachDatabase('recordings are evidence', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 3 } });
  const url = () => s.current.server.url;
  const audio = (id: string, token: string, range?: string) => fetch(`${url()}${API_PREFIX}/recordings/${id}/audio`, {
    headers: { authorization: `Bearer ${token}`, ...(range ? { range } : {}) },
  });
  const row = async (id: string) => (await s.current.server.db.query<Row>(
    'SELECT agent_id, size_bytes, sha256, upload_sha256, upload_size_bytes, completed_at FROM recordings WHERE id = $1', [id]))[0];
  const audits = (subject: string) => s.current.server.db.query<AuditRow>(
    'SELECT action, actor_id, subject, details, ip, at FROM audit_log WHERE subject = $1 ORDER BY id', [subject]);
  const userId = async (username: string) => (await s.current.server.db.query<{ id: string }>(
    'SELECT id FROM users WHERE username = $1', [username]))[0]!.id;

  it('refuses DELETE, a second create, an append after the end and another agent\'s append; the audio stays byte-equal', async () => {
    const owner = await s.current.login('agent1', 'agent1-pass');
    const colleague = await s.current.login('agent2', 'agent2-pass');
    const admin = await s.current.login('admin1', 'admin1-pass');
    const id = randomUUID();
    await uploadRecording(url(), owner, id, REAL, 6000);
    const served = Buffer.from(await (await audio(id, owner)).arrayBuffer());
    const before = { file: onDisk(id), state: readFileSync(path.join(DIR, `${id}.json`), 'utf8'), row: await row(id) };
    expect(before.file.equals(served)).toBe(true);

    // Nobody deletes: not a colleague, not the agent, not an admin.
    for (const token of [colleague, owner, admin]) {
      const res = await tusRequest(url(), token, 'DELETE', { recordingId: id });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).not.toMatch(/DELETE/);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/never deleted/) });
    }
    const options = await tusRequest(url(), owner, 'OPTIONS');
    expect(options.headers.get('tus-extension')).not.toMatch(/termination/);
    // A second create of the id (tus would truncate the file), with and without a body.
    for (const token of [colleague, owner]) {
      const res = await tusRequest(url(), token, 'POST', { recordingId: id, body: Buffer.from('replaced audio') });
      expect(res.status).toBe(409);
      expect(JSON.parse(res.body)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already exists/) });
      expect((await tusRequest(url(), token, 'POST', { recordingId: id, length: 10 })).status).toBe(409);
    }
    // Appends after the end, by the agent and by a colleague.
    const after = await tusRequest(url(), owner, 'PATCH', { recordingId: id, offset: served.length, body: Buffer.from('more') });
    expect(after.status).toBe(409);
    expect(JSON.parse(after.body)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/is finished/) });
    const foreign = await tusRequest(url(), colleague, 'PATCH', { recordingId: id, offset: served.length, body: Buffer.from('more') });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/another agent/) });
    expect((await tusRequest(url(), colleague, 'HEAD', { recordingId: id })).status).toBe(403);
    expect((await tusRequest(url(), null, 'PATCH', { recordingId: id, offset: served.length, body: Buffer.from('x') })).status).toBe(401);

    expect(onDisk(id).equals(before.file)).toBe(true);
    expect(readFileSync(path.join(DIR, `${id}.json`), 'utf8')).toBe(before.state);
    expect(await row(id)).toEqual(before.row);
    expect(Buffer.from(await (await audio(id, owner)).arrayBuffer()).equals(served)).toBe(true);
    // The agent's own resume of the finished upload still sees it complete.
    const head = await tusRequest(url(), owner, 'HEAD', { recordingId: id });
    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(served.length));
  });

  it('an unfinished upload: only its agent appends; another agent\'s call cannot be uploaded by someone else', async () => {
    const owner = await s.current.login('agent1', 'agent1-pass');
    const colleague = await s.current.login('agent2', 'agent2-pass');
    const data = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 13) % 251));
    const id = randomUUID();
    expect((await tusRequest(url(), owner, 'POST', { recordingId: id, length: data.length })).status).toBe(201);
    expect((await tusRequest(url(), owner, 'PATCH', { recordingId: id, offset: 0, body: data.subarray(0, 1500) })).status).toBe(204);

    const foreign = await tusRequest(url(), colleague, 'PATCH', { recordingId: id, offset: 1500, body: Buffer.alloc(2500, 0xee) });
    expect(foreign.status).toBe(403);
    expect((await tusRequest(url(), colleague, 'POST', { recordingId: id, length: data.length })).status).toBe(409);
    expect((await tusRequest(url(), colleague, 'DELETE', { recordingId: id })).status).toBe(405);
    expect(onDisk(id).equals(data.subarray(0, 1500))).toBe(true);
    expect((await row(id))?.agent_id).toBe(await userId('agent1'));

    expect((await tusRequest(url(), owner, 'PATCH', { recordingId: id, offset: 1500, body: data.subarray(1500) })).status).toBe(204);
    expect(Buffer.from(await (await audio(id, owner)).arrayBuffer()).equals(data)).toBe(true);

    // The wrap-up of agent2's call names a recording: agent1 may not create it.
    const theirs = randomUUID();
    const push = await s.current.api('/sync/push', {
      method: 'POST', token: colleague, body: JSON.stringify({
        clientId: randomUUID(), mutations: [{
          id: randomUUID(), name: 'interaction.create', baseVersions: {}, createdAt: new Date().toISOString(),
          args: {
            id: randomUUID(), customerId: BUDI, phoneE164: '+6281234567890', channel: 'call_in', direction: 'inbound',
            startedAt: '2026-11-25T10:00:00.000Z', endedAt: '2026-11-25T10:03:05.000Z', subject: 'Call', body: '',
            disposition: 'resolved', durationSec: 170, recordingId: theirs,
          },
        }],
      }),
    });
    expect(push.status, push.text).toBe(200);
    const refused = await tusRequest(url(), owner, 'POST', { recordingId: theirs, body: Buffer.from('not my call') });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/another agent's call/) });
    expect(existsSync(path.join(DIR, theirs))).toBe(false);
    expect(await row(theirs)).toBeUndefined();
    await uploadRecording(url(), colleague, theirs, Buffer.from('their audio'), 1000);
    expect((await row(theirs))?.agent_id).toBe(await userId('agent2'));
  });

  it('records size and SHA-256 as served and as uploaded; a file changed on disk fails its integrity check on play', async () => {
    const owner = await s.current.login('agent1', 'agent1-pass');
    const lead = await s.current.login('lead1', 'lead1-pass');
    const id = randomUUID();
    await uploadRecording(url(), owner, id, REAL, 6000);
    const served = Buffer.from(await (await audio(id, owner)).arrayBuffer());
    expect(served.equals(REAL)).toBe(false); // rewritten with Duration and Cues
    expect(await row(id)).toMatchObject({
      sha256: sha256(served), size_bytes: served.length, upload_sha256: sha256(REAL), upload_size_bytes: REAL.length,
    });
    expect((await s.current.api(`/recordings/${id}`, { token: owner })).body).toMatchObject({ sha256: sha256(served), sizeBytes: served.length });

    // Played (the verdict is kept), then one byte changed in place: same size, new bytes.
    expect((await audio(id, owner, 'bytes=0-99')).status).toBe(206);
    const tampered = Buffer.from(served);
    tampered.writeUInt8(tampered[tampered.length - 10]! ^ 0xff, tampered.length - 10);
    writeFileSync(path.join(DIR, id), tampered);
    for (const [token, range] of [[owner, 'bytes=0-99'], [lead, undefined]] as const) {
      const res = await audio(id, token, range);
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/failed its integrity check/) });
    }
    // The desktop asks before it plays, and is told (core then refuses the link: playback.ts).
    expect((await s.current.api(`/recordings/${id}`, { token: owner })).body).toMatchObject({ complete: true, intact: false });
    const failed = (await audits(id)).filter((a) => a.action === 'recording_integrity_failed');
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ actor_id: await userId('agent1'), details: { ip: '127.0.0.1', reason: expect.stringContaining(sha256(served)) } });
    // Truncated: refused as well. The bytes put back: served again.
    writeFileSync(path.join(DIR, id), served.subarray(0, 1000));
    expect((await audio(id, owner, 'bytes=0-99')).status).toBe(500);
    writeFileSync(path.join(DIR, id), served);
    expect(Buffer.from(await (await audio(id, owner)).arrayBuffer()).equals(served)).toBe(true);
    expect((await s.current.api(`/recordings/${id}`, { token: owner })).body).toMatchObject({ intact: true });
    // The bytes as uploaded are authentic too (a crash between the rewrite's rename and its row update).
    writeFileSync(path.join(DIR, id), REAL);
    expect(Buffer.from(await (await audio(id, owner)).arrayBuffer()).equals(REAL)).toBe(true);
  });

  it('a recording finished before checksums existed is sealed at its first play, then checked', async () => {
    const owner = await s.current.login('agent1', 'agent1-pass');
    const id = randomUUID();
    const data = Buffer.from('audio recorded before migration 010');
    await uploadRecording(url(), owner, id, data, 1000);
    await s.current.server.db.query('UPDATE recordings SET sha256 = NULL, upload_sha256 = NULL, upload_size_bytes = NULL WHERE id = $1', [id]);
    expect(Buffer.from(await (await audio(id, owner)).arrayBuffer()).equals(data)).toBe(true);
    expect(await row(id)).toMatchObject({ sha256: sha256(data), upload_sha256: sha256(data), size_bytes: data.length });
    writeFileSync(path.join(DIR, id), Buffer.from('audio recorded before migration 00X'));
    expect((await audio(id, owner)).status).toBe(500);
  });

  it('audits every play and download with who and from where; a refused play is not a play', async () => {
    const owner = await s.current.login('agent1', 'agent1-pass');
    const lead = await s.current.login('lead1', 'lead1-pass');
    const colleague = await s.current.login('agent2', 'agent2-pass');
    const id = randomUUID();
    await uploadRecording(url(), owner, id, REAL, 6000);
    expect(await audits(id)).toEqual([]);

    // A player: a first Range and two seeks are one play; a lead's whole-file GET is a download.
    for (const range of ['bytes=0-', 'bytes=5000-', 'bytes=100-199']) expect((await audio(id, owner, range)).status).toBe(206);
    expect((await audio(id, lead)).status).toBe(200);
    expect((await audio(id, colleague, 'bytes=0-')).status).toBe(403);
    const head = await fetch(`${url()}${API_PREFIX}/recordings/${id}/audio`, { method: 'HEAD', headers: { authorization: `Bearer ${lead}` } });
    expect(head.status).toBe(200);

    const rows = await audits(id);
    expect(rows.map((r) => [r.action, r.actor_id])).toEqual([
      ['recording_played', await userId('agent1')],
      ['recording_downloaded', await userId('lead1')],
    ]);
    expect(rows[0]!.details).toMatchObject({ ip: '127.0.0.1', username: 'agent1', range: 'bytes=0-' });
    expect(rows[1]!.details).toMatchObject({ ip: '127.0.0.1', username: 'lead1' });
    expect(rows.map((r) => r.ip)).toEqual(['127.0.0.1', '127.0.0.1']);
    expect(Date.now() - new Date(rows[0]!.at).getTime()).toBeLessThan(60 * 60 * 1000);
  });

  it('purges by retention only for admins, each deletion audited; agents and leads get 403', async () => {
    const owner = await s.current.login('agent1', 'agent1-pass');
    const lead = await s.current.login('lead1', 'lead1-pass');
    const admin = await s.current.login('admin1', 'admin1-pass');
    const [old, fresh, single] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [old, fresh, single]) await uploadRecording(url(), owner, id, Buffer.from(`audio of ${id}`), 1000);
    await s.current.server.db.query("UPDATE recordings SET created_at = now() - interval '40 days' WHERE id = $1", [old]);
    const purge = (token: string, body: unknown) => s.current.api('/admin/recordings/purge', { method: 'POST', token, body: JSON.stringify(body) });

    for (const token of [owner, lead]) {
      const res = await purge(token, { olderThanDays: 30 });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
      expect((await purge(token, { id: single })).status).toBe(403);
    }
    expect((await purge(admin, {})).status).toBe(400);
    expect((await purge(admin, { olderThanDays: 30, id: single })).status).toBe(400);
    expect((await purge(admin, { olderThanDays: 0 })).status).toBe(400);
    expect((await purge(admin, { id: randomUUID() })).status).toBe(404);
    for (const id of [old, fresh, single]) expect(existsSync(path.join(DIR, id))).toBe(true);

    const byAge = await purge(admin, { olderThanDays: 30, reason: 'retention: 30 days' });
    expect(byAge.status, byAge.text).toBe(200);
    expect(byAge.body).toMatchObject({ purged: [{ id: old, agentId: await userId('agent1') }], more: false });
    const byId = await purge(admin, { id: single, reason: 'customer asked for erasure' });
    expect(byId.body).toMatchObject({ purged: [{ id: single }] });

    for (const id of [old, single]) {
      expect(existsSync(path.join(DIR, id))).toBe(false);
      expect(existsSync(path.join(DIR, `${id}.json`))).toBe(false);
      expect(await row(id)).toBeUndefined();
      expect((await audio(id, owner)).status).toBe(404);
      const [purged] = (await audits(id)).filter((a) => a.action === 'recording_purged');
      expect(purged).toMatchObject({ actor_id: await userId('admin1'), details: { ip: '127.0.0.1', agentId: await userId('agent1'), sha256: expect.any(String) } });
    }
    expect((await audits(old))[0]!.details).toMatchObject({ olderThanDays: 30, reason: 'retention: 30 days' });
    expect((await audits(single)).at(-1)!.details).toMatchObject({ byId: true, reason: 'customer asked for erasure' });
    expect(Buffer.from(await (await audio(fresh, owner)).arrayBuffer()).toString()).toBe(`audio of ${fresh}`);
  });
});
