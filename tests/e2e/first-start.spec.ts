// The first start of a desktop that has no server set (no IT policy, no SAPA_SERVER_URLS):
// the "Connect to your Sapa server" screen refuses a bad address and an unreachable one
// with the reason, takes the suite's real server and goes on to the sign-in screen, which
// names the server; a restart keeps it. With IT's policy file: a broken one is explained
// on screen, a good one is used and the sign-in screen says IT set it. Both languages.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { freePort, startProcess, type Running } from './support/processes.js';
import { DEMO, LoginPage } from './support/pages.js';
import { desktopKeyEnv } from '../support/desktop-key.js';

const serverUrl = () => process.env.SAPA_E2E_SERVER_URL ?? '';
let dataDir: string;
let host: Running | null = null;

async function startHost(env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  // SAPA_SERVER_URLS empty: no developer override, so core asks (or obeys SAPA_POLICY_FILE).
  host = await startProcess(
    'src/main/host/cli.ts',
    { SAPA_SERVER_URLS: '', SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir), SAPA_HOST_PORT: String(port), ...env },
    `http://127.0.0.1:${port}/`, 'browser host',
  );
  return host;
}

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-e2e-first-'));
});
test.afterEach(async () => {
  await host?.stop();
  host = null;
  await rm(dataDir, { recursive: true, force: true });
});

const TEXT = {
  en: {
    title: 'Connect to your Sapa server', address: 'Server address', connect: 'Connect', signIn: 'Sign in to Sapa',
    empty: 'Type the server address.',
    httpRemote: 'The address must start with https:// (plain http:// is allowed only to this computer).',
    unreachable: 'No server answers at that address.',
    notSapa: 'Something answers at that address, but it is not a Sapa server.',
  },
  id: {
    title: 'Hubungkan ke server Sapa Anda', address: 'Alamat server', connect: 'Hubungkan', signIn: 'Masuk ke Sapa',
    empty: 'Ketik alamat server.',
    httpRemote: 'Alamat harus diawali https:// (http:// biasa hanya boleh ke komputer ini).',
    unreachable: 'Tidak ada server yang menjawab di alamat itu.',
    notSapa: 'Ada yang menjawab di alamat itu, tetapi bukan server Sapa.',
  },
} as const;

async function tryAddress(page: Page, lang: 'en' | 'id', address: string): Promise<void> {
  await page.getByRole('textbox', { name: TEXT[lang].address }).fill(address);
  await page.getByRole('button', { name: TEXT[lang].connect }).click();
}

for (const lang of ['en', 'id'] as const) {
  test.describe(`first start (${lang})`, () => {
    test.use({ locale: lang === 'en' ? 'en-GB' : 'id-ID' });

    test('bad address, unreachable address, then the real server → the sign-in screen, kept after a restart', async ({ page }) => {
      const t = TEXT[lang];
      await startHost();
      await page.goto(host!.url);
      await expect(page.getByRole('heading', { name: t.title })).toBeVisible();

      await page.getByRole('button', { name: t.connect }).click();
      await expect(page.getByRole('alert')).toHaveText(t.empty);
      await tryAddress(page, lang, 'http://sapa.example.co.id');
      await expect(page.getByRole('alert')).toHaveText(t.httpRemote);
      const closedPort = await freePort();
      await tryAddress(page, lang, `http://127.0.0.1:${closedPort}`);
      await expect(page.getByRole('alert')).toContainText(t.unreachable);
      // The browser host itself answers HTTP, but not as a Sapa server.
      await tryAddress(page, lang, host!.url);
      await expect(page.getByRole('alert')).toContainText(t.notSapa);

      await tryAddress(page, lang, serverUrl());
      await expect(page.getByRole('heading', { name: t.signIn })).toBeVisible();
      await expect(page.getByText(`Server: ${serverUrl()}`)).toBeVisible();

      await host!.stop();
      await startHost();
      await page.goto(host!.url);
      await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password, lang);
      await expect(page.getByText(lang === 'en' ? /Signed in as Sari Wulandari/ : /Masuk sebagai Sari Wulandari/)).toBeVisible();
    });
  });
}

test.describe('IT policy file', () => {
  test.use({ locale: 'en-GB' });

  test('a broken one is explained on screen with the file and the problem; a good one is used and named as set by IT', async ({ page }) => {
    const policyFile = path.join(dataDir, 'policy.json');
    await writeFile(policyFile, JSON.stringify({ serverUrls: ['http://sapa.example.co.id'] }));
    await startHost({ SAPA_POLICY_FILE: policyFile });
    await page.goto(host!.url);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The server settings from IT cannot be used');
    await expect(alert).toContainText('has a wrong value');
    await expect(alert).toContainText(policyFile);
    await expect(alert).toContainText('serverUrls.0: Refusing plain http:// to sapa.example.co.id');
    await expect(page.getByRole('textbox', { name: 'Server address' })).toHaveCount(0);

    await host!.stop();
    await writeFile(policyFile, JSON.stringify({ serverUrls: [serverUrl()] }));
    await startHost({ SAPA_POLICY_FILE: policyFile });
    await page.goto(host!.url);
    await expect(page.getByRole('heading', { name: 'Sign in to Sapa' })).toBeVisible();
    await expect(page.getByText(`Server: ${serverUrl()} · set by your IT department`)).toBeVisible();
  });
});
