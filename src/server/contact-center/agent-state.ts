// The agent's routing state (cc_agent_state): what they chose (ready, not ready with a
// reason, offline) and what the router derived from it, their presence and their tasks.
// Low-level moves only, each inside the caller's transaction with its event and its push;
// the commands that combine them with task moves live in agent-commands.ts and offers.ts.
import { type AgentStateView, type ChosenAgentState, type DerivedAgentState, type NotReadyReason } from '../../shared/contact-center.js';
import { type Db } from '../db/db.js';
import { type Outbox } from './context.js';
import { appendEvent } from './events.js';

export interface AgentRow {
  user_id: string;
  chosen: ChosenAgentState;
  reason: NotReadyReason | null;
  derived: DerivedAgentState;
  since: Date;
  ready_since: Date | null;
  wrap_up_until: Date | null;
  misses: number;
  phone_ready: boolean;
  last_seen_at: Date | null;
}

export const AGENT_COLUMNS = 'user_id, chosen, reason, derived, since, ready_since, wrap_up_until, misses, phone_ready, last_seen_at';

export function agentView(r: AgentRow): AgentStateView {
  return {
    chosen: r.chosen,
    reason: r.reason,
    derived: r.derived,
    since: new Date(r.since).toISOString(),
    wrapUpUntil: r.wrap_up_until ? new Date(r.wrap_up_until).toISOString() : null,
  };
}

/** The agent's row, locked for the rest of the transaction (created offline on first use). */
export async function lockAgent(tx: Db, userId: string, now: Date): Promise<AgentRow> {
  await tx.query('INSERT INTO cc_agent_state (user_id, since) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING', [userId, now]);
  const [row] = await tx.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM cc_agent_state WHERE user_id = $1 FOR UPDATE`, [userId]);
  if (!row) throw new Error(`agent state of ${userId} vanished`);
  return row;
}

export async function readAgent(db: Db, userId: string): Promise<AgentRow | null> {
  const [row] = await db.query<AgentRow>(`SELECT ${AGENT_COLUMNS} FROM cc_agent_state WHERE user_id = $1`, [userId]);
  return row ?? null;
}

/** Where an agent with no task rests: what they chose, or offline while their desktop is away. */
export function restingState(chosen: ChosenAgentState, present: boolean): DerivedAgentState {
  if (!present || chosen === 'offline') return 'offline';
  return chosen === 'ready' ? 'ready' : 'not_ready';
}

export function isPresent(row: Pick<AgentRow, 'last_seen_at'>, now: Date, timeoutSec: number): boolean {
  return row.last_seen_at !== null && now.getTime() - new Date(row.last_seen_at).getTime() <= timeoutSec * 1000;
}

export interface AgentChange {
  derived?: DerivedAgentState;
  chosen?: ChosenAgentState;
  reason?: NotReadyReason | null;
  wrapUpUntil?: Date | null;
  misses?: number;
  /** Why (event detail): 'chosen', 'offer', 'missed_offers', 'presence_lost', 'wrap_up_limit' … */
  cause: string;
}

/**
 * Writes a change of the agent's state, appends its event and queues the push to the
 * desktop. `since` moves only when the derived state changes; `ready_since` (who has been
 * idle longest) restarts whenever the agent becomes ready.
 */
export async function changeAgent(tx: Db, out: Outbox, now: Date, before: AgentRow, change: AgentChange): Promise<AgentRow> {
  const derived = change.derived ?? before.derived;
  const chosen = change.chosen ?? before.chosen;
  const reason = change.reason !== undefined ? change.reason : chosen === 'not_ready' ? before.reason : null;
  const moved = derived !== before.derived;
  const [row] = await tx.query<AgentRow>(
    `UPDATE cc_agent_state SET derived = $2, chosen = $3, reason = $4, since = $5, ready_since = $6, wrap_up_until = $7, misses = $8
      WHERE user_id = $1 RETURNING ${AGENT_COLUMNS}`,
    [
      before.user_id, derived, chosen, chosen === 'not_ready' ? reason : null,
      moved ? now : before.since,
      derived === 'ready' && (moved || before.ready_since === null) ? now : derived === 'ready' ? before.ready_since : null,
      change.wrapUpUntil !== undefined ? change.wrapUpUntil : derived === 'wrap_up' ? before.wrap_up_until : null,
      change.misses ?? before.misses,
    ],
  );
  if (!row) throw new Error(`agent state of ${before.user_id} vanished`);
  if (moved || chosen !== before.chosen || row.reason !== before.reason) {
    await appendEvent(tx, {
      at: now, event: 'agent_state', agentId: before.user_id,
      detail: { from: before.derived, to: derived, chosen, reason: row.reason, cause: change.cause },
    });
    out.push({ k: 'push', userId: before.user_id, push: { type: 'agent_state', state: agentView(row) } });
  }
  return row;
}
