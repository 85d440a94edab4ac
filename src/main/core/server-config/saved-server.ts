// The server the agent typed on the first-start screen, kept in the data folder
// (<dataDir>/server.json). Written atomically (temp file + rename) so a power cut never
// leaves half a file; a file that cannot be read is treated as "no server chosen yet".
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkServerUrl } from '../remote/server-url.js';

export const SAVED_SERVER_FILE = 'server.json';

const SavedServer = z.object({ serverUrls: z.array(z.string()).min(1).max(10), savedAt: z.string() });

/** The saved server list, or null (none saved, or the file is unusable: `problem` says why). */
export function loadSavedServer(dataDir: string): { urls: string[] | null; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, SAVED_SERVER_FILE), 'utf8');
  } catch {
    return { urls: null, problem: null };
  }
  try {
    const saved = SavedServer.parse(JSON.parse(text));
    return { urls: saved.serverUrls.map(checkServerUrl), problem: null };
  } catch (error) {
    return { urls: null, problem: error instanceof Error ? error.message : String(error) };
  }
}

export function saveServer(dataDir: string, urls: readonly string[], now = new Date()): void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SAVED_SERVER_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ serverUrls: urls, savedAt: now.toISOString() }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
