// Integration API keys (migration 024): 32 random bytes shown once as `sapa_<prefix>_<secret>`;
// only their SHA-256 is stored (a random 256-bit key needs no slow hash: nothing to guess).
// The guard resolves the X-Sapa-Key header to the key's row and refuses a revoked key, an
// unknown key, a user's session, and a key without the route's scope.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type FastifyRequest, type preHandlerAsyncHookHandler } from 'fastify';
import { SapaError } from '../../shared/errors.js';
import { INTEGRATION_KEY_HEADER, type IntegrationKey, type IntegrationScope } from '../../shared/integrations.js';
import { type Db } from '../db/db.js';
import { iso, type Timestamp } from '../db/timestamps.js';

declare module 'fastify' {
  interface FastifyRequest {
    integrationKey?: { id: string; name: string; scopes: IntegrationScope[] };
  }
}

const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

interface KeyRow {
  id: string; name: string; prefix: string; scopes: IntegrationScope[]; created_at: Timestamp; created_by: string | null;
  revoked_at: Timestamp | null; last_used_at: Timestamp | null;
}
const KEY_COLUMNS = `k.id, k.name, k.prefix, k.scopes, k.created_at, u.username AS created_by, k.revoked_at, k.last_used_at`;

function toKey(r: KeyRow): IntegrationKey {
  return {
    id: r.id, name: r.name, prefix: r.prefix, scopes: r.scopes, createdAt: iso(r.created_at), createdBy: r.created_by,
    revokedAt: r.revoked_at === null ? null : iso(r.revoked_at), lastUsedAt: r.last_used_at === null ? null : iso(r.last_used_at),
  };
}

export async function listKeys(db: Db): Promise<IntegrationKey[]> {
  const rows = await db.query<KeyRow>(
    `SELECT ${KEY_COLUMNS} FROM integration_keys k LEFT JOIN users u ON u.id = k.created_by ORDER BY k.created_at DESC, k.id`);
  return rows.map(toKey);
}

async function readKey(db: Db, id: string): Promise<IntegrationKey | null> {
  const [row] = await db.query<KeyRow>(
    `SELECT ${KEY_COLUMNS} FROM integration_keys k LEFT JOIN users u ON u.id = k.created_by WHERE k.id = $1`, [id]);
  return row ? toKey(row) : null;
}

export async function createKey(
  db: Db, input: { name: string; scopes: IntegrationScope[] }, createdBy: string,
): Promise<{ key: string; integrationKey: IntegrationKey }> {
  const prefix = randomBytes(4).toString('hex');
  const key = `sapa_${prefix}_${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const scopes = [...new Set(input.scopes)];
  await db.query(
    'INSERT INTO integration_keys (id, name, prefix, key_hash, scopes, created_by) VALUES ($1, $2, $3, $4, $5::text[], $6)',
    [id, input.name, `sapa_${prefix}`, hashKey(key), scopes, createdBy]);
  const integrationKey = await readKey(db, id);
  if (!integrationKey) throw new SapaError('INTERNAL', 'The key just created is gone');
  return { key, integrationKey };
}

export async function revokeKey(db: Db, id: string, revokedBy: string): Promise<IntegrationKey> {
  await db.query(
    'UPDATE integration_keys SET revoked_at = now(), revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL', [id, revokedBy]);
  const key = await readKey(db, id);
  if (!key) throw new SapaError('NOT_FOUND', 'No such integration key');
  return key;
}

function presentedKey(request: FastifyRequest): string | null {
  const value = request.headers[INTEGRATION_KEY_HEADER];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** preHandler of an `integration` route needing `scope`. */
export function integrationGuard(db: Db, scope: () => IntegrationScope): preHandlerAsyncHookHandler {
  return async (request) => {
    const key = presentedKey(request);
    if (!key) {
      if (request.headers.authorization) {
        throw new SapaError('FORBIDDEN', 'The integration API takes an API key (X-Sapa-Key header), not a user session');
      }
      throw new SapaError('UNAUTHENTICATED', 'An API key is required (X-Sapa-Key header)');
    }
    const [row] = await db.query<{ id: string; name: string; scopes: IntegrationScope[]; revoked_at: Timestamp | null }>(
      'SELECT id, name, scopes, revoked_at FROM integration_keys WHERE key_hash = $1', [hashKey(key)]);
    if (!row) throw new SapaError('UNAUTHENTICATED', 'Unknown API key');
    if (row.revoked_at !== null) throw new SapaError('UNAUTHENTICATED', 'This API key was revoked', { reason: 'revoked' });
    const needed = scope();
    if (!row.scopes.includes(needed)) {
      throw new SapaError('FORBIDDEN', `This API key may not write ${needed} (its scopes: ${row.scopes.join(', ')})`, { scope: needed });
    }
    request.integrationKey = { id: row.id, name: row.name, scopes: row.scopes };
    // At most once a minute per key: a busy feed does not write this on every batch.
    await db.query(
      "UPDATE integration_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
      [row.id]);
  };
}
