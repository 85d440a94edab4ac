// The contact-center router of one server instance, wired: its context (database, clock,
// bus), the ports other parts use (CallRouterPort for the SIP bridge, TaskIntakePort for
// the e-mail and call-back sources), the loop, and where pushes for desktops go.
import { type ContactCenterPush } from '../../shared/contact-center.js';
import { type Db } from '../db/db.js';
import { localBus, postgresBus, type CcBus } from './bus.js';
import { type CallRouterPort } from './call-router-port.js';
import { callRouter } from './call-router.js';
import { type RouterContext } from './context.js';
import { taskIntake } from './intake.js';
import { routerLoop, type RouterLoop } from './router-loop.js';
import { type TaskIntakePort } from './task-intake-port.js';

export interface ContactCenterOptions {
  db: Db;
  /** PostgreSQL: pushes and kicks reach every instance over NOTIFY. Absent (PGlite): this process only. */
  databaseUrl?: string;
  clock?: () => Date;
  /** No presence for this long → offline (default 8 s: the "available again within 10 s" budget). */
  presenceTimeoutSec?: number;
  routeEveryMs?: number;
  reconcileEveryMs?: number;
  onError?: (error: unknown) => void;
}

export interface ContactCenter {
  ctx: RouterContext;
  calls: CallRouterPort;
  intake: TaskIntakePort;
  loop: RouterLoop;
  /** Pushes for desktops (offers, state): the live hub sends each to the agent's sockets. */
  onPush(listener: (userId: string, push: ContactCenterPush) => void): () => void;
  close(): Promise<void>;
}

export const DEFAULT_PRESENCE_TIMEOUT_SEC = 8;

export function createContactCenter(o: ContactCenterOptions): ContactCenter {
  const onError = o.onError ?? (() => undefined);
  const bus: CcBus = o.databaseUrl && o.db.engine === 'postgres' ? postgresBus(o.databaseUrl, onError) : localBus();
  const ctx: RouterContext = {
    db: o.db, bus, clock: o.clock ?? (() => new Date()), presenceTimeoutSec: o.presenceTimeoutSec ?? DEFAULT_PRESENCE_TIMEOUT_SEC,
  };
  const loop = routerLoop(ctx, { routeEveryMs: o.routeEveryMs ?? 1_000, reconcileEveryMs: o.reconcileEveryMs ?? 2_000, onError });
  return {
    ctx,
    calls: callRouter(ctx),
    intake: taskIntake(ctx),
    loop,
    onPush(listener) {
      return bus.subscribe((m) => { if (m.k === 'push') listener(m.userId, m.push); });
    },
    async close() {
      await loop.stop();
      await bus.close();
    },
  };
}
