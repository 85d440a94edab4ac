// Creating, editing, disabling and re-enabling users, and resetting a password (the Users
// admin screen). Rules an admin cannot break by mistake: nobody disables or demotes
// themselves, and the last active admin stays an active admin (the system would have
// nobody left to run it). The users row is synced reference data, so every write takes the
// sync lock (withWriteTransaction), which also makes the last-admin count race-free.
import { randomUUID } from 'node:crypto';
import { type AdminUser, type CreateUserRequest, type UserFields } from '../../../shared/admin-users.js';
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import { audit } from '../../auth/audit.js';
import { ARGON2_PARAMS, type Argon2Params, hashPassword } from '../../auth/passwords.js';
import { type SignOutEverywhere } from '../../auth/sign-out-everywhere.js';
import { type Db } from '../../db/db.js';
import { withWriteTransaction } from '../../db/write-transaction.js';
import { type SipRevoker } from '../../sip/revoker.js';
import { extensionOf, writeExtension } from '../../sip/extensions.js';
import { generatePassword } from './generate-password.js';
import { loadOrganisation, referenceProblems } from './references.js';
import { userById } from './rows.js';

export interface UserServiceDeps {
  db: Db;
  revoker: Pick<SipRevoker, 'revoke'>;
  signOutEverywhere: SignOutEverywhere;
  argon2?: Argon2Params;
  /** Waits until every server instance's session cache has dropped this user (auth/revocation-channel.ts). */
  settleSessions?: () => Promise<void>;
}

const invalid = (message: string, field: string) => new SapaError('INVALID_INPUT', message, { field });

