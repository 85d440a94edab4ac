// Who may answer an inbound e-mail. An agent takes it (accepting its e-mail task, or opening
// it to reply): one conditional UPDATE, so of two agents taking it at once exactly one
// succeeds — on any number of server instances. A taken mail is answered by its owner only.
import { SapaError } from '../../shared/errors.js';
import { type InboundMessage } from '../../shared/replies/messages.js';
import { type Db } from '../db/db.js';
import { toInbound, type InboundRow } from './inbound.js';

export async function takeInbound(db: Db, id: string, userId: string): Promise<InboundMessage> {
  const [row] = await db.query<InboundRow>(
    `UPDATE inbound_messages SET owner_id = $2, owned_at = COALESCE(owned_at, now())
     WHERE id = $1 AND (owner_id IS NULL OR owner_id = $2) RETURNING *`, [id, userId]);
  if (row) return toInbound(row);
  const [other] = await db.query<{ display_name: string }>(
    'SELECT u.display_name FROM inbound_messages m JOIN users u ON u.id = m.owner_id WHERE m.id = $1', [id]);
  if (!other) throw new SapaError('NOT_FOUND', `Inbound message ${id} was not found`);
  throw new SapaError('CONFLICT', `${other.display_name} has already taken this e-mail`, { owner: other.display_name });
}

/** Refuses a reply to a mail another agent has taken (called by messages.send). */
export function assertMayAnswer(ownerId: string | null, userId: string): void {
  if (ownerId !== null && ownerId !== userId) {
    throw new SapaError('CONFLICT', 'Another agent has taken this e-mail; only they may answer it', { ownerId });
  }
}
