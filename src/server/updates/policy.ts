// The mandatory minimum version (with its grace period) and a site's update mirror.
import { SapaError } from '../../shared/errors.js';
import { type UpdatePolicy } from '../../shared/releases-routes.js';
import { type Db } from '../db/db.js';

export async function getPolicy(db: Db): Promise<UpdatePolicy> {
  const [row] = await db.query<{ minimum_version: string | null; grace_hours: number }>('SELECT minimum_version, grace_hours FROM update_policy');
  return { minimumVersion: row?.minimum_version ?? null, graceHours: row?.grace_hours ?? 72 };
}

/** set_at moves only when the minimum changes: the grace of desktops already counting down is kept. */
export async function setPolicy(db: Db, policy: UpdatePolicy): Promise<UpdatePolicy> {
  await db.query(
    `UPDATE update_policy SET set_at = CASE WHEN minimum_version IS DISTINCT FROM $1 THEN now() ELSE set_at END,
            minimum_version = $1, grace_hours = $2`, [policy.minimumVersion, policy.graceHours]);
  return getPolicy(db);
}

export async function setMirror(db: Db, siteCode: string, url: string | null): Promise<{ siteCode: string; url: string | null }> {
  const rows = await db.query<{ code: string; update_mirror_url: string | null }>(
    'UPDATE sites SET update_mirror_url = $2 WHERE code = $1 RETURNING code, update_mirror_url', [siteCode, url?.replace(/\/+$/, '') ?? null]);
  const [row] = rows;
  if (!row) throw new SapaError('NOT_FOUND', `No site ${siteCode}`);
  return { siteCode: row.code, url: row.update_mirror_url };
}