export function userService(deps: UserServiceDeps) {
  const { db, revoker } = deps;
  const params = deps.argon2 ?? ARGON2_PARAMS;

  async function checkReferences(fields: UserFields, held?: AdminUser): Promise<void> {
    const problems = referenceProblems(await loadOrganisation(db), fields, held
      ? { branch: held.branch, queues: held.queues, skills: held.skills.map((s) => s.code) } : undefined);
    if (problems.length) {
      throw new SapaError('INVALID_INPUT', problems.map((p) => p.reason).join('; '), problems.map((p) => `${p.field}: ${p.reason}`));
    }
  }

  async function mustGet(id: string): Promise<AdminUser> {
    const user = await userById(db, id);
    if (!user) throw new SapaError('NOT_FOUND', `No user ${id}`);
    return user;
  }

  /** Refuses when `id` is the last active admin and the change would leave none. */
  async function keepAnAdmin(tx: Db, id: string): Promise<void> {
    const [row] = await tx.query<{ others: number }>(
      `SELECT count(*)::int AS others FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1`, [id]);
    if ((row?.others ?? 0) === 0) throw new SapaError('CONFLICT', 'This is the last active admin; make another admin first', { rule: 'last_admin' });
  }

  /** Writes the scope, skills and extension; answers the extensions whose credentials must be revoked. */
  async function writeFields(tx: Db, id: string, fields: UserFields, before: string | null): Promise<string[]> {
    await tx.query(
      `UPDATE users SET display_name = $2, role = $3, branch = $4, team_id = $5, queues = $6::text[], updated_at = now() WHERE id = $1`,
      [id, fields.displayName, fields.role, fields.branch, fields.teamId, [...fields.queues].sort()]);
    if (fields.chatCapacity !== undefined) await tx.query('UPDATE users SET chat_capacity = $2 WHERE id = $1', [id, fields.chatCapacity]);
    if (fields.email !== undefined) await tx.query('UPDATE users SET email = $2 WHERE id = $1', [id, fields.email]);
    await tx.query('DELETE FROM user_skills WHERE user_id = $1', [id]);
    for (const skill of fields.skills) {
      await tx.query('INSERT INTO user_skills (user_id, skill_code, level) VALUES ($1, $2, $3)', [id, skill.code, skill.level]);
    }
    if (fields.extension === before) return [];
    if (fields.extension === null) {
      await tx.query('DELETE FROM agent_extensions WHERE user_id = $1', [id]);
      return before ? [before] : [];
    }
    await writeExtension(tx, id, fields.extension);
    // The number the user leaves, and the one they get (whoever held it before): decision 0010.
    return before ? [before, fields.extension] : [fields.extension];
  }

  async function revokeMoved(extensions: string[]): Promise<void> {
    for (const extension of extensions) await revoker.revoke(extension, 'extension moved (admin)');
  }

  return {
    async create(actor: SessionUser, request: CreateUserRequest, ip: string): Promise<{ user: AdminUser; password: string }> {
      await checkReferences(request);
      const password = generatePassword(request.username);
      const passwordHash = await hashPassword(password, params);
      const id = randomUUID();
      const moved = await withWriteTransaction(db, async (tx) => {
        const created = await tx.query<{ id: string }>(
          `INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (username) DO NOTHING RETURNING id`, [id, request.username, request.displayName, request.role, passwordHash]);
        if (created.length === 0) throw new SapaError('CONFLICT', `The username ${request.username} is taken`, { field: 'username' });
        return writeFields(tx, id, request, null);
      });
      await revokeMoved(moved);
      await audit(db, 'user_created', actor.id, request.username, { role: request.role, via: 'admin screen', userId: id }, ip);
      if (request.email) await audit(db, 'user_email_set', actor.id, request.username, { userId: id, email: request.email }, ip);
      return { user: await mustGet(id), password };
    },

    async update(actor: SessionUser, id: string, fields: UserFields, ip: string): Promise<AdminUser> {
      const before = await mustGet(id);
      await checkReferences(fields, before);
      const moved = await withWriteTransaction(db, async (tx) => {
        if (before.role === 'admin' && fields.role !== 'admin') {
          if (id === actor.id) throw invalid('You cannot take the admin role from yourself', 'role');
          if (!before.disabledAt) await keepAnAdmin(tx, id);
        }
        return writeFields(tx, id, fields, await extensionOf(tx, id));
      });
      // The session check hands routes the role and name: no instance may go on with the old ones.
      if (before.role !== fields.role || before.displayName !== fields.displayName) await deps.settleSessions?.();
      await revokeMoved(moved);
      // Reports are mailed there (schedules): who changed it, and to what, is on record.
      if (fields.email !== undefined && fields.email !== before.email) {
        await audit(db, 'user_email_set', actor.id, before.username, { userId: id, email: fields.email }, ip);
      }
      return mustGet(id);
    },

    async disable(actor: SessionUser, id: string): Promise<{ user: AdminUser; revoked: number }> {
      if (id === actor.id) throw invalid('You cannot disable yourself', 'id');
      const before = await mustGet(id);
      if (!before.disabledAt) {
        await withWriteTransaction(db, async (tx) => {
          if (before.role === 'admin') await keepAnAdmin(tx, id);
          await tx.query('UPDATE users SET disabled_at = now(), updated_at = now() WHERE id = $1 AND disabled_at IS NULL', [id]);
        });
      }
      // Again for a user already disabled: a session started in a race is ended too.
      const revoked = await deps.signOutEverywhere(id, 'account_disabled');
      return { user: await mustGet(id), revoked };
    },

    async enable(id: string): Promise<AdminUser> {
      await mustGet(id);
      await withWriteTransaction(db, (tx) => tx.query('UPDATE users SET disabled_at = NULL, updated_at = now() WHERE id = $1', [id]));
      return mustGet(id);
    },

    async resetPassword(actor: SessionUser, id: string): Promise<{ password: string; revoked: number }> {
      if (id === actor.id) throw invalid('Reset your own password through another admin (this would sign you out)', 'id');
      const user = await mustGet(id);
      const password = generatePassword(user.username);
      const passwordHash = await hashPassword(password, params);
      await withWriteTransaction(db, (tx) => tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, passwordHash]));
      // Whoever knew the old password (or holds a session made with it) is out.
      const revoked = await deps.signOutEverywhere(id, 'password_reset');
      return { password, revoked };
    },
  };
}

export type UserService = ReturnType<typeof userService>;
