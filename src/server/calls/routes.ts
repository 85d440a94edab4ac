// GET /calls/dispositions: the configurable disposition list (SAPA_DISPOSITIONS).
// GET /calls/:id: the timing of one call interaction.
// POST /calls/wrap-up: a finished call and its wrap-up in one request, for clients other
// than the desktop (which saves through the outbox: interaction.create + call.details). It
// becomes one call interaction plus its call_details row; the id comes from the caller, so
// a retried save answers the stored row instead of adding a second.
import { SapaError } from '../../shared/errors.js';
import { toE164 } from '../../shared/phone.js';
import { DEFAULT_DISPOSITIONS, Disposition } from '../../shared/softphone.js';
import { type Db } from '../db/db.js';
import { isoOrNull } from '../db/timestamps.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { type RegisterRoute } from '../http/route.js';

export function dispositionsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = (env.SAPA_DISPOSITIONS ?? '').split(',').map((d) => d.trim()).filter((d) => Disposition.safeParse(d).success);
  return list.length > 0 ? list : [...DEFAULT_DISPOSITIONS];
}

export function registerCallRoutes(register: RegisterRoute, db: Db): void {
  const dispositions = dispositionsFromEnv();
  register('calls.dispositions', async () => ({ dispositions }));
  // The timing of one call interaction (lead console, reports, and the recording checks).
  register('calls.timing', async ({ params: { id } }) => {
    const [row] = await db.query<{ number: string; answered_at: Date | null; ended_at: Date | null; talk_sec: number; hold_sec: number; acw_sec: number; follow_up_at: Date | null }>(
      `SELECT d.number, d.answered_at, i.ended_at, d.talk_sec, d.hold_sec, d.acw_sec, d.follow_up_at
         FROM call_details d JOIN interactions i ON i.id = d.interaction_id WHERE d.interaction_id = $1`, [id],
    );
    if (!row) throw new SapaError('NOT_FOUND', `No call ${id}`);
    return {
      id, number: row.number, answeredAt: isoOrNull(row.answered_at), endedAt: isoOrNull(row.ended_at), talkSec: row.talk_sec,
      holdSec: row.hold_sec, acwSec: row.acw_sec, followUpAt: isoOrNull(row.follow_up_at),
    };
  });
  register('calls.wrapUp', async ({ body: w, user }) => {
    if (!dispositions.includes(w.disposition)) {
      throw new SapaError('INVALID_INPUT', `Unknown disposition "${w.disposition}"`, [`disposition: one of ${dispositions.join(', ')}`]);
    }
    if (Date.parse(w.endedAt) < Date.parse(w.startedAt)) {
      throw new SapaError('INVALID_INPUT', 'The call ends before it starts', ['endedAt: must not be before startedAt']);
    }
    const number = toE164(w.number) ?? w.number;
    return withWriteTransaction(db, async (tx) => {
      const [customer] = await tx.query<{ id: string }>('SELECT id FROM customers WHERE id = $1', [w.customerId]);
      if (!customer) throw new SapaError('NOT_FOUND', `Customer ${w.customerId} was not found`);
      const [existing] = await tx.query<{ agent_id: string | null }>('SELECT agent_id FROM interactions WHERE id = $1', [w.id]);
      if (existing) {
        if (existing.agent_id !== user.id) throw new SapaError('CONFLICT', `Interaction ${w.id} belongs to another agent`);
        return { id: w.id, created: false };
      }
      const subject = `${w.direction === 'inbound' ? 'Call from' : 'Call to'} ${number}`;
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name,
           subject, body, disposition, duration_sec, recording_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [w.id, w.customerId, w.direction === 'inbound' ? 'call_in' : 'call_out', w.direction, w.startedAt, w.endedAt,
          user.id, user.displayName, subject, w.notes || null, w.disposition, w.talkSec, w.recordingId],
      );
      await tx.query(
        `INSERT INTO call_details (interaction_id, number, answered_at, talk_sec, hold_sec, acw_sec, follow_up_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [w.id, number, w.answeredAt, w.talkSec, w.holdSec, w.acwSec, w.followUpAt],
      );
      return { id: w.id, created: true };
    });
  });
}
