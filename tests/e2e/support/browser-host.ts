// A browser host (the desktop's core and renderer without Electron) on its own data
// directory, talking to `serverUrl` (the e2e server, or a fault proxy in front of it).
// Specs that need a second desktop on a line they can cut start one with this.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { desktopKeyEnv } from '../../support/desktop-key.js';
import { freePort, startProcess } from './processes.js';

export async function startBrowserHost(serverUrl: string, label: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `sapa-e2e-${label}-`));
  const port = await freePort();
  const host = await startProcess(
    'src/main/host/cli.ts',
    { SAPA_SERVER_URLS: serverUrl, SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir), SAPA_HOST_PORT: String(port) },
    `http://127.0.0.1:${port}/`, 'browser host',
  );
  return { url: host.url, stop: async () => { await host.stop(); await rm(dataDir, { recursive: true, force: true }); } };
}
