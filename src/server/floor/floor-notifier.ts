// "The floor changed" for the leads' desktops. Choice: a debounced poke + refetch, not a
// delta. The snapshot is scoped per lead (their teams) and its figures come from the log,
// so a delta would have to redo that scoping and those formulas per message; a poke
// carries nothing to get wrong, a lost one is healed by the desktop's slow poll, and a burst
// of changes (a peak minute) costs each lead one read per window instead of one per change.
//
// Sources: every contact-center bus message (an agent's state, an offer, its end, a kick —
// from any instance, NOTIFY sapa_cc), and a check of the log's newest id every second for
// the changes that publish nothing (a call queued behind busy agents, a waiting caller
// hanging up). A change is sent at most DEBOUNCE_MS after it is heard, then at most once
// per DEBOUNCE_MS: well inside the floor's 2 s budget and the bench's p95 ≤ 1 s target.
import { type FloorPush } from '../../shared/floor.js';
import { type CcBus } from '../contact-center/bus.js';
import { type Db } from '../db/db.js';
import { type LiveHub } from '../live/live-hub.js';

export const FLOOR_DEBOUNCE_MS = 250;
const LOG_CHECK_MS = 1_000;

export interface FloorNotifier {
  /** Something on the floor changed (tests and callers outside the bus). */
  changed(): void;
  close(): void;
}

export function createFloorNotifier(o: {
  db: Db; bus: CcBus; live: Pick<LiveHub, 'connectedUserIds' | 'sendToUser'>; clock: () => Date;
  debounceMs?: number; logCheckMs?: number; onError?: (error: unknown) => void;
}): FloorNotifier {
  const debounceMs = o.debounceMs ?? FLOOR_DEBOUNCE_MS;
  const onError = o.onError ?? (() => undefined);
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let lastEventId: string | null = null;

  async function flush(): Promise<void> {
    timer = null;
    const connected = o.live.connectedUserIds();
    if (connected.length === 0) return;
    // Only leads and admins hear it (the role is read each time: a demoted lead stops at once).
    const leads = await o.db.query<{ id: string }>(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND role IN ('lead', 'admin') AND disabled_at IS NULL`, [connected]);
    const message: FloorPush = { type: 'floor_changed', at: o.clock().toISOString() };
    for (const { id } of leads) o.live.sendToUser(id, message);
  }

  function changed(): void {
    if (timer || closed) return;
    timer = setTimeout(() => void flush().catch(onError), debounceMs);
    timer.unref();
  }

  const unsubscribe = o.bus.subscribe((m) => { if (m.k === 'push' || m.k === 'kick') changed(); });
  const check = setInterval(() => {
    void o.db.query<{ id: string | null }>('SELECT max(id)::text AS id FROM cc_events').then(([row]) => {
      const id = row?.id ?? null;
      if (lastEventId !== null && id !== lastEventId) changed();
      lastEventId = id;
    }, onError);
  }, o.logCheckMs ?? LOG_CHECK_MS);
  check.unref();

  return {
    changed,
    close() {
      closed = true;
      unsubscribe();
      clearInterval(check);
      if (timer) clearTimeout(timer);
    },
  };
}
