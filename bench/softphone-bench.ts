// npm run bench:softphone — screen-pop and call set-up figures through the real stack:
// Kamailio, the agent's renderer in Chromium through the browser host (core + server on
// PGlite), and a sip.js "customer phone" page. Runs itself inside `unshare -n` (loopback
// only). Prints JSON on stdout.
//   screenPopCachedMs  INVITE reaching the renderer → profile rendered, customer in the cache
//   screenPopMissMs    the same for customers not in the cache (core asks the server)
//   callSetupMs        the agent's answer → media established (ICE + DTLS on loopback)
//   inviteToRingingMs  the caller's call() → 180 Ringing back through Kamailio (includes the
//                      caller's own offer creation, as a softphone caller would see it)
// BENCH_POP_CALLS (default 60) calls per screen-pop figure, BENCH_SETUP_CALLS (default 30).
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { chromium, expect } from '@playwright/test';
import globalSetup, { globalTeardown } from '../tests/sip/support/global-setup.js';
import { openAgentDesktop, openCustomerPhone, setExtensions } from '../tests/sip/support/desktops.js';
import { percentiles } from './stats.js';

if (!process.env.SAPA_BENCH_NETNS) {
  const result = spawnSync('unshare', ['-n', 'bash', '-c', 'ip link set lo up && exec npx tsx bench/softphone-bench.ts'], {
    stdio: 'inherit', env: { ...process.env, SAPA_BENCH_NETNS: '1' },
  });
  process.exit(result.status ?? 1);
}

const POP_CALLS = Number(process.env.BENCH_POP_CALLS ?? 60);
const SETUP_CALLS = Number(process.env.BENCH_SETUP_CALLS ?? 30);
const log = (msg: string) => process.stderr.write(`${msg}\n`);

type Probe = { phone: { call(t: string): Promise<void>; cancel(): Promise<void>; state(): string; ringMs: number[]; start(a: string, b: string, c: string): Promise<void> } };

await globalSetup();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required',
    // As the desktop's `backgroundThrottling: false`: the agent page is not the focused tab
    // here (the caller page is), and a background tab's timers and frames are throttled.
    '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
});
try {
  await setExtensions({ agent1: '1001' });
  const agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
  const page = agent.page;
  // Numbers from the synced cache; half of the customers are then dropped from the cache's
  // phone index so that their lookups go to the server.
  const cache = new Database(`${agent.dataDir}/cache.sqlite`);
  cache.pragma('busy_timeout = 5000');
  // Wait for the initial sync to fill the cache.
  const countPhones = cache.prepare('SELECT count(DISTINCT customer_id) AS n FROM customer_phones');
  for (let i = 0; i < 600 && (countPhones.get() as { n: number }).n < POP_CALLS * 2; i++) await new Promise((r) => setTimeout(r, 100));
  const rows = cache.prepare('SELECT customer_id AS id, min(e164) AS e164 FROM customer_phones GROUP BY customer_id LIMIT ?').all(POP_CALLS * 2) as { id: string; e164: string }[];
  const cached = rows.slice(0, POP_CALLS);
  const missed = rows.slice(POP_CALLS);
  const drop = cache.prepare('DELETE FROM customer_phones WHERE customer_id = ?');
  for (const r of missed) drop.run(r.id);
  cache.close();

  async function popOnce(e164: string): Promise<{ source: string; ms: number; lookupMs: number; sentMs: number }> {
    const caller = await openCustomerPhone(browser, e164.replace('+', ''));
    try {
      const before = await page.evaluate(() => window.__sapaScreenPopTimings?.length ?? 0);
      void caller.evaluate(() => (window as unknown as Probe).phone.call('1001'));
      await expect(page.getByRole('region', { name: 'Incoming call' }).getByTestId('caller-name')).toBeVisible();
      await expect.poll(() => page.evaluate(() => window.__sapaScreenPopTimings?.length ?? 0)).toBeGreaterThan(before);
      const timing = await page.evaluate(() => window.__sapaScreenPopTimings?.at(-1));
      await caller.evaluate(() => (window as unknown as Probe).phone.cancel());
      await expect(page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);
      if (!timing) throw new Error('no screen-pop timing');
      return timing;
    } finally {
      await caller.context().close();
    }
  }

  const cachedMs: number[] = [];
  const missMs: number[] = [];
  const cachedLookupMs: number[] = [];
  const cachedSentMs: number[] = [];
  const missLookupMs: number[] = [];
  const sources: Record<string, number> = {};
  for (const [i, r] of cached.entries()) {
    const t = await popOnce(r.e164);
    cachedMs.push(t.ms);
    cachedLookupMs.push(t.lookupMs);
    cachedSentMs.push(t.sentMs);
    sources[`cached:${t.source}`] = (sources[`cached:${t.source}`] ?? 0) + 1;
    if (i % 10 === 9) log(`cached pops: ${i + 1}/${cached.length}`);
  }
  for (const [i, r] of missed.entries()) {
    const t = await popOnce(r.e164);
    missMs.push(t.ms);
    missLookupMs.push(t.lookupMs);
    sources[`miss:${t.source}`] = (sources[`miss:${t.source}`] ?? 0) + 1;
    if (i % 10 === 9) log(`miss pops: ${i + 1}/${missed.length}`);
  }

  // Call set-up: answer → established, and INVITE → 180 at the caller.
  const caller = await openCustomerPhone(browser, '6281234567890');
  for (let i = 0; i < SETUP_CALLS; i++) {
    void caller.evaluate(() => (window as unknown as Probe).phone.call('1001'));
    const ringing = page.getByRole('region', { name: 'Incoming call' });
    await ringing.getByRole('button', { name: 'Answer' }).click();
    await expect.poll(() => caller.evaluate(() => (window as unknown as Probe).phone.state())).toBe('Established');
    await page.getByRole('region', { name: 'In call' }).getByRole('button', { name: 'Hang up' }).click();
    await expect(page.getByRole('region', { name: 'In call' })).toHaveCount(0);
    if (i % 10 === 9) log(`answered calls: ${i + 1}/${SETUP_CALLS}`);
  }
  const setupMs = await page.evaluate(() => window.__sapaCallSetupTimings ?? []);
  const ringMs = await caller.evaluate(() => (window as unknown as Probe).phone.ringMs);
  await caller.context().close();
  await agent.close();

  process.stdout.write(`${JSON.stringify({
    machine: { cores: (await import('node:os')).cpus().length },
    screenPopCachedMs: percentiles(cachedMs),
    screenPopMissMs: percentiles(missMs),
    // The part of the above until core's lookup answered (the rest is rendering).
    lookupCachedMs: percentiles(cachedLookupMs),
    lookupMissMs: percentiles(missLookupMs),
    // INVITE → the lookup request left the renderer (work done on onInvite before it).
    lookupSentCachedMs: percentiles(cachedSentMs),
    callSetupMs: percentiles(setupMs),
    inviteToRingingMs: percentiles(ringMs),
    popSources: sources,
  }, null, 2)}\n`);
} finally {
  await browser.close();
  await globalTeardown();
}
