// Admin API for user scope: PUT /admin/users/:id/scope sets a user's branch and queues,
// which the desktop's working set follows (sync/working-scope.ts). Admins only. The users
// row is synced reference data, so the write goes through withWriteTransaction (versions).
import { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { authenticate, requireRole } from '../auth/guard.js';
import { type Db } from '../db/db.js';
import { parseInput } from '../http/validate.js';
import { QUEUES } from '../sync/queue-policy.js';
import { type SyncUserRow, toSyncUser } from '../sync/sync-rows.js';
import { withWriteTransaction } from '../db/write-transaction.js';

const Params = z.object({ id: z.uuid() });

export const UserScopeBody = z.object({
  /** A customers.branch value (e.g. "Jakarta Pusat"), or null for no branch. */
  branch: z.string().trim().min(1).max(100).nullable(),
  queues: z.array(z.enum(QUEUES)).max(QUEUES.length)
    .refine((qs) => new Set(qs).size === qs.length, 'a queue is listed twice'),
}).strict();

export function registerAdminRoutes(app: FastifyInstance, db: Db): void {
  app.put('/admin/users/:id/scope', { preHandler: [authenticate(db), requireRole('admin')] }, async (request) => {
    const { id } = parseInput(Params, request.params, 'user id');
    const body = parseInput(UserScopeBody, request.body, 'user scope');
    const row = await withWriteTransaction(db, async (tx) => {
      const [updated] = await tx.query<SyncUserRow>(
        `UPDATE users SET branch = $2, queues = $3::text[] WHERE id = $1
         RETURNING id, username, display_name, role, branch, queues, version`,
        [id, body.branch, [...body.queues].sort()]);
      return updated;
    });
    if (!row) throw new SapaError('NOT_FOUND', `No user ${id}`);
    return { user: toSyncUser(row) };
  });
}
