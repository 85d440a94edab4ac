// The router loop, one per server instance: routes when something changed (a kick on the
// bus, from any instance) and at a short interval anyway (time alone changes things: offers
// lapse, waits widen, call-backs fall due), and reconciles agents every few seconds. Runs
// are never overlapped within an instance; across instances the database keeps them apart
// (router-step.ts). A failed run is logged and the next one tries again.
import { type RouterContext } from './context.js';
import { reconcile } from './reconciler.js';
import { routeAll } from './router-step.js';

export interface RouterLoopOptions {
  routeEveryMs: number;
  reconcileEveryMs: number;
  onError: (error: unknown) => void;
}

export interface RouterLoop {
  start(): void;
  /** Route as soon as possible (coalesced). */
  kick(): void;
  stop(): Promise<void>;
}

export function routerLoop(ctx: RouterContext, o: RouterLoopOptions): RouterLoop {
  let stopped = true;
  let routing: Promise<void> | null = null;
  let again = false;
  let reconciling: Promise<void> | null = null;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | null = null;

  const route = (): void => {
    if (stopped) return;
    if (routing) { again = true; return; }
    routing = (async () => {
      do {
        again = false;
        try { await routeAll(ctx); } catch (error) { o.onError(error); }
      } while (again && !stopped);
    })().finally(() => { routing = null; });
  };
  const reconcileNow = (): void => {
    if (stopped || reconciling) return;
    reconciling = reconcile(ctx).then(() => undefined, o.onError).finally(() => { reconciling = null; });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      unsubscribe = ctx.bus.subscribe((m) => { if (m.k === 'kick') route(); });
      const r = setInterval(route, o.routeEveryMs);
      const c = setInterval(reconcileNow, o.reconcileEveryMs);
      r.unref(); c.unref();
      timers.push(r, c);
      route();
    },
    kick: route,
    async stop() {
      stopped = true;
      unsubscribe?.();
      for (const t of timers.splice(0)) clearInterval(t);
      await Promise.allSettled([routing, reconciling]);
    },
  };
}
