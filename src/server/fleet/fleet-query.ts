// Reading the fleet for admins: the filtered, sorted page of desktops, the total, and the
// count per app version. Filters are bound parameters; the machine-name search is a literal
// substring (an admin's % and _ are not wildcards).
import {
  type FleetExportQuery, type FleetRow, type FleetSort, type FleetVersions, ONLINE_SECONDS, STALE_SECONDS,
} from '../../shared/fleet.js';
import { UpdateState } from '../../shared/updates.js';
import { type Db, type SqlParam } from '../db/db.js';
import { ringNameSql } from '../updates/ring-membership.js';
import { iso, isoOrNull, type Timestamp } from '../db/timestamps.js';

type Parsed<Q> = Q & { sort: FleetSort };
export type FleetListFilters = Omit<Parsed<FleetExportQuery>, 'sort' | 'order'>;

/**
 * The desktop's update ring: the first ring (by position) that takes it, by the same rule
 * the update feed applies (src/server/updates/ring-membership.ts), so the view shows the
 * ring that decides what the desktop is offered. Both queries join users as u.
 */
const RING_SQL = ringNameSql('d.install_id', 'd.site_code', 'u.team_id');

const SORT_SQL: Record<FleetSort, string> = {
  lastSeen: 'd.last_seen_at',
  machineName: 'lower(d.machine_name)',
  appVersion: 'd.app_version',
  user: 'u.username',
  site: 'd.site_code',
};

interface DesktopRow {
  install_id: string; machine_name: string; os: string; os_version: string; app_version: string;
  electron_version: string | null; chrome_version: string | null; user_id: string | null; username: string | null;
  display_name: string | null; site_code: string | null; ring: string | null; update_state: unknown;
  cache_bytes: string | number | null; last_sync_at: Timestamp | null; registered_at: Timestamp; last_seen_at: Timestamp;
}

function where(f: FleetListFilters): { sql: string; params: SqlParam[] } {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
  const add = (clause: (n: string) => string, value: SqlParam) => {
    params.push(value);
    clauses.push(clause(`$${params.length}`));
  };
  if (f.appVersion) add((n) => `d.app_version = ${n}`, f.appVersion);
  if (f.site) add((n) => `d.site_code = ${n}`, f.site);
  if (f.ring) add((n) => `${RING_SQL} = ${n}`, f.ring);
  if (f.user) add((n) => `u.username = ${n}`, f.user);
  if (f.machine) add((n) => `strpos(lower(d.machine_name), lower(${n})) > 0`, f.machine);
  if (f.lastSeen === 'online') clauses.push(`d.last_seen_at > now() - interval '${ONLINE_SECONDS} seconds'`);
  if (f.lastSeen === 'stale') clauses.push(`d.last_seen_at <= now() - interval '${STALE_SECONDS} seconds'`);
  if (f.lastSeen === 'recent') {
    clauses.push(`d.last_seen_at <= now() - interval '${ONLINE_SECONDS} seconds'`,
      `d.last_seen_at > now() - interval '${STALE_SECONDS} seconds'`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** A stored update state that no longer parses (an older shape) is shown as none. */
function updateStateOf(value: unknown): FleetRow['updateState'] {
  const parsed = UpdateState.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function toRow(r: DesktopRow): FleetRow {
  return {
    installId: r.install_id, machineName: r.machine_name, os: r.os, osVersion: r.os_version, appVersion: r.app_version,
    electronVersion: r.electron_version, chromeVersion: r.chrome_version, userId: r.user_id, username: r.username,
    displayName: r.display_name, siteCode: r.site_code, ring: r.ring, updateState: updateStateOf(r.update_state),
    cacheBytes: r.cache_bytes === null ? null : Number(r.cache_bytes), lastSyncAt: isoOrNull(r.last_sync_at),
    registeredAt: iso(r.registered_at), lastSeenAt: iso(r.last_seen_at),
  };
}

export async function readDesktops(
  db: Db, query: Parsed<FleetExportQuery>, page: { offset: number; limit: number },
): Promise<FleetRow[]> {
  const { sql, params } = where(query);
  const order = query.order ?? (query.sort === 'lastSeen' ? 'desc' : 'asc');
  // The install id last: a stable order across pages when the sort key ties.
  const rows = await db.query<DesktopRow>(
    `SELECT d.install_id, d.machine_name, d.os, d.os_version, d.app_version, d.electron_version, d.chrome_version,
            d.user_id, u.username, u.display_name, d.site_code, ${RING_SQL} AS ring, d.update_state, d.cache_bytes,
            d.last_sync_at, d.registered_at, d.last_seen_at
       FROM desktops d LEFT JOIN users u ON u.id = d.user_id
       ${sql}
      ORDER BY ${SORT_SQL[query.sort]} ${order} NULLS LAST, d.install_id
      LIMIT ${page.limit} OFFSET ${page.offset}`, params);
  return rows.map(toRow);
}

export async function countDesktops(db: Db, filters: FleetListFilters): Promise<number> {
  const { sql, params } = where(filters);
  const [row] = await db.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM desktops d LEFT JOIN users u ON u.id = d.user_id ${sql}`, params);
  return Number(row?.n ?? 0);
}

export async function countVersions(db: Db): Promise<FleetVersions> {
  const rows = await db.query<{ app_version: string; desktops: string | number; online: string | number }>(
    `SELECT app_version, count(*) AS desktops,
            count(*) FILTER (WHERE last_seen_at > now() - interval '${ONLINE_SECONDS} seconds') AS online
       FROM desktops GROUP BY app_version ORDER BY count(*) DESC, app_version DESC`);
  return { versions: rows.map((r) => ({ appVersion: r.app_version, desktops: Number(r.desktops), online: Number(r.online) })) };
}
