// What core remembers across a restart about an update it asked to install: the version it
// was installing and the version it ran. At the next start, the app's version tells
// whether the install happened (installed) or not (failed). A small JSON file beside the
// cache; read back with a schema, never cast.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Timestamp } from '../../../shared/domain.js';

export const PENDING_INSTALL_FILE = 'update-install.json';

const PendingInstall = z.object({
  version: z.string().min(1).max(64),
  fromVersion: z.string().min(1).max(64),
  requestedAt: Timestamp,
  source: z.string().max(200).nullable(),
});
export type PendingInstall = z.infer<typeof PendingInstall>;

export function readPendingInstall(dataDir: string): PendingInstall | null {
  try {
    const parsed = PendingInstall.safeParse(JSON.parse(readFileSync(join(dataDir, PENDING_INSTALL_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writePendingInstall(dataDir: string, pending: PendingInstall): void {
  const file = join(dataDir, PENDING_INSTALL_FILE);
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(pending), { mode: 0o600 });
  renameSync(tmp, file);
}

export function clearPendingInstall(dataDir: string): void {
  rmSync(join(dataDir, PENDING_INSTALL_FILE), { force: true });
}

/** The outcome at start: the app runs the version it was installing, or still the old one. */
export function installOutcome(pending: PendingInstall, appVersion: string): 'installed' | 'failed' | 'unrelated' {
  if (appVersion === pending.version) return 'installed';
  if (appVersion === pending.fromVersion) return 'failed';
  return 'unrelated'; // installed by hand meanwhile (another version): nothing to report
}
