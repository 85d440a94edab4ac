// The `desktop` fixture: one fresh desktop per test — the browser host with the real core
// and an empty data folder, pointed at the suite's server — and the page opened on it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { freePort, startProcess } from './processes.js';
import { desktopKeyEnv } from '../../support/desktop-key.js';

export interface Desktop {
  url: string;
  dataDir: string;
}

async function withDesktop(use: (desktop: Desktop) => Promise<void>): Promise<void> {
  const serverUrl = process.env.SAPA_E2E_SERVER_URL;
  if (!serverUrl) throw new Error('the e2e global setup did not start a server');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-e2e-desktop-'));
  const port = await freePort();
  const host = await startProcess(
    'src/main/host/cli.ts',
    { SAPA_SERVER_URLS: serverUrl, SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir), SAPA_HOST_PORT: String(port) },
    `http://127.0.0.1:${port}/`,
    'browser host',
  );
  await use({ url: host.url, dataDir });
  await host.stop();
  await rm(dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ desktop: Desktop; secondDesktop: Desktop }>({
  desktop: async ({}, use) => withDesktop(use),
  /** Another agent's desktop beside the first (two agents competing for one task). */
  secondDesktop: async ({}, use) => withDesktop(use),
});

export { expect } from '@playwright/test';
