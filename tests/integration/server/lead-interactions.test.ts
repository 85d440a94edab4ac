// The lead's interactions browser on a real server (PostgreSQL and PGlite): a lead lists the
// calls, e-mails and chats of the agents in the teams they lead, an admin everyone's, an
// agent nothing; every filter narrows; keyset pages cover the list exactly once in order;
// cursors and filters that do not parse are 400; search text in any script (or markup) is
// only text. The review of one interaction: recording metadata with the recovered mark, the
// call's timeline, the customer, the text of an e-mail; a lead of another team is refused.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '../../../src/server/db/db.js';
import { DEMO_USERS } from '../../../src/server/seed/users.js';
import { type InteractionReview, type LeadInteractionOptions, type LeadInteractionPage } from '../../../src/shared/lead-interactions.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';
import { insertTestUser } from '../helpers/users.js';

const idOf = (username: string) => DEMO_USERS.find((u) => u.username === username)?.id ?? '';
const AGENT1 = idOf('agent1');
const AGENT2 = idOf('agent2');
const LEAD1 = idOf('lead1');

interface Made { id: string; agent: string; channel: string; startedAt: string; durationSec: number | null; disposition: string | null }

async function insertInteraction(db: Db, m: Made & {
  customerId: string; recordingId?: string | null; body?: string | null; queue?: string | null; direction?: string;
}): Promise<void> {
  await db.query(
    `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, subject, body,
       disposition, duration_sec, recording_id, queue_code)
     VALUES ($1, $2, $3, $4, $5::timestamptz, $5::timestamptz + make_interval(secs => coalesce($6::int, 60)), $7,
       (SELECT display_name FROM users WHERE id = $7), $8, $9, $10, $6, $11, $12)`,
    [m.id, m.customerId, m.channel, m.direction ?? 'inbound', m.startedAt, m.durationSec, m.agent, `Subject ${m.id.slice(0, 8)}`,
      m.body ?? null, m.disposition, m.recordingId ?? null, m.queue ?? null]);
}

