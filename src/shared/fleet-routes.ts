// HTTP routes of the desktop fleet (spread into ROUTES in routes.ts): the heartbeat every
// signed-in desktop sends (at sign-in and every 60 s), and the admins' fleet view.
import { z } from 'zod';
import { FleetExportQuery, FleetPage, FleetQuery, FleetVersions } from './fleet.js';
import { DesktopHeartbeat } from './updates.js';

export const HeartbeatAnswer = z.object({ ok: z.literal(true) });

export const fleetRoutes = {
  /** A desktop registers (at sign-in) and refreshes its row (every 60 s); never audited. */
  'fleet.heartbeat': { method: 'POST', path: '/devices/heartbeat', access: 'session', body: DesktopHeartbeat, answer: HeartbeatAnswer },
  'fleet.list': { method: 'GET', path: '/admin/fleet', access: 'fleet.view', query: FleetQuery, answer: FleetPage },
  'fleet.versions': { method: 'GET', path: '/admin/fleet/versions', access: 'fleet.view', answer: FleetVersions },
  'fleet.export': { method: 'GET', path: '/admin/fleet.csv', access: 'fleet.view', query: FleetExportQuery, answer: 'csv' },
} as const;
