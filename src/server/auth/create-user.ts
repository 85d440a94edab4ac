// The one way to create a user with a password: the password policy
// (src/shared/password-policy.ts) is checked first, a taken username is refused, and the
// creation is audited. Used by the create-admin command; demo users are the only ones
// made elsewhere (seed/users.ts, demo databases only).
import { randomUUID } from 'node:crypto';
import { type Role } from '../../shared/domain.js';
import { SapaError } from '../../shared/errors.js';
import { passwordProblems, PASSWORD_MIN_LENGTH } from '../../shared/password-policy.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { audit } from './audit.js';
import { ARGON2_PARAMS, type Argon2Params, hashPassword } from './passwords.js';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** WEAK_PASSWORD listing every problem (the screen or command names each one). */
export function assertPasswordAllowed(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0) {
    throw new SapaError('WEAK_PASSWORD', `The password is not allowed: ${problems.join(', ')}`, {
      problems, minLength: PASSWORD_MIN_LENGTH,
    });
  }
}

export async function createUser(
  db: Db, user: NewUser, actor: { id: string | null; via: string }, params: Argon2Params = ARGON2_PARAMS,
): Promise<string> {
  const username = user.username.trim();
  if (!USERNAME_PATTERN.test(username)) {
    throw new SapaError('INVALID_INPUT', 'A username is 2–64 lower-case letters, digits, dots, dashes or underscores', {
      field: 'username',
    });
  }
  const displayName = user.displayName.trim();
  if (displayName.length === 0 || displayName.length > 200) {
    throw new SapaError('INVALID_INPUT', 'A display name is 1–200 characters', { field: 'displayName' });
  }
  assertPasswordAllowed(user.password, username);
  const passwordHash = await hashPassword(user.password, params);
  const id = randomUUID();
  const created = await withWriteTransaction(db, (tx) => tx.query<{ id: string }>(
    `INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (username) DO NOTHING RETURNING id`,
    [id, username, displayName, user.role, passwordHash]));
  if (created.length === 0) throw new SapaError('CONFLICT', `The username ${username} is taken`, { field: 'username' });
  await audit(db, 'user_created', actor.id, username, { role: user.role, via: actor.via });
  return id;
}
