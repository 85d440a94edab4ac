// Staged desktop updates on the real server (PostgreSQL and PGlite): IT uploads what
// electron-builder made, offers it to a pilot ring, widens, pauses, rolls back; each desktop
// reads its own feed with electron-updater's own generic provider (tests/integration/helpers/
// electron-updater.ts) and downloads with its own differential downloader. Desktops' rows
// are written straight into `desktops`, as the fleet's heartbeat would.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSession } from '../../../src/server/auth/sessions.js';
import { bucketOf, ringNameSql, ringsOfDesktops } from '../../../src/server/updates/ring-membership.js';
import { API_PREFIX } from '../../../src/shared/http.js';
import { type Release, type Ring } from '../../../src/shared/releases-routes.js';
import { forEachDatabase } from '../helpers/databases.js';
import { blockMapOf, checkFeed, differentialDownload } from '../helpers/electron-updater.js';
import { useTestServer } from '../helpers/server.js';


const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');
const CHUNK = 4096;

/** An "installer": 64 chunks; a later build changes every 7th chunk (a differential download has many ranges). */
function build(seed: Buffer, changedFrom?: Buffer): Buffer {
  if (!changedFrom) return Buffer.concat(Array.from({ length: 64 }, (_, i) => createHash('sha512').update(seed).update(String(i)).digest()).map((d) => Buffer.concat(Array(64).fill(d) as Buffer[])));
  const copy = Buffer.from(changedFrom);
  for (let i = 0; i < 64; i += 7) randomBytes(CHUNK).copy(copy, i * CHUNK);
  return copy;
}

function latestYml(version: string, files: { name: string; bytes: Buffer; blockMapSize?: number }[]): string {
  const [first] = files;
  return [
    `version: ${version}`,
    'files:',
    ...files.flatMap((f) => [`  - url: ${f.name}`, `    sha512: ${sha512(f.bytes)}`, `    size: ${f.bytes.length}`,
      ...(f.blockMapSize ? [`    blockMapSize: ${f.blockMapSize}`] : [])]),
    `path: ${first!.name}`,
    `sha512: ${sha512(first!.bytes)}`,
    "releaseDate: '2026-12-01T08:00:00.000Z'",
    '',
  ].join('\n');
}

