// The update state machine in core, driven through a fake UpdaterPort: what the fleet view
// would see at each step, when the notice is offered, when core installs by itself, and
// what the next start reports.
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LATER_MS, START_INSTALL_WINDOW_MS, createUpdatesController, type UpdatesControllerOptions,
} from '../../../../src/main/core/updates/controller.js';
import { PENDING_INSTALL_FILE } from '../../../../src/main/core/updates/pending-install.js';
import { type UpdaterPort, type UpdaterPortEvent } from '../../../../src/main/core/updates/port.js';
import { MANDATORY_MAX_WAIT_MS } from '../../../../src/main/core/updates/safe-to-install.js';
import { firstCheckDelay, nextCheckDelay } from '../../../../src/main/core/updates/schedule.js';
import { type UpdateActivity, type UpdatesStatus } from '../../../../src/shared/updates-api.js';
import { createLogger } from '../../../../src/main/core/logger.js';

const FEED = 'http://127.0.0.1:4010/api/v1/updates/feed/0b4f0b8e-1111-4c4c-9d9d-000000000001/';
const quiet: UpdateActivity = { call: 'none', keystrokeAgoMs: null, unsavedDraft: false, importing: false };

function fakePort() {
  const listeners = new Set<(e: UpdaterPortEvent) => void>();
  const port = {
    checks: [] as string[], downloads: 0, installs: 0, installOnQuit: null as boolean | null,
    check: async (url: string) => { port.checks.push(url); },
    download: async () => { port.downloads += 1; },
    install: () => { port.installs += 1; },
    setInstallOnQuit: (allowed: boolean) => { port.installOnQuit = allowed; },
    onEvent: (listener: (e: UpdaterPortEvent) => void) => { listeners.add(listener); return () => listeners.delete(listener); },
    emit: (e: UpdaterPortEvent) => { for (const l of listeners) l(e); },
  };
  return port satisfies UpdaterPort;
}

let dir: string;
let now: number;
let outbox: number;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-updates-'));
  now = Date.parse('2026-12-02T09:00:00Z');
  outbox = 0;
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

function controller(port: ReturnType<typeof fakePort> | null, overrides: Partial<UpdatesControllerOptions> = {}) {
  const seen: UpdatesStatus[] = [];
  const c = createUpdatesController({
    port, appVersion: '1.4.0', dataDir: dir, feedUrl: () => FEED, outboxPending: () => outbox, importing: () => false,
    logger: createLogger('test', 'error'), onChange: (s) => seen.push(s), clock: () => now, random: () => 0.5,
    ...overrides,
  });
  c.start();
  return { c, seen, phases: () => seen.map((s) => s.state?.phase) };
}

/** Drives a check that offers `version` through to downloaded. */
async function offerAndDownload(c: ReturnType<typeof controller>['c'], port: ReturnType<typeof fakePort>, version = '1.5.0', mandatoryAfter: string | null = null) {
  await c.checkNow();
  port.emit({ type: 'checking' });
  port.emit({ type: 'available', update: { version, mandatoryAfter } });
  port.emit({ type: 'progress', percent: 42.4 });
  port.emit({ type: 'downloaded', update: { version, mandatoryAfter }, source: 'mirror.cabang-medan.local:8080' });
}

