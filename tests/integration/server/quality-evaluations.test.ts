// Quality evaluations on both engines (src/server/quality/): a lead scores their team's
// agents' interactions on a pinned form version and the server computes the score; a lead of
// another team, an agent, or the agent themselves is refused; an agent reads only their own
// evaluations (another's is a 404), acknowledges once, disputes once within the window (a
// server setting, 48 h by default); the re-score goes to another evaluator and sits beside
// the original, which never changes (the database refuses it too); every step is audited.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuditPage } from '../../../src/shared/audit.js';
import { type Evaluation, type EvaluationSummary, type FormVersion } from '../../../src/shared/quality/evaluation.js';
import { testClock } from '../helpers/contact-center.js';
import { forEachDatabase } from '../helpers/databases.js';
import { addCall, addTeam, addUser, goodAnswers, sampleDefinition, type QUser } from '../helpers/quality.js';
import { useTestServer } from '../helpers/server.js';

type Page = { items: EvaluationSummary[]; nextBefore: string | null };

forEachDatabase('quality evaluations', (engine) => {
  const clock = testClock();
  const t = useTestServer(engine, { seedDemo: { customers: 2, interactionsMean: 0, seed: 6 }, quality: { clock: clock.now } });
  const call = async (who: QUser | null, method: string, path: string, body?: unknown) =>
    t.current.api(path, { method, ...(who ? { token: who.token } : {}), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const db = () => t.current.server.db;
  let leadA: QUser; let leadB: QUser; let admin: QUser; let agentA: QUser; let agentA2: QUser; let agentB: QUser;
  let version: FormVersion;

  beforeAll(async () => {
    [leadA, leadB, admin, agentA, agentA2, agentB] = await Promise.all([
      addUser(db(), 'lead', 'Dewi'), addUser(db(), 'lead', 'Bayu'), addUser(db(), 'admin', 'Rudi'),
      addUser(db(), 'agent', 'Sari'), addUser(db(), 'agent', 'Andi'), addUser(db(), 'agent', 'Wati'),
    ]);
    await addTeam(db(), leadA, [agentA, agentA2]);
    await addTeam(db(), leadB, [agentB]);
    const created = await call(admin, 'POST', '/quality/forms', { name: { id: 'Mutu', en: 'Quality' }, definition: sampleDefinition() });
    version = created.body as FormVersion;
  });

  const evaluate = async (who: QUser, agent: QUser, answers: unknown = goodAnswers(), extra: Record<string, unknown> = {}) =>
    call(who, 'POST', '/quality/evaluations', { interactionId: await addCall(db(), agent), formVersionId: version.id, answers, ...extra });

  const auditOf = async (action: string, subject: string) => {
    const token = await t.current.login('admin1', 'admin1-pass');
    return ((await t.current.api(`/admin/audit?action=${action}&subject=${subject}`, { token })).body as AuditPage).entries;
  };

  describe('scoring', () => {
    it('scores on the server from the pinned version: all good is 100, a failed fatal item is 0; pinned comments kept; audited', async () => {
      const good = await evaluate(leadA, agentA);
      expect(good.status, good.text).toBe(201);
      expect(good.body).toMatchObject({ score: 100, agentId: agentA.id, evaluatorId: leadA.id, formVersionId: version.id, formVersion: 1, rescoreOf: null });
      const answers = goodAnswers().map((a) => (a.itemId === 'disclosure' ? { ...a, value: 'no' } : a));
      const fatal = await evaluate(leadA, agentA, answers, { comments: [{ offsetMs: 42_000, body: 'Tidak membacakan pengungkapan' }] });
      expect(fatal.status, fatal.text).toBe(201);
      const e = fatal.body as Evaluation;
      expect(e.score).toBe(0);
      expect(e.result).toMatchObject({ fatalFailed: true, failedItems: [{ itemId: 'disclosure', severity: 'fatal' }] });
      expect(e.comments).toMatchObject([{ offsetMs: 42_000, body: 'Tidak membacakan pengungkapan', authorId: leadA.id, authorName: 'Dewi' }]);
      expect(e.definition).toEqual(version.definition);
      expect(await auditOf('quality.evaluations.create', e.id)).toMatchObject([{ actorId: leadA.id, details: { score: 0, fatalFailed: true } }]);
    });

    it('a web chat transcript (channel chat, as ending a chat writes it) is opened in the interactions browser and scored like a call', async () => {
      const [customer] = await db().query<{ id: string }>('SELECT id FROM customers LIMIT 1');
      const id = randomUUID();
      await db().query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, subject, body, duration_sec)
         VALUES ($1, $2, 'chat', 'inbound', now() - interval '6 minutes', now(), $3, $4, 'Web chat (https://toko.example)', $5, 360)`,
        [id, customer!.id, agentA.id, agentA.name, 'Sari: Internet saya mati\nAgen: Baik, kami periksa sekarang.']);
      const opened = await call(leadA, 'GET', `/lead/interactions/${id}`);
      expect(opened.status, opened.text).toBe(200);
      expect(opened.body).toMatchObject({ interaction: { channel: 'chat', body: expect.stringContaining('Baik, kami periksa sekarang.') }, recording: null });
      const scored = await call(leadA, 'POST', '/quality/evaluations', { interactionId: id, formVersionId: version.id, answers: goodAnswers() });
      expect(scored.status, scored.text).toBe(201);
      expect(scored.body).toMatchObject({ score: 100, agentId: agentA.id, evaluatorId: leadA.id, interactionId: id });
    });

    it('a failed critical item zeroes its section: 70 % left; a failed critical item without its comment is a 400', async () => {
      const failed = goodAnswers().map((a) => (a.itemId === 'verify' ? { ...a, value: 'no' } : a));
      const refused = await evaluate(leadA, agentA, failed);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ details: ['answers.verify: a failed item needs a comment'] });
      const ok = await evaluate(leadA, agentA, failed.map((a) => (a.itemId === 'verify' ? { ...a, comment: 'Tidak verifikasi' } : a)));
      expect(ok.status, ok.text).toBe(201);
      expect(ok.body).toMatchObject({ score: 70, result: { criticalFailedSections: ['greeting'] } });
    });

    it.each([
      ['a score sent by the client', { score: 100 }],
      ['an unknown item', { answers: [...goodAnswers(), { itemId: 'ghost', value: 'yes' }] }],
      ['an item answered twice', { answers: [...goodAnswers(), { itemId: 'hello', value: 'no' }] }],
      ['a missing answer', { answers: goodAnswers().slice(1) }],
      ['a scale value out of range', { answers: goodAnswers().map((a) => (a.itemId === 'empathy' ? { ...a, value: 9 } : a)) }],
      ['N/A where the item refuses it', { answers: goodAnswers().map((a) => (a.itemId === 'disclosure' ? { ...a, value: 'na' } : a)) }],
      ['a comment past the end of the recording', { comments: [{ offsetMs: 120_001, body: 'x' }] }],
      ['a negative comment offset', { comments: [{ offsetMs: -1, body: 'x' }] }],
      ['a form version that does not exist', { formVersionId: randomUUID() }],
    ])('refuses %s with a 400 naming it', async (_what, over) => {
      const res = await call(leadA, 'POST', '/quality/evaluations', {
        interactionId: await addCall(db(), agentA), formVersionId: version.id, answers: goodAnswers(), ...over,
      });
      expect(res.status, res.text).toBe(400);
      expect(((res.body as { details?: unknown[] }).details ?? []).length).toBeGreaterThan(0);
    });

    it('refuses an interaction that does not exist (404) or has no agent (409)', async () => {
      expect((await call(leadA, 'POST', '/quality/evaluations', { interactionId: randomUUID(), formVersionId: version.id, answers: goodAnswers() })).status).toBe(404);
      const orphan = await call(admin, 'POST', '/quality/evaluations', { interactionId: await addCall(db(), null), formVersionId: version.id, answers: goodAnswers() });
      expect(orphan.status).toBe(409);
    });
  });

  describe('who may evaluate and read', () => {
    it('a lead of another team gets 403, an agent 403, nobody evaluates themselves; an admin evaluates anyone', async () => {
      const other = await evaluate(leadB, agentA);
      expect(other.status).toBe(403);
      expect(other.body).toMatchObject({ code: 'FORBIDDEN', message: 'A lead evaluates only the agents of the teams they lead' });
      expect((await evaluate(agentA2, agentA)).status).toBe(403);
      expect((await evaluate(leadA, leadA)).status).toBe(403);
      expect((await evaluate(admin, admin)).status).toBe(403);
      expect((await evaluate(admin, agentB)).status).toBe(201);
      expect((await evaluate(leadB, agentB)).status).toBe(201);
    });

    it('the agent reads their own; another agent gets 404; a lead of another team 403; their lead and an admin read it', async () => {
      const e = (await evaluate(leadA, agentA)).body as Evaluation;
      expect((await call(agentA, 'GET', `/quality/evaluations/${e.id}`)).status).toBe(200);
      const stranger = await call(agentA2, 'GET', `/quality/evaluations/${e.id}`);
      expect(stranger.status).toBe(404);
      expect(stranger.text).not.toContain('Sari');
      expect((await call(agentB, 'GET', `/quality/evaluations/${randomUUID()}`)).status).toBe(404);
      expect((await call(leadB, 'GET', `/quality/evaluations/${e.id}`)).status).toBe(403);
      expect((await call(leadA, 'GET', `/quality/evaluations/${e.id}`)).status).toBe(200);
      expect((await call(admin, 'GET', `/quality/evaluations/${e.id}`)).status).toBe(200);
    });

    it('lists: the agent sees only their own, a lead their teams\', an admin all; pages by keyset', async () => {
      const mine = (await call(agentA, 'GET', '/quality/my-evaluations?limit=200')).body as Page;
      expect(mine.items.length).toBeGreaterThan(0);
      expect(mine.items.every((i) => i.agentId === agentA.id)).toBe(true);
      expect((await call(agentA, 'GET', `/quality/my-evaluations?agentId=${agentB.id}`)).status).toBe(400);
      expect((await call(agentA, 'GET', '/quality/evaluations')).status).toBe(403);
      const leadList = (await call(leadB, 'GET', '/quality/evaluations?limit=200')).body as Page;
      expect(leadList.items.length).toBeGreaterThan(0);
      expect(leadList.items.every((i) => i.agentId === agentB.id)).toBe(true);
      expect(((await call(leadB, 'GET', `/quality/evaluations?agentId=${agentA.id}`)).body as Page).items).toEqual([]);
      const all = (await call(admin, 'GET', '/quality/evaluations?limit=200')).body as Page;
      const first = (await call(admin, 'GET', '/quality/evaluations?limit=2')).body as Page;
      const second = (await call(admin, 'GET', `/quality/evaluations?limit=2&before=${encodeURIComponent(first.nextBefore ?? '')}`)).body as Page;
      expect([...first.items, ...second.items].map((i) => i.id)).toEqual(all.items.slice(0, 4).map((i) => i.id));
      expect((await call(admin, 'GET', '/quality/evaluations?before=nonsense')).status).toBe(400);
    });
  });

  describe('comments', () => {
    it('the evaluator pins a comment (unicode and script kept as text); others cannot; past the recording is a 400', async () => {
      const e = (await evaluate(leadA, agentA)).body as Evaluation;
      const body = 'Nada bicara <script>alert(1)</script> — sangat ramah 👍\nBaris kedua';
      const pinned = await call(leadA, 'POST', `/quality/evaluations/${e.id}/comments`, { offsetMs: 42_000, body });
      expect(pinned.status, pinned.text).toBe(201);
      const back = (await call(agentA, 'GET', `/quality/evaluations/${e.id}`)).body as Evaluation;
      expect(back.comments.map((c) => [c.offsetMs, c.body])).toEqual([[42_000, body]]);
      expect((await call(leadA, 'POST', `/quality/evaluations/${e.id}/comments`, { offsetMs: 500_000, body: 'x' })).status).toBe(400);
      expect((await call(leadA, 'POST', `/quality/evaluations/${e.id}/comments`, { offsetMs: 1, body: 'a\u0000b' })).status).toBe(400);
      expect((await call(admin, 'POST', `/quality/evaluations/${e.id}/comments`, { offsetMs: 1, body: 'x' })).status).toBe(403);
      expect((await call(leadB, 'POST', `/quality/evaluations/${e.id}/comments`, { offsetMs: 1, body: 'x' })).status).toBe(403);
      expect((await call(agentA, 'POST', `/quality/evaluations/${e.id}/comments`, { offsetMs: 1, body: 'x' })).status).toBe(403);
      expect(await auditOf('quality.evaluations.comment', e.id)).toMatchObject([{ actorId: leadA.id, details: { offsetMs: 42_000 } }]);
    });
  });

  describe('acknowledge, dispute, re-score', () => {
    it('the agent acknowledges once; anyone else is refused', async () => {
      const e = (await evaluate(leadA, agentA)).body as Evaluation;
      expect((await call(leadA, 'POST', `/quality/evaluations/${e.id}/acknowledge`)).status).toBe(403);
      expect((await call(agentA2, 'POST', `/quality/evaluations/${e.id}/acknowledge`)).status).toBe(404);
      const ack = await call(agentA, 'POST', `/quality/evaluations/${e.id}/acknowledge`);
      expect(ack.status, ack.text).toBe(200);
      expect((ack.body as Evaluation).acknowledgedAt).toBe(clock.now().toISOString());
      expect((await call(agentA, 'POST', `/quality/evaluations/${e.id}/acknowledge`)).status).toBe(409);
      expect(await auditOf('quality.evaluations.acknowledge', e.id)).toHaveLength(1);
    });

    it('a dispute within 48 h goes to another evaluator; the re-score sits beside the original, which never changes', async () => {
      const answers = goodAnswers().map((a) => (a.itemId === 'disclosure' ? { ...a, value: 'no' } : a));
      const original = (await evaluate(leadA, agentA, answers)).body as Evaluation;
      expect(original.disputeUntil).toBe(new Date(clock.now().getTime() + 48 * 3_600_000).toISOString());
      expect((await call(agentA2, 'POST', `/quality/evaluations/${original.id}/dispute`, { reason: 'x' })).status).toBe(404);
      expect((await call(leadA, 'POST', `/quality/evaluations/${original.id}/dispute`, { reason: 'x' })).status).toBe(403);
      expect((await call(agentA, 'POST', `/quality/evaluations/${original.id}/dispute`, { reason: '  ' })).status).toBe(400);
      // Not disputed yet: nothing to re-score, and another team's lead may not even see it.
      expect((await call(admin, 'POST', `/quality/evaluations/${original.id}/rescore`, { answers: goodAnswers() })).status).toBe(409);
      expect((await call(leadB, 'POST', `/quality/evaluations/${original.id}/rescore`, { answers: goodAnswers() })).status).toBe(403);
      clock.advance(47 * 3600);
      const reason = 'Saya membacakan pengungkapan di menit 0:42 — dengarkan lagi <b>tolong</b>';
      const disputed = await call(agentA, 'POST', `/quality/evaluations/${original.id}/dispute`, { reason });
      expect(disputed.status, disputed.text).toBe(200);
      expect((disputed.body as Evaluation).dispute).toMatchObject({ reason, windowHours: 48, rescoreId: null });
      const twice = await call(agentA, 'POST', `/quality/evaluations/${original.id}/dispute`, { reason: 'again' });
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ message: expect.stringContaining('already disputed') });

      // The open dispute is offered to other evaluators, not to the original one.
      const openForB = (await call(leadB, 'GET', '/quality/disputes')).body as Page;
      expect(openForB.items.map((i) => i.id)).toContain(original.id);
      expect(((await call(leadA, 'GET', '/quality/disputes')).body as Page).items.map((i) => i.id)).not.toContain(original.id);
      const same = await call(leadA, 'POST', `/quality/evaluations/${original.id}/rescore`, { answers: goodAnswers() });
      expect(same.status).toBe(403);
      expect(same.body).toMatchObject({ message: 'A dispute goes to another evaluator than the original' });
      expect((await call(agentA, 'POST', `/quality/evaluations/${original.id}/rescore`, { answers: goodAnswers() })).status).toBe(403);
      expect((await call(leadB, 'GET', `/quality/evaluations/${original.id}`)).status).toBe(200);

      const rescored = await call(leadB, 'POST', `/quality/evaluations/${original.id}/rescore`, { answers: goodAnswers() });
      expect(rescored.status, rescored.text).toBe(201);
      const rescore = rescored.body as Evaluation;
      expect(rescore).toMatchObject({ score: 100, rescoreOf: original.id, evaluatorId: leadB.id, formVersionId: version.id, disputeUntil: null });
      const again = (await call(agentA, 'GET', `/quality/evaluations/${original.id}`)).body as Evaluation;
      expect(again).toMatchObject({ score: 0, evaluatorId: leadA.id, answers: original.answers });
      expect(again.dispute).toMatchObject({ rescoreId: rescore.id });
      expect(again.rescore).toMatchObject({ id: rescore.id, score: 100, evaluatorName: 'Bayu' });
      expect((await call(admin, 'POST', `/quality/evaluations/${original.id}/rescore`, { answers: goodAnswers() })).status).toBe(409);
      expect((await call(agentA, 'POST', `/quality/evaluations/${rescore.id}/dispute`, { reason: 'x' })).status).toBe(409);
      expect((await call(agentA, 'POST', `/quality/evaluations/${rescore.id}/acknowledge`)).status).toBe(200);
      // Both re-score and original visible to the lead who re-scored (the dispute is closed now).
      expect((await call(leadB, 'GET', `/quality/evaluations/${original.id}`)).status).toBe(200);
      expect(((await call(leadB, 'GET', '/quality/disputes')).body as Page).items.map((i) => i.id)).not.toContain(original.id);
      expect(await auditOf('quality.evaluations.dispute', original.id)).toHaveLength(1);
      expect(await auditOf('quality.evaluations.rescore', rescore.id)).toMatchObject([{ actorId: leadB.id, details: { rescoreOf: original.id } }]);

      // Around the server: the database keeps the original as it was.
      await expect(db().query('UPDATE quality_evaluations SET score = 100 WHERE id = $1', [original.id])).rejects.toThrow(/never changed/);
      await expect(db().query("UPDATE quality_evaluations SET answers = '[]'::jsonb WHERE id = $1", [original.id])).rejects.toThrow(/never changed/);
      await expect(db().query('DELETE FROM quality_evaluations WHERE id = $1', [original.id])).rejects.toThrow(/never changed/);
      await expect(db().query("UPDATE quality_disputes SET reason = 'edited' WHERE evaluation_id = $1", [original.id])).rejects.toThrow(/append-only/);
      await expect(db().query("UPDATE quality_disputes SET resolved_at = now() WHERE evaluation_id = $1", [original.id])).rejects.toThrow(/resolved once/);
      await expect(db().query('DELETE FROM quality_comments')).rejects.toThrow(/append-only/);
      await expect(db().query("UPDATE quality_comments SET body = 'edited'")).rejects.toThrow(/append-only/);
    });

    it('a dispute after the window is a 409 saying when it closed; the window is a server setting', async () => {
      const e = (await evaluate(leadA, agentA)).body as Evaluation;
      clock.advance(48 * 3600 + 1);
      const late = await call(agentA, 'POST', `/quality/evaluations/${e.id}/dispute`, { reason: 'Terlambat' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ message: expect.stringContaining('The dispute window (48 h) closed at'), details: { disputeUntil: e.disputeUntil } });

      expect(((await call(agentA, 'GET', '/quality/settings')).body)).toEqual({ disputeWindowHours: 48 });
      expect((await call(leadA, 'PUT', '/quality/settings', { disputeWindowHours: 72 })).status).toBe(403);
      expect((await call(admin, 'PUT', '/quality/settings', { disputeWindowHours: -1 })).status).toBe(400);
      expect((await call(admin, 'PUT', '/quality/settings', { disputeWindowHours: 72 })).body).toEqual({ disputeWindowHours: 72 });
      const reopened = await call(agentA, 'POST', `/quality/evaluations/${e.id}/dispute`, { reason: 'Jendela diperpanjang' });
      expect(reopened.status, reopened.text).toBe(200);
      expect((reopened.body as Evaluation).dispute).toMatchObject({ windowHours: 72 });
      expect((await call(admin, 'PUT', '/quality/settings', { disputeWindowHours: 48 })).status).toBe(200);
    });

    it('the database refuses a re-score by the original evaluator even around the server', async () => {
      const e = (await evaluate(leadA, agentA)).body as Evaluation;
      await expect(db().query(
        `INSERT INTO quality_evaluations (id, interaction_id, agent_id, evaluator_id, form_version_id, rescore_of, answers, score, result, submitted_at)
         SELECT gen_random_uuid(), interaction_id, agent_id, evaluator_id, form_version_id, id, answers, 100, result, now()
           FROM quality_evaluations WHERE id = $1`, [e.id])).rejects.toThrow(/another evaluator than the original/);
    });
  });
});
