// Sampling, the review queue, calibration and the score trend on both engines
// (src/server/quality/sampling*.ts, calibration.ts, trend.ts): a lead's policies sample their
// teams' completed calls into their queue (spread over the week, VVIP complaints all, within
// the cap; the rest unassigned and visible), scoring a queued call clears it; another team's
// lead and an agent are refused; calibration scores are blind until one's own is in (or the
// session closes), show deviations from the reference and drift, and never count as the
// agent's evaluations; the trend gives the agent's weekly average against the team's.
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuditPage } from '../../../src/shared/audit.js';
import { type Calibration } from '../../../src/shared/quality/calibration.js';
import { type FormVersion } from '../../../src/shared/quality/evaluation.js';
import { type ReviewQueueItem, type SamplingPolicy } from '../../../src/shared/quality/sampling.js';
import { type ScoreTrend } from '../../../src/shared/quality/trend.js';
import { testClock } from '../helpers/contact-center.js';
import { forEachDatabase } from '../helpers/databases.js';
import { addSampledCall, addTeam, addUser, goodAnswers, sampleDefinition, type QUser } from '../helpers/quality.js';
import { useTestServer } from '../helpers/server.js';

// Thursday 2026-12-03 12:00 UTC; the week started Monday 2026-11-30.
const NOW = new Date('2026-12-03T12:00:00Z');
const day = (d: number, h = 9) => new Date(Date.UTC(2026, 10, 30 + d, h));

