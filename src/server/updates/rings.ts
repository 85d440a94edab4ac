// Rings and what is offered to them: create and edit a ring (its members), offer a ready
// release, widen to the next ring, pause (no desktop that has not started gets it), pin,
// and roll back (decision 0019: the good build offered again under a new, higher version).
import { v7 as uuidv7 } from 'uuid';
import { type z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { type Release, type Ring, type RingRequest } from '../../shared/releases-routes.js';
import { type Db } from '../db/db.js';
import { desktopFacts, loadRingRules, ringOf } from './ring-membership.js';
import { getRelease, loadReleases } from './releases.js';
import { compareVersions } from './semver.js';

interface RingRow {
  id: string; name: string; position: number; site_codes: string[]; team_ids: string[]; install_ids: string[]; percent: number;
  pinned_release_id: string | null; pinned_version: string | null;
}
interface OfferRow { id: string; ring_id: string; release_id: string; version: string; offered_at: Date; paused_at: Date | null }

export async function listRings(db: Db): Promise<Ring[]> {
  const rings = await db.query<RingRow>(
    `SELECT g.*, r.version AS pinned_version FROM rings g LEFT JOIN releases r ON r.id = g.pinned_release_id ORDER BY g.position, g.id`);
  const offers = await db.query<OfferRow & { rank: number }>(
    `SELECT * FROM (SELECT o.id, o.ring_id, o.release_id, r.version, o.offered_at, o.paused_at,
              row_number() OVER (PARTITION BY o.ring_id ORDER BY o.offered_at DESC, o.id DESC)::int AS rank
         FROM release_offers o JOIN releases r ON r.id = o.release_id) x WHERE rank = 1`);
  // Desktops per ring and version: the same rule the feed applies, over every desktop.
  const rules = await loadRingRules(db);
  const counts = new Map<string, Map<string, number>>();
  for (const d of await desktopFacts(db)) {
    const ring = ringOf(rules, d);
    if (!ring) continue;
    const perVersion = counts.get(ring.id) ?? new Map<string, number>();
    perVersion.set(d.appVersion, (perVersion.get(d.appVersion) ?? 0) + 1);
    counts.set(ring.id, perVersion);
  }
  return rings.map((g) => {
    const offer = offers.find((o) => o.ring_id === g.id);
    return {
      id: g.id, name: g.name, position: g.position, siteCodes: g.site_codes, teamIds: g.team_ids, installIds: g.install_ids,
      percent: Number(g.percent), pinnedReleaseId: g.pinned_release_id, pinnedVersion: g.pinned_version,
      offer: offer ? {
        id: offer.id, releaseId: offer.release_id, version: offer.version, offeredAt: offer.offered_at.toISOString(),
        pausedAt: offer.paused_at?.toISOString() ?? null,
      } : null,
      desktops: [...(counts.get(g.id) ?? new Map<string, number>())].map(([appVersion, count]) => ({ appVersion, count }))
        .sort((a, b) => b.count - a.count || a.appVersion.localeCompare(b.appVersion)),
    };
  });
}

export async function getRing(db: Db, id: string): Promise<Ring> {
  const ring = (await listRings(db)).find((r) => r.id === id);
  if (!ring) throw new SapaError('NOT_FOUND', `No ring ${id}`);
  return ring;
}

async function checkRingInput(db: Db, input: z.output<typeof RingRequest>, id: string | null): Promise<void> {
  const [clash] = await db.query<{ id: string; name: string; position: number }>(
    'SELECT id, name, position FROM rings WHERE (lower(name) = lower($1) OR position = $2) AND id IS DISTINCT FROM $3::uuid', [input.name, input.position, id]);
  if (clash) {
    throw new SapaError('CONFLICT', clash.name.toLowerCase() === input.name.toLowerCase()
      ? `A ring is already called "${clash.name}"` : `Ring "${clash.name}" already has position ${input.position}`);
  }
  const sites = await db.query<{ code: string }>('SELECT code FROM sites WHERE code = ANY($1::text[])', [input.siteCodes]);
  const unknownSites = input.siteCodes.filter((c) => !sites.some((s) => s.code === c));
  const teams = await db.query<{ id: string }>('SELECT id FROM teams WHERE id = ANY($1::uuid[])', [input.teamIds]);
  const unknownTeams = input.teamIds.filter((t) => !teams.some((s) => s.id === t));
  if (unknownSites.length > 0 || unknownTeams.length > 0) {
    throw new SapaError('INVALID_INPUT', 'The ring names sites or teams that do not exist', { unknownSites, unknownTeams });
  }
}

export async function saveRing(db: Db, input: z.output<typeof RingRequest>, id: string | null): Promise<Ring> {
  await checkRingInput(db, input, id);
  const ringId = id ?? uuidv7();
  const values = [ringId, input.name, input.position, [...new Set(input.siteCodes)], [...new Set(input.teamIds)],
    [...new Set(input.installIds.map((x) => x.toLowerCase()))], input.percent];
  if (id) {
    const rows = await db.query<{ id: string }>(
      `UPDATE rings SET name = $2, position = $3, site_codes = $4::text[], team_ids = $5::uuid[], install_ids = $6::uuid[], percent = $7
        WHERE id = $1 RETURNING id`, values);
    if (rows.length === 0) throw new SapaError('NOT_FOUND', `No ring ${id}`);
  } else {
    await db.query(
      `INSERT INTO rings (id, name, position, site_codes, team_ids, install_ids, percent)
       VALUES ($1, $2, $3, $4::text[], $5::uuid[], $6::uuid[], $7)`, values);
  }
  return getRing(db, ringId);
}

async function insertOffer(db: Db, ring: Ring, release: Release, userId: string): Promise<void> {
  if (release.state !== 'ready') {
    throw new SapaError('CONFLICT', release.state === 'draft'
      ? `Release ${release.version} still misses files: upload them first` : `Release ${release.version} was withdrawn`);
  }
  if (ring.pinnedReleaseId) {
    throw new SapaError('CONFLICT', `Ring "${ring.name}" is pinned to ${ring.pinnedVersion ?? '?'}: unpin it first`);
  }
  await db.query('INSERT INTO release_offers (id, ring_id, release_id, offered_by) VALUES ($1, $2, $3, $4)',
    [uuidv7(), ring.id, release.id, userId]);
}

export async function offerRelease(db: Db, ringId: string, releaseId: string, userId: string): Promise<Ring> {
  const ring = await getRing(db, ringId);
  await insertOffer(db, ring, await getRelease(db, releaseId), userId);
  return getRing(db, ringId);
}

/** Offers this ring's current release to the ring after it. */
export async function widen(db: Db, ringId: string, userId: string): Promise<Ring> {
  const rings = await listRings(db);
  const index = rings.findIndex((r) => r.id === ringId);
  const ring = rings[index];
  if (!ring) throw new SapaError('NOT_FOUND', `No ring ${ringId}`);
  if (!ring.offer) throw new SapaError('CONFLICT', `Ring "${ring.name}" has no release offered to widen`);
  if (ring.offer.pausedAt) throw new SapaError('CONFLICT', `The offer to "${ring.name}" is paused: resume it before widening`);
  const next = rings[index + 1];
  if (!next) throw new SapaError('CONFLICT', `"${ring.name}" is the last ring: raise its percentage or add a ring`);
  await insertOffer(db, next, await getRelease(db, ring.offer.releaseId), userId);
  return getRing(db, next.id);
}

export async function pause(db: Db, ringId: string, paused: boolean): Promise<Ring> {
  const ring = await getRing(db, ringId);
  if (!ring.offer) throw new SapaError('CONFLICT', `Ring "${ring.name}" has no release offered`);
  await db.query(`UPDATE release_offers SET paused_at = ${paused ? 'COALESCE(paused_at, now())' : 'NULL'} WHERE id = $1`, [ring.offer.id]);
  return getRing(db, ringId);
}

export async function pin(db: Db, ringId: string, releaseId: string | null): Promise<Ring> {
  const ring = await getRing(db, ringId);
  if (releaseId) {
    const release = await getRelease(db, releaseId);
    if (release.state !== 'ready') throw new SapaError('CONFLICT', `Release ${release.version} is ${release.state}: a ring can be pinned only to a ready release`);
  }
  await db.query('UPDATE rings SET pinned_release_id = $2 WHERE id = $1', [ring.id, releaseId]);
  return getRing(db, ringId);
}

/**
 * Rollback: a new release `version` carrying the good release's files (its build_version
 * stays the good build's, so the feed knows what desktops that installed it report),
 * offered to every unpinned ring whose current offer is newer than the good build; the
 * releases those rings were on are withdrawn. electron-updater sees a higher version and
 * installs it without allowDowngrade.
 */
export async function rollback(db: Db, goodReleaseId: string, version: string, userId: string): Promise<{ release: Release; rings: string[] }> {
  const good = await getRelease(db, goodReleaseId);
  if (good.state !== 'ready') throw new SapaError('CONFLICT', `Release ${good.version} is ${good.state}: roll back to a ready release`);
  const all = await loadReleases(db);
  const highest = all.reduce((max, r) => (compareVersions(r.version, max) > 0 ? r.version : max), good.version);
  if (compareVersions(version, highest) <= 0) {
    throw new SapaError('INVALID_INPUT', `The rollback needs a version higher than every release so far (${highest}): desktops only move up`, { highest });
  }
  const rings = (await listRings(db)).filter((r) => !r.pinnedReleaseId && r.offer
    && compareVersions(r.offer.version, good.buildVersion) > 0 && r.offer.releaseId !== good.id);
  const id = uuidv7();
  const source = good.filesOf ?? good.id;
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO releases (id, version, build_version, source, base_url, files_of, notes, state, created_by)
       SELECT $1, $2, build_version, source, base_url, $3, $4, 'ready', $5 FROM releases WHERE id = $6`,
      [id, version, source, `Rollback to ${good.buildVersion} (${good.version}).`, userId, good.id]);
    for (const ring of rings) {
      await tx.query('INSERT INTO release_offers (id, ring_id, release_id, offered_by) VALUES ($1, $2, $3, $4)', [uuidv7(), ring.id, id, userId]);
      await tx.query(`UPDATE releases SET state = 'withdrawn' WHERE id = $1 AND id <> $2`, [ring.offer?.releaseId ?? null, good.id]);
    }
  });
  return { release: await getRelease(db, id), rings: rings.map((r) => r.id) };
}