forEachDatabase('releases, rings and the per-desktop feed', (engine) => {
  // Each server stores its releases in its own folder (read when the server is built).
  const releasesDir = mkdtempSync(path.join(tmpdir(), 'sapa-releases-'));
  beforeAll(() => { process.env.SAPA_RELEASES_DIR = releasesDir; });
  afterAll(async () => {
    delete process.env.SAPA_RELEASES_DIR;
    await rm(releasesDir, { recursive: true, force: true });
  });
  const t = useTestServer(engine, { seedDemo: { customers: 1, interactionsMean: 0 } });
  let admin = '';
  let agent = '';
  const v130 = build(Buffer.from('1.3.0'));
  const v140 = build(Buffer.from('1.4.0'), v130);
  const mac140 = randomBytes(50_000);
  const blockmap140 = Buffer.from(JSON.stringify(blockMapOf(v140, CHUNK)));
  const pilotDesktop = randomUUID();
  const pilotStarted = randomUUID();
  const outsideDesktop = randomUUID();
  const mirrorDesktop = randomUUID();
  let pilot: Ring;
  let wave: Ring;
  let r130: Release;
  let r140: Release;

  const api = (p: string, init: RequestInit & { token?: string } = {}) => t.current.api(p, init);
  const feedBase = (installId: string) => `${t.current.server.url}${API_PREFIX}/updates/feed/${installId}/`;
  const json = (body: unknown) => JSON.stringify(body);

  async function desktop(installId: string, appVersion: string, extra: { site?: string; state?: unknown } = {}) {
    await t.current.server.db.query(
      `INSERT INTO desktops (install_id, machine_name, os, os_version, app_version, site_code, update_state)
       VALUES ($1, $2, 'windows', '10.0.19045', $3, $4, $5::jsonb)
       ON CONFLICT (install_id) DO UPDATE SET app_version = EXCLUDED.app_version, update_state = EXCLUDED.update_state`,
      [installId, `PC-${installId.slice(0, 4)}`, appVersion, extra.site ?? null, extra.state === undefined ? null : JSON.stringify(extra.state)]);
  }

  async function upload(releaseId: string, name: string, bytes: Buffer, token = admin) {
    return api(`/admin/releases/${releaseId}/files/${encodeURIComponent(name)}`, {
      method: 'PUT', token, headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes),
    });
  }

  async function release(version: string, files: { name: string; bytes: Buffer; blockMapSize?: number }[], mac?: { name: string; bytes: Buffer }): Promise<Release> {
    const channels = [{ file: 'latest.yml', content: latestYml(version, files) }, ...(mac ? [{ file: 'latest-mac.yml', content: latestYml(version, [mac]) }] : [])];
    const created = await api('/admin/releases', { method: 'POST', token: admin, body: json({ channels, notes: `Sapa ${version}` }) });
    expect(created.status, created.text).toBe(201);
    const id = (created.body as Release).id;
    let last: Release | undefined;
    for (const f of [...files, ...(mac ? [mac] : [])]) {
      const res = await upload(id, f.name, f.bytes);
      expect(res.status, res.text).toBe(200);
      last = res.body as Release;
    }
    return last!;
  }

  beforeAll(async () => {
    const db = t.current.server.db;
    const ids = new Map((await db.query<{ id: string; username: string }>('SELECT id, username FROM users')).map((u) => [u.username, u.id]));
    admin = (await createSession(db, ids.get('admin1')!, 600_000)).token;
    agent = (await createSession(db, ids.get('agent1')!, 600_000)).token;
    await db.query("INSERT INTO sites (code, name) VALUES ('jkt', 'Jakarta'), ('ygy', 'Yogyakarta') ON CONFLICT DO NOTHING");
    await desktop(pilotDesktop, '1.3.0');
    await desktop(pilotStarted, '1.3.0');
    await desktop(outsideDesktop, '1.3.0', { site: 'jkt' });
    await desktop(mirrorDesktop, '1.3.0', { site: 'ygy' });
  });

  it('refuses an installer whose sha512 or size differ from latest.yml, and keeps nothing', async () => {
    const yml = latestYml('1.3.0', [{ name: 'Sapa-Setup-1.3.0.exe', bytes: v130 }]);
    const created = await api('/admin/releases', { method: 'POST', token: admin, body: json({ channels: [{ file: 'latest.yml', content: yml }] }) });
    expect(created.status, created.text).toBe(201);
    r130 = created.body as Release;
    expect(r130.state).toBe('draft');

    const tampered = Buffer.from(v130);
    tampered[1000] = tampered[1000]! ^ 0xff; // same size, one byte changed
    const wrongSha = await upload(r130.id, 'Sapa-Setup-1.3.0.exe', tampered);
    expect(wrongSha.status).toBe(400);
    expect(wrongSha.text).toContain('sha512');
    const short = await upload(r130.id, 'Sapa-Setup-1.3.0.exe', v130.subarray(0, v130.length - 1));
    expect(short.status).toBe(400);
    expect(short.text).toContain('size');
    const long = await upload(r130.id, 'Sapa-Setup-1.3.0.exe', Buffer.concat([v130, Buffer.from('x')]));
    expect(long.status).toBe(400);
    expect(await readdir(path.join(releasesDir, r130.id))).toEqual([]);
    const list = await api('/admin/releases', { token: admin });
    expect((list.body as { releases: Release[] }).releases.find((r) => r.id === r130.id)?.state).toBe('draft');

    const ok = await upload(r130.id, 'Sapa-Setup-1.3.0.exe', v130);
    expect(ok.status, ok.text).toBe(200);
    r130 = ok.body as Release;
    expect(r130.state).toBe('ready');
    expect(await readFile(path.join(releasesDir, r130.id, 'Sapa-Setup-1.3.0.exe'))).toEqual(v130);
  });

  it('refuses a yml that does not parse, a huge one, a duplicate version, path tricks and the wrong role', async () => {
    const create = (channels: unknown, token = admin) => api('/admin/releases', { method: 'POST', token, body: json({ channels }) });
    const good = latestYml('9.0.0', [{ name: 'Sapa-Setup-9.0.0.exe', bytes: v130 }]);
    expect((await create([{ file: 'latest.yml', content: 'version: [1.0.0\nfiles: {' }])).status).toBe(400);
    expect((await create([{ file: 'latest.yml', content: 'just text' }])).status).toBe(400);
    expect((await create([{ file: 'latest.yml', content: good.replace('version: 9.0.0', 'version: 9.0') }])).status).toBe(400);
    expect((await create([{ file: 'latest.yml', content: good.replace(/sha512: .*/g, 'sha512: abc') }])).status).toBe(400);
    expect((await create([{ file: 'latest.yml', content: `${good}# ${'x'.repeat(70_000)}` }])).status).toBe(400);
    expect((await create([{ file: 'latest.yml', content: `${good}# ${'x'.repeat(2_000_000)}` }])).status).toBe(413);
    expect((await create([{ file: 'release.yml', content: good }])).status).toBe(400);
    const dup = await create([{ file: 'latest.yml', content: latestYml('1.3.0', [{ name: 'Other-1.3.0.exe', bytes: v130 }]) }]);
    expect(dup.status).toBe(409);
    expect(dup.text).toContain('1.3.0 already exists');
    for (const name of ['../../etc/passwd', '..\\..\\boot.ini', '/etc/passwd', 'https://evil.example/x.exe', '.hidden', 'a/../b.exe', '<script>.exe']) {
      const res = await create([{ file: 'latest.yml', content: latestYml('9.0.1', [{ name, bytes: v130 }]) }]);
      expect(res.status, name).toBe(400);
    }
    // Versions differing between channels are one release too many.
    const mixed = await create([
      { file: 'latest.yml', content: good }, { file: 'latest-mac.yml', content: latestYml('9.0.2', [{ name: 'Sapa-9.0.2.zip', bytes: v130 }]) }]);
    expect(mixed.status).toBe(400);
    // Upload path tricks never reach the disk.
    for (const name of ['..%2F..%2Fescape.exe', '%2e%2e%2fescape', 'sub%2Fdir.exe']) {
      const res = await api(`/admin/releases/${r130.id}/files/${name}`, {
        method: 'PUT', token: admin, headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(v130),
      });
      expect(res.status, name).toBe(400);
    }
    expect((await upload(r130.id, 'Not-In-Yml.exe', v130)).status).toBe(400);
    expect(await readdir(releasesDir)).toEqual([r130.id]);
    // Only admins.
    expect((await create([{ file: 'latest.yml', content: good }], agent)).status).toBe(403);
    expect((await upload(r130.id, 'Sapa-Setup-1.3.0.exe', v130, agent)).status).toBe(403);
    expect((await api('/admin/releases/rings', { token: agent })).status).toBe(403);
    const audited = await t.current.server.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action LIKE 'releases.%'");
    expect(audited.map((a) => a.action)).toContain('releases.create');
  });

  it('offers a new version to a desktop in the pilot ring and not to one outside; the feed parses with electron-updater and names the right file and sha512', async () => {
    const created = await api('/admin/releases/rings', {
      method: 'POST', token: admin, body: json({ name: 'pilot', position: 1, installIds: [pilotDesktop, pilotStarted] }),
    });
    expect(created.status, created.text).toBe(201);
    pilot = created.body as Ring;
    const second = await api('/admin/releases/rings', { method: 'POST', token: admin, body: json({ name: 'wave 1', position: 2, siteCodes: ['jkt', 'ygy'] }) });
    expect(second.status, second.text).toBe(201);
    wave = second.body as Ring;
    expect((await api(`/admin/releases/rings/${wave.id}/offer`, { method: 'POST', token: admin, body: json({ releaseId: r130.id }) })).status).toBe(200);

    r140 = await release('1.4.0', [{ name: 'Sapa-Setup-1.4.0.exe', bytes: v140, blockMapSize: blockmap140.length }], { name: 'Sapa-1.4.0-mac.zip', bytes: mac140 });
    expect(r140.state).toBe('ready');
    expect((await upload(r140.id, 'Sapa-Setup-1.4.0.exe.blockmap', blockmap140)).status).toBe(200);
    const offered = await api(`/admin/releases/rings/${pilot.id}/offer`, { method: 'POST', token: admin, body: json({ releaseId: r140.id }) });
    expect(offered.status, offered.text).toBe(200);
    expect((offered.body as Ring).offer?.version).toBe('1.4.0');

    const inPilot = await checkFeed(feedBase(pilotDesktop));
    expect(inPilot.info.version).toBe('1.4.0');
    expect(inPilot.files).toHaveLength(1);
    expect(inPilot.files[0]!.url.href).toBe(`${feedBase(pilotDesktop)}Sapa-Setup-1.4.0.exe`);
    expect(inPilot.files[0]!.sha512).toBe(sha512(v140));
    expect(inPilot.files[0]!.size).toBe(v140.length);
    // The file it names is the build, byte for byte.
    const downloaded = Buffer.from(await (await fetch(inPilot.files[0]!.url)).arrayBuffer());
    expect(sha512(downloaded)).toBe(sha512(v140));
    // A Mac desktop reads latest-mac.yml.
    const mac = await checkFeed(feedBase(pilotDesktop), 'darwin');
    expect(mac.files[0]!.url.pathname.endsWith('/Sapa-1.4.0-mac.zip')).toBe(true);
    expect(mac.files[0]!.sha512).toBe(sha512(mac140));

    const outside = await checkFeed(feedBase(outsideDesktop));
    expect(outside.info.version).toBe('1.3.0');
    // An install id no ring takes and no desktop row: nothing.
    expect((await fetch(`${feedBase(randomUUID())}latest.yml`)).status).toBe(404);
    expect((await fetch(`${feedBase('not-an-id')}latest.yml`)).status).toBe(400);

    const rings = (await api('/admin/releases/rings', { token: admin })).body as { rings: Ring[] };
    expect(rings.rings.find((r) => r.id === pilot.id)?.desktops).toEqual([{ appVersion: '1.3.0', count: 2 }]);
  });

  it('answers Range requests: 206 with the right bytes, many ranges as multipart for the differential downloader, 416 out of the file', async () => {
    const url = `${feedBase(pilotDesktop)}Sapa-Setup-1.4.0.exe`;
    const one = await fetch(url, { headers: { range: 'bytes=100-199' } });
    expect(one.status).toBe(206);
    expect(one.headers.get('content-range')).toBe(`bytes 100-199/${v140.length}`);
    expect(Buffer.from(await one.arrayBuffer())).toEqual(v140.subarray(100, 200));
    const tail = await fetch(url, { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(v140.subarray(v140.length - 10));
    const beyond = await fetch(url, { headers: { range: `bytes=${v140.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${v140.length}`);
    await beyond.arrayBuffer();
    const malformed = await fetch(url, { headers: { range: 'bytes=abc' } });
    expect(malformed.status).toBe(200); // an unreadable Range is ignored (RFC 9110): the whole file
    expect((await malformed.arrayBuffer()).byteLength).toBe(v140.length);
    // As many ranges as the differential downloader puts in one request, with offsets as
    // long as a 150 MB installer's (zero-padded here): a ~23 KB header, over Node's 16 KB default.
    const pad = (n: number) => String(n).padStart(9, '0');
    const many = Array.from({ length: 1000 }, (_, i) => `${pad(100_000 + i * 20)}-${pad(100_000 + i * 20 + 9)}`).join(', ');
    const thousand = await fetch(url, { headers: { range: `bytes=${many}` } });
    expect(thousand.status).toBe(206);
    expect(thousand.headers.get('content-type')).toMatch(/^multipart\/byteranges; boundary=/);
    const body = Buffer.from(await thousand.arrayBuffer());
    expect(body.includes(v140.subarray(100_000 + 999 * 20, 100_000 + 999 * 20 + 10))).toBe(true);
    expect(body.toString('latin1')).toContain(`Content-Range: bytes ${100_000 + 999 * 20}-${100_000 + 999 * 20 + 9}/${v140.length}`);
    const blockmap = await fetch(`${url}.blockmap`);
    expect(Buffer.from(await blockmap.arrayBuffer())).toEqual(blockmap140);

    // electron-updater's differential downloader: the 1.3.0 installer on disk plus the ranges that changed.
    const work = mkdtempSync(path.join(tmpdir(), 'sapa-diff-'));
    try {
      await writeFile(path.join(work, 'old.exe'), v130);
      await differentialDownload({
        newUrl: url, oldFile: path.join(work, 'old.exe'), newFile: path.join(work, 'new.exe'), size: v140.length, sha512: sha512(v140),
        oldBlockMap: blockMapOf(v130, CHUNK), newBlockMap: JSON.parse(blockmap140.toString()) as never,
      });
      expect(sha512(await readFile(path.join(work, 'new.exe')))).toBe(sha512(v140));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });

  it('pausing stops new offers: a desktop that has not started gets nothing new, one that is downloading keeps its update', async () => {
    await desktop(pilotStarted, '1.3.0', { state: { phase: 'downloading', version: '1.4.0', percent: 40, at: new Date().toISOString() } });
    const paused = await api(`/admin/releases/rings/${pilot.id}/pause`, { method: 'POST', token: admin, body: json({ paused: true }) });
    expect(paused.status, paused.text).toBe(200);
    expect((paused.body as Ring).offer?.pausedAt).not.toBeNull();
    expect((await checkFeed(feedBase(pilotDesktop))).info.version).toBe('1.3.0');
    expect((await checkFeed(feedBase(pilotStarted))).info.version).toBe('1.4.0');
    // Widening a paused offer is refused; resuming brings it back.
    expect((await api(`/admin/releases/rings/${pilot.id}/widen`, { method: 'POST', token: admin })).status).toBe(409);
    await api(`/admin/releases/rings/${pilot.id}/pause`, { method: 'POST', token: admin, body: json({ paused: false }) });
    expect((await checkFeed(feedBase(pilotDesktop))).info.version).toBe('1.4.0');
  });

  it('widens to the next ring, and a site with a mirror gets absolute file URLs on the mirror', async () => {
    const mirror = await api('/admin/releases/mirrors/ygy', { method: 'PUT', token: admin, body: json({ url: 'http://mirror.ygy.internal/sapa/' }) });
    expect(mirror.status, mirror.text).toBe(200);
    expect((await api('/admin/releases/mirrors/nowhere', { method: 'PUT', token: admin, body: json({ url: null }) })).status).toBe(404);
    expect((await api('/admin/releases/mirrors/ygy', { method: 'PUT', token: admin, body: json({ url: 'file:///etc' }) })).status).toBe(400);
    const widened = await api(`/admin/releases/rings/${pilot.id}/widen`, { method: 'POST', token: admin });
    expect(widened.status, widened.text).toBe(200);
    expect((widened.body as Ring).offer?.version).toBe('1.4.0');
    const jakarta = await checkFeed(feedBase(outsideDesktop));
    expect(jakarta.info.version).toBe('1.4.0');
    expect(jakarta.files[0]!.url.href).toBe(`${feedBase(outsideDesktop)}Sapa-Setup-1.4.0.exe`);
    const yogya = await checkFeed(feedBase(mirrorDesktop));
    expect(yogya.files[0]!.url.href).toBe('http://mirror.ygy.internal/sapa/Sapa-Setup-1.4.0.exe');
    expect(yogya.files[0]!.sha512).toBe(sha512(v140));
  });

  it('a mandatory minimum adds sapaMandatoryAfter (offer time + grace) for desktops below it', async () => {
    const set = await api('/admin/releases/policy', { method: 'PUT', token: admin, body: json({ minimumVersion: '1.4.0', graceHours: 24 }) });
    expect(set.status, set.text).toBe(200);
    const feed = await checkFeed(feedBase(pilotDesktop));
    const [policy] = await t.current.server.db.query<{ set_at: Date }>('SELECT set_at FROM update_policy');
    expect(feed.info.sapaMandatoryAfter).toBe(new Date(policy!.set_at.getTime() + 24 * 3_600_000).toISOString());
    // A desktop already at the minimum is not forced.
    await desktop(pilotDesktop, '1.4.0');
    expect((await checkFeed(feedBase(pilotDesktop))).info.sapaMandatoryAfter).toBeUndefined();
    await api('/admin/releases/policy', { method: 'PUT', token: admin, body: json({ minimumVersion: null, graceHours: 24 }) });
  });

  it('a rollback is offered as a higher version carrying the good build, and is not offered again once installed', async () => {
    // 1.4.0 is bad: roll the rings on it back to the 1.3.0 build as 1.4.1.
    expect((await api('/admin/releases/rollback', { method: 'POST', token: admin, body: json({ goodReleaseId: r130.id, version: '1.4.0' }) })).status).toBe(400);
    const rolled = await api('/admin/releases/rollback', { method: 'POST', token: admin, body: json({ goodReleaseId: r130.id, version: '1.4.1' }) });
    expect(rolled.status, rolled.text).toBe(201);
    const answer = rolled.body as { release: Release; rings: string[] };
    expect(answer.release.buildVersion).toBe('1.3.0');
    expect(answer.rings.sort()).toEqual([pilot.id, wave.id].sort());

    // A desktop that installed the bad 1.4.0 is offered "1.4.1", which is the 1.3.0 build.
    const onBad = await checkFeed(feedBase(pilotDesktop));
    expect(onBad.info.version).toBe('1.4.1');
    expect(onBad.files[0]!.url.pathname.endsWith('/Sapa-Setup-1.3.0.exe')).toBe(true);
    expect(onBad.files[0]!.sha512).toBe(sha512(v130));
    const bytes = Buffer.from(await (await fetch(onBad.files[0]!.url)).arrayBuffer());
    expect(sha512(bytes)).toBe(sha512(v130));
    // Restarted on it, before its next heartbeat, its updater says it runs 1.3.0: nothing newer.
    const fresh = await fetch(`${feedBase(pilotDesktop)}latest.yml`, { headers: { 'x-sapa-app-version': '1.3.0' } });
    expect(await fresh.text()).toMatch(/^version: 1\.3\.0$/m);
    // Its heartbeat reports 1.3.0: the feed says 1.3.0, so electron-updater finds nothing newer.
    await desktop(pilotDesktop, '1.3.0');
    expect((await checkFeed(feedBase(pilotDesktop))).info.version).toBe('1.3.0');
    // The withdrawn 1.4.0 can no longer be offered.
    expect((await api(`/admin/releases/rings/${pilot.id}/offer`, { method: 'POST', token: admin, body: json({ releaseId: r140.id }) })).status).toBe(409);
  });

  it('a pinned ring stays on its pin and refuses new offers until unpinned', async () => {
    const pinned = await api(`/admin/releases/rings/${wave.id}/pin`, { method: 'PUT', token: admin, body: json({ releaseId: r130.id }) });
    expect(pinned.status, pinned.text).toBe(200);
    expect((pinned.body as Ring).pinnedVersion).toBe('1.3.0');
    await desktop(outsideDesktop, '1.2.0', { site: 'jkt' });
    expect((await checkFeed(feedBase(outsideDesktop))).info.version).toBe('1.3.0');
    const refused = await api(`/admin/releases/rings/${wave.id}/offer`, { method: 'POST', token: admin, body: json({ releaseId: r130.id }) });
    expect(refused.status).toBe(409);
    await api(`/admin/releases/rings/${wave.id}/pin`, { method: 'PUT', token: admin, body: json({ releaseId: null }) });
    expect((await checkFeed(feedBase(outsideDesktop))).info.version).toBe('1.4.1');
  });

  it('registers a release whose files live on an internal file server: the yml names them there', async () => {
    const yml = latestYml('1.5.0', [{ name: 'Sapa-Setup-1.5.0.exe', bytes: v140 }]);
    const created = await api('/admin/releases', {
      method: 'POST', token: admin, body: json({ channels: [{ file: 'latest.yml', content: yml }], baseUrl: 'https://files.bank.internal/sapa/1.5.0/' }),
    });
    expect(created.status, created.text).toBe(201);
    const r150 = created.body as Release;
    expect(r150.state).toBe('ready');
    expect((await upload(r150.id, 'Sapa-Setup-1.5.0.exe', v140)).status).toBe(409);
    await api(`/admin/releases/rings/${pilot.id}/offer`, { method: 'POST', token: admin, body: json({ releaseId: r150.id }) });
    const feed = await checkFeed(feedBase(pilotDesktop));
    expect(feed.info.version).toBe('1.5.0');
    expect(feed.files[0]!.url.href).toBe('https://files.bank.internal/sapa/1.5.0/Sapa-Setup-1.5.0.exe');
    expect(feed.files[0]!.sha512).toBe(sha512(v140));
  });

  it('ringsOfDesktops names the ring of each desktop for the fleet view, the same ring the feed uses', async () => {
    const unknown = randomUUID();
    const rings = await ringsOfDesktops(t.current.server.db, [pilotDesktop, outsideDesktop, mirrorDesktop, unknown]);
    expect(rings.get(pilotDesktop)?.name).toBe('pilot');
    expect(rings.get(outsideDesktop)?.name).toBe('wave 1');
    expect(rings.get(mirrorDesktop)?.name).toBe('wave 1');
    expect(rings.get(unknown)).toBeNull();
    // A desktop that moves to a site no ring names leaves its ring.
    await t.current.server.db.query("INSERT INTO sites (code, name) VALUES ('bdg', 'Bandung') ON CONFLICT DO NOTHING");
    await t.current.server.db.query("UPDATE desktops SET site_code = 'bdg' WHERE install_id = $1", [outsideDesktop]);
    expect((await ringsOfDesktops(t.current.server.db, [outsideDesktop])).get(outsideDesktop)).toBeNull();
  });

  it('the SQL form of the ring rule (for paging and filtering the fleet) agrees with the feed\'s', async () => {
    const db = t.current.server.db;
    const ids = Array.from({ length: 300 }, () => randomUUID());
    const buckets = await db.query<{ id: string; bucket: number }>(
      `SELECT id::text, (('x' || encode(substring(sha256(convert_to(lower(id::text), 'UTF8')) from 1 for 4), 'hex'))::bit(32)::bigint % 10000)::int AS bucket
         FROM unnest($1::uuid[]) AS id`, [ids]);
    expect(buckets.map((b) => b.bucket)).toEqual(ids.map(bucketOf));
    // A percentage ring after the explicit and site rings: every desktop and unknown id the same both ways.
    await api('/admin/releases/rings', { method: 'POST', token: admin, body: json({ name: 'everyone', position: 10, percent: 37.5 }) });
    const installIds = [pilotDesktop, pilotStarted, outsideDesktop, mirrorDesktop, ...ids];
    const bySql = await db.query<{ id: string; ring: string | null }>(
      `SELECT x.id::text AS id, ${ringNameSql('x.id', 'd.site_code', 'u.team_id')} AS ring
         FROM unnest($1::uuid[]) AS x(id) LEFT JOIN desktops d ON d.install_id = x.id LEFT JOIN users u ON u.id = d.user_id`, [installIds]);
    const byJs = await ringsOfDesktops(db, installIds);
    expect(bySql.map((r) => [r.id, r.ring])).toEqual(installIds.map((id) => [id, byJs.get(id)?.name ?? null]));
    expect(bySql.filter((r) => r.ring === 'everyone').length).toBeGreaterThan(50);
  });

  it('the fleet view shows each desktop\'s ring and filters by it', async () => {
    const page = async (query: string) => (await api(`/admin/fleet?${query}`, { token: admin })).body as {
      desktops: { installId: string; ring: string | null }[]; total: number;
    };
    const pilotRows = await page('ring=pilot&limit=100');
    expect(pilotRows.desktops.map((d) => d.installId).sort()).toEqual([pilotDesktop, pilotStarted].sort());
    expect(pilotRows.total).toBe(2);
    expect(pilotRows.desktops.every((d) => d.ring === 'pilot')).toBe(true);
    const all = await page('limit=100');
    const byId = new Map(all.desktops.map((d) => [d.installId, d.ring]));
    const expected = await ringsOfDesktops(t.current.server.db, [...byId.keys()]);
    expect([...byId]).toEqual([...byId.keys()].map((id) => [id, expected.get(id)?.name ?? null]));
    expect(byId.get(mirrorDesktop)).toBe('wave 1');
    expect((await page('ring=wave%201&limit=100')).desktops.map((d) => d.installId)).toContain(mirrorDesktop);
  });
});
