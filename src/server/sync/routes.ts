// sync.pull, sync.push (the outbox, exactly once per client and mutation id).
import { SapaError } from '../../shared/errors.js';
import { PullRequest, type PullResponse } from '../../shared/sync.js';
import { encodeColumns } from '../../shared/sync-wire.js';
import { mayReplicateAll } from '../data-access/full-replication.js';
import { loadDataAccessSettings } from '../data-access/settings.js';
import { type Db } from '../db/db.js';
import { readDb } from '../db/read-db.js';
import { type RegisterRoute } from '../http/route.js';
import { parseInput } from '../http/validate.js';
import { type LiveHub } from '../live/live-hub.js';
import { pullChanges } from './pull.js';
import { deliverWipeOrder } from '../devices/wipe-orders.js';
import { pushMutations } from './push.js';
import { priorityRows } from './priority.js';

/** `afterApplied`: told after a push that applied something has committed (the case message dispatcher delivers at once). */
export function registerSyncRoutes(register: RegisterRoute, db: Db, live?: LiveHub, afterApplied?: () => void): void {
  register('sync.pull', async ({ query, user, request }) => {
    // A desktop ordered to wipe learns it here, at its next contact (devices/wipe-orders.ts).
    // This and the data-access setting read the primary (a revocation applies at once);
    // the pull itself may read the replica (decision 0032).
    await deliverWipeOrder(db, user, request.sessionToken ?? '', query.clientId, request.ip);
    const req = parseInput(PullRequest, { cursor: query.cursor, limit: query.limit }, 'pull query');
    if ((query.passFrom === undefined) !== (query.passHead === undefined)) {
      throw new SapaError('INVALID_INPUT', 'pull query: passFrom and passHead come together');
    }
    if (query.passFrom !== undefined && query.passFrom > req.cursor) {
      throw new SapaError('INVALID_INPUT', 'pull query: passFrom is after the cursor');
    }
    const pass = query.passFrom !== undefined && query.passHead !== undefined ? { from: query.passFrom, head: query.passHead } : undefined;
    // The working set is the rule, full replication the exception an admin grants
    // (data-access/full-replication.ts): a desktop asking for everything without it is
    // served its working set, and the answer's `scope` tells it so.
    const working = query.scope === 'working' || !mayReplicateAll(await loadDataAccessSettings(db), user, query.clientId);
    const answer: PullResponse = {
      // From the read replica when there is one (db/read-db.ts): correct at any lag.
      ...await pullChanges(readDb(db), req, { userId: user.id, working, bound: query.bound, pass }),
      scope: working ? 'working' : 'all',
    };
    // Rows unless the desktop reads columns (wire 2, shared/sync-wire.ts); compressed as it accepts.
    return query.wire === 'columns' ? encodeColumns(answer) : answer;
  }, { compress: true });

  // A first sync's own open work before its history (priority.ts); small, compressed all the same.
  register('sync.priority', async ({ user }) => priorityRows(readDb(db), user.id), { compress: true });

  register('sync.push', async ({ body, user }) => {
    const ids = new Set(body.mutations.map((m) => m.id));
    if (ids.size !== body.mutations.length) throw new SapaError('INVALID_INPUT', 'A push lists the same mutation twice');
    const results = await pushMutations(db, user, body.clientId, body.mutations);
    if (results.some((r) => r.status === 'applied')) {
      live?.pokeAfterPush();
      afterApplied?.();
    }
    return { results };
  }, { bodyLimit: 8 * 1024 * 1024 });
}
