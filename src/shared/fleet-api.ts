// Desktop API of the admins' fleet view (spread into `methods` in api.ts). Core passes the
// filters to the server; the fleet is never cached on a desktop.
import { z } from 'zod';
import { FleetExportQuery, FleetPage, FleetQuery, FleetVersions } from './fleet.js';

export const fleetMethods = {
  'admin.fleet.list': { input: FleetQuery, output: FleetPage },
  'admin.fleet.versions': { input: z.object({}).strict(), output: FleetVersions },
  'admin.fleet.exportCsv': { input: FleetExportQuery, output: z.object({ fileName: z.string(), csv: z.string() }) },
} as const;
