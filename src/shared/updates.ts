// The desktop fleet's contract (issue 12): what a desktop tells the server about itself on
// sign-in and in every heartbeat, and the state of its auto-update. Shared by core (which
// reports), the server (which stores it in `desktops`, migration 014) and the fleet view.
//
// The update feed itself is electron-updater's generic provider, one per desktop, at
// `${server}/api/v1/updates/feed/<installId>/` (latest.yml, latest-mac.yml, latest-linux.yml
// and the files they name): the ring a desktop is in decides which release its feed offers.
import { z } from 'zod';
import { Timestamp } from './domain.js';

/** Made once per installation (src/main/core/fleet/install-id.ts); survives sign-out and cache wipes. */
export const InstallId = z.uuid();
export type InstallId = z.infer<typeof InstallId>;

/**
 * Where one desktop's update is: the steps electron-updater goes through, as core sees
 * them. `deferred` means downloaded but not safe to install now (a call, unsent outbox,
 * the agent typing): core installs at the next quiet moment or start.
 */
export const UpdatePhase = z.enum([
  'idle', 'checking', 'available', 'not-available', 'downloading', 'downloaded', 'deferred', 'installing',
  'installed', 'failed',
]);
export type UpdatePhase = z.infer<typeof UpdatePhase>;

export const UpdateState = z.object({
  phase: UpdatePhase,
  /** The version being offered, downloaded or installed. */
  version: z.string().max(64).optional(),
  /** Download progress 0–100 while downloading. */
  percent: z.number().min(0).max(100).optional(),
  /** The error message of a failed step (cut to 500 characters). */
  error: z.string().max(500).optional(),
  /** The host the files came from: the server or a site's mirror (shown in the fleet view). */
  source: z.string().max(200).optional(),
  /** A mandatory (security) update's deadline, from the feed's `sapaMandatoryAfter`. */
  mandatoryAfter: Timestamp.optional(),
  /** Why a downloaded update is deferred (the fleet view shows it). */
  waitingFor: z.array(z.enum(['call', 'import', 'outbox', 'typing', 'postponed'])).max(5).optional(),
  at: Timestamp,
});
export type UpdateState = z.infer<typeof UpdateState>;

/** POST body of a desktop's registration (at sign-in) and of each heartbeat (every 60 s). */
export const DesktopHeartbeat = z.object({
  installId: InstallId,
  machineName: z.string().min(1).max(120),
  os: z.enum(['windows', 'mac', 'linux']),
  osVersion: z.string().min(1).max(120),
  appVersion: z.string().min(1).max(64),
  electronVersion: z.string().max(64).nullable(),
  chromeVersion: z.string().max(64).nullable(),
  updateState: UpdateState.nullable(),
  /** Bytes of the local cache on disk. */
  cacheBytes: z.number().int().nonnegative().max(2 ** 50).nullable(),
  lastSyncAt: Timestamp.nullable(),
});
export type DesktopHeartbeat = z.infer<typeof DesktopHeartbeat>;
