// Agent extensions: set by an admin, or given the next free one (from 1001) the first time
// an agent without one asks for SIP credentials.
import { SapaError } from '../../shared/errors.js';
import { type AgentExtension } from '../../shared/softphone.js';
import { type Db } from '../db/db.js';

const FIRST_EXTENSION = 1001;
const LAST_EXTENSION = 8999;

export async function listExtensions(db: Db): Promise<AgentExtension[]> {
  const rows = await db.query<{ id: string; username: string; display_name: string; extension: string | null }>(
    `SELECT u.id, u.username, u.display_name, e.extension FROM users u
       LEFT JOIN agent_extensions e ON e.user_id = u.id ORDER BY u.username`,
  );
  return rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name, extension: r.extension }));
}

export async function setExtension(db: Db, userId: string, extension: string): Promise<AgentExtension> {
  return db.transaction(async (tx) => {
    const [user] = await tx.query<{ username: string; display_name: string }>(
      'SELECT username, display_name FROM users WHERE id = $1', [userId],
    );
    if (!user) throw new SapaError('NOT_FOUND', `User ${userId} was not found`);
    await writeExtension(tx, userId, extension);
    return { userId, username: user.username, displayName: user.display_name, extension };
  });
}

/**
 * Gives `userId` the extension inside the caller's transaction (CONFLICT when another user
 * has it). The caller revokes the credentials of the numbers that moved after the commit.
 */
export async function writeExtension(tx: Db, userId: string, extension: string): Promise<void> {
  const [taken] = await tx.query<{ user_id: string }>(
    'SELECT user_id FROM agent_extensions WHERE extension = $1 AND user_id <> $2', [extension, userId],
  );
  if (taken) {
    throw new SapaError('CONFLICT', `Extension ${extension} already belongs to another user`, { userId: taken.user_id, field: 'extension' });
  }
  await tx.query(
    `INSERT INTO agent_extensions (user_id, extension) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET extension = EXCLUDED.extension, updated_at = now()`,
    [userId, extension],
  );
}

export async function extensionOf(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.query<{ extension: string }>('SELECT extension FROM agent_extensions WHERE user_id = $1', [userId]);
  return row?.extension ?? null;
}

/** The user's extension, assigning the lowest free one when there is none yet. */
export async function ensureExtension(db: Db, userId: string): Promise<string> {
  const existing = await extensionOf(db, userId);
  if (existing) return existing;
  return db.transaction(async (tx) => {
    // Serialise auto-assignment so two first logins cannot pick the same number.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [7_041_965]);
    const [again] = await tx.query<{ extension: string }>('SELECT extension FROM agent_extensions WHERE user_id = $1', [userId]);
    if (again) return again.extension;
    const used = new Set((await tx.query<{ extension: string }>('SELECT extension FROM agent_extensions')).map((r) => r.extension));
    for (let n = FIRST_EXTENSION; n <= LAST_EXTENSION; n++) {
      const candidate = String(n);
      if (!used.has(candidate)) {
        await tx.query('INSERT INTO agent_extensions (user_id, extension) VALUES ($1, $2)', [userId, candidate]);
        return candidate;
      }
    }
    throw new SapaError('CONFLICT', 'No free extension is left');
  });
}
