// A site whose servers are all down or cut off: its Kamailio has no SIP bridge to ask for an
// agent. A hotline call there is refused at once with 503 (the carrier can then route it to
// the other site) instead of waiting in silence until the suspended INVITE expires. A Kamailio
// of the test's own (ports 5460–5462, evapi 8449) that no server connects to, from the same
// template, beside the suite's (whose server does run the bridge).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { kamailioSh } from './support/kamailio-sh.js';
import { RTPENGINE_NG, TRUNK_IP } from './support/sip-env.js';
import { runSipp } from './support/sipp.js';

const SIP_PORT = 5460;
let dir = '';

function kamailio(command: 'start' | 'stop'): void {
  kamailioSh(command, {
    SAPA_KAMAILIO_DIR: dir, SAPA_SIP_PORT: String(SIP_PORT), SAPA_SIP_WS_PORT: String(SIP_PORT + 1), SAPA_SIP_RPC_PORT: String(SIP_PORT + 2),
    SAPA_RTPENGINE_NG: RTPENGINE_NG, SAPA_SIP_EVAPI: '127.0.0.1:8449', SAPA_SITE_CODE: 'jakarta',
  });
}

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sapa-sip-nobridge-'));
  kamailio('start');
});
test.afterAll(async () => {
  kamailio('stop');
  await rm(dir, { recursive: true, force: true });
});

test('a hotline call while no SIP bridge is connected is refused at once with 503', async () => {
  const refused = await runSipp('trunk-invite-expect.xml', '1500123', { CALLER: '6281234567890', EXPECT: '503' },
    { source: TRUNK_IP, mediaPort: 40004, proxyPort: SIP_PORT, timeoutSec: 10 });
  expect(refused.code, refused.output).toBe(0);
});