describe('the update controller', () => {
  it('goes checking → available → downloading % → downloaded and offers the notice at a quiet moment', async () => {
    const port = fakePort();
    const { c, seen, phases } = controller(port);
    c.reportActivity(quiet);
    await offerAndDownload(c, port);
    expect(port.checks).toEqual([FEED]);
    expect(port.downloads).toBe(1);
    expect(phases()).toEqual(['checking', 'available', 'downloading', 'downloaded']);
    expect(seen.find((s) => s.state?.phase === 'downloading')?.state).toMatchObject({ percent: 42, version: '1.5.0' });
    expect(c.status()).toMatchObject({
      currentVersion: '1.4.0', enabled: true, prompt: { version: '1.5.0', mandatoryAfter: null },
      state: { phase: 'downloaded', version: '1.5.0', source: 'mirror.cabang-medan.local:8080' },
    });
    expect(port.installs).toBe(0);
    expect(port.installOnQuit).toBe(true);
  });

  it('defers during a call (no notice), and offers it when the call and its wrap-up are over', async () => {
    const port = fakePort();
    const { c } = controller(port);
    c.reportActivity({ ...quiet, call: 'talking' });
    await offerAndDownload(c, port);
    expect(c.status().prompt).toBeNull();
    expect(c.state()).toMatchObject({ phase: 'deferred', waitingFor: ['call'] });
    c.reportActivity({ ...quiet, call: 'wrap-up' });
    expect(c.status().prompt).toBeNull();
    c.reportActivity(quiet);
    expect(c.status().prompt?.version).toBe('1.5.0');
    expect(port.installs).toBe(0);
  });

  it('defers while the outbox has unsent entries and does not let quitting install them away', async () => {
    const port = fakePort();
    const { c } = controller(port);
    outbox = 2;
    await offerAndDownload(c, port);
    expect(c.state()).toMatchObject({ phase: 'deferred', waitingFor: ['outbox'] });
    expect(port.installOnQuit).toBe(false);
    outbox = 0;
    c.outboxChanged();
    expect(c.status().prompt?.version).toBe('1.5.0');
    expect(port.installOnQuit).toBe(true);
  });

  it('"restart now" installs and the next start reports installed with the new version', async () => {
    const port = fakePort();
    const { c } = controller(port);
    c.reportActivity(quiet);
    await offerAndDownload(c, port);
    expect(c.restartNow()).toEqual({ ok: true });
    expect(port.installs).toBe(1);
    expect(c.state()).toMatchObject({ phase: 'installing', version: '1.5.0' });
    c.stop();

    const after = controller(fakePort(), { appVersion: '1.5.0' });
    expect(after.c.state()).toMatchObject({ phase: 'installed', version: '1.5.0', source: 'mirror.cabang-medan.local:8080' });
    expect(existsSync(join(dir, PENDING_INSTALL_FILE))).toBe(false);
    after.c.stop();
  });

  it('reports failed at the next start when the app still runs the old version', async () => {
    const port = fakePort();
    const { c } = controller(port);
    c.reportActivity(quiet);
    await offerAndDownload(c, port);
    c.restartNow();
    c.stop();
    const after = controller(fakePort(), { appVersion: '1.4.0' });
    expect(after.c.state()).toMatchObject({ phase: 'failed', version: '1.5.0' });
    expect(after.c.state()?.error).toContain('still runs 1.4.0');
    after.c.stop();
  });

  it('reports installed at the next start when a waiting update was installed as the app quit', async () => {
    const port = fakePort();
    const { c } = controller(port);
    c.reportActivity(quiet);
    await offerAndDownload(c, port);
    expect(port.installOnQuit).toBe(true);
    c.stop();
    const after = controller(fakePort(), { appVersion: '1.5.0' });
    expect(after.c.state()).toMatchObject({ phase: 'installed', version: '1.5.0' });
    after.c.stop();
    // And only once: the start after that has nothing to report.
    const third = controller(fakePort(), { appVersion: '1.5.0' });
    expect(third.c.state()).toBeNull();
    third.c.stop();
  });

  it('refuses "restart now" during a call, with the reason', async () => {
    const port = fakePort();
    const { c } = controller(port);
    c.reportActivity(quiet);
    await offerAndDownload(c, port);
    c.reportActivity({ ...quiet, call: 'ringing' });
    expect(c.restartNow()).toEqual({ ok: false, reasons: ['call'] });
    expect(port.installs).toBe(0);
  });

  it('"later" hides the notice for LATER_MS', async () => {
    const port = fakePort();
    const { c } = controller(port);
    c.reportActivity(quiet);
    await offerAndDownload(c, port);
    c.later();
    expect(c.status().prompt).toBeNull();
    expect(c.state()).toMatchObject({ phase: 'deferred', waitingFor: ['postponed'] });
    now += LATER_MS;
    c.outboxChanged();
    expect(c.status().prompt?.version).toBe('1.5.0');
  });

  it('installs a mandatory update past its deadline without asking, even after "later", but never during a call', async () => {
    const port = fakePort();
    const deadline = new Date(now + 60_000).toISOString();
    const { c } = controller(port);
    c.reportActivity(quiet);
    await offerAndDownload(c, port, '1.4.1', deadline);
    expect(c.status().prompt).toEqual({ version: '1.4.1', mandatoryAfter: deadline });
    expect(c.state()?.mandatoryAfter).toBe(deadline);
    c.later();
    c.reportActivity({ ...quiet, call: 'talking' });
    now += 120_000;
    c.outboxChanged();
    expect(port.installs).toBe(0);
    expect(c.state()).toMatchObject({ phase: 'deferred', waitingFor: ['call'] });
    c.reportActivity(quiet);
    expect(port.installs).toBe(1);
    expect(c.state()).toMatchObject({ phase: 'installing', version: '1.4.1' });
  });

  it('waits for a mandatory update\'s outbox at most MANDATORY_MAX_WAIT_MS', async () => {
    const port = fakePort();
    const deadline = now;
    const { c } = controller(port);
    outbox = 1;
    c.reportActivity(quiet);
    await offerAndDownload(c, port, '1.4.1', new Date(deadline).toISOString());
    expect(port.installs).toBe(0);
    now = deadline + MANDATORY_MAX_WAIT_MS;
    c.outboxChanged();
    expect(port.installs).toBe(1);
  });

  it('a failed download is reported with its error', async () => {
    const port = fakePort();
    const { c } = controller(port);
    await c.checkNow();
    port.emit({ type: 'available', update: { version: '1.5.0', mandatoryAfter: null } });
    port.emit({ type: 'error', message: 'sha512 checksum mismatch, expected abc, got def' });
    expect(c.state()).toMatchObject({ phase: 'failed', version: '1.5.0', error: 'sha512 checksum mismatch, expected abc, got def' });
  });

  it('drops a waiting update the feed no longer offers (paused or rolled back)', async () => {
    const port = fakePort();
    const { c } = controller(port);
    c.reportActivity({ ...quiet, call: 'talking' });
    await offerAndDownload(c, port);
    await c.checkNow();
    port.emit({ type: 'checking' });
    expect(c.state()?.phase).toBe('deferred');
    port.emit({ type: 'not-available', version: '1.4.0' });
    expect(c.state()).toMatchObject({ phase: 'not-available', version: '1.4.0' });
    expect(port.installOnQuit).toBe(false);
    c.reportActivity(quiet);
    expect(c.status().prompt).toBeNull();
  });

  it('installs at the next start an update the agent put off, at the first quiet moment', async () => {
    const port = fakePort();
    const first = controller(port);
    first.c.reportActivity(quiet);
    await offerAndDownload(first.c, port);
    first.c.later();
    first.c.stop();

    const port2 = fakePort();
    const second = controller(port2);
    second.c.reportActivity(quiet);
    await offerAndDownload(second.c, port2);
    expect(port2.installs).toBe(1);
    expect(second.c.status().prompt).toBeNull();
  });

  it('asks instead once the start window is over', async () => {
    const port = fakePort();
    const first = controller(port);
    first.c.reportActivity({ ...quiet, call: 'talking' });
    await offerAndDownload(first.c, port);
    first.c.stop();

    const port2 = fakePort();
    const second = controller(port2);
    second.c.reportActivity({ ...quiet, call: 'talking' });
    await offerAndDownload(second.c, port2);
    now += START_INSTALL_WINDOW_MS;
    second.c.reportActivity(quiet);
    expect(port2.installs).toBe(0);
    expect(second.c.status().prompt?.version).toBe('1.5.0');
  });

  it('without a port it is disabled and never checks', async () => {
    const { c } = controller(null);
    await c.checkNow();
    expect(c.status()).toMatchObject({ enabled: false, state: null, prompt: null });
  });

  it('checks first after a jittered delay, then about every interval', async () => {
    vi.useFakeTimers();
    const port = fakePort();
    const { c } = controller(port, { checkIntervalMs: 4 * 3_600_000, firstCheckWindowMs: 300_000 });
    const first = firstCheckDelay(0.5, 300_000);
    await vi.advanceTimersByTimeAsync(first - 1);
    expect(port.checks).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(port.checks).toHaveLength(1);
    port.emit({ type: 'not-available', version: '1.4.0' });
    await vi.advanceTimersByTimeAsync(nextCheckDelay(0.5, 4 * 3_600_000));
    expect(port.checks).toHaveLength(2);
    c.stop();
  });
});

describe('the check schedule', () => {
  it('spreads first checks over 10 s … 5 min 10 s and later ones over ±10 % of the interval', () => {
    expect(firstCheckDelay(0)).toBe(10_000);
    expect(firstCheckDelay(0.999999)).toBeCloseTo(310_000, -1);
    expect(nextCheckDelay(0)).toBe(0.9 * 4 * 3_600_000);
    expect(nextCheckDelay(0.999999)).toBeCloseTo(1.1 * 4 * 3_600_000, -2);
  });
});
