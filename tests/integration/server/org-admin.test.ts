// The Organisation screen's server routes on both engines (src/server/org): admins create,
// search, page, change, disable and delete sites, branches, teams, queues, skills and
// dispositions; bad input is a clear 400 (empty, huge, malformed codes, unicode codes,
// control characters), a duplicate code a 409, a delete that would break a reference a 409;
// agents and leads get 403, anonymous 401; every change is audited. Dispositions reach the
// desktop with both labels, and a disabled one is refused for a new wrap-up.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditPage } from '../../../src/shared/audit.js';
import { DEFAULT_QUEUE_ROUTING } from '../../../src/shared/queue-routing.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

const BUDI = '00000000-0000-4000-8000-000000000001';
const AGENT1 = '00000000-0000-4000-8000-00000000a001';

forEachDatabase('organisation admin', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 5, interactionsMean: 0, seed: 3 } });
  const call = async (token: string | null, method: string, path: string, body?: unknown) =>
    t.current.api(path, { method, ...(token ? { token } : {}), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const admin = () => t.current.login('admin1', 'admin1-pass');
  const queue = (code: string, over: Record<string, unknown> = {}) =>
    ({ code, labelId: 'Retensi', labelEn: 'Retention', caseCategories: ['complaint'], active: true, ...over });

  it('only admins reach the routes: anonymous 401, agent and lead 403, and nothing is written', async () => {
    const agent = await t.current.login('agent1', 'agent1-pass');
    const lead = await t.current.login('lead1', 'lead1-pass');
    for (const path of ['/admin/org/queues', '/admin/org/sites', '/admin/org/teams', '/admin/org/dispositions', '/admin/settings']) {
      expect((await call(null, 'GET', path)).status).toBe(401);
      expect((await call(agent, 'GET', path)).status).toBe(403);
      expect((await call(lead, 'GET', path)).status).toBe(403);
    }
    expect((await call(lead, 'POST', '/admin/org/queues', queue('lead_made'))).status).toBe(403);
    expect((await call(agent, 'DELETE', '/admin/org/queues/billing')).status).toBe(403);
    const [row] = await t.current.server.db.query('SELECT 1 FROM queues WHERE code = $1', ['lead_made']);
    expect(row).toBeUndefined();
  });

  describe('queues', () => {
    it('creates a queue, audits it, refuses the same code again with 409', async () => {
      const token = await admin();
      const created = await call(token, 'POST', '/admin/org/queues', queue('retention'));
      expect(created.status, created.text).toBe(201);
      expect(created.body).toEqual({ ...queue('retention'), ...DEFAULT_QUEUE_ROUTING });
      const again = await call(token, 'POST', '/admin/org/queues', queue('retention', { labelEn: 'Other' }));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'CONFLICT', message: 'A queue "retention" already exists' });
      const page = (await call(token, 'GET', '/admin/audit?action=org.queues.create')).body as AuditPage;
      expect(page.entries[0]).toMatchObject({ action: 'org.queues.create', actorName: 'admin1', details: { route: 'POST /admin/org/queues' } });
    });

    it('saves routing settings, keeps them when an update leaves them out, refuses inconsistent ones with 400', async () => {
      const token = await admin();
      const routing = {
        hotlineNumbers: ['1500777', '+622150077'], mailAddresses: ['Retensi@Sapa.Example'], requiredSkills: [],
        weights: { ...DEFAULT_QUEUE_ROUTING.weights, vvip: 2000 }, widenSkilledAfterSec: 10, widenAnyoneAfterSec: 20,
        reservationSec: 12, missesBeforeNotReady: 3, maxWaitSec: 240, maxWaitAction: 'overflow', overflowSiteCode: 'yogyakarta',
        overflowWaitSec: 45, wrapUpLimitSec: null,
      };
      const created = await call(token, 'POST', '/admin/org/queues', { ...queue('routed'), ...routing });
      expect(created.status, created.text).toBe(201);
      expect(created.body).toMatchObject({ ...routing, mailAddresses: ['retensi@sapa.example'] });
      const kept = await call(token, 'PUT', '/admin/org/queues/routed', { labelId: 'Retensi', labelEn: 'Retention', caseCategories: [], active: true });
      expect(kept.status, kept.text).toBe(200);
      expect(kept.body).toMatchObject({ labelId: 'Retensi', hotlineNumbers: routing.hotlineNumbers, reservationSec: 12, wrapUpLimitSec: null });
      const { code: _code, ...fields } = queue('routed');
      const changed = await call(token, 'PUT', '/admin/org/queues/routed', { ...fields, reservationSec: 20 });
      expect(changed.body).toMatchObject({ reservationSec: 20, maxWaitAction: 'overflow' });
      const page = (await call(token, 'GET', '/admin/audit?action=org.queues.update')).body as AuditPage;
      expect(page.entries[0]).toMatchObject({ action: 'org.queues.update', actorName: 'admin1' });
      for (const bad of [
        { widenSkilledAfterSec: 60, widenAnyoneAfterSec: 30 },
        { maxWaitAction: 'overflow', overflowSiteCode: null },
        { overflowSiteCode: 'atlantis' },
        { requiredSkills: ['no-such-skill'] },
        { hotlineNumbers: ['15-00'] },
        { reservationSec: 1 },
        { weights: { vvip: 'lots' } },
      ]) {
        const refused = await call(token, 'PUT', '/admin/org/queues/routed', { ...fields, ...bad });
        expect(refused.status, JSON.stringify(bad)).toBe(400);
        expect(refused.body, JSON.stringify(bad)).toMatchObject({ code: 'INVALID_INPUT' });
        expect(JSON.stringify((refused.body as { details: unknown }).details), JSON.stringify(bad)).not.toContain('Unrecognized key');
      }
    });

    it.each([
      ['an empty body', {}],
      ['an empty label', queue('q_empty', { labelId: '   ' })],
      ['a huge label', queue('q_huge', { labelEn: 'x'.repeat(101) })],
      ['a code with capitals', queue('Billing2')],
      ['a unicode code', queue('antrean_ü')],
      ['a code of 41 characters', queue('a'.repeat(41))],
      ['a label with a control character', queue('q_ctl', { labelId: 'a\u0007b' })],
      ['a category listed twice', queue('q_twice', { caseCategories: ['billing', 'billing'] })],
      ['an unknown field', { ...queue('q_extra'), colour: 'red' }],
    ])('refuses %s with a 400 naming the problem', async (_what, body) => {
      const res = await call(await admin(), 'POST', '/admin/org/queues', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_INPUT' });
      expect(((res.body as { details: unknown[] }).details ?? []).length).toBeGreaterThan(0);
    });

    it('keeps unicode labels and markup as plain text', async () => {
      const token = await admin();
      const body = queue('keluhan_vip', { labelId: 'Keluhan <script>alert(1)</script> — prioritas ✓', labelEn: 'Complaints 💬' });
      expect((await call(token, 'POST', '/admin/org/queues', body)).status).toBe(201);
      const list = (await call(token, 'GET', '/admin/org/queues?q=keluhan')).body as { items: unknown[]; total: number };
      expect(list).toEqual({ items: [{ ...body, ...DEFAULT_QUEUE_ROUTING }], total: 1 });
    });

    it('searches and pages; a % in the search is taken literally', async () => {
      const token = await admin();
      for (let i = 0; i < 5; i += 1) await call(token, 'POST', '/admin/org/queues', queue(`page_${i}`, { labelEn: `Paged ${i}` }));
      const first = (await call(token, 'GET', '/admin/org/queues?q=paged&limit=2')).body as { items: { code: string }[]; total: number };
      const third = (await call(token, 'GET', '/admin/org/queues?q=paged&limit=2&offset=4')).body as { items: { code: string }[]; total: number };
      expect(first).toMatchObject({ total: 5, items: [{ code: 'page_0' }, { code: 'page_1' }] });
      expect(third.items.map((q) => q.code)).toEqual(['page_4']);
      expect(((await call(token, 'GET', '/admin/org/queues?q=%25')).body as { total: number }).total).toBe(0);
      expect((await call(token, 'GET', '/admin/org/queues?limit=0')).status).toBe(400);
      expect((await call(token, 'GET', `/admin/org/queues?q=${'x'.repeat(101)}`)).status).toBe(400);
    });

    it('a queue users work is disabled, not deleted; a disabled queue cannot be given to a user', async () => {
      const token = await admin();
      const del = await call(token, 'DELETE', '/admin/org/queues/billing');
      expect(del.status).toBe(409);
      expect(del.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('disable it instead') });
      const off = await call(token, 'PUT', '/admin/org/queues/page_0', { ...queue('page_0'), code: undefined, active: false });
      expect(off.status, off.text).toBe(200);
      const scope = await call(token, 'PUT', `/admin/users/${AGENT1}/scope`, { branch: null, queues: ['page_0'] });
      expect(scope.status).toBe(400);
      expect(scope.text).toContain('not an active queue');
      expect((await call(token, 'PUT', `/admin/users/${AGENT1}/scope`, { branch: null, queues: ['made_up'] })).status).toBe(400);
      // A queue an admin added is a queue a user can work.
      const ok = await call(token, 'PUT', `/admin/users/${AGENT1}/scope`, { branch: 'Jakarta Pusat', queues: ['retention', 'billing'] });
      expect(ok.status, ok.text).toBe(200);
      expect(ok.body).toMatchObject({ user: { queues: ['billing', 'retention'] } });
      expect((await call(token, 'DELETE', '/admin/org/queues/retention')).status).toBe(409);
      // Unused: deleted; then it is gone.
      expect((await call(token, 'DELETE', '/admin/org/queues/page_1')).status).toBe(200);
      expect((await call(token, 'DELETE', '/admin/org/queues/page_1')).status).toBe(404);
      expect((await call(token, 'PUT', '/admin/org/queues/nope', { labelId: 'a', labelEn: 'b', caseCategories: [], active: true })).status).toBe(404);
    });
  });

  describe('skills', () => {
    it('creates, refuses duplicates, and refuses deleting a skill a user has', async () => {
      const token = await admin();
      const skill = { code: 'bahasa_jawa', labelId: 'Bahasa Jawa', labelEn: 'Javanese', active: true };
      expect((await call(token, 'POST', '/admin/org/skills', skill)).status).toBe(201);
      expect((await call(token, 'POST', '/admin/org/skills', skill)).status).toBe(409);
      await t.current.server.db.query('INSERT INTO user_skills (user_id, skill_code, level) VALUES ($1, $2, 3)', [AGENT1, 'bahasa_jawa']);
      expect((await call(token, 'DELETE', '/admin/org/skills/bahasa_jawa')).status).toBe(409);
      const off = await call(token, 'PUT', '/admin/org/skills/bahasa_jawa', { labelId: 'Bahasa Jawa', labelEn: 'Javanese', active: false });
      expect(off.body).toEqual({ ...skill, active: false });
    });
  });

  describe('sites, branches and teams', () => {
    it('builds a site with a branch and a team led by a lead; refuses an agent as lead and deletes that break references', async () => {
      const token = await admin();
      expect((await call(token, 'POST', '/admin/org/sites', { code: 'jkt-1', name: 'Gedung Sapa Jakarta' })).status).toBe(201);
      expect((await call(token, 'POST', '/admin/org/sites', { code: 'jkt-1', name: 'Again' })).status).toBe(409);
      expect((await call(token, 'POST', '/admin/org/branches', { code: 'Bandung', name: 'Cabang Bandung', siteCode: 'nowhere' })).status).toBe(400);
      const branch = await call(token, 'POST', '/admin/org/branches', { code: 'Bandung', name: 'Cabang Bandung', siteCode: 'jkt-1' });
      expect(branch.status, branch.text).toBe(201);
      expect((await call(token, 'POST', '/admin/org/branches', { code: 'bandung', name: 'Dupe', siteCode: null })).status).toBe(409);
      expect((await call(token, 'POST', '/admin/org/branches', { code: 'Band<ung>', name: 'x', siteCode: null })).status).toBe(400);

      const leads = (await call(token, 'GET', '/admin/org/team-leads')).body as { leads: { id: string; username: string; role: string }[] };
      expect(leads.leads.every((u) => u.role === 'lead' || u.role === 'admin')).toBe(true);
      const lead = leads.leads.find((u) => u.username === 'lead1');
      const asAgent = await call(token, 'POST', '/admin/org/teams', { name: 'Tim A', branchCode: 'Bandung', leadUserId: AGENT1 });
      expect(asAgent.status).toBe(400);
      expect(asAgent.text).toContain('lead or admin');
      const team = await call(token, 'POST', '/admin/org/teams', { name: 'Tim A', branchCode: 'Bandung', leadUserId: lead?.id });
      expect(team.status, team.text).toBe(201);
      expect(team.body).toMatchObject({ name: 'Tim A', branchCode: 'Bandung', leadUserId: lead?.id, leadName: expect.any(String) });
      expect((await call(token, 'POST', '/admin/org/teams', { name: 'tim a', branchCode: null, leadUserId: null })).status).toBe(409);
      const teamId = (team.body as { id: string }).id;

      expect((await call(token, 'DELETE', '/admin/org/sites/jkt-1')).status).toBe(409);
      expect((await call(token, 'DELETE', '/admin/org/branches/Bandung')).status).toBe(409);
      await t.current.server.db.query('UPDATE users SET team_id = $1 WHERE id = $2', [teamId, AGENT1]);
      expect((await call(token, 'DELETE', `/admin/org/teams/${teamId}`)).status).toBe(409);
      await t.current.server.db.query('UPDATE users SET team_id = NULL WHERE id = $1', [AGENT1]);
      expect((await call(token, 'DELETE', `/admin/org/teams/${teamId}`)).status).toBe(200);
      expect((await call(token, 'DELETE', '/admin/org/branches/Bandung')).status).toBe(200);
      expect((await call(token, 'DELETE', '/admin/org/sites/jkt-1')).status).toBe(200);
      expect((await call(token, 'DELETE', `/admin/org/teams/${randomUUID()}`)).status).toBe(404);
      expect((await call(token, 'DELETE', '/admin/org/teams/not-a-uuid')).status).toBe(400);
    });
  });

  describe('the schedule', () => {
    it('reads the seeded 23:00 switch, replaces it as a whole, refuses bad windows with 400 and audits the change', async () => {
      const token = await admin();
      const seeded = await call(token, 'GET', '/admin/org/schedule');
      expect(seeded.status, seeded.text).toBe(200);
      expect(seeded.body).toEqual({ windows: [
        { siteCode: 'jakarta', startsAt: '07:00', endsAt: '23:00', timeZone: 'Asia/Jakarta' },
        { siteCode: 'yogyakarta', startsAt: '23:00', endsAt: '07:00', timeZone: 'Asia/Jakarta' },
      ] });
      const windows = [{ siteCode: 'yogyakarta', startsAt: '00:00', endsAt: '12:00' }, { siteCode: 'yogyakarta', startsAt: '12:00', endsAt: '00:00' }];
      const saved = await call(token, 'PUT', '/admin/org/schedule', { windows });
      expect(saved.status, saved.text).toBe(200);
      expect(saved.body).toEqual({ windows: windows.map((w) => ({ ...w, timeZone: 'Asia/Jakarta' })) });
      const rows = await t.current.server.db.query<{ site_code: string }>('SELECT site_code FROM site_schedule');
      expect(rows.map((r) => r.site_code)).toEqual(['yogyakarta', 'yogyakarta']);
      for (const bad of [
        { siteCode: 'nowhere', startsAt: '07:00', endsAt: '23:00' },
        { siteCode: 'jakarta', startsAt: '7:00', endsAt: '23:00' },
        { siteCode: 'jakarta', startsAt: '24:00', endsAt: '23:00' },
        { siteCode: 'jakarta', startsAt: '07:00', endsAt: '07:00' },
        { siteCode: 'jakarta', startsAt: '07:00', endsAt: '23:00', timeZone: 'Asia/Atlantis' },
        { siteCode: 'jakarta', startsAt: '07:00', endsAt: '23:00', extra: 1 },
      ]) {
        const refused = await call(token, 'PUT', '/admin/org/schedule', { windows: [bad] });
        expect(refused.status, JSON.stringify(bad)).toBe(400);
      }
      // a refused save changed nothing; no window at all is a valid schedule (none: always open)
      expect((await call(token, 'GET', '/admin/org/schedule')).body).toEqual(saved.body);
      expect((await call(token, 'PUT', '/admin/org/schedule', { windows: [] })).body).toEqual({ windows: [] });
      const agent = await t.current.login('agent1', 'agent1-pass');
      expect((await call(agent, 'PUT', '/admin/org/schedule', { windows })).status).toBe(403);
      const page = (await call(token, 'GET', '/admin/audit?action=org.schedule.save')).body as AuditPage;
      expect(page.entries[0]).toMatchObject({ action: 'org.schedule.save', actorName: 'admin1', details: { route: 'PUT /admin/org/schedule' } });
    });
  });

  describe('dispositions', () => {
    interface PushAnswer { results: { status: string; error: { code: string; message: string } | null }[] }
    const wrapUp = (disposition: string, endedAt: string) => ({
      clientId: randomUUID(),
      mutations: [{
        id: randomUUID(), name: 'interaction.create', baseVersions: {}, createdAt: new Date().toISOString(),
        args: {
          id: randomUUID(), customerId: BUDI, phoneE164: '+6281234567890', channel: 'call_in', direction: 'inbound',
          startedAt: new Date(Date.parse(endedAt) - 60_000).toISOString(), endedAt, subject: 'Call', body: null, disposition,
          durationSec: 60, recordingId: null,
        },
      }],
    });
    const push = async (token: string, body: unknown) => (await call(token, 'POST', '/sync/push', body)).body as PushAnswer;

    it('an added disposition reaches the desktop with both labels and its follow-up flag, in order', async () => {
      const token = await admin();
      const row = { code: 'promo_offered', labelId: 'Promo ditawarkan', labelEn: 'Promotion offered', needsFollowUp: true, position: 0, active: true };
      expect((await call(token, 'POST', '/admin/org/dispositions', row)).status).toBe(201);
      expect((await call(token, 'POST', '/admin/org/dispositions', row)).status).toBe(409);
      expect((await call(token, 'POST', '/admin/org/dispositions', { ...row, code: 'promo-offered' })).status).toBe(400);
      const agent = await t.current.login('agent1', 'agent1-pass');
      const answer = (await call(agent, 'GET', '/calls/dispositions')).body as {
        dispositions: string[]; items: { code: string; labelId: string; labelEn: string; needsFollowUp: boolean }[]; wrapUpLimitSec: number;
      };
      expect(answer.dispositions[0]).toBe('promo_offered');
      expect(answer.items[0]).toEqual({ code: 'promo_offered', labelId: 'Promo ditawarkan', labelEn: 'Promotion offered', needsFollowUp: true });
      expect(answer.items.find((d) => d.code === 'resolved')).toEqual({ code: 'resolved', labelId: 'Selesai', labelEn: 'Resolved', needsFollowUp: false });
      expect(answer.wrapUpLimitSec).toBe(120);
    });

    it('a disabled disposition is not offered and is refused for a new wrap-up, accepted for a call that ended before', async () => {
      const token = await admin();
      const agent = await t.current.login('agent1', 'agent1-pass');
      const before = new Date(Date.now() - 60_000).toISOString();
      const off = await call(token, 'PUT', '/admin/org/dispositions/promo_offered',
        { labelId: 'Promo ditawarkan', labelEn: 'Promotion offered', needsFollowUp: true, position: 0, active: false });
      expect(off.status, off.text).toBe(200);
      const offered = (await call(agent, 'GET', '/calls/dispositions')).body as { dispositions: string[] };
      expect(offered.dispositions).not.toContain('promo_offered');
      const late = await push(agent, wrapUp('promo_offered', new Date(Date.now() + 1_000).toISOString()));
      expect(late.results[0]).toMatchObject({ status: 'rejected', error: { code: 'INVALID_INPUT', message: 'Disposition "promo_offered" is disabled' } });
      expect((await push(agent, wrapUp('promo_offered', before))).results[0]?.status).toBe('applied');
      // A built-in code the table does not have (a desktop offline since before it was deleted) is still accepted.
      expect((await call(token, 'DELETE', '/admin/org/dispositions/no_answer')).status).toBe(200);
      expect((await push(agent, wrapUp('no_answer', new Date().toISOString()))).results[0]?.status).toBe('applied');
      // Used by a call now: disabled only.
      const del = await call(token, 'DELETE', '/admin/org/dispositions/promo_offered');
      expect(del.status).toBe(409);
      expect(del.body).toMatchObject({ details: { references: { calls: 1 } } });
    });
  });
});
