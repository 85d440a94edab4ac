// The fleet view DURING a roll-out, as IT watches it (operator guide, "Rolling out a new
// desktop version"): 26 desktops on two sites (Surabaya behind a branch mirror), three app
// versions, three rings (pilot by install id, "gelombang 1" = the Surabaya site, "semua" =
// everyone else) and every update state (downloading %, downloaded, installed, failed with
// the error). The rows are written straight into the e2e database, as a real fleet's
// heartbeats would have left them. The admin checks the count per version, a desktop's ring
// and a failed update's error, in Bahasa Indonesia and English, at 1366×768, with no label
// cut off. With SAPA_WRITE_SCREENSHOTS=1 it writes docs/images/fleet-view.png,
// admin-releases-id.png and admin-users-id.png.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { type Page } from '@playwright/test';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { cutLabels, VIEWPORTS } from './support/layout.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { ROOT } from './support/processes.js';

const MIRROR = 'mirror-sby.bank.local';
// Stable ids that look like real install ids (the fleet view shows their first 8 characters).
const id = (n: number) => {
  const h = createHash('sha256').update(`fleet-rollout ${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-9${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const userId = (n: number) => `00000000-0000-4000-9100-${String(n).padStart(12, '0')}`;

const AGENTS = [
  'Ayu Kartika', 'Bayu Saputra', 'Citra Anggraini', 'Dimas Nugroho', 'Eka Putri', 'Fajar Ramadhan', 'Gita Permata',
  'Hendra Wijaya', 'Indah Sari', 'Joko Susilo', 'Kurniawati', 'Lukman Hakim', 'Maya Safitri', 'Nanda Prasetyo',
  'Oki Setiawan', 'Putu Ardana', 'Rina Marlina', 'Slamet Riyadi', 'Tari Handayani', 'Wahyu Hidayat',
];

interface Seeded { n: number; site: 'jkt' | 'sby'; version: string; state: object | null; seenMinutesAgo: number }

/** What the fleet holds half way through rolling 1.5.0 out: pilot done, Surabaya under way, Jakarta still on 1.4.2. */
function fleet(): Seeded[] {
  const at = new Date(Date.now() - 60_000).toISOString();
  const rows: Seeded[] = [];
  // Pilot (Jakarta, 4 desktops by install id): installed 1.5.0.
  for (let n = 1; n <= 4; n += 1) rows.push({ n, site: 'jkt', version: '1.5.0', state: { phase: 'installed', version: '1.5.0', at }, seenMinutesAgo: 1 });
  // Gelombang 1 (Surabaya, 12 desktops): from the branch mirror, in every step.
  const sby: object[] = [
    { phase: 'downloading', version: '1.5.0', percent: 37, source: MIRROR, at },
    { phase: 'downloading', version: '1.5.0', percent: 82, source: MIRROR, at },
    { phase: 'failed', version: '1.5.0', error: 'sha512 checksum mismatch, expected 1xK0…, got 9fQa…', source: MIRROR, at },
    { phase: 'downloaded', version: '1.5.0', source: MIRROR, at },
    { phase: 'deferred', version: '1.5.0', source: MIRROR, waitingFor: ['call'], at },
    { phase: 'downloading', version: '1.5.0', percent: 12, source: MIRROR, at },
  ];
  for (let n = 5; n <= 16; n += 1) {
    const i = n - 5;
    const state = sby[i];
    rows.push(state
      ? { n, site: 'sby', version: '1.4.2', state, seenMinutesAgo: 0 }
      : { n, site: 'sby', version: '1.5.0', state: { phase: 'installed', version: '1.5.0', source: MIRROR, at }, seenMinutesAgo: 1 });
  }
  // Semua (Jakarta, the rest): still on 1.4.2, two stragglers on 1.4.1 not seen for days.
  for (let n = 17; n <= 26; n += 1) {
    const straggler = n >= 25;
    rows.push({ n, site: 'jkt', version: straggler ? '1.4.1' : '1.4.2',
      state: straggler ? null : { phase: 'not-available', at }, seenMinutesAgo: straggler ? 3 * 24 * 60 : 2 + n });
  }
  return rows;
}

async function seedRollOut(): Promise<void> {
  await withServerDb(async (db) => {
    await db.query(`INSERT INTO sites (code, name) VALUES ('jkt', 'Jakarta'), ('sby', 'Surabaya') ON CONFLICT (code) DO NOTHING`);
    await db.query(`UPDATE sites SET update_mirror_url = $1 WHERE code = 'sby'`, [`http://${MIRROR}/sapa/`]);
    for (const [i, name] of AGENTS.entries()) {
      const username = name.toLowerCase().split(' ')[0]!;
      await db.query(`INSERT INTO users (id, username, display_name, role, password_hash, branch, queues)
        VALUES ($1, $2, $3, 'agent', 'not-a-hash', $4, '{billing}') ON CONFLICT (username) DO NOTHING`,
      [userId(i + 1), username, name, i < 10 ? 'Jakarta Pusat' : 'Surabaya']);
    }
    const rows = fleet();
    for (const d of rows) {
      await db.query(`INSERT INTO desktops (install_id, machine_name, os, os_version, app_version, electron_version, chrome_version,
          user_id, site_code, update_state, cache_bytes, last_sync_at, registered_at, last_seen_at)
        VALUES ($1, $2, 'windows', '10.0.19045', $3, '33.2.1', '130.0.6723.137', $4, $5, $6, $7,
          now() - make_interval(mins => $8::int), now() - interval '30 days', now() - make_interval(mins => $8::int))
        ON CONFLICT (install_id) DO NOTHING`,
      [id(d.n), `${d.site.toUpperCase()}-CC-${String(d.n).padStart(2, '0')}`, d.version,
        d.n <= AGENTS.length ? userId(d.n) : null, d.site, d.state ? JSON.stringify(d.state) : null,
        (180 + d.n * 17) * 1024 * 1024, d.seenMinutesAgo]);
    }
    const release = async (rid: string, version: string) => db.query(`INSERT INTO releases (id, version, build_version, source, notes, state)
      VALUES ($1, $2, $2, 'upload', '', 'ready') ON CONFLICT (version) DO NOTHING`, [rid, version]);
    await release(id(901), '1.4.2');
    await release(id(902), '1.5.0');
    // The roll-out's rings come first (positions 1–3): rings earlier specs of this run made
    // (admin-releases.spec.ts: a 25 % ring among them) move behind them.
    await db.query(`UPDATE rings SET position = position + 10000 WHERE name NOT IN ('pilot', 'gelombang 1', 'semua') AND position < 10000`);
    const ring = async (rid: string, name: string, position: number, cols: string, values: unknown[]) => db.query(
      `INSERT INTO rings (id, name, position, ${cols}) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`, [rid, name, position, ...values]);
    await ring(id(911), 'pilot', 1, 'install_ids', [[id(1), id(2), id(3), id(4)]]);
    await ring(id(912), 'gelombang 1', 2, 'site_codes', [['sby']]);
    await ring(id(913), 'semua', 3, 'percent', [100]);
    const offer = async (oid: string, ringId: string, releaseId: string) => db.query(
      `INSERT INTO release_offers (id, ring_id, release_id) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [oid, ringId, releaseId]);
    await offer(id(921), id(913), id(901));
    await offer(id(922), id(911), id(902));
    await offer(id(923), id(912), id(902));
  });
}

const shoot = async (page: Page, name: string) => {
  if (process.env.SAPA_WRITE_SCREENSHOTS === '1') await page.screenshot({ path: path.join(ROOT, 'docs/images', name) });
};

test.use({ locale: 'id-ID' });
test.beforeAll(seedRollOut);

test('during a roll-out the fleet view counts desktops per version and shows rings, mirror and a failed update', async ({ page, desktop }) => {
  await page.setViewportSize(VIEWPORTS[0]);
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
  await new Shell(page).go('Armada desktop');
  const table = page.getByRole('table', { name: 'Desktop' });
  await expect(table.getByRole('row').filter({ hasText: 'SBY-CC-07' })).toBeVisible();

  // Pilot and Surabaya's finished ones on 1.5.0 (4 + 6), Jakarta's rest on 1.4.2 with
  // Surabaya's unfinished ones (8 + 6), two stragglers on 1.4.1.
  await expect(page.getByRole('button', { name: 'Versi 1.5.0: 10 desktop, 10 daring' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Versi 1.4.2: 14 desktop, 6 daring' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Versi 1.4.1: 2 desktop, 0 daring' })).toBeVisible();

  const failed = table.getByRole('row').filter({ hasText: 'SBY-CC-07' });
  await expect(failed).toContainText('gelombang 1');
  await expect(failed).toContainText('Gagal 1.5.0');
  await expect(failed).toContainText('sha512 checksum mismatch');
  await expect(failed).toContainText(`dari ${MIRROR}`);
  await expect(table.getByRole('row').filter({ hasText: 'SBY-CC-05' }).getByRole('progressbar', { name: '37% terunduh' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'JKT-CC-01' })).toContainText('pilot');
  // Long unseen, it may be past the first page of 50 once other specs' desktops have reported: find it by name.
  const filters = page.getByRole('form', { name: 'Filter armada' });
  await filters.getByRole('textbox', { name: 'Mesin' }).fill('JKT-CC-20');
  await filters.getByRole('button', { name: 'Saring' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'JKT-CC-20' })).toContainText('semua');
  await filters.getByRole('textbox', { name: 'Mesin' }).fill('');
  await filters.getByRole('button', { name: 'Saring' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'SBY-CC-07' })).toBeVisible();
  expect(await cutLabels(page)).toEqual([]);
  await shoot(page, 'fleet-view.png');

  // The chip filters the table to that version.
  await page.getByRole('button', { name: 'Versi 1.4.1: 2 desktop, 0 daring' }).click();
  await expect(table.getByRole('row').filter({ hasText: /CC-\d\d/ })).toHaveCount(2);
  await expect(table).toContainText('Lebih dari sehari lalu');
});

test('the releases screen names each ring\'s release, and the users screen lists the agents, in both languages', async ({ page, desktop }) => {
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password, 'id');
  for (const language of ['id', 'en'] as const) {
    const id = language === 'id';
    if (!id) await page.getByLabel('Bahasa', { exact: true }).selectOption({ label: 'English' });
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      const at = `${viewport.width}×${viewport.height} in ${language}`;
      await new Shell(page).go(id ? 'Rilis' : 'Releases');
      const releases = page.getByRole('table', { name: id ? 'Rilis' : 'Releases' });
      await expect(releases.getByRole('row').filter({ hasText: '1.5.0' })).toBeVisible();
      expect(await cutLabels(page), `releases ${at}`).toEqual([]);
      await page.getByRole('tab', { name: id ? 'Ring' : 'Rings' }).click();
      const rings = page.getByRole('table', { name: id ? 'Daftar ring' : 'Rings' });
      await expect(rings.getByRole('row').filter({ hasText: 'gelombang 1' })).toContainText('1.5.0');
      await expect(rings.getByRole('row').filter({ hasText: 'semua' })).toContainText('1.4.2');
      expect(await cutLabels(page), `rings ${at}`).toEqual([]);
      if (id && viewport === VIEWPORTS[0]) await shoot(page, 'admin-releases-id.png');

      await new Shell(page).go(id ? 'Pengguna' : 'Users');
      const users = page.getByRole('table', { name: id ? 'Pengguna' : 'Users' });
      await expect(users.getByRole('row').filter({ hasText: 'Ayu Kartika' })).toBeVisible();
      expect(await cutLabels(page), `users ${at}`).toEqual([]);
      if (id && viewport === VIEWPORTS[0]) await shoot(page, 'admin-users-id.png');
    }
  }
});
