// The heartbeat's schedule, driven by a hand-cranked clock: a beat at sign-in, then one a
// minute; an update step reported at once but not more than one per 2 s; a failure retried
// at the next beat; nothing after sign-out; never two beats in flight.
import { describe, expect, it } from 'vitest';
import { createHeartbeat, type HeartbeatTimers } from '../../../../src/main/core/fleet/heartbeat.js';
import { type Logger } from '../../../../src/main/core/logger.js';
import { type DesktopHeartbeat } from '../../../../src/shared/updates.js';

/** A fake clock with timers: `advance(ms)` runs what falls due, in order. */
function manualTime() {
  let now = 1_000_000;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: HeartbeatTimers = {
    setTimeout: (fn, ms) => {
      const id = ++seq;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => { pending.delete(id as number); },
  };
  const settle = () => new Promise((r) => setImmediate(r));
  async function advance(ms: number) {
    const end = now + ms;
    for (;;) {
      await settle();
      const next = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      now = next[1].at;
      pending.delete(next[0]);
      next[1].fn();
    }
    now = end;
    await settle();
  }
  return { clock: () => now, timers, advance, pendingCount: () => pending.size };
}

function quietLogger() {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (msg: string) => { lines.push({ level, msg }); };
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

const beat = { installId: '0b7f3c2e-0000-4000-8000-000000000001' } as DesktopHeartbeat;

function setup(send: (b: DesktopHeartbeat) => Promise<void> = async () => {}) {
  const time = manualTime();
  const { logger, lines } = quietLogger();
  const sentAt: number[] = [];
  const hb = createHeartbeat({
    logger, clock: time.clock, timers: time.timers, collect: () => beat,
    send: async (b) => {
      sentAt.push(time.clock());
      await send(b);
    },
  });
  return { hb, time, sentAt, lines };
}

describe('fleet heartbeat schedule', () => {
  it('beats at start (the registration), then every 60 s while running', async () => {
    const { hb, time, sentAt } = setup();
    hb.start();
    await time.advance(0);
    expect(sentAt).toHaveLength(1);
    await time.advance(59_999);
    expect(sentAt).toHaveLength(1);
    await time.advance(1);
    expect(sentAt).toHaveLength(2);
    await time.advance(5 * 60_000);
    expect(sentAt).toHaveLength(7);
    expect(sentAt.slice(1).map((t, i) => t - (sentAt[i] ?? 0))).toEqual(Array(6).fill(60_000));
  });

  it('sends nothing after stop, and start again registers at once', async () => {
    const { hb, time, sentAt } = setup();
    hb.start();
    await time.advance(0);
    hb.stop();
    hb.reportNow();
    await time.advance(10 * 60_000);
    expect(sentAt).toHaveLength(1);
    expect(time.pendingCount()).toBe(0);
    hb.start();
    hb.start(); // twice: still one schedule
    await time.advance(60_000);
    expect(sentAt).toHaveLength(3);
  });

  it('reportNow sends at once, coalesces a burst to one beat per 2 s, and restarts the 60 s count', async () => {
    const { hb, time, sentAt } = setup();
    hb.start();
    await time.advance(30_000);
    hb.reportNow();
    await time.advance(0);
    expect(sentAt).toEqual([1_000_000, 1_030_000]);
    // A download's progress: twenty steps within a second give one more beat, 2 s after the last.
    for (let i = 0; i < 20; i++) {
      hb.reportNow();
      await time.advance(50);
    }
    await time.advance(2_000);
    expect(sentAt).toEqual([1_000_000, 1_030_000, 1_032_000]);
    // The next periodic beat is a full minute after the last one sent.
    await time.advance(1_092_000 - time.clock() - 1);
    expect(sentAt).toHaveLength(3);
    await time.advance(1);
    expect(sentAt.at(-1)).toBe(1_092_000);
  });

  it('a failed beat is logged once per run of failures, never thrown, and retried at the next beat', async () => {
    let fail = true;
    const { hb, time, sentAt, lines } = setup(async () => {
      if (fail) throw new Error('OFFLINE');
    });
    hb.start();
    await time.advance(3 * 60_000);
    expect(sentAt).toHaveLength(4);
    expect(lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    expect(lines.filter((l) => l.level === 'debug')).toHaveLength(3);
    fail = false;
    await time.advance(60_000);
    expect(sentAt).toHaveLength(5);
    expect(lines.at(-1)).toMatchObject({ level: 'info', msg: expect.stringContaining('delivered again') });
  });

  it('never has two beats in flight: a slow server delays the next one', async () => {
    let inFlight = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const { hb, time, sentAt } = setup(() => new Promise<void>((resolve) => {
      inFlight++;
      most = Math.max(most, inFlight);
      releases.push(() => { inFlight--; resolve(); });
    }));
    hb.start();
    await time.advance(0);
    hb.reportNow();
    await time.advance(3 * 60_000); // the first beat hangs for three minutes
    expect(sentAt).toHaveLength(1);
    releases.shift()?.();
    await time.advance(2_000); // the report asked for during the hang follows after the gap
    expect(sentAt).toHaveLength(2);
    releases.shift()?.();
    await time.advance(60_000);
    expect(sentAt).toHaveLength(3);
    expect(most).toBe(1);
  });
});
