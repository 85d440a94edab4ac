// How the SMTP relay URL in force is made (src/server/settings/server-settings.ts): the
// host and port an admin set, with the user and password that stay in SAPA_SMTP_URL.
import { expect, it } from 'vitest';
import { DEFAULT_MESSAGING } from '../../../src/server/messaging/config.js';
import { type SipConfig } from '../../../src/server/sip/config.js';
import { createServerSettings, settingsDefaults } from '../../../src/server/settings/server-settings.js';
import { type Db } from '../../../src/server/db/db.js';

const sip: SipConfig = { secret: null, domain: '127.0.0.1', wsUrls: ['ws://127.0.0.1:8088'], credentialTtlS: 43_200, rpcUrls: [], recordRoles: [], proxySites: {} };
const noDb = {} as Db;

it('keeps the environment credentials and swaps in the admin host and port; no host, no relay', () => {
  const messaging = { ...DEFAULT_MESSAGING, smtpUrl: 'smtp://relay-user:s3cret@mail.old.example:2525' };
  const defaults = settingsDefaults(sip, messaging);
  expect(defaults).toMatchObject({ smtpHost: 'mail.old.example', smtpPort: 2525 });
  const settings = createServerSettings(noDb, sip, messaging);
  expect(settings.smtpUrl({ ...defaults, smtpHost: 'mail.new.example', smtpPort: 587 })).toBe('smtp://relay-user:s3cret@mail.new.example:587');
  expect(settings.smtpUrl({ ...defaults, smtpHost: null })).toBeNull();
  const bare = createServerSettings(noDb, sip, DEFAULT_MESSAGING);
  expect(bare.smtpUrl({ ...settingsDefaults(sip, DEFAULT_MESSAGING), smtpHost: 'relay.example', smtpPort: 25 })).toBe('smtp://relay.example:25');
});
