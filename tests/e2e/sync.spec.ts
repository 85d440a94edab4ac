// Two agents' renderers on the same customer. A adds a note and B sees
// it without a reload; A's link to the server is cut (a TCP fault proxy sits between A's
// core and the server), A adds two notes and a call-back, the link returns; B sees all
// three, once.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { startFaultProxy } from '../faults/fault-proxy.js';
import { freePort, startProcess } from './support/processes.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';
import { desktopKeyEnv } from '../support/desktop-key.js';

async function startHost(serverUrl: string) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-e2e-sync-'));
  const port = await freePort();
  const host = await startProcess(
    'src/main/host/cli.ts',
    { SAPA_SERVER_URLS: serverUrl, SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir), SAPA_HOST_PORT: String(port) },
    `http://127.0.0.1:${port}/`, 'browser host',
  );
  return { url: host.url, stop: async () => { await host.stop(); await rm(dataDir, { recursive: true, force: true }); } };
}

test('a note by A shows on B live; notes and a call-back made offline arrive once', async ({ browser }) => {
  const serverUrl = process.env.SAPA_E2E_SERVER_URL ?? '';
  const proxy = await startFaultProxy(Number(new URL(serverUrl).port));
  const hostA = await startHost(proxy.url);
  const hostB = await startHost(serverUrl);
  const contextA = await browser.newContext({ locale: 'en-GB' });
  const contextB = await browser.newContext({ locale: 'en-GB' });
  try {
    const pageA = await contextA.newPage();
    const pageB = await contextB.newPage();
    await pageA.goto(hostA.url);
    await pageB.goto(hostB.url);
    await new LoginPage(pageA).signIn('agent1', 'agent1-pass');
    await new LoginPage(pageB).signIn('agent2', 'agent2-pass');
    for (const page of [pageA, pageB]) await new SingleScreen(page).openCustomer(DEMO.customer.e164, DEMO.customer.name);

    const notesOf = (page: typeof pageA) => page.getByRole('list', { name: 'Note list' });
    const callbacksOf = (page: typeof pageA) => page.getByRole('list', { name: 'Call-back list' });
    const stamp = Date.now().toString(36);
    const addNote = async (text: string) => {
      await pageA.getByRole('textbox', { name: 'New note' }).fill(text);
      await pageA.getByRole('button', { name: 'Add note' }).click();
      await expect(notesOf(pageA).getByText(text, { exact: true })).toBeVisible();
    };

    // Online: B sees A's note without a reload (live poke → pull → data.changed).
    await addNote(`Online ${stamp}`);
    await expect(notesOf(pageB).getByText(`Online ${stamp}`, { exact: true })).toBeVisible({ timeout: 5_000 });

    // A's line is cut: everything still works locally and waits in the outbox.
    proxy.set('drop');
    await addNote(`Offline one ${stamp}`);
    await addNote(`Offline two ${stamp}`);
    await pageA.getByRole('textbox', { name: 'Call-back time' }).fill('2026-12-01T10:30');
    await pageA.getByRole('textbox', { name: 'Call-back note' }).fill(`Call back ${stamp}`);
    await pageA.getByRole('button', { name: 'Schedule call-back' }).click();
    const statusA = pageA.getByRole('status', { name: 'Sync status' });
    await expect(statusA).toContainText('Offline');
    await expect(statusA).toContainText('3 changes waiting');
    await expect(notesOf(pageA).getByText('waiting to send')).toHaveCount(2);
    await expect(notesOf(pageB).getByText(`Offline one ${stamp}`)).toHaveCount(0);

    // The line returns: B sees all three, once; A's outbox empties.
    proxy.set('pass');
    await expect(notesOf(pageB).getByText(`Offline one ${stamp}`, { exact: true })).toHaveCount(1, { timeout: 20_000 });
    await expect(notesOf(pageB).getByText(`Offline two ${stamp}`, { exact: true })).toHaveCount(1);
    await expect(callbacksOf(pageB).getByText(`Call back ${stamp}`)).toHaveCount(1);
    await expect(notesOf(pageB).getByText(`Online ${stamp}`, { exact: true })).toHaveCount(1);
    await expect(statusA).toContainText('0 changes waiting', { timeout: 20_000 });
    await expect(statusA).toContainText('Online');

    // The support panel answers from the keyboard and shows the sync state.
    await pageA.getByRole('button', { name: 'Sync details' }).press('Enter');
    const panel = pageA.getByRole('dialog', { name: 'Sync details' });
    await expect(panel.getByRole('table', { name: 'Sync summary' })).toContainText('Changes waiting');
    await pageA.keyboard.press('Escape');
  } finally {
    await contextA.close();
    await contextB.close();
    await hostA.stop();
    await hostB.stop();
    await proxy.close();
  }
});
