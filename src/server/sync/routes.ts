// GET /sync/pull. POST /sync/push (the outbox) arrives with the sync issue: it will parse
// PushRequest, apply each mutation in withWriteTransaction and record (clientId, id).
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PullRequest } from '../../shared/sync.js';
import { authenticate, currentUser } from '../auth/guard.js';
import { type Db } from '../db/db.js';
import { parseInput } from '../http/validate.js';
import { pullChanges } from './pull.js';

/** Query strings are text; coerce to the numbers PullRequest expects. */
const PullQuery = z.object({
  cursor: z.coerce.number(),
  limit: z.coerce.number().optional(),
  scope: z.string().max(100).optional(),
});

export function registerSyncRoutes(app: FastifyInstance, db: Db): void {
  app.get('/sync/pull', { preHandler: authenticate(db) }, async (request) => {
    const raw = parseInput(PullQuery, request.query, 'pull query');
    const req = parseInput(PullRequest, { cursor: raw.cursor, limit: raw.limit }, 'pull query');
    return pullChanges(db, req, { userId: currentUser(request).id });
  });
}
