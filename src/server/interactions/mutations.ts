// interaction.create: a contact (call, message, visit…) on a customer's timeline. An
// append: a replay is a no-op, so it never conflicts. A call's disposition must be one the
// server knows (messages use their own delivery states there), and nothing may end before
// it starts: refused here, the call.details pushed after it finds no interaction and is
// refused too, so a wrap-up is stored whole or not at all.
import { SapaError } from '../../shared/errors.js';
import { requireKnownDisposition } from '../calls/dispositions.js';
import { customerOf } from '../customers/resolve.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

const CALL_CHANNELS: readonly string[] = ['call_in', 'call_out'];

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
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id,
           agent_name, subject, body, disposition, duration_sec, recording_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
        [a.id, customerId, a.channel, a.direction, a.startedAt, a.endedAt, ctx.user.id, ctx.user.displayName,
          a.subject, a.body, a.disposition, a.durationSec, a.recordingId]);
    },
  },
} satisfies ServerMutationsOf<'interaction.create'>;
