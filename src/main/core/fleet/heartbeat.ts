// The desktop's heartbeat to the fleet view: one at sign-in (the registration), then one
// every 60 s while signed in, and one at once whenever the updater reports a step
// (`reportNow`, coalesced to one per `minGapMs` so a download's progress events do not
// flood the server). Sends never overlap. A failed beat is logged and simply retried at the
// next one: the fleet view is for IT, it must never hold up the agent.
//
// Time comes from injected `clock` and `timers`, so tests drive the schedule without waiting.
import { type DesktopHeartbeat } from '../../../shared/updates.js';
import { type Logger } from '../logger.js';

export const HEARTBEAT_INTERVAL_MS = 60_000;
/** The closest two beats asked for by `reportNow` may follow each other. */
export const REPORT_MIN_GAP_MS = 2_000;

export interface HeartbeatTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface HeartbeatOptions {
  /** What the desktop says about itself now. */
  collect(): DesktopHeartbeat;
  /** Sends one beat to the server (rejects on failure). */
  send(beat: DesktopHeartbeat): Promise<void>;
  logger: Logger;
  clock?: () => number;
  timers?: HeartbeatTimers;
  intervalMs?: number;
  minGapMs?: number;
}

export interface Heartbeat {
  /** Signed in: a beat at once, then every interval. Calling it again while running does nothing. */
  start(): void;
  /** Signed out or closing: no more beats (one in flight finishes). */
  stop(): void;
  /** A beat as soon as allowed (an update step); ignored while stopped. */
  reportNow(): void;
  /** Resolves when no beat is in flight. */
  idle(): Promise<void>;
}

const nodeTimers: HeartbeatTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref(); // a pending beat never keeps core alive
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createHeartbeat(o: HeartbeatOptions): Heartbeat {
  const clock = o.clock ?? Date.now;
  const timers = o.timers ?? nodeTimers;
  const intervalMs = o.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  const minGapMs = o.minGapMs ?? REPORT_MIN_GAP_MS;
  let running = false;
  let timer: unknown = null;
  let plannedAt = Infinity;
  let lastSentAt = -Infinity;
  let inFlight: Promise<void> | null = null;
  let again = false;
  let failing = false;

  function plan(at: number): void {
    if (timer !== null && plannedAt <= at) return;
    if (timer !== null) timers.clearTimeout(timer);
    plannedAt = at;
    timer = timers.setTimeout(() => {
      timer = null;
      plannedAt = Infinity;
      beat();
    }, Math.max(0, at - clock()));
  }

  async function sendOne(): Promise<void> {
    try {
      await o.send(o.collect());
      if (failing) o.logger.info('fleet heartbeat: delivered again');
      failing = false;
    } catch (error) {
      // Warn once per run of failures (an offline desktop would otherwise log every minute).
      const fields = { error: error instanceof Error ? error.message : String(error) };
      if (failing) o.logger.debug('fleet heartbeat failed; retried at the next beat', fields);
      else o.logger.warn('fleet heartbeat failed; retried at the next beat', fields);
      failing = true;
    }
  }

  function beat(): void {
    if (!running) return;
    if (inFlight) {
      again = true;
      return;
    }
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    plannedAt = Infinity;
    lastSentAt = clock();
    inFlight = sendOne().finally(() => {
      inFlight = null;
      if (!running) return;
      if (again) {
        again = false;
        plan(lastSentAt + minGapMs);
      }
      plan(lastSentAt + intervalMs);
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      beat();
    },
    stop() {
      running = false;
      again = false;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      plannedAt = Infinity;
    },
    reportNow() {
      if (!running) return;
      if (inFlight) {
        again = true;
        return;
      }
      const at = lastSentAt + minGapMs;
      if (at <= clock()) beat();
      else plan(at);
    },
    idle: () => inFlight ?? Promise.resolve(),
  };
}