forEachDatabase('quality sampling and calibration', (engine) => {
  const clock = testClock(NOW);
  const t = useTestServer(engine, { seedDemo: { customers: 2, interactionsMean: 0, seed: 6 }, quality: { clock: clock.now, samplingIntervalMs: 0 } });
  const call = async (who: QUser | null, method: string, path: string, body?: unknown) =>
    t.current.api(path, { method, ...(who ? { token: who.token } : {}), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const db = () => t.current.server.db;
  let leadA: QUser; let leadB: QUser; let leadC: QUser; let admin: QUser; let agentA: QUser; let agentA2: QUser; let agentB: QUser;
  let teamA: string; let teamB: string;
  let version: FormVersion;

  beforeAll(async () => {
    [leadA, leadB, leadC, admin, agentA, agentA2, agentB] = await Promise.all([
      addUser(db(), 'lead', 'Dewi'), addUser(db(), 'lead', 'Bayu'), addUser(db(), 'lead', 'Citra'), addUser(db(), 'admin', 'Rudi'),
      addUser(db(), 'agent', 'Sari'), addUser(db(), 'agent', 'Andi'), addUser(db(), 'agent', 'Wati'),
    ]);
    teamA = await addTeam(db(), leadA, [agentA, agentA2]);
    teamB = await addTeam(db(), leadB, [agentB]);
    version = (await call(admin, 'POST', '/quality/forms', { name: { id: 'Mutu', en: 'Quality' }, definition: sampleDefinition() })).body as FormVersion;
  });

  const auditOf = async (action: string) => {
    const token = await t.current.login('admin1', 'admin1-pass');
    return ((await t.current.api(`/admin/audit?action=${action}`, { token })).body as AuditPage).entries;
  };
  const queue = async (who: QUser, status = 'open') => {
    const r = await call(who, 'GET', `/quality/review-queue?status=${status}`);
    expect(r.status, r.text).toBe(200);
    return (r.body as { items: ReviewQueueItem[] }).items;
  };

  describe('sampling', () => {
    it('who may make policies: a lead for their team, not another team nor every team; an agent not at all', async () => {
      const rule = { kind: 'per_agent', perWeek: 7 };
      expect((await call(leadA, 'POST', '/quality/sampling/policies', { name: 'x', rule, teamId: teamB })).status).toBe(403);
      expect((await call(leadA, 'POST', '/quality/sampling/policies', { name: 'x', rule, teamId: null })).status).toBe(403);
      expect((await call(agentA, 'POST', '/quality/sampling/policies', { name: 'x', rule, teamId: teamA })).status).toBe(403);
      expect((await call(leadA, 'POST', '/quality/sampling/policies', { name: 'x', rule: { kind: 'random', percent: 0 }, teamId: teamA })).status).toBe(400);
      expect((await call(agentA, 'GET', '/quality/review-queue')).status).toBe(403);
    });

    it('per agent per week, spread: Monday\'s 6 calls give 1, Wednesday\'s 2 more; VVIP complaints all; over the cap unassigned and visible; audited', async () => {
      for (let i = 0; i < 6; i += 1) await addSampledCall(db(), agentA, { startedAt: day(0, 8 + i) });
      for (let i = 0; i < 4; i += 1) await addSampledCall(db(), agentA, { startedAt: day(2, 8 + i) });
      const vvip = [];
      for (let i = 0; i < 3; i += 1) vvip.push(await addSampledCall(db(), agentA2, { startedAt: day(1, 10 + i), disposition: 'complaint_logged', vvip: true }));
      await addSampledCall(db(), agentA2, { startedAt: day(1, 15), disposition: 'complaint_logged', vvip: false });
      const b = await addSampledCall(db(), agentB, { startedAt: day(1, 9), disposition: 'complaint_logged', vvip: true });

      const perAgent = await call(leadA, 'POST', '/quality/sampling/policies',
        { name: 'Tujuh per minggu', rule: { kind: 'per_agent', perWeek: 7 }, teamId: teamA, capPerEvaluatorPerWeek: 5, dueDays: 2, seed: 11 });
      expect(perAgent.status, perAgent.text).toBe(201);
      expect(perAgent.body).toMatchObject({ teamId: teamA, capPerEvaluatorPerWeek: 5, dueDays: 2, seed: 11, rule: { kind: 'per_agent', perWeek: 7 } });
      const vvipPolicy = await call(leadA, 'POST', '/quality/sampling/policies',
        { name: 'VVIP', rule: { kind: 'vvip_complaint' }, teamId: teamA, capPerEvaluatorPerWeek: 5, seed: 3 });
      expect(vvipPolicy.status, vvipPolicy.text).toBe(201);

      const run = await call(leadA, 'POST', '/quality/sampling/run');
      expect(run.status, run.text).toBe(200);
      // per agent: agentA Monday 1 + Wednesday 2 (ceil(7×3/7)=3 through Wednesday); agentA2 Tuesday: 2 of its 4 calls
      // (ceil(7×2/7)=2). VVIP: 3, of which those per_agent did not take first. Cap 5 for Dewi: the rest unassigned.
      const result = run.body as { added: number; assigned: number; unassigned: number };
      expect(result.assigned).toBe(5);
      expect(result.added).toBeGreaterThan(5);
      expect(result.added).toBe(result.assigned + result.unassigned);

      const items = await queue(leadA);
      expect(items).toHaveLength(result.added);
      const mine = items.filter((i) => i.agentId === agentA.id);
      expect(mine.map((i) => new Date(i.startedAt).getUTCDay()).sort()).toEqual([1, 3, 3]);
      for (const id of vvip) expect(items.some((i) => i.interactionId === id)).toBe(true);
      expect(items.filter((i) => i.assigneeId === leadA.id)).toHaveLength(5);
      expect(items.filter((i) => i.assigneeId === null).length).toBe(result.unassigned);
      // Due: 2 days after the call for per_agent items; Monday's is overdue on Thursday.
      const monday = mine.find((i) => new Date(i.startedAt).getUTCDay() === 1);
      expect(monday).toMatchObject({ overdue: true, dueAt: new Date(new Date(monday!.startedAt).getTime() + 2 * 86_400_000).toISOString() });
      // Another team's lead sees none of it; their team's VVIP complaint is not taken by team A's policies.
      expect(await queue(leadB)).toEqual([]);
      expect((await queue(admin)).some((i) => i.interactionId === b)).toBe(false);
      // A second run picks nothing new.
      expect((await call(leadA, 'POST', '/quality/sampling/run')).body).toEqual({ added: 0, assigned: 0, unassigned: 0 });
      expect(await auditOf('quality.sampling.create')).toEqual(expect.arrayContaining([expect.objectContaining({ actorId: leadA.id })]));
      expect((await auditOf('quality.sampling.run'))[0]).toMatchObject({ actorId: leadA.id, details: { trigger: 'request' } });
    });

    it('scoring a queued interaction clears it from the queue; another team\'s lead cannot score it', async () => {
      const [item] = await queue(leadA);
      expect(item).toBeDefined();
      const interactionId = item!.interactionId;
      expect((await call(leadB, 'POST', '/quality/evaluations', { interactionId, formVersionId: version.id, answers: goodAnswers() })).status).toBe(403);
      const scored = await call(leadA, 'POST', '/quality/evaluations', { interactionId, formVersionId: version.id, answers: goodAnswers() });
      expect(scored.status, scored.text).toBe(201);
      expect((await queue(leadA)).some((i) => i.interactionId === interactionId)).toBe(false);
      expect((await queue(leadA, 'done')).find((i) => i.interactionId === interactionId)).toMatchObject({ evaluationId: (scored.body as { id: string }).id });
    });

    it('lists policies by scope: a lead their teams\', an admin all', async () => {
      const listA = ((await call(leadA, 'GET', '/quality/sampling/policies')).body as { policies: SamplingPolicy[] }).policies;
      expect(listA.length).toBeGreaterThanOrEqual(2);
      expect(((await call(leadB, 'GET', '/quality/sampling/policies')).body as { policies: SamplingPolicy[] }).policies).toEqual([]);
      expect((await call(leadA, 'PUT', `/quality/sampling/policies/${listA[0]!.id}`, { ...listA[0], active: false })).status).toBe(400); // unknown fields
      const { name, rule, teamId, capPerEvaluatorPerWeek, dueDays } = listA[0]!;
      const ok = await call(leadA, 'PUT', `/quality/sampling/policies/${listA[0]!.id}`, { name, rule, teamId, capPerEvaluatorPerWeek, dueDays, active: false });
      expect(ok.status, ok.text).toBe(200);
      expect(ok.body).toMatchObject({ active: false });
      expect((await call(leadB, 'PUT', `/quality/sampling/policies/${listA[0]!.id}`, { name, rule, teamId, capPerEvaluatorPerWeek, dueDays })).status).toBe(403);
    });
  });

  describe('calibration', () => {
    let interactionId: string;
    let session: Calibration;
    const evaluationsOfAgent = async () => (await db().query<{ n: string | number }>('SELECT count(*) AS n FROM quality_evaluations WHERE agent_id = $1', [agentB.id]))[0]?.n;

    it('a lead of the agent\'s team creates it and invites other leads; an uninvited lead and an agent are refused', async () => {
      interactionId = await addSampledCall(db(), agentB, { startedAt: day(1, 14) });
      expect((await call(leadA, 'POST', '/quality/calibrations', { interactionId, formVersionId: version.id, participantIds: [leadC.id] })).status).toBe(403);
      expect((await call(leadB, 'POST', '/quality/calibrations', { interactionId, formVersionId: version.id, participantIds: [agentA.id] })).status).toBe(400);
      const created = await call(leadB, 'POST', '/quality/calibrations', { interactionId, formVersionId: version.id, participantIds: [leadA.id, leadC.id] });
      expect(created.status, created.text).toBe(201);
      session = created.body as Calibration;
      expect(session).toMatchObject({ ownerId: leadB.id, referenceId: leadB.id, participants: 3, submitted: 0, revealed: false });
      expect((await call(admin, 'GET', `/quality/calibrations/${session.id}`)).status).toBe(200);
      const outsider = await addUser(db(), 'lead', 'Eko');
      expect((await call(outsider, 'GET', `/quality/calibrations/${session.id}`)).status).toBe(403);
      expect((await call(outsider, 'POST', `/quality/calibrations/${session.id}/scores`, { answers: goodAnswers() })).status).toBe(403);
      expect((await call(agentB, 'GET', `/quality/calibrations/${session.id}`)).status).toBe(403);
    });

    it('blind: the reference scores; another lead cannot see it until they submitted theirs; then deviations show', async () => {
      const ref = await call(leadB, 'POST', `/quality/calibrations/${session.id}/scores`, { answers: goodAnswers() });
      expect(ref.status, ref.text).toBe(201);
      const before = (await call(leadA, 'GET', `/quality/calibrations/${session.id}`)).body as Calibration;
      expect(before.revealed).toBe(false);
      const b = before.people.find((p) => p.userId === leadB.id);
      expect(b).toMatchObject({ submitted: true, score: null, answers: null, deviation: null });
      const low = goodAnswers().map((a) => (a.itemId === 'empathy' ? { ...a, value: 3 } : a));
      const mine = await call(leadA, 'POST', `/quality/calibrations/${session.id}/scores`, { answers: low });
      expect(mine.status, mine.text).toBe(201);
      const after = mine.body as Calibration;
      expect(after.revealed).toBe(true);
      const a = after.people.find((p) => p.userId === leadA.id)!;
      // empathy 3 of 1–5: 1 of 2 points → compliance 4/5 = 80 → total 30 + 56 = 86; reference 100.
      expect(a.score).toBe(86);
      expect(a.deviation).toMatchObject({ totalDelta: -14 });
      expect(a.deviation?.items.find((i) => i.itemId === 'empathy')).toEqual({ itemId: 'empathy', value: 50, reference: 100, delta: -50 });
      expect(after.people.find((p) => p.userId === leadB.id)).toMatchObject({ score: 100, deviation: { totalDelta: 0 } });
      // Citra has not scored: she still sees nothing of the others.
      const c = (await call(leadC, 'GET', `/quality/calibrations/${session.id}`)).body as Calibration;
      expect(c.revealed).toBe(false);
      expect(c.people.every((p) => p.score === null)).toBe(true);
      expect((await call(leadA, 'POST', `/quality/calibrations/${session.id}/scores`, { answers: goodAnswers() })).status).toBe(409);
    });

    it('closing reveals to all and adds to drift; calibration scores are not the agent\'s evaluations; audited', async () => {
      expect((await call(leadA, 'POST', `/quality/calibrations/${session.id}/close`)).status).toBe(403);
      const closed = await call(leadB, 'POST', `/quality/calibrations/${session.id}/close`);
      expect(closed.status, closed.text).toBe(200);
      const c = (await call(leadC, 'GET', `/quality/calibrations/${session.id}`)).body as Calibration;
      expect(c.revealed).toBe(true);
      expect(c.people.find((p) => p.userId === leadA.id)).toMatchObject({ score: 86, drift: { sessions: 1, meanAbsTotalDelta: 14 } });
      expect((await call(leadC, 'POST', `/quality/calibrations/${session.id}/scores`, { answers: goodAnswers() })).status).toBe(409);
      expect(Number(await evaluationsOfAgent())).toBe(0);
      const mine = (await call(agentB, 'GET', '/quality/my-evaluations')).body as { items: unknown[] };
      expect(mine.items).toEqual([]);
      expect((await auditOf('quality.calibrations.score')).filter((e) => e.subject === session.id)).toHaveLength(2);
      const list = (await call(leadC, 'GET', '/quality/calibrations')).body as { items: { id: string }[] };
      expect(list.items.map((i) => i.id)).toContain(session.id);
    });
  });

  describe('score trend', () => {
    it('the agent\'s weekly average against the team\'s; a lead for their agents only; another agent a 404', async () => {
      const score = async (agent: QUser, answers: unknown) => {
        const interactionId = await addSampledCall(db(), agent, { startedAt: day(0, 7) });
        const r = await call(leadA, 'POST', '/quality/evaluations', { interactionId, formVersionId: version.id, answers });
        expect(r.status, r.text).toBe(201);
      };
      const low = goodAnswers().map((a) => (a.itemId === 'disclosure' ? { ...a, value: 'no' } : a));
      await score(agentA2, low); // 0
      const trend = await call(agentA2, 'GET', '/quality/score-trend?bucket=week&periods=4');
      expect(trend.status, trend.text).toBe(200);
      const body = trend.body as ScoreTrend;
      expect(body.points).toHaveLength(4);
      const week = body.points.at(-1)!;
      expect(week.period).toBe('2026-11-30');
      expect(week).toMatchObject({ agentAverage: 0, agentCount: 1, teamCount: 2, teamAverage: 50 });
      expect(body.teamId).toBe(teamA);
      expect((await call(leadA, 'GET', `/quality/score-trend?agentId=${agentA2.id}`)).status).toBe(200);
      expect((await call(leadB, 'GET', `/quality/score-trend?agentId=${agentA2.id}`)).status).toBe(403);
      expect((await call(agentA, 'GET', `/quality/score-trend?agentId=${agentA2.id}`)).status).toBe(404);
      const month = (await call(agentA2, 'GET', '/quality/score-trend?bucket=month&periods=2')).body as ScoreTrend;
      expect(month.points.map((p) => p.period)).toEqual(['2026-11-01', '2026-12-01']);
    });
  });
});
