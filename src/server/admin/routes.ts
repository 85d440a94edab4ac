// users.setScope (PUT /admin/users/:id/scope) sets a user's branch and queues, which the
// desktop's working set follows (sync/working-scope.ts). The users row is synced reference
// data, so the write goes through withWriteTransaction (versions). The queues must be
// active rows of the queues table (the Organisation screen).
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { type RegisterRoute } from '../http/route.js';
import { type SyncUserRow, toSyncUser } from '../sync/sync-rows.js';

export function registerAdminRoutes(register: RegisterRoute, db: Db): void {
  register('users.setScope', async ({ params: { id }, body }) => {
    if (new Set(body.queues).size !== body.queues.length) {
      throw new SapaError('INVALID_INPUT', 'A queue is listed twice', ['queues: a queue is listed twice']);
    }
    const known = body.queues.length === 0 ? [] : await db.query<{ code: string }>(
      'SELECT code FROM queues WHERE active AND code = ANY($1::text[])', [body.queues]);
    const unknown = body.queues.filter((q) => !known.some((k) => k.code === q));
    if (unknown.length > 0) {
      throw new SapaError('INVALID_INPUT', `Not an active queue: ${unknown.join(', ')}`, unknown.map((q) => `queues: "${q}" is not an active queue`));
    }
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
