// The e-mail source of the contact center: a stored inbound mail becomes an e-mail task in
// the queue whose address it was sent to, so it is offered to one agent like a call. The
// envelope recipients are matched against the queues' addresses (migration 017); a mail to
// none of them goes to the router with its first recipient, and the router puts it in the
// general queue. One task per inbound message (the port is idempotent per kind + id), so
// a redelivered mail or two server instances never make two.
import { type InboundMessage } from '../../shared/replies/messages.js';
import { type TaskIntakePort } from '../contact-center/task-intake-port.js';
import { type Db } from '../db/db.js';

/** The first recipient a queue lists, else null (the router's fallback decides). */
async function queueOfRecipients(db: Db, recipients: readonly string[]): Promise<string | null> {
  if (recipients.length === 0) return null;
  const rows = await db.query<{ code: string; address: string }>(
    `SELECT q.code, a.address FROM queues q, unnest(q.mail_addresses) AS a(address)
     WHERE q.active AND lower(a.address) = ANY($1::text[])`, [recipients.map((r) => r.toLowerCase())]);
  for (const recipient of recipients) {
    const hit = rows.find((r) => r.address.toLowerCase() === recipient.toLowerCase());
    if (hit) return hit.code;
  }
  return null;
}

export function emailTaskSource(db: Db, intake: TaskIntakePort) {
  return async (message: InboundMessage, recipients: readonly string[]): Promise<void> => {
    // An answered mail (e.g. the thread was closed meanwhile) needs no agent.
    if (message.answeredAt !== null) return;
    const queueCode = await queueOfRecipients(db, recipients);
    await intake.enqueue({
      kind: 'email', sourceRef: message.id, queueCode,
      ...(recipients[0] ? { toAddress: recipients[0] } : {}),
      customerId: message.customerId, from: message.from, subject: message.subject,
    });
  };
}
