// GET /lead/interactions/:id: one interaction for review — the listed row with its text,
// its recording's metadata (recovered, pauses), the call's timing, its timeline and the
// customer's profile. Only for whoever may list it (scope.ts): others get 403.
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type InteractionReview } from '../../shared/lead-interactions.js';
import { Pauses } from '../recordings/upload-guard.js';
import { CUSTOMER_COLUMNS, type CustomerRow, toCustomer } from '../customers/rows.js';
import { type Db } from '../db/db.js';
import { isoOrNull, type Timestamp } from '../db/timestamps.js';
import { BROWSER_CHANNEL_SQL } from './filters-sql.js';
import { type BrowserRow, ROW_COLUMNS_SQL, ROW_FROM_SQL, toBrowserRow } from './row.js';
import { reviewableAgents } from './scope.js';
import { timelineOf } from './timeline.js';

interface ReviewRow extends BrowserRow {
  body: string | null; rec_id: string | null; rec_duration_ms: number | null; rec_completed_at: Timestamp | null; rec_pauses: unknown;
  number: string | null; answered_at: Timestamp | null; talk_sec: number | null; hold_sec: number | null; acw_sec: number | null;
  follow_up_at: Timestamp | null;
}

export async function reviewInteraction(db: Db, user: SessionUser, id: string): Promise<InteractionReview> {
  const [row] = await db.query<ReviewRow>(
    `SELECT ${ROW_COLUMNS_SQL}, i.body, r.id AS rec_id, r.duration_ms AS rec_duration_ms, r.completed_at AS rec_completed_at,
            r.pauses AS rec_pauses, d.number, d.answered_at, d.talk_sec, d.hold_sec, d.acw_sec, d.follow_up_at
     ${ROW_FROM_SQL}
     LEFT JOIN call_details d ON d.interaction_id = i.id
     WHERE i.id = $1 AND ${BROWSER_CHANNEL_SQL}`, [id]);
  if (!row) throw new SapaError('NOT_FOUND', `Interaction ${id} was not found`);
  const scope = await reviewableAgents(db, user);
  if (scope !== null && (row.agent_id === null || !scope.includes(row.agent_id))) {
    throw new SapaError('FORBIDDEN', 'This interaction is of an agent outside the teams you lead');
  }
  const [customer] = await db.query<CustomerRow>(`SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE id = $1`, [row.customer_id]);
  if (!customer) throw new SapaError('NOT_FOUND', `Customer ${row.customer_id} was not found`);

  const listed = toBrowserRow(row);
  const pauses = row.rec_id === null ? [] : Pauses.catch([]).parse(row.rec_pauses);
  const call = row.number === null ? null : {
    number: row.number, answeredAt: isoOrNull(row.answered_at), talkSec: row.talk_sec ?? 0, holdSec: row.hold_sec ?? 0,
    acwSec: row.acw_sec ?? 0, followUpAt: isoOrNull(row.follow_up_at),
  };
  const timeline = await timelineOf(db, { interactionId: id, agentId: row.agent_id, startedAt: listed.startedAt, endedAt: listed.endedAt, call, pauses });
  return {
    interaction: { ...listed, body: row.body },
    recording: row.rec_id === null ? null : {
      id: row.rec_id, durationMs: row.rec_duration_ms, complete: row.rec_completed_at !== null, recovered: row.recovered === true, pauses,
    },
    call,
    timeline,
    customer: toCustomer(customer),
  };
}
