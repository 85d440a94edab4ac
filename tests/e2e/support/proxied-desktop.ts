// A desktop (browser host + core + fresh data folder) whose only way to the suite's server
// runs through a fault proxy, so a test can take the line away and give it back.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startFaultProxy, type FaultProxy } from '../../faults/fault-proxy.js';
import { freePort, startProcess } from './processes.js';
import { desktopKeyEnv } from '../../support/desktop-key.js';

export interface ProxiedDesktop {
  url: string;
  dataDir: string;
  proxy: FaultProxy;
  close(): Promise<void>;
}

/** Starts the desktop on the default sync mode (the working set) behind a new fault proxy. */
export async function startProxiedDesktop(serverUrl: string, name: string): Promise<ProxiedDesktop> {
  const proxy = await startFaultProxy(Number(new URL(serverUrl).port));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `sapa-e2e-${name}-`));
  const port = await freePort();
  const host = await startProcess(
    'src/main/host/cli.ts',
    { SAPA_SERVER_URLS: proxy.url, SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir), SAPA_HOST_PORT: String(port) },
    `http://127.0.0.1:${port}/`, 'browser host',
  );
  return {
    url: host.url, dataDir, proxy,
    async close() {
      await host.stop();
      await proxy.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
