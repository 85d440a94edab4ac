// Agent status: each desktop reports its agent's state (available, on a call, after-call
// work, break, offline); leads and admins read everyone's (agents.board, floor.view).
import { type AgentStatus, type AgentStatusRow } from '../../shared/softphone.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';

/** `onReport`: the contact-center router hears each report (phone registered, wrap-up done, presence). */
export function registerAgentRoutes(register: RegisterRoute, db: Db, onReport?: (userId: string, status: AgentStatus) => Promise<void>): void {
  register('agents.reportStatus', async ({ body: { status }, user }) => {
    await onReport?.(user.id, status);
    // `since` moves only when the status changes, so repeated reports keep the duration.
    const [row] = await db.query<{ since: Date }>(
      `INSERT INTO agent_status (user_id, status, since) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET status = EXCLUDED.status,
         since = CASE WHEN agent_status.status = EXCLUDED.status THEN agent_status.since ELSE now() END
       RETURNING since`,
      [user.id, status],
    );
    return { status, since: new Date(row?.since ?? Date.now()).toISOString() };
  });
  register('agents.board', async () => {
    const rows = await db.query<{ user_id: string; display_name: string; extension: string | null; status: AgentStatusRow['status']; since: Date }>(
      `SELECT s.user_id, u.display_name, e.extension, s.status, s.since FROM agent_status s
         JOIN users u ON u.id = s.user_id LEFT JOIN agent_extensions e ON e.user_id = s.user_id
        ORDER BY u.display_name`,
    );
    const agents: AgentStatusRow[] = rows.map((r) => ({
      userId: r.user_id, displayName: r.display_name, extension: r.extension, status: r.status,
      since: new Date(r.since).toISOString(),
    }));
    return { agents };
  });
}
