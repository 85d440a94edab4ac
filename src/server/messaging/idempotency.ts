// Exactly-once sends. Every messages.send and messages.retry carries an idempotency key the
// client made up before its first attempt (see docs/security.md "E-mail"). The key of an
// accepted request is stored with the message it produced (message_requests, key = primary
// key); a repeat — the desktop timed out before the answer and tried again, failed over to
// another server URL, or the agent clicked twice — answers that message as it is now and
// does not deliver again. The key is stored in the same write transaction that creates (or
// claims) the message, so a request either left its key and its message, or neither.
import { createHash } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import { type OutboundRow } from './outbound-store.js';

export interface RequestKey {
  key: string;
  kind: 'send' | 'retry';
  userId: string;
  /** Of the request without its key: the same key with different content is refused. */
  hash: string;
}

/** sha256 of the request with keys sorted (the same request hashes the same however it was serialised). */
export function requestHash(request: object): string {
  const stable = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(stable);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, stable(v)]));
    }
    return value;
  };
  return createHash('sha256').update(JSON.stringify(stable(request))).digest('hex');
}

/** The message an earlier request with this key produced, or null for a new key. */
export async function earlierResult(db: Db, request: RequestKey): Promise<OutboundRow | null> {
  const [earlier] = await db.query<{ kind: string; user_id: string | null; request_hash: string; message_id: string }>(
    'SELECT kind, user_id, request_hash, message_id FROM message_requests WHERE idempotency_key = $1', [request.key]);
  if (!earlier) return null;
  if (earlier.kind !== request.kind || earlier.user_id !== request.userId || earlier.request_hash !== request.hash) {
    throw new SapaError('CONFLICT', 'This idempotency key was already used for a different request; make a new key for a new message', {
      idempotencyKey: request.key,
    });
  }
  const [row] = await db.query<OutboundRow>('SELECT * FROM outbound_messages WHERE id = $1', [earlier.message_id]);
  if (!row) throw new SapaError('NOT_FOUND', `Message ${earlier.message_id} was not found`);
  return row;
}

/** Inside the write transaction that created or claimed `messageId`. */
export async function rememberRequest(tx: Db, request: RequestKey, messageId: string): Promise<void> {
  await tx.query(
    'INSERT INTO message_requests (idempotency_key, kind, message_id, user_id, request_hash) VALUES ($1, $2, $3, $4, $5)',
    [request.key, request.kind, messageId, request.userId, request.hash]);
}
