// GET /sync/pull, POST /sync/push (the outbox, exactly once per client and mutation id).
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { PullRequest, PushRequest, type PushResponse } from '../../shared/sync.js';
import { authenticate, currentUser } from '../auth/guard.js';
import { type Db } from '../db/db.js';
import { parseInput } from '../http/validate.js';
import { type LiveHub } from '../live/live-hub.js';
import { pullChanges } from './pull.js';
import { pushMutations } from './push.js';

/** Query strings are text; coerce to the numbers PullRequest expects. */
const PullQuery = z.object({
  cursor: z.coerce.number(),
  limit: z.coerce.number().optional(),
  scope: z.string().max(100).optional(),
  /** The desktop's working-set limit: caps the branch and queue rules (working-scope.ts). */
  bound: z.coerce.number().int().positive().max(10_000_000).optional(),
});

export function registerSyncRoutes(app: FastifyInstance, db: Db, live?: LiveHub): void {
  app.get('/sync/pull', { preHandler: authenticate(db) }, async (request) => {
    const raw = parseInput(PullQuery, request.query, 'pull query');
    const req = parseInput(PullRequest, { cursor: raw.cursor, limit: raw.limit }, 'pull query');
    return pullChanges(db, req, { userId: currentUser(request).id, working: raw.scope === 'working', bound: raw.bound });
  });

  app.post('/sync/push', { preHandler: authenticate(db), bodyLimit: 8 * 1024 * 1024 }, async (request): Promise<PushResponse> => {
    const body = parseInput(PushRequest, request.body, 'push');
    const ids = new Set(body.mutations.map((m) => m.id));
    if (ids.size !== body.mutations.length) throw new SapaError('INVALID_INPUT', 'A push lists the same mutation twice');
    const results = await pushMutations(db, currentUser(request), body.clientId, body.mutations);
    if (results.some((r) => r.status === 'applied')) live?.pokeAll();
    return { results };
  });
}
