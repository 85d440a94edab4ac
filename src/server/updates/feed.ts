// The per-desktop electron-updater feed (generic provider): which release a desktop is
// offered and the latest*.yml written for it.
//
// - The desktop's ring (ring-membership.ts) decides; a pinned ring gets its pin; otherwise
//   the ring's newest offer. A paused offer reaches only desktops that had started on it
//   (their last reported update state names its version while downloading, downloaded,
//   deferred or installing); the rest get the ring's newest earlier offer that is neither
//   paused nor withdrawn, which is the version they already run: nothing new.
// - An install id with no desktop row (a desktop checks before its first sign-in) is judged
//   by its id alone: explicit lists and percentages take it, sites and teams cannot.
// - A rollback release (version 1.4.1 carrying the 1.3.0 build) would be offered forever to
//   a desktop that installed it, since it then reports 1.3.0. The feed knows the desktop's
//   reported version and which build a release contains: to a desktop already running that
//   build the yml states the build's own version, and electron-updater finds nothing newer.
// - A desktop with nothing to get is told its own version (electron-updater then reports
//   "not available", not an error); an unknown desktop with nothing to get gets 404.
// - Files: relative names (served by this feed), or absolute URLs on the site's mirror, or
//   on the internal file server of a release registered by URL.
// - Mandatory: when a minimum version is set, the offered build reaches it and the desktop
//   is below it, the yml carries sapaMandatoryAfter = max(offer time, minimum set time) + grace.
import { type Channel, type Release } from '../../shared/releases-routes.js';
import { UpdateState } from '../../shared/updates.js';
import { type Db } from '../db/db.js';
import { type FeedFile, type FeedInfo, writeChannelYml } from './channel-yml.js';
import { loadRingRules, ringOf } from './ring-membership.js';
import { loadReleases } from './releases.js';
import { compareVersions, isSemver } from './semver.js';

const STARTED_PHASES = new Set(['downloading', 'downloaded', 'deferred', 'installing']);

export interface DesktopForFeed {
  installId: string;
  known: boolean;
  appVersion: string | null;
  siteCode: string | null;
  teamId: string | null;
  updateState: UpdateState | null;
  mirrorUrl: string | null;
}

export async function desktopForFeed(db: Db, installId: string): Promise<DesktopForFeed> {
  const [row] = await db.query<{
    app_version: string; site_code: string | null; team_id: string | null; update_state: unknown; update_mirror_url: string | null;
  }>(
    `SELECT d.app_version, d.site_code, u.team_id, d.update_state, s.update_mirror_url
       FROM desktops d LEFT JOIN users u ON u.id = d.user_id LEFT JOIN sites s ON s.code = d.site_code
      WHERE d.install_id = $1`, [installId]);
  if (!row) return { installId, known: false, appVersion: null, siteCode: null, teamId: null, updateState: null, mirrorUrl: null };
  const state = UpdateState.safeParse(row.update_state);
  return {
    installId, known: true, appVersion: row.app_version, siteCode: row.site_code, teamId: row.team_id,
    updateState: state.success ? state.data : null, mirrorUrl: row.update_mirror_url,
  };
}

export interface Offered { release: Release; offeredAt: Date }

/** The release this desktop's ring offers it now, or null. */
export async function offeredRelease(db: Db, desktop: DesktopForFeed): Promise<Offered | null> {
  const ring = ringOf(await loadRingRules(db), desktop);
  if (!ring) return null;
  const [pinned] = await db.query<{ pinned_release_id: string | null }>('SELECT pinned_release_id FROM rings WHERE id = $1', [ring.id]);
  if (pinned?.pinned_release_id) {
    const [release] = await loadReleases(db, 'id = $1', [pinned.pinned_release_id]);
    const [policy] = await db.query<{ set_at: Date }>('SELECT set_at FROM update_policy');
    return release ? { release, offeredAt: policy?.set_at ?? new Date(0) } : null;
  }
  const offers = await db.query<{ release_id: string; version: string; offered_at: Date; paused_at: Date | null; state: string }>(
    `SELECT o.release_id, r.version, o.offered_at, o.paused_at, r.state FROM release_offers o JOIN releases r ON r.id = o.release_id
      WHERE o.ring_id = $1 ORDER BY o.offered_at DESC, o.id DESC LIMIT 50`, [ring.id]);
  const state = desktop.updateState;
  for (const offer of offers) {
    if (offer.state === 'withdrawn') continue;
    if (offer.paused_at) {
      const started = state !== null && state.version === offer.version && STARTED_PHASES.has(state.phase);
      if (!started) continue;
    }
    const [release] = await loadReleases(db, 'id = $1', [offer.release_id]);
    if (release) return { release, offeredAt: offer.offered_at };
  }
  return null;
}

