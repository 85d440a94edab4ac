// The desktop fleet as admins read it: one row per desktop (keyed by its install id) with
// what it last said in a heartbeat (src/shared/updates.ts), who is signed in on it, its
// site, and when it was last heard from. Filters, sort and paging for GET /admin/fleet; the
// count of desktops per app version for the summary. `ring` is the update ring the desktop
// is in: null until the releases module computes it.
import { z } from 'zod';
import { UpdateState } from './updates.js';

export const FleetRow = z.object({
  installId: z.uuid(),
  machineName: z.string(),
  os: z.string(),
  osVersion: z.string(),
  appVersion: z.string(),
  electronVersion: z.string().nullable(),
  chromeVersion: z.string().nullable(),
  /** The user signed in at the last heartbeat (null: that user was deleted). */
  userId: z.uuid().nullable(),
  username: z.string().nullable(),
  displayName: z.string().nullable(),
  siteCode: z.string().nullable(),
  /** The update ring the desktop is in (null: not computed, or in none). */
  ring: z.string().nullable(),
  updateState: UpdateState.nullable(),
  cacheBytes: z.number().nullable(),
  lastSyncAt: z.string().nullable(),
  registeredAt: z.string(),
  lastSeenAt: z.string(),
});
export type FleetRow = z.infer<typeof FleetRow>;

/**
 * Last seen: `online` heard from in the last ONLINE_SECONDS (two missed beats), `stale`
 * not heard from for STALE_SECONDS (a day), `recent` in between.
 */
export const LastSeen = z.enum(['online', 'recent', 'stale']);
export type LastSeen = z.infer<typeof LastSeen>;
export const ONLINE_SECONDS = 120;
export const STALE_SECONDS = 86_400;

export const FLEET_SORTS = ['lastSeen', 'machineName', 'appVersion', 'user', 'site'] as const;
export const FleetSort = z.enum(FLEET_SORTS);
export type FleetSort = z.infer<typeof FleetSort>;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** Filters (query strings are text; numbers coerced). */
export const FleetFilters = z.object({
  appVersion: Text(64).optional(),
  site: Text(40).optional(),
  /** Reserved for the releases module's rings; accepted and applied once rings are computed. */
  ring: Text(64).optional(),
  lastSeen: LastSeen.optional(),
  /** The signed-in user's username, exact. */
  user: Text(64).optional(),
  /** Part of the machine name, case-insensitive, literal (no wildcards). */
  machine: Text(120).optional(),
}).strict();
export type FleetFilters = z.input<typeof FleetFilters>;

export const FleetQuery = FleetFilters.extend({
  sort: FleetSort.default('lastSeen'),
  /** Newest first for lastSeen when absent; ascending for the rest. */
  order: z.enum(['asc', 'desc']).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type FleetQuery = z.input<typeof FleetQuery>;

export const FleetPage = z.object({
  desktops: z.array(FleetRow),
  /** Desktops matching the filters (all pages). */
  total: z.number().int().nonnegative(),
  /** The server's clock when it answered: "last seen" is relative to it, not the admin's clock. */
  now: z.string(),
});
export type FleetPage = z.infer<typeof FleetPage>;

export const FleetVersions = z.object({
  versions: z.array(z.object({ appVersion: z.string(), desktops: z.number().int().nonnegative(), online: z.number().int().nonnegative() })),
});
export type FleetVersions = z.infer<typeof FleetVersions>;

/** The CSV export takes the filters and sort, without paging: up to this many rows. */
export const FLEET_EXPORT_MAX_ROWS = 50_000;
export const FleetExportQuery = FleetQuery.omit({ offset: true, limit: true });
export type FleetExportQuery = z.input<typeof FleetExportQuery>;
