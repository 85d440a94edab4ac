// The wrap-up time limit as the panel shows it: seconds left of after-call work from the
// moment the call ended, and whether the limit has passed. A limit of 0 (or a server that
// sends none) means no limit. Pure, so it is tested without a clock.
export interface AcwClock { limited: boolean; leftSec: number; over: boolean }

export function acwClock(endedAtMs: number, limitSec: number | undefined, nowMs: number): AcwClock {
  if (!limitSec || limitSec <= 0) return { limited: false, leftSec: 0, over: false };
  const left = Math.ceil((endedAtMs + limitSec * 1000 - nowMs) / 1000);
  return { limited: true, leftSec: Math.max(0, left), over: left <= 0 };
}

/** m:ss for the countdown. */
export function formatSeconds(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
