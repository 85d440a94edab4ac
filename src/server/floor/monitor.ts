// Listen, whisper and barge (decision 0024): the server's half. It decides who may join
// which call (a lead: the agents of the teams they lead; an admin: any agent; the agent must
// be on a call and both must have an extension), keeps the one open session per agent in
// monitor_sessions, audits every start, mode change and end, and tells the agent's and the
// lead's desktops over the bus (whichever instance holds their sockets). The media never
// passes here: the lead's desktop calls the agent's, which forks its own mix.
import { randomUUID } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import {
  type MonitorEndReason, type MonitorMode, type MonitorPush, type MonitorRefusal, type MonitorSession,
} from '../../shared/monitor.js';
import { audit } from '../auth/audit.js';
import { type CcBus } from '../contact-center/bus.js';
import { type Db } from '../db/db.js';
import { reviewableAgents } from '../lead-interactions/scope.js';

interface SessionRow {
  id: string; agent_id: string; agent_name: string; agent_extension: string | null; lead_id: string; lead_name: string;
  lead_extension: string | null; mode: MonitorMode; started_at: Date; ended_at: Date | null; end_reason: MonitorEndReason | null;
}

const SESSION_SQL = `
  SELECT m.id, m.agent_id, a.display_name AS agent_name, ae.extension AS agent_extension,
         m.lead_id, l.display_name AS lead_name, le.extension AS lead_extension,
         m.mode, m.started_at, m.ended_at, m.end_reason
    FROM monitor_sessions m
    JOIN users a ON a.id = m.agent_id LEFT JOIN agent_extensions ae ON ae.user_id = m.agent_id
    JOIN users l ON l.id = m.lead_id LEFT JOIN agent_extensions le ON le.user_id = m.lead_id`;

const iso = (d: Date | string): string => new Date(d).toISOString();
function toSession(r: SessionRow): MonitorSession {
  return {
    id: r.id, agentId: r.agent_id, agentName: r.agent_name, agentExtension: r.agent_extension ?? '', leadId: r.lead_id, leadName: r.lead_name,
    leadExtension: r.lead_extension ?? '', mode: r.mode, startedAt: iso(r.started_at), endedAt: r.ended_at ? iso(r.ended_at) : null, endReason: r.end_reason,
  };
}

function refuse(code: 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT', reason: MonitorRefusal, message: string): never {
  throw new SapaError(code, message, { reason });
}

export interface MonitorService {
  start(user: SessionUser, agentId: string, mode: MonitorMode, ip: string | null): Promise<MonitorSession>;
  changeMode(user: SessionUser, id: string, mode: MonitorMode, ip: string | null): Promise<MonitorSession>;
  end(user: SessionUser, id: string, reason: 'stopped' | 'failed', ip: string | null): Promise<MonitorSession>;
  read(user: SessionUser, id: string): Promise<MonitorSession>;
  /** The agent's phone says they are no longer on a call: their session ends (call_ended). */
  agentCallEnded(agentId: string): Promise<void>;
}

