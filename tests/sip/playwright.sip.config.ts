import { defineConfig } from '@playwright/test';

// SIP media tests: run by scripts/test-sip.sh inside `unshare -n` (only loopback), so
// every SIP and RTP packet stays on lo. Flags: ARCHITECTURE.md "Verified on these machines".
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './support/global-setup.ts',
  globalTeardown: './support/global-teardown.ts',
  timeout: 150_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  outputDir: '../../test-results/sip-artifacts',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
        '--allow-loopback-in-peer-connection', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required',
      ],
    },
    permissions: ['microphone'],
    locale: 'en-GB',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
