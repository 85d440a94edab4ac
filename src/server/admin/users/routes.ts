// The Users admin screen's routes (src/shared/admin-users-routes.ts): list, options, one
// user, create, edit, disable / enable, reset password, CSV bulk create. Access
// (users.manage) and the audit entry of every change come from the route registrar.
import { BULK_MAX_BYTES } from '../../../shared/admin-users.js';
import { SapaError } from '../../../shared/errors.js';
import { type SignOutEverywhere } from '../../auth/sign-out-everywhere.js';
import { type Argon2Params } from '../../auth/passwords.js';
import { type Db } from '../../db/db.js';
import { type RegisterRoute } from '../../http/route.js';
import { type SipRevoker } from '../../sip/revoker.js';
import { bulkCreate } from './bulk-csv.js';
import { listUsers, userOptions } from './list.js';
import { userById } from './rows.js';
import { userService } from './service.js';

export interface AdminUserDeps {
  revoker: Pick<SipRevoker, 'revoke'>;
  signOutEverywhere: SignOutEverywhere;
  argon2?: Argon2Params;
  /** After a role or name change: every instance's session cache has the new one (auth/revocation-channel.ts). */
  settleSessions?: () => Promise<void>;
}

export function registerAdminUserRoutes(register: RegisterRoute, db: Db, deps: AdminUserDeps): void {
  const users = userService({ db, ...deps });
  register('adminUsers.list', async ({ query }) => listUsers(db, query));
  register('adminUsers.options', async () => userOptions(db));
  register('adminUsers.get', async ({ params: { id } }) => {
    const user = await userById(db, id);
    if (!user) throw new SapaError('NOT_FOUND', `No user ${id}`);
    return user;
  });
  register('adminUsers.create', async ({ user, body, request }) => users.create(user, body, request.ip));
  register('adminUsers.update', async ({ user, params: { id }, body, request }) => users.update(user, id, body, request.ip));
  register('adminUsers.disable', async ({ user, params: { id } }) => users.disable(user, id));
  register('adminUsers.enable', async ({ params: { id } }) => users.enable(id));
  register('adminUsers.resetPassword', async ({ user, params: { id } }) => users.resetPassword(user, id));
  // JSON escapes can make the text longer than the file: room for twice the file.
  register('adminUsers.bulkCreate', async ({ user, body, request }) => bulkCreate(db, user, body.csv, request.ip, deps.argon2),
    { bodyLimit: BULK_MAX_BYTES * 2 + 1024 });
}
