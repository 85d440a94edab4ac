// Sync settings a desktop reads from its environment (both hosts use this).
//   SAPA_OFFLINE_GRACE_HOURS   stay signed in this long past session expiry while offline (8)
//   SAPA_SYNC_INTERVAL_SECONDS background pull period when no live poke arrives (15)
//   SAPA_WORKING_SET_LIMIT     replicate customers by working set, at most this many
//                              (unset: DEFAULT_WORKING_SET_LIMIT; 0 or "all": every customer,
//                              if the server allows this user or desktop full replication;
//                              otherwise the server serves the working set and core falls back)
import { type CoreOptions } from '../context.js';

/**
 * Desktops (Electron and the browser host) replicate by working set unless told otherwise:
 * a large site's desktop must not hold every customer. The core's own default (createCore
 * without workingSetLimit) stays "every customer" for embedded uses and tests.
 */
export const DEFAULT_WORKING_SET_LIMIT = 50_000;

export function syncOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<CoreOptions> {
  const options: Partial<CoreOptions> = {};
  const grace = Number(env.SAPA_OFFLINE_GRACE_HOURS);
  if (env.SAPA_OFFLINE_GRACE_HOURS && Number.isFinite(grace) && grace >= 0) options.offlineGraceSeconds = grace * 3600;
  const interval = Number(env.SAPA_SYNC_INTERVAL_SECONDS);
  if (env.SAPA_SYNC_INTERVAL_SECONDS && Number.isFinite(interval) && interval > 0) options.syncIntervalSeconds = interval;
  const raw = env.SAPA_WORKING_SET_LIMIT?.trim();
  const limit = Number(raw);
  if (!raw) options.workingSetLimit = DEFAULT_WORKING_SET_LIMIT;
  else if (Number.isInteger(limit) && limit > 0) options.workingSetLimit = limit;
  else if (raw !== '0' && raw.toLowerCase() !== 'all') {
    throw new Error(`SAPA_WORKING_SET_LIMIT must be a positive whole number, 0 or "all" (every customer), not "${raw}"`);
  }
  return options;
}
