// dataAccess.read / .save / .flags / .clearFlag (admins): who may replicate every customer,
// the hourly lookup limit, and the users the limit flagged. Setting changes are audited with
// the settings before and after; clearing a flag is audited too.
import { type LookupFlag } from '../../shared/data-access.js';
import { type Role } from '../../shared/domain.js';
import { SapaError } from '../../shared/errors.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { loadDataAccessSettings, saveDataAccessSettings } from './settings.js';

export function registerDataAccessRoutes(register: RegisterRoute, db: Db): void {
  register('dataAccess.read', async () => loadDataAccessSettings(db));

  register('dataAccess.save', async ({ body, user, request }) => db.transaction(async (tx) => {
    const before = await loadDataAccessSettings(tx);
    const after = await saveDataAccessSettings(tx, body, user.id);
    const { updatedAt: _a, updatedBy: _b, ...was } = before;
    const { updatedAt: _c, updatedBy: _d, ...now } = after;
    await audit(tx, 'data_access_changed', user.id, 'data_access_settings', { before: was, after: now }, request.ip);
    return after;
  }));

  register('dataAccess.flags', async () => {
    const rows = await db.query<{
      user_id: string; username: string; display_name: string; role: Role;
      first_flagged_at: Date; last_refused_at: Date; refusals: number; limit_per_hour: number;
    }>(
      `SELECT f.user_id, u.username, u.display_name, u.role, f.first_flagged_at, f.last_refused_at, f.refusals, f.limit_per_hour
         FROM lookup_flags f JOIN users u ON u.id = f.user_id ORDER BY f.last_refused_at DESC`);
    const flags: LookupFlag[] = rows.map((r) => ({
      userId: r.user_id, username: r.username, displayName: r.display_name, role: r.role,
      firstFlaggedAt: r.first_flagged_at.toISOString(), lastRefusedAt: r.last_refused_at.toISOString(),
      refusals: r.refusals, limitPerHour: r.limit_per_hour,
    }));
    return { flags };
  });

  register('dataAccess.clearFlag', async ({ params: { id }, user, request }) => db.transaction(async (tx) => {
    const [cleared] = await tx.query<{ refusals: number }>('DELETE FROM lookup_flags WHERE user_id = $1 RETURNING refusals', [id]);
    if (!cleared) throw new SapaError('NOT_FOUND', `User ${id} is not flagged`);
    await audit(tx, 'lookup_flag_cleared', user.id, id, { refusals: cleared.refusals }, request.ip);
    return { ok: true as const };
  }));
}
