// GET /calls/dispositions: the active dispositions (table of migration 014) with their labels,
// and the wrap-up time limit (a server setting).
// GET /calls/:id: the timing of one call interaction.
// A wrap-up is saved through the sync push (interaction.create + call.details), by the
// desktop's outbox and by any other client alike: see ./mutations.ts.
import { SapaError } from '../../shared/errors.js';
import { can } from '../../shared/permissions.js';
import { type Db } from '../db/db.js';
import { isoOrNull } from '../db/timestamps.js';
import { type RegisterRoute } from '../http/route.js';
import { type ServerSettings } from '../settings/server-settings.js';
import { activeDispositions } from './dispositions.js';

export function registerCallRoutes(register: RegisterRoute, db: Db, settings: ServerSettings): void {
  register('calls.dispositions', async () => {
    const rows = await activeDispositions(db);
    return {
      dispositions: rows.map((d) => d.code),
      items: rows.map((d) => ({ code: d.code, labelId: d.labelId, labelEn: d.labelEn, needsFollowUp: d.needsFollowUp })),
      wrapUpLimitSec: (await settings.effective()).wrapUpLimitSec,
    };
  });
  // The timing of one call interaction (lead console, reports, and the recording checks).
  register('calls.timing', async ({ params: { id }, user }) => {
    const [row] = await db.query<{ agent_id: string | null; number: string; answered_at: Date | null; ended_at: Date | null; talk_sec: number; hold_sec: number; acw_sec: number; follow_up_at: Date | null }>(
      `SELECT i.agent_id, d.number, d.answered_at, i.ended_at, d.talk_sec, d.hold_sec, d.acw_sec, d.follow_up_at
         FROM call_details d JOIN interactions i ON i.id = d.interaction_id WHERE d.interaction_id = $1`, [id],
    );
    if (!row) throw new SapaError('NOT_FOUND', `No call ${id}`);
    // The number dialled is the customer's: only the agent on the call, leads and admins.
    if (row.agent_id !== user.id && !can(user.role, 'calls.viewAny')) {
      throw new SapaError('FORBIDDEN', 'Only the agent on the call, leads and admins may read this call');
    }
    return {
      id, number: row.number, answeredAt: isoOrNull(row.answered_at), endedAt: isoOrNull(row.ended_at), talkSec: row.talk_sec,
      holdSec: row.hold_sec, acwSec: row.acw_sec, followUpAt: isoOrNull(row.follow_up_at),
    };
  });
}
