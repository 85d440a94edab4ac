// Listen, whisper and barge from the live floor (docs/decisions/0024): a lead (of the
// agent's team) or an admin joins an agent's call in progress. The server authorizes and
// audits every session and mode change and tells both desktops; the media is the agent's own
// desktop forking its mix to the lead over a second SIP call (X-Sapa-Monitor names the
// session). Shared by server, core and renderer.
import { z } from 'zod';
import { Timestamp } from './domain.js';

/** listen: the lead hears both sides and sends nothing; whisper: the agent hears the lead; barge: both do. */
export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export const MonitorMode = z.enum(MONITOR_MODES);
export type MonitorMode = z.infer<typeof MonitorMode>;

/** The SIP header of the lead's call to the agent: the session's id. */
export const MONITOR_HEADER = 'X-Sapa-Monitor';

/** Why a session ended (audit and the lead's screen). */
export const MONITOR_END_REASONS = ['stopped', 'call_ended', 'replaced', 'failed'] as const;
export const MonitorEndReason = z.enum(MONITOR_END_REASONS);
export type MonitorEndReason = z.infer<typeof MonitorEndReason>;

/** Why a start or mode change was refused (details.reason of the 403/404/409; both languages on screen). */
export const MONITOR_REFUSALS = ['not_your_team', 'not_an_agent', 'not_on_call', 'no_extension', 'lead_no_extension', 'ended', 'not_yours'] as const;
export type MonitorRefusal = (typeof MONITOR_REFUSALS)[number];

export const MonitorSession = z.object({
  id: z.uuid(),
  agentId: z.uuid(),
  agentName: z.string(),
  /** What the lead's desktop dials. */
  agentExtension: z.string(),
  leadId: z.uuid(),
  leadName: z.string(),
  /** The extension the lead's call comes from: the agent's desktop answers only that caller. */
  leadExtension: z.string(),
  mode: MonitorMode,
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
  endReason: MonitorEndReason.nullable(),
});
export type MonitorSession = z.infer<typeof MonitorSession>;

export const StartMonitorRequest = z.object({ agentId: z.uuid(), mode: MonitorMode }).strict();
export const ChangeMonitorModeRequest = z.object({ mode: MonitorMode }).strict();
export const EndMonitorRequest = z.object({ reason: z.enum(['stopped', 'failed']).default('stopped') }).strict();

/** The live socket: a session began, changed mode or ended; sent to its agent and its lead. */
export const MonitorPush = z.object({ type: z.literal('monitor'), session: MonitorSession });
export type MonitorPush = z.infer<typeof MonitorPush>;

const IdParams = z.object({ id: z.uuid() });

/** HTTP routes (spread into ROUTES in routes.ts). Who may touch which session is checked in src/server/floor/monitor.ts. */
export const monitorRoutes = {
  'monitor.start': { method: 'POST', path: '/floor/monitor', access: 'floor.monitor', body: StartMonitorRequest, answer: MonitorSession, status: 201 },
  'monitor.mode': { method: 'PUT', path: '/floor/monitor/:id/mode', access: 'floor.monitor', params: IdParams, body: ChangeMonitorModeRequest, answer: MonitorSession },
  'monitor.end': { method: 'POST', path: '/floor/monitor/:id/end', access: 'floor.monitor', params: IdParams, body: EndMonitorRequest, answer: MonitorSession },
  /** Its agent (whose desktop checks an incoming monitor call), its lead, or an admin. */
  'monitor.read': { method: 'GET', path: '/floor/monitor/:id', access: 'session', params: IdParams, answer: MonitorSession },
} as const;

/** Desktop API (spread into `methods` and `events` in api.ts). */
export const monitorMethods = {
  'monitor.start': { input: StartMonitorRequest, output: MonitorSession },
  'monitor.mode': { input: z.object({ id: z.uuid(), mode: MonitorMode }).strict(), output: MonitorSession },
  'monitor.end': { input: z.object({ id: z.uuid(), reason: z.enum(['stopped', 'failed']).optional() }).strict(), output: MonitorSession },
  'monitor.read': { input: z.object({ id: z.uuid() }).strict(), output: MonitorSession },
} as const;
export const monitorEvents = {
  /** A session of this user (as its agent or its lead) began, changed mode or ended. */
  'monitor.changed': MonitorPush,
} as const;