function fileUrl(release: Release, name: string, mirror: string | null): string {
  const encoded = encodeURIComponent(name);
  if (mirror) return `${mirror.replace(/\/+$/, '')}/${encoded}`;
  if (release.source === 'url' && release.baseUrl) return `${release.baseUrl}/${encoded}`;
  return encoded; // relative: resolved against the feed's own URL
}

async function mandatoryAfter(db: Db, release: Release, desktop: DesktopForFeed, offeredAt: Date): Promise<string | null> {
  const [policy] = await db.query<{ minimum_version: string | null; grace_hours: number; set_at: Date }>(
    'SELECT minimum_version, grace_hours, set_at FROM update_policy');
  const minimum = policy?.minimum_version;
  if (!policy || !minimum) return null;
  // The build must fix what the minimum is about: a rollback to an older build is not forced.
  if (compareVersions(release.buildVersion, minimum) < 0) return null;
  if (desktop.appVersion && isSemver(desktop.appVersion) && compareVersions(desktop.appVersion, minimum) >= 0) return null;
  const from = Math.max(offeredAt.getTime(), policy.set_at.getTime());
  return new Date(from + policy.grace_hours * 3_600_000).toISOString();
}

/**
 * The yml this desktop gets for `channel`, or null (404) when there is nothing to say.
 * `runningVersion` is the version the desktop's updater says it runs (the
 * `X-Sapa-App-Version` request header, set through electron-updater's requestHeaders): fresher
 * than the last heartbeat right after an install, so it wins when it is a version.
 */
export async function feedYml(db: Db, installId: string, channel: Channel, runningVersion?: string): Promise<string | null> {
  const stored = await desktopForFeed(db, installId);
  const desktop = runningVersion && isSemver(runningVersion) ? { ...stored, appVersion: runningVersion } : stored;
  const offered = await offeredRelease(db, desktop);
  const files = offered?.release.files.filter((f) => f.channel === channel) ?? [];
  const current = desktop.appVersion && isSemver(desktop.appVersion) ? desktop.appVersion : null;
  if (!offered || files.length === 0) {
    return current ? writeChannelYml({ version: current, files: [], releaseDate: null, releaseNotes: null, sapaMandatoryAfter: null }) : null;
  }
  const { release, offeredAt } = offered;
  const [meta] = await db.query<{ release_date: string | null }>(
    'SELECT release_date FROM release_channels WHERE release_id = $1 AND channel = $2', [release.filesOf ?? release.id, channel]);
  // The build this desktop runs is the build the release carries: say so in that build's
  // own version, so a rollback re-offer is not offered again to a desktop that installed it.
  const runsThisBuild = current !== null && release.version !== release.buildVersion && compareVersions(current, release.buildVersion) === 0;
  const feedFiles: FeedFile[] = files.map((f) => ({
    url: fileUrl(release, f.name, desktop.mirrorUrl), sha512: f.sha512, size: f.size, extra: {},
  }));
  const extras = await db.query<{ name: string; extra: Record<string, unknown> }>(
    'SELECT name, extra FROM release_files WHERE release_id = $1 AND channel = $2', [release.filesOf ?? release.id, channel]);
  for (const [i, f] of files.entries()) feedFiles[i]!.extra = extras.find((e) => e.name === f.name)?.extra ?? {};
  const info: FeedInfo = {
    version: runsThisBuild ? release.buildVersion : release.version,
    files: feedFiles,
    releaseDate: meta?.release_date ?? null,
    releaseNotes: release.notes || null,
    sapaMandatoryAfter: runsThisBuild ? null : await mandatoryAfter(db, release, desktop, offeredAt),
  };
  return writeChannelYml(info);
}

/**
 * Where a stored release file (installer or .blockmap) lives: the newest non-draft upload
 * release holding that name. Any release's, not only the offered one's: the differential
 * downloader also fetches the blockmap of the version the desktop runs now.
 */
export async function storedFile(db: Db, name: string): Promise<{ releaseId: string; size: number } | null> {
  const [row] = await db.query<{ release_id: string; size: number }>(
    `SELECT x.release_id, x.size FROM (
       SELECT f.release_id, f.size FROM release_files f WHERE f.name = $1 AND f.stored_at IS NOT NULL
       UNION ALL SELECT b.release_id, b.size FROM release_blockmaps b WHERE b.name = $1) x
       JOIN releases r ON r.id = x.release_id
      WHERE r.state <> 'draft' AND r.source = 'upload'
      ORDER BY r.created_at DESC, r.id DESC LIMIT 1`, [name]);
  return row ? { releaseId: row.release_id, size: row.size } : null;
}
