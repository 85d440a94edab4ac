// Core with the real server (PGlite) and a real SMTP server on loopback: the library arrives
// by the pull and is searched offline in the cache; sending goes through the server and the
// sent e-mail is in the cached timeline when the call returns.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { startServer, type RunningServer } from '../../../src/server/app.js';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { BUDI } from '../../../src/server/seed/budi.js';
import { startMailSink, type MailSink } from '../../support/replies-mail-sink.js';

let serverDir: string;
let coreDir: string;
let server: RunningServer;
let sink: MailSink;
let core: Core;

beforeAll(async () => {
  sink = await startMailSink();
  serverDir = await mkdtemp(join(tmpdir(), 'sapa-replies-server-'));
  coreDir = await mkdtemp(join(tmpdir(), 'sapa-replies-core-'));
  server = await startServer({
    dataDir: serverDir, seedDemo: { customers: 5, interactionsMean: 1 },
    messaging: { ...DEFAULT_MESSAGING, smtpUrl: `smtp://127.0.0.1:${sink.port}?ignoreTLS=true` },
  });
  core = createCore({
    dataDir: coreDir, serverUrls: [server.url], appVersion: 'test', host: 'browser', systemLocale: 'id-ID', syncIntervalSeconds: 3600,
  });
  await core.call('auth.login', { username: 'agent1', password: 'agent1-pass' });
  await core.call('sync.now', {});
});

afterAll(async () => {
  await core?.close();
  await server?.close();
  await sink?.close();
  await rm(serverDir, { recursive: true, force: true });
  await rm(coreDir, { recursive: true, force: true });
});

it('searches the replicated library in the cache, with context', async () => {
  const { results } = await core.call('replies.search', { query: 'tagihan', channel: 'email', language: 'id', tier: 'platinum' });
  expect(results.map((p) => p.title)).toContain('Rincian tagihan bulan ini');
  const sms = await core.call('replies.search', { query: 'penutup', channel: 'sms' });
  expect(sms.results.map((p) => p.shortcut)).toEqual(['penutup-sms']);
  await expect(core.call('replies.search', { query: 'x'.repeat(201) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
});

it('sends through the server; the mail arrives and the cached timeline has it', async () => {
  const text = 'Yth. Bapak Budi Santoso,\n\nTerima kasih.';
  const sent = await core.call('messages.send', {
    customerId: BUDI.id, channel: 'email', to: BUDI.email, template: 'Yth. {{customer.salutation}} {{customer.name}},\n\nTerima kasih.',
    previewText: text, subject: 'Terima kasih', idempotencyKey: randomUUID(),
  });
  expect(sent.status).toBe('sent');
  expect((await sink.waitFor(1)).text?.trim()).toBe(text);
  const history = await core.call('customers.history', { customerId: BUDI.id, limit: 1 });
  expect(history.items[0]).toMatchObject({ id: sent.interactionId, body: text, disposition: 'sent' });
  const { outbound } = await core.call('messages.forCustomer', { customerId: BUDI.id });
  expect(outbound[0]?.id).toBe(sent.id);
});

it('checks spelling offline in both languages', async () => {
  const id = await core.call('replies.spellcheck', { text: 'Tagihan Anda sudah kami terimma.', language: 'id' });
  expect(id.issues.map((i) => i.word)).toEqual(['terimma']);
  const en = await core.call('replies.spellcheck', { text: 'We recieved it.', language: 'en' });
  expect(en.issues.map((i) => i.word)).toEqual(['recieved']);
});

it('refuses a lead-only action for an agent with FORBIDDEN from the server', async () => {
  await expect(core.call('replies.save', {
    title: 'X', shortcut: 'x', category: 'billing', channels: ['email'], language: 'id', body: 'X',
  })).rejects.toMatchObject({ code: 'FORBIDDEN' });
});
