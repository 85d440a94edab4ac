// What a desktop tells the fleet view about itself (DesktopHeartbeat, src/shared/updates.ts):
// read fresh at every beat, since the machine can be renamed, the cache grows and the
// update state moves. Values are cut to the contract's limits so that an odd host name or
// OS string never makes the server refuse the whole beat.
import { statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Timestamp } from '../../../shared/domain.js';
import { type DesktopHeartbeat, type UpdateState } from '../../../shared/updates.js';
import { CACHE_FILE_NAME } from '../cache/open-cache.js';

export interface DesktopFactsInput {
  installId: string;
  dataDir: string;
  appVersion: string;
  host: 'electron' | 'browser';
  lastSyncAt: string | null;
  updateState: UpdateState | null;
}

const cut = (value: string, max: number, fallback: string): string => value.trim().slice(0, max) || fallback;

export function osName(platform: NodeJS.Platform = process.platform): DesktopHeartbeat['os'] {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'mac';
  return 'linux';
}

/** Bytes of the cache on disk: the database and its WAL and shared-memory files. */
export function cacheBytes(dataDir: string): number | null {
  let total = 0;
  let found = false;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      total += statSync(join(dataDir, CACHE_FILE_NAME + suffix)).size;
      found = true;
    } catch {
      // That file does not exist (no WAL yet): nothing to add.
    }
  }
  return found ? total : null;
}

export function desktopFacts(input: DesktopFactsInput): DesktopHeartbeat {
  const platform = osName();
  // os.version() names the edition on Windows ("Windows 11 Pro"); elsewhere the release is clearer.
  const osVersion = platform === 'windows' ? `${os.version()} ${os.release()}` : os.release();
  const electron = input.host === 'electron';
  return {
    installId: input.installId,
    machineName: cut(os.hostname(), 120, 'unknown'),
    os: platform,
    osVersion: cut(osVersion, 120, 'unknown'),
    appVersion: cut(input.appVersion, 64, 'unknown'),
    electronVersion: electron ? (process.versions.electron?.slice(0, 64) ?? null) : null,
    chromeVersion: electron ? (process.versions.chrome?.slice(0, 64) ?? null) : null,
    updateState: input.updateState,
    cacheBytes: cacheBytes(input.dataDir),
    lastSyncAt: input.lastSyncAt && Timestamp.safeParse(input.lastSyncAt).success ? input.lastSyncAt : null,
  };
}
