// The rollups' background fold: every report's catchUp on a timer, so the on-demand catch-up
// before serving has only the last minute to fold. Idempotent; two instances take turns on
// the watermark rows' locks.
import { type Db } from '../db/db.js';
import { REPORTS } from './registry.js';

export function startReportFolds(db: Db, clock: () => Date, onError: (e: unknown) => void, everyMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      for (const def of Object.values(REPORTS)) await def.catchUp(db, clock());
    })().then(() => undefined, onError).finally(() => { running = null; });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
