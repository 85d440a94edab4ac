// Data minimisation settings (docs/security.md, "Data minimisation"): who may replicate
// every customer to a desktop, and how many customers outside their working set a user
// may open in an hour before they are throttled and flagged to the admins.
import { z } from 'zod';
import { Role } from './domain.js';

export const DEFAULT_LOOKUP_LIMIT_PER_HOUR = 60;

export const DataAccessSettings = z.object({
  /** Roles whose desktops may pull every customer (scope=all); others get their working set. */
  fullReplicationRoles: z.array(Role).max(10),
  /**
   * Desktops (the outbox client id a desktop shows in its sync details) that may pull every
   * customer whoever signs in on them.
   */
  fullReplicationDevices: z.array(z.uuid()).max(1000),
  /** Distinct customers outside the working set one user may open per hour. */
  lookupLimitPerHour: z.number().int().min(1).max(100_000),
});
export type DataAccessSettings = z.infer<typeof DataAccessSettings>;

/** The settings as read back: who changed them last, and when. */
export const DataAccessSettingsAnswer = DataAccessSettings.extend({
  updatedAt: z.string(),
  updatedBy: z.uuid().nullable(),
});
export type DataAccessSettingsAnswer = z.infer<typeof DataAccessSettingsAnswer>;

/** A user who went over the lookup limit (one row per user; it stays until cleared). */
export const LookupFlag = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  firstFlaggedAt: z.string(),
  lastRefusedAt: z.string(),
  /** Opens refused since the first flag. */
  refusals: z.number().int(),
  /** The limit in force when the user was first flagged. */
  limitPerHour: z.number().int(),
});
export type LookupFlag = z.infer<typeof LookupFlag>;

export const LookupFlagsResponse = z.object({ flags: z.array(LookupFlag) });
