// A user for a test, written straight into the users table: test users keep short,
// readable passwords ("dm-probe-pass"), which the password policy of the real ways to make
// a user (src/server/auth/create-user.ts) rightly refuses.
import { hashPassword } from '../../../src/server/auth/passwords.js';
import { type Db } from '../../../src/server/db/db.js';
import { type Role } from '../../../src/shared/domain.js';

export interface TestUser { username: string; password: string; displayName: string; role: Role }

export async function insertTestUser(tx: Db, u: TestUser): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO users (id, username, display_name, role, password_hash)
     VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
    [u.username, u.displayName, u.role, await hashPassword(u.password)],
  );
  if (!row) throw new Error(`user ${u.username} was not written`);
  return row.id;
}