forEachDatabase('lead interactions browser', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 3, interactionsMean: 0 } });
  const tokens = { agent: '', lead1: '', lead2: '', admin: '' };
  const made: Made[] = [];
  let customerA = '';
  let teamA = '';
  let recoveredCall = '';
  let emailId = '';

  const list = async (token: string, query = '') => {
    const res = await t.current.api(`/lead/interactions${query ? `?${query}` : ''}`, { token });
    expect(res.status, `${query}: ${res.text}`).toBe(200);
    return res.body as LeadInteractionPage;
  };
  const ids = (page: LeadInteractionPage) => page.interactions.map((i) => i.id).sort();
  const expectedIds = (pick: (m: Made) => boolean) => made.filter(pick).map((m) => m.id).sort();

  beforeAll(async () => {
    const db = t.current.server.db;
    // The demo's Budi Santoso comes with calls of agent1: this suite knows every row it lists.
    await db.query('DELETE FROM interactions');
    const lead2 = await insertTestUser(db, { username: 'lead2', password: 'lead2-pass', displayName: 'Lead Dua', role: 'lead' });
    teamA = randomUUID();
    const teamB = randomUUID();
    await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3), ($4, $5, $6)',
      [teamA, 'Tim Tagihan', LEAD1, teamB, 'Tim VIP', lead2]);
    await db.query('UPDATE users SET team_id = $1 WHERE id = $2', [teamA, AGENT1]);
    await db.query('UPDATE users SET team_id = $1 WHERE id = $2', [teamB, AGENT2]);
    const customers = await db.query<{ id: string; customer_no: string }>('SELECT id, customer_no FROM customers ORDER BY customer_no');
    customerA = customers[0]?.id ?? '';
    const customerB = customers[1]?.id ?? '';
    await db.query(`UPDATE customers SET tier = 'regular' WHERE id = $1`, [customerA]);
    await db.query(`UPDATE customers SET tier = 'platinum', full_name = 'Siti Ñúñez 王小明',
      search_terms = ARRAY['siti', 'ñúñez', '王小明', lower(customer_no)] WHERE id = $1`, [customerB]);

    const base = Date.parse('2026-11-02T02:00:00.000Z');
    for (let n = 0; n < 12; n++) {
      const agent = n % 3 === 2 ? AGENT2 : AGENT1;
      const channel = n === 4 ? 'email' : n === 7 ? 'chat' : n % 2 ? 'call_out' : 'call_in';
      const isCall = channel.startsWith('call');
      const m: Made = {
        id: randomUUID(), agent, channel, startedAt: new Date(base + n * 3_600_000).toISOString(),
        durationSec: isCall ? 30 + (n % 5) * 60 : null, disposition: isCall ? (n % 4 === 0 ? 'complaint_logged' : 'resolved') : null,
      };
      const recordingId = isCall && n % 2 === 0 ? randomUUID() : null;
      if (recordingId) {
        await db.query(`INSERT INTO recordings (id, agent_id, file_name, size_bytes, duration_ms, pauses, recovered, completed_at)
          VALUES ($1::uuid, $2, $1::text, 1000, $3, $4::jsonb, $5, now())`,
        [recordingId, agent, (m.durationSec ?? 0) * 1000, JSON.stringify([{ atMs: 12_000, resumedAtMs: 20_000 }]), n === 0]);
      }
      if (n === 0) recoveredCall = m.id;
      if (n === 4) emailId = m.id;
      await insertInteraction(db, {
        ...m, customerId: n % 2 ? customerB : customerA, recordingId, queue: n < 6 ? 'billing' : 'vip',
        body: channel === 'email' ? 'Yth. Bapak, tagihan bulan ini sudah kami koreksi.' : null, direction: n % 2 ? 'outbound' : 'inbound',
      });
      made.push(m);
    }
    // A note (not a call, e-mail or chat) is never listed.
    await db.query(`INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id)
      VALUES ($1, $2, 'visit', 'inbound', now(), $3)`, [randomUUID(), customerA, AGENT1]);
    await db.query(`INSERT INTO call_details (interaction_id, number, answered_at, talk_sec, hold_sec, acw_sec)
      VALUES ($1, '+6281234567890', $2::timestamptz + interval '5 seconds', 25, 10, 45)`, [recoveredCall, made[0]?.startedAt ?? '']);
    [tokens.agent, tokens.lead1, tokens.lead2, tokens.admin] = await Promise.all([
      t.current.login('agent1', 'agent1-pass'), t.current.login('lead1', 'lead1-pass'), t.current.login('lead2', 'lead2-pass'),
      t.current.login('admin1', 'admin1-pass'),
    ]);
  });

  describe('who sees what', () => {
    it('an agent is refused (403), a caller without a session 401', async () => {
      expect((await t.current.api('/lead/interactions', { token: tokens.agent })).status).toBe(403);
      expect((await t.current.api('/lead/interactions')).status).toBe(401);
      expect((await t.current.api(`/lead/interactions/${recoveredCall}`, { token: tokens.agent })).status).toBe(403);
    });

    it('a lead sees the calls, e-mails and chats of their teams\' agents only; an admin everyone\'s', async () => {
      expect(ids(await list(tokens.lead1))).toEqual(expectedIds((m) => m.agent === AGENT1));
      expect(ids(await list(tokens.lead2))).toEqual(expectedIds((m) => m.agent === AGENT2));
      expect(ids(await list(tokens.admin, 'limit=100'))).toEqual(expectedIds(() => true));
      // Asking for another team's agent or team does not widen a lead's view.
      expect((await list(tokens.lead1, `agentId=${AGENT2}`)).interactions).toEqual([]);
      expect((await list(tokens.lead2, `teamId=${teamA}`)).interactions).toEqual([]);
    });

    it('a lead of another team may not open the review; the lead of the team may', async () => {
      const refused = await t.current.api(`/lead/interactions/${recoveredCall}`, { token: tokens.lead2 });
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain('Yth.');
      expect((await t.current.api(`/lead/interactions/${recoveredCall}`, { token: tokens.lead1 })).status).toBe(200);
      expect((await t.current.api(`/lead/interactions/${randomUUID()}`, { token: tokens.admin })).status).toBe(404);
    });
  });

  it('the filters offer a lead their teams\' agents and teams only, an admin every agent and team', async () => {
    const options = async (token: string) => {
      const res = await t.current.api('/lead/interactions/options', { token });
      expect(res.status, res.text).toBe(200);
      return res.body as LeadInteractionOptions;
    };
    const lead = await options(tokens.lead1);
    expect(lead.agents.map((a) => a.id)).toEqual([AGENT1]);
    expect(lead.teams.map((x) => x.name)).toEqual(['Tim Tagihan']);
    expect(lead.dispositions.find((d) => d.code === 'complaint_logged')).toMatchObject({ labelId: 'Keluhan dicatat', labelEn: 'Complaint logged' });
    expect(lead.queues.map((q) => q.code)).toContain('vip');
    const admin = await options(tokens.admin);
    expect(admin.agents.map((a) => a.id)).toEqual(expect.arrayContaining([AGENT1, AGENT2]));
    expect(admin.teams.map((x) => x.name).sort()).toEqual(['Sales Jakarta', 'Tim Tagihan', 'Tim VIP']); // the demo's field-sales team too
    expect((await t.current.api('/lead/interactions/options', { token: tokens.agent })).status).toBe(403);
  });

  it('every filter narrows the list', async () => {
    const q = (query: string) => list(tokens.admin, `limit=100&${query}`).then(ids);
    expect(await q(`agentId=${AGENT1}`)).toEqual(expectedIds((m) => m.agent === AGENT1));
    expect(await q(`teamId=${teamA}`)).toEqual(expectedIds((m) => m.agent === AGENT1));
    expect(await q('disposition=complaint_logged')).toEqual(expectedIds((m) => m.disposition === 'complaint_logged'));
    expect(await q('channel=email')).toEqual([emailId]);
    expect(await q('channel=call')).toEqual(expectedIds((m) => m.channel.startsWith('call')));
    expect(await q('direction=outbound')).toEqual(expectedIds((_m) => made.indexOf(_m) % 2 === 1));
    expect(await q('minDurationSec=150&maxDurationSec=210')).toEqual(expectedIds((m) => (m.durationSec ?? 0) >= 150 && (m.durationSec ?? 0) <= 210));
    expect(await q('tier=platinum')).toEqual(expectedIds((m) => made.indexOf(m) % 2 === 1));
    expect(await q(`customer=${encodeURIComponent('王小明')}`)).toEqual(expectedIds((m) => made.indexOf(m) % 2 === 1));
    expect(await q('queue=vip')).toEqual(expectedIds((m) => made.indexOf(m) >= 6));
    expect(await q('recovered=true')).toEqual([recoveredCall]);
    expect((await q('recovered=false'))).not.toContain(recoveredCall);
    expect(await q('recorded=true')).toEqual(expectedIds((m) => m.channel.startsWith('call') && made.indexOf(m) % 2 === 0));
    expect(await q(`from=${made[3]?.startedAt}&to=${made[6]?.startedAt}`)).toEqual(made.slice(3, 6).map((m) => m.id).sort());
    // No interaction is evaluated until the quality module lands.
    expect(await q('hasEvaluation=true')).toEqual([]);
    expect(await q('hasEvaluation=false')).toEqual(expectedIds(() => true));
    expect(await q(`agentId=${AGENT1}&disposition=complaint_logged&channel=call`))
      .toEqual(expectedIds((m) => m.agent === AGENT1 && m.disposition === 'complaint_logged'));
  });

  it('keyset pages cover the list exactly once, in order, by date and by duration', async () => {
    for (const [sort, order] of [['date', 'desc'], ['date', 'asc'], ['duration', 'asc'], ['duration', 'desc']] as const) {
      const seen: LeadInteractionPage['interactions'] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: LeadInteractionPage = await list(tokens.admin, `sort=${sort}&order=${order}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.interactions);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen.map((r) => r.id).sort()).toEqual(expectedIds(() => true));
      const keys = seen.map((r) => (sort === 'date' ? Date.parse(r.startedAt) : r.durationSec ?? 0));
      const sorted = [...keys].sort((a, b) => (order === 'asc' ? a - b : b - a));
      expect(keys, `${sort} ${order}`).toEqual(sorted);
    }
  });

  it('a malformed cursor, a cursor of another sort and bad filters are 400', async () => {
    const status = async (query: string) => (await t.current.api(`/lead/interactions?${query}`, { token: tokens.admin })).status;
    const first = await list(tokens.admin, 'limit=2');
    expect(first.nextCursor).not.toBeNull();
    expect(await status(`cursor=${first.nextCursor}&sort=duration`)).toBe(400);
    expect(await status('cursor=not-a-cursor')).toBe(400);
    expect(await status(`cursor=${Buffer.from('{"s":"date","o":"desc","k":"x","id":"y"}').toString('base64url')}`)).toBe(400);
    expect(await status(`cursor=${encodeURIComponent("' OR 1=1 --")}`)).toBe(400);
    for (const bad of ['limit=101', 'limit=0', 'tier=diamond', 'channel=fax', 'minDurationSec=300&maxDurationSec=10',
      'from=yesterday', 'agentId=1', 'sort=name', 'recovered=yes', 'offset=10', `from=${made[5]?.startedAt}&to=${made[1]?.startedAt}`]) {
      expect(await status(bad), bad).toBe(400);
    }
    const res = await t.current.api('/lead/interactions?cursor=zzz', { token: tokens.admin });
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('search text in any script, or markup, is only text', async () => {
    for (const text of ['<script>alert(1)</script>', "'; DROP TABLE interactions; --", 'Ñúñez', '王小明', '\u202Egnp.exe', '😀']) {
      const page = await list(tokens.admin, `customer=${encodeURIComponent(text)}`);
      const expected = text === 'Ñúñez' || text === '王小明' ? expectedIds((m) => made.indexOf(m) % 2 === 1) : [];
      expect(ids(page), text).toEqual(expected);
    }
    expect((await list(tokens.admin, 'limit=100')).interactions).toHaveLength(made.length);
  });

  it('the review of a call: recording marked recovered with its pauses, call timing, timeline, customer', async () => {
    const res = await t.current.api(`/lead/interactions/${recoveredCall}`, { token: tokens.lead1 });
    const review = res.body as InteractionReview;
    expect(review.interaction).toMatchObject({ id: recoveredCall, agentId: AGENT1, teamName: 'Tim Tagihan', recovered: true, hasEvaluation: false });
    expect(review.recording).toMatchObject({ recovered: true, complete: true, pauses: [{ atMs: 12_000, resumedAtMs: 20_000 }] });
    expect(review.call).toMatchObject({ number: '+6281234567890', holdSec: 10, acwSec: 45 });
    expect(review.timeline.map((e) => e.kind)).toEqual(['started', 'answered', 'ended', 'wrap_up_done', 'recording_paused', 'recording_resumed']);
    expect(review.customer.id).toBe(customerA);
  });

  it('the review of an e-mail carries its text and no recording', async () => {
    const review = (await t.current.api(`/lead/interactions/${emailId}`, { token: tokens.lead1 })).body as InteractionReview;
    expect(review.interaction.body).toBe('Yth. Bapak, tagihan bulan ini sudah kami koreksi.');
    expect(review.recording).toBeNull();
    expect(review.call).toBeNull();
    expect(review.customer.id).toBe(customerA);
  });

});
