// Sync settings a desktop reads from its environment (both hosts use this).
//   SAPA_OFFLINE_GRACE_HOURS   stay signed in this long past session expiry while offline (8)
//   SAPA_SYNC_INTERVAL_SECONDS background pull period when no live poke arrives (15)
//   SAPA_WORKING_SET_LIMIT     replicate customers by working set, at most this many (unset: all)
import { type CoreOptions } from '../context.js';

export function syncOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<CoreOptions> {
  const options: Partial<CoreOptions> = {};
  const grace = Number(env.SAPA_OFFLINE_GRACE_HOURS);
  if (env.SAPA_OFFLINE_GRACE_HOURS && Number.isFinite(grace) && grace >= 0) options.offlineGraceSeconds = grace * 3600;
  const interval = Number(env.SAPA_SYNC_INTERVAL_SECONDS);
  if (env.SAPA_SYNC_INTERVAL_SECONDS && Number.isFinite(interval) && interval > 0) options.syncIntervalSeconds = interval;
  const limit = Number(env.SAPA_WORKING_SET_LIMIT);
  if (env.SAPA_WORKING_SET_LIMIT && Number.isInteger(limit) && limit > 0) options.workingSetLimit = limit;
  return options;
}
