// An agent searches "tagihan", builds an e-mail to a Platinum customer
// from library paragraphs, is refused while a prompted blank is empty, and after filling it
// the mail arrives at a real SMTP server with exactly the previewed text; the timeline shows it.
// This spec runs its own server process (same database as the suite) pointed at its own
// SMTP server on loopback, and its own desktop pointed at that server.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { freePort, startProcess, type Running } from './support/processes.js';
import { DEMO, LoginPage, SingleScreen } from './support/pages.js';
import { serverLogin } from './support/server-api.js';
import { startMailSink, type MailSink } from '../support/replies-mail-sink.js';
import { desktopKeyEnv } from '../support/desktop-key.js';

const test = base.extend<{ mailDesktop: { url: string; sink: MailSink } }>({
  mailDesktop: async ({}, use) => {
    const databaseUrl = process.env.SAPA_E2E_DATABASE_URL;
    if (!databaseUrl) throw new Error('the e2e global setup did not create a database');
    const sink = await startMailSink();
    const serverPort = await freePort();
    const running: Running[] = [];
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sapa-e2e-replies-'));
    try {
      running.push(await startProcess('src/server/main.ts', {
        DATABASE_URL: databaseUrl, PORT: String(serverPort), HOST: '127.0.0.1',
        SAPA_SMTP_URL: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true`, SAPA_AUTO_ACK: '0',
      }, `http://127.0.0.1:${serverPort}/api/v1/health`, 'mail server'));
      const hostPort = await freePort();
      running.push(await startProcess('src/main/host/cli.ts', {
        SAPA_SERVER_URLS: `http://127.0.0.1:${serverPort}`, SAPA_DESKTOP_DATA_DIR: dataDir, ...desktopKeyEnv(dataDir), SAPA_HOST_PORT: String(hostPort),
      }, `http://127.0.0.1:${hostPort}/`, 'browser host'));
      await use({ url: running[1]!.url, sink });
    } finally {
      for (const r of running.reverse()) await r.stop();
      await sink.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

test('tagihan: search, insert, blank refused then filled, mail arrives with exactly the preview, timeline shows it', async ({ page, mailDesktop }) => {
  await page.goto(mailDesktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const screen = new SingleScreen(page);
  await screen.openCustomer('0812 3456 7890', DEMO.customer.name);
  await expect(screen.profile()).toContainText('Platinum');

  const composer = page.getByRole('region', { name: 'Reply composer' });
  const search = composer.getByRole('combobox', { name: 'Search reply paragraphs' });
  const results = composer.getByRole('listbox', { name: 'Reply paragraphs found' });

  // Billing paragraphs are found by "tagihan" (the library reaches the desktop by sync).
  await search.fill('tagihan');
  await expect(results.getByRole('option', { name: 'Rincian tagihan bulan ini' })).toBeVisible();
  await expect(results.getByRole('option', { name: 'Cara membayar tagihan' })).toBeVisible();

  // Two paragraphs by keyboard and by shortcut, and the billing one with its blanks.
  await search.fill('salam prioritas');
  await expect(results.getByRole('option').first()).toHaveAccessibleName('Salam pembuka pelanggan prioritas');
  await search.press('Enter');
  await search.fill('tagihan bulan');
  await results.getByRole('option', { name: 'Rincian tagihan bulan ini' }).click();
  await search.fill('/penutup-prioritas');
  await expect(results.getByRole('option', { name: 'Penutup pelanggan prioritas' })).toBeVisible();
  await search.press('Enter');

  const preview = composer.getByTestId('composer-preview');
  await expect(preview).toContainText('Yth. Bapak Budi Santoso,');
  await expect(preview).toContainText('Sebagai pelanggan Platinum');
  await expect(preview).toContainText('Sari Wulandari');
  await composer.getByRole('textbox', { name: 'Subject' }).fill('Tagihan November');

  // The blank is empty: sending is refused, nothing leaves.
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.getByRole('alert')).toContainText('Not sent');
  await expect(composer.getByRole('list', { name: 'Before sending' })).toContainText('Fill in “jumlah”');
  expect(mailDesktop.sink.mails).toHaveLength(0);

  await composer.getByRole('textbox', { name: 'jumlah', exact: true }).fill('350.000');
  await composer.getByRole('textbox', { name: 'jatuh_tempo', exact: true }).fill('30 November 2026');
  await expect(composer.getByRole('list', { name: 'Before sending' })).toHaveCount(0);
  const previewed = await preview.innerText();
  expect(previewed).toContain('Rp 350.000 dengan jatuh tempo 30 November 2026');

  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.getByRole('status').filter({ hasText: 'Sent' })).toBeVisible();
  const mail = await mailDesktop.sink.waitFor(1);
  expect(mail.text?.replace(/\n$/, '')).toBe(previewed.replace(/\n$/, ''));
  expect(mail.subject).toBe('Tagihan November');
  expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toContain('budi.santoso@example.co.id');

  // The timeline shows the sent e-mail at the top.
  await expect(screen.entries().first()).toContainText('Tagihan November');
});

test('a paragraph retired by a lead while the agent composes with it blocks the send', async ({ page, mailDesktop }) => {
  const api = async (path: string, token: string, body: unknown) => {
    const res = await fetch(`${process.env.SAPA_E2E_SERVER_URL}/api/v1${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const lead = await serverLogin('lead1', 'lead1-pass');
  const paragraph = await api('/replies/paragraphs', lead, {
    title: 'Promo akhir tahun', shortcut: 'promo-akhir-tahun', category: 'sales', channels: ['email'], language: 'id',
    body: 'Nikmati promo akhir tahun untuk pelanggan {{customer.tier}}.', approve: true,
  });

  await page.goto(mailDesktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  const screen = new SingleScreen(page);
  await screen.openCustomer('0812 3456 7890', DEMO.customer.name);
  const composer = page.getByRole('region', { name: 'Reply composer' });
  const search = composer.getByRole('combobox', { name: 'Search reply paragraphs' });
  await search.fill('/promo-akhir');
  await composer.getByRole('listbox', { name: 'Reply paragraphs found' }).getByRole('option', { name: 'Promo akhir tahun' }).click();
  await expect(composer.getByTestId('composer-preview')).toContainText('pelanggan Platinum');

  await api(`/replies/paragraphs/${paragraph.id}/retire`, lead, {});
  // The retirement reaches the desktop by sync; the composer notices and blocks sending.
  await expect(composer.getByRole('list', { name: 'Before sending' })).toContainText('retired', { timeout: 30_000 });
  await composer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(composer.getByRole('alert')).toContainText('Not sent');
  expect(mailDesktop.sink.mails).toHaveLength(0);
  // And it is no longer offered.
  await search.fill('/promo-akhir');
  await expect(composer.getByRole('listbox', { name: 'Reply paragraphs found' }).getByRole('option', { name: 'Promo akhir tahun' })).toHaveCount(0);
});
