// The two ways a desktop replicates, and every fault test runs under both: the working set
// (what real desktops do by default, src/main/core/sync/env-options.ts) and every customer
// (small sites, SAPA_WORKING_SET_LIMIT=0).
import { type CoreOptions } from '../../src/main/core/context.js';
import { DEFAULT_WORKING_SET_LIMIT } from '../../src/main/core/sync/env-options.js';

export type SyncMode = 'working set' | 'full replication';

export const SYNC_MODES: readonly SyncMode[] = ['working set', 'full replication'];

/** Core options for an in-process desktop in `mode`. */
export function modeOptions(mode: SyncMode): Partial<CoreOptions> {
  return mode === 'working set' ? { workingSetLimit: DEFAULT_WORKING_SET_LIMIT } : {};
}

/** The environment a desktop core process reads for `mode` (procs/core-main.ts). */
export function modeEnv(mode: SyncMode): Record<string, string> {
  return { SAPA_WORKING_SET_LIMIT: mode === 'working set' ? String(DEFAULT_WORKING_SET_LIMIT) : '0' };
}

/** A desktop's cache as the convergence check sees it: whose scope it replicates, and how. */
export interface Replica {
  dir: string;
  userId: string;
  mode: SyncMode;
}
