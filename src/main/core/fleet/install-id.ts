// The desktop's install id: a uuid made once per installation and kept in a small file in
// the data folder, beside (not inside) the cache, so that signing out, a cache wipe order
// or a cache rebuilt from scratch leave it as it was. The fleet view, the update rings and
// the per-desktop update feed all key a desktop by it.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InstallId } from '../../../shared/updates.js';

export const INSTALL_ID_FILE = 'install-id';

/** Reads the install id of `dataDir`, making (atomically) a new one when missing or unreadable. */
export function loadInstallId(dataDir: string): string {
  const file = join(dataDir, INSTALL_ID_FILE);
  try {
    const parsed = InstallId.safeParse(readFileSync(file, 'utf8').trim());
    if (parsed.success) return parsed.data;
  } catch {
    // No file yet: made below.
  }
  const id = randomUUID();
  mkdirSync(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${id}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return id;
}
