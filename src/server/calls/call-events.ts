// call.event: one moment of a call as the agent's desktop recorded it (pop shown, hold,
// resume, transfer, paragraph inserted, wrap-up saved), for the lead's review timeline.
// Events are pushed as they happen, so they usually arrive before the call's interaction
// (created by the wrap-up): an event for an interaction that does not exist yet is kept,
// and the review shows only events whose author is the interaction's agent. An append:
// the event's own id makes a replay (another mutation id, another client) a no-op.
import { SapaError } from '../../shared/errors.js';
import { MAX_CALL_EVENTS } from '../../shared/softphone.js';
import { type ServerMutationsOf } from '../sync/mutations/types.js';

export const callEventMutations = {
  'call.event': {
    async apply(tx, a, ctx) {
      const [owner] = await tx.query<{ agent_id: string | null }>('SELECT agent_id FROM interactions WHERE id = $1', [a.interactionId]);
      if (owner && owner.agent_id !== ctx.user.id) throw new SapaError('FORBIDDEN', 'Call events belong to the call\'s agent');
      const [same] = await tx.query<{ author_id: string }>('SELECT author_id FROM call_events WHERE id = $1', [a.id]);
      if (same) {
        if (same.author_id !== ctx.user.id) throw new SapaError('CONFLICT', `Call event ${a.id} exists`);
        return;
      }
      const [count] = await tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM call_events WHERE interaction_id = $1 AND author_id = $2', [a.interactionId, ctx.user.id]);
      if ((count?.n ?? 0) >= MAX_CALL_EVENTS) {
        throw new SapaError('INVALID_INPUT', `A call keeps at most ${MAX_CALL_EVENTS} events`);
      }
      await tx.query(
        `INSERT INTO call_events (id, interaction_id, author_id, kind, at, detail) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [a.id, a.interactionId, ctx.user.id, a.kind, a.at, a.detail]);
    },
  },
} satisfies ServerMutationsOf<'call.event'>;
