// The version of a downloaded update that still waits for a quiet moment, remembered across
// a restart: when the next start finds the same version downloaded (electron-updater keeps
// its file), it installs at that start's first quiet moment instead of asking again.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WAITING_UPDATE_FILE = 'update-waiting.txt';
const VERSION = /^[0-9A-Za-z.+-]{1,64}$/;

export function rememberWaitingUpdate(dataDir: string, version: string): void {
  try {
    writeFileSync(join(dataDir, WAITING_UPDATE_FILE), version, { mode: 0o600 });
  } catch {
    // Best effort: without it the agent is only asked again.
  }
}

export function readWaitingUpdate(dataDir: string): string | null {
  try {
    const version = readFileSync(join(dataDir, WAITING_UPDATE_FILE), 'utf8').trim();
    return VERSION.test(version) ? version : null;
  } catch {
    return null;
  }
}

export function forgetWaitingUpdate(dataDir: string): void {
  rmSync(join(dataDir, WAITING_UPDATE_FILE), { force: true });
}
