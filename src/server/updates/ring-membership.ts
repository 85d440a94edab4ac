// Which ring takes a desktop: rings in order of position, the first that names the desktop
// (its install id), its site, or the team of its signed-in user, or whose percentage covers
// the desktop's bucket. The bucket is a stable hash of the install id (0.00 … 99.99), so a
// desktop keeps its place when a percentage is raised (10 % → 30 % only adds desktops) and
// "a percentage of the remaining desktops" is what reaches a ring past the earlier ones.
import { createHash } from 'node:crypto';
import { type Db } from '../db/db.js';

export interface RingRule {
  id: string;
  name: string;
  position: number;
  site_codes: string[];
  team_ids: string[];
  install_ids: string[];
  percent: number;
}

export interface DesktopFacts {
  installId: string;
  siteCode: string | null;
  teamId: string | null;
}

/** 0 … 9999: the first four bytes of sha256(install id) modulo 10 000. */
export function bucketOf(installId: string): number {
  return createHash('sha256').update(installId.toLowerCase()).digest().readUInt32BE(0) % 10_000;
}

/**
 * The same rule in SQL, for queries that filter and page by ring (the fleet view): the name
 * of the first ring that takes the desktop, or NULL. The arguments are SQL expressions for
 * the desktop's install id (uuid), site code and team id. The bucket is computed as
 * bucketOf() does (tests/integration/server/releases-feed.test.ts checks they agree).
 */
export function ringNameSql(installId: string, siteCode: string, teamId: string): string {
  const bucket = `(('x' || encode(substring(sha256(convert_to(lower(${installId}::text), 'UTF8')) from 1 for 4), 'hex'))::bit(32)::bigint % 10000)`;
  return `(SELECT g.name FROM rings g
            WHERE ${installId} = ANY (g.install_ids) OR ${siteCode} = ANY (g.site_codes) OR ${teamId} = ANY (g.team_ids)
               OR ${bucket} < round(g.percent * 100)
            ORDER BY g.position, g.id LIMIT 1)`;
}

export function ringTakes(ring: RingRule, d: DesktopFacts): boolean {
  const id = d.installId.toLowerCase();
  if (ring.install_ids.some((x) => x.toLowerCase() === id)) return true;
  if (d.siteCode && ring.site_codes.includes(d.siteCode)) return true;
  if (d.teamId && ring.team_ids.includes(d.teamId)) return true;
  return bucketOf(id) < Math.round(Number(ring.percent) * 100);
}

export function ringOf(rings: readonly RingRule[], d: DesktopFacts): RingRule | null {
  return rings.find((r) => ringTakes(r, d)) ?? null;
}

export async function loadRingRules(db: Db): Promise<RingRule[]> {
  return db.query<RingRule>(
    'SELECT id, name, position, site_codes, team_ids, install_ids, percent FROM rings ORDER BY position, id');
}

/** The facts ring rules read, for the desktops that exist (unknown ids are absent). */
export async function desktopFacts(db: Db, installIds?: readonly string[]): Promise<(DesktopFacts & { appVersion: string })[]> {
  const rows = await db.query<{ install_id: string; site_code: string | null; team_id: string | null; app_version: string }>(
    `SELECT d.install_id, d.site_code, u.team_id, d.app_version FROM desktops d LEFT JOIN users u ON u.id = d.user_id
      ${installIds ? 'WHERE d.install_id = ANY($1::uuid[])' : ''}`, installIds ? [installIds] : []);
  return rows.map((r) => ({ installId: r.install_id, siteCode: r.site_code, teamId: r.team_id, appVersion: r.app_version }));
}

/**
 * The ring of each desktop (for the fleet view's `ring` column and its filter): install id →
 * ring name, or null when no ring takes it. An install id with no desktop row is judged by
 * what is known of it (its id: explicit lists and percentages).
 */
export async function ringsOfDesktops(db: Db, installIds: readonly string[]): Promise<Map<string, { id: string; name: string } | null>> {
  const rings = await loadRingRules(db);
  const facts = new Map((await desktopFacts(db, installIds)).map((d) => [d.installId, d]));
  const result = new Map<string, { id: string; name: string } | null>();
  for (const installId of installIds) {
    const ring = ringOf(rings, facts.get(installId) ?? { installId, siteCode: null, teamId: null });
    result.set(installId, ring ? { id: ring.id, name: ring.name } : null);
  }
  return result;
}