export function createMonitorService(db: Db, bus: Pick<CcBus, 'publish'>): MonitorService {
  const load = async (tx: Db, id: string, lock = false): Promise<SessionRow | undefined> =>
    (await tx.query<SessionRow>(`${SESSION_SQL} WHERE m.id = $1${lock ? ' FOR UPDATE OF m' : ''}`, [id]))[0];

  const tell = (sessions: MonitorSession[]): Promise<void> => bus.publish(sessions.map((session) => {
    const push: MonitorPush = { type: 'monitor', session };
    return { k: 'monitor' as const, userIds: [...new Set([session.agentId, session.leadId])], push };
  }));

  async function closeRow(tx: Db, row: SessionRow, reason: MonitorEndReason, actorId: string | null, ip: string | null): Promise<MonitorSession> {
    const [ended] = await tx.query<{ ended_at: Date }>(
      'UPDATE monitor_sessions SET ended_at = now(), end_reason = $2 WHERE id = $1 AND ended_at IS NULL RETURNING ended_at', [row.id, reason]);
    const session = toSession({ ...row, ended_at: ended?.ended_at ?? row.ended_at ?? new Date(), end_reason: ended ? reason : row.end_reason });
    if (ended) {
      const seconds = Math.round((new Date(session.endedAt ?? Date.now()).getTime() - new Date(row.started_at).getTime()) / 1000);
      await audit(tx, 'monitor_ended', actorId, row.id, { agentId: row.agent_id, leadId: row.lead_id, mode: row.mode, reason, seconds }, ip);
    }
    return session;
  }

  /** A lead works on their own sessions; an admin on any. The agent must still be theirs to watch. */
  async function ownOpen(tx: Db, user: SessionUser, id: string): Promise<SessionRow> {
    const row = await load(tx, id, true);
    if (!row || (user.role !== 'admin' && row.lead_id !== user.id)) refuse('NOT_FOUND', 'not_yours', `No session ${id} of yours`);
    if (row.ended_at) refuse('CONFLICT', 'ended', 'This session has ended');
    return row;
  }

  return {
    async start(user, agentId, mode, ip) {
      const { session, ended } = await db.transaction(async (tx) => {
        const [agent] = await tx.query<{ role: string; status: string | null; extension: string | null }>(
          `SELECT u.role, s.status, e.extension FROM users u
             LEFT JOIN agent_status s ON s.user_id = u.id LEFT JOIN agent_extensions e ON e.user_id = u.id
            WHERE u.id = $1 AND u.disabled_at IS NULL FOR UPDATE OF u`, [agentId]);
        if (!agent || agent.role !== 'agent') refuse('NOT_FOUND', 'not_an_agent', `No agent ${agentId}`);
        const scope = await reviewableAgents(tx, user);
        if (scope !== null && !scope.includes(agentId)) refuse('FORBIDDEN', 'not_your_team', 'A lead listens only to the agents of the teams they lead');
        if (agent.status !== 'on_call') refuse('CONFLICT', 'not_on_call', 'This agent is not on a call');
        if (!agent.extension) refuse('CONFLICT', 'no_extension', 'This agent has no extension');
        const [lead] = await tx.query<{ extension: string | null }>('SELECT extension FROM agent_extensions WHERE user_id = $1', [user.id]);
        if (!lead?.extension) refuse('CONFLICT', 'lead_no_extension', 'You need an extension (a softphone) to listen');
        // One session per agent and per lead: an earlier one of this lead (on any agent) or
        // a stale one on this agent is replaced, each end audited.
        const stale = await tx.query<SessionRow>(`${SESSION_SQL} WHERE m.ended_at IS NULL AND (m.agent_id = $1 OR m.lead_id = $2) FOR UPDATE OF m`, [agentId, user.id]);
        const closed: MonitorSession[] = [];
        for (const row of stale) closed.push(await closeRow(tx, row, 'replaced', user.id, ip));
        const id = randomUUID();
        await tx.query('INSERT INTO monitor_sessions (id, agent_id, lead_id, mode) VALUES ($1, $2, $3, $4)', [id, agentId, user.id, mode]);
        await audit(tx, 'monitor_started', user.id, id, { agentId, mode }, ip);
        const row = await load(tx, id);
        if (!row) throw new Error('monitor session vanished');
        return { session: toSession(row), ended: closed };
      });
      await tell([...ended, session]);
      return session;
    },

    async changeMode(user, id, mode, ip) {
      const session = await db.transaction(async (tx) => {
        const row = await ownOpen(tx, user, id);
        const scope = await reviewableAgents(tx, user);
        if (scope !== null && !scope.includes(row.agent_id)) refuse('FORBIDDEN', 'not_your_team', 'A lead listens only to the agents of the teams they lead');
        if (row.mode === mode) return toSession(row);
        await tx.query('UPDATE monitor_sessions SET mode = $2 WHERE id = $1', [id, mode]);
        await audit(tx, 'monitor_mode_changed', user.id, id, { agentId: row.agent_id, from: row.mode, to: mode }, ip);
        return toSession({ ...row, mode });
      });
      await tell([session]);
      return session;
    },

    async end(user, id, reason, ip) {
      const session = await db.transaction(async (tx) => {
        const row = await load(tx, id, true);
        if (!row || (user.role !== 'admin' && row.lead_id !== user.id)) refuse('NOT_FOUND', 'not_yours', `No session ${id} of yours`);
        return row.ended_at ? toSession(row) : closeRow(tx, row, reason, user.id, ip);
      });
      await tell([session]);
      return session;
    },

    async read(user, id) {
      const row = await load(db, id);
      if (!row || (user.role !== 'admin' && row.lead_id !== user.id && row.agent_id !== user.id)) refuse('NOT_FOUND', 'not_yours', `No session ${id}`);
      return toSession(row);
    },

    async agentCallEnded(agentId) {
      const ended = await db.transaction(async (tx) => {
        const rows = await tx.query<SessionRow>(`${SESSION_SQL} WHERE m.agent_id = $1 AND m.ended_at IS NULL FOR UPDATE OF m`, [agentId]);
        const out: MonitorSession[] = [];
        for (const row of rows) out.push(await closeRow(tx, row, 'call_ended', null, null));
        return out;
      });
      if (ended.length) await tell(ended);
    },
  };
}
