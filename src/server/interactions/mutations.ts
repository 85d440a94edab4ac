// interaction.create: a contact (call, message, visit…) on a customer's timeline. An
// append: a replay is a no-op, so it never conflicts.
import { customerOf } from '../customers/resolve.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

export const interactionMutations = {
  'interaction.create': {
    async apply(tx, a, ctx) {
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
