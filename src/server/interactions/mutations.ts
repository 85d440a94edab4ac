// interaction.create: a contact (call, message, visit…) on a customer's timeline. An
// append: a replay is a no-op, so it never conflicts. A call's disposition must be one the
// server knows (messages use their own delivery states there), and nothing may end before
// it starts: refused here, the call.details pushed after it finds no interaction and is
// refused too, so a wrap-up is stored whole or not at all.
import { SapaError } from '../../shared/errors.js';
import { requireKnownDisposition } from '../calls/dispositions.js';
import { customerOf } from '../customers/resolve.js';
import { type Db } from '../db/db.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

const CALL_CHANNELS: readonly string[] = ['call_in', 'call_out'];
/**
 * A routed call's task was assigned this close to the call's start (the desktop's clock
 * against the server's, and the ringing before the answer).
 */
const TASK_MATCH_MINUTES = 10;

/** The queue an inbound call came through: the agent's call task assigned around its start. */
async function queueOfCall(tx: Db, agentId: string, startedAt: string, endedAt: string | null): Promise<string | null> {
  const [task] = await tx.query<{ queue_code: string }>(
    `SELECT queue_code FROM cc_tasks WHERE kind = 'call' AND agent_id = $1
       AND assigned_at BETWEEN $2::timestamptz - make_interval(mins => $4) AND $3::timestamptz
     ORDER BY abs(extract(epoch FROM assigned_at - $2::timestamptz)) LIMIT 1`,
    [agentId, startedAt, endedAt ?? startedAt, TASK_MATCH_MINUTES]);
  return task?.queue_code ?? null;
}

export const interactionMutations = {
  'interaction.create': {
    async apply(tx, a, ctx) {
      const isCall = CALL_CHANNELS.includes(a.channel);
      if (isCall && a.disposition !== null) await requireKnownDisposition(tx, a.disposition, new Date(a.endedAt ?? a.startedAt));
      if (a.endedAt !== null && Date.parse(a.endedAt) < Date.parse(a.startedAt)) {
        throw new SapaError('INVALID_INPUT', isCall ? 'The call ends before it starts' : 'The interaction ends before it starts',
          ['endedAt: must not be before startedAt']);
      }
      const customerId = await customerOf(tx, a);
      const queueCode = a.channel === 'call_in' ? await queueOfCall(tx, ctx.user.id, a.startedAt, a.endedAt) : null;
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id,
           agent_name, subject, body, disposition, duration_sec, recording_id, queue_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (id) DO NOTHING`,
        [a.id, customerId, a.channel, a.direction, a.startedAt, a.endedAt, ctx.user.id, ctx.user.displayName,
          a.subject, a.body, a.disposition, a.durationSec, a.recordingId, queueCode]);
    },
  },
} satisfies ServerMutationsOf<'interaction.create'>;
