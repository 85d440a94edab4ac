// fleet.heartbeat (POST /devices/heartbeat, any session) and the admins' fleet view:
// fleet.list (GET /admin/fleet), fleet.versions (GET /admin/fleet/versions) and
// fleet.export (GET /admin/fleet.csv, audited as an export; cells safe in a spreadsheet).
import { stringify } from 'csv-stringify';
import { FLEET_EXPORT_MAX_ROWS, type FleetRow } from '../../shared/fleet.js';
import { SapaError } from '../../shared/errors.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { spreadsheetSafe } from '../http/spreadsheet-safe.js';
import { countDesktops, countVersions, readDesktops } from './fleet-query.js';
import { type HeartbeatBatch } from './heartbeat-batch.js';
import { nulCharacterPath } from './no-nul.js';

/** A heartbeat is well under 2 KB; anything near this is not one. */
export const HEARTBEAT_BODY_LIMIT = 16 * 1024;

const CSV_COLUMNS = [
  'installId', 'machineName', 'os', 'osVersion', 'appVersion', 'electronVersion', 'chromeVersion', 'username', 'site', 'ring',
  'updatePhase', 'updateVersion', 'updatePercent', 'updateError', 'updateSource', 'cacheBytes', 'lastSyncAt', 'lastSeenAt',
  'registeredAt',
] as const;

function csvCells(d: FleetRow): string[] {
  const u = d.updateState;
  return [
    d.installId, d.machineName, d.os, d.osVersion, d.appVersion, d.electronVersion ?? '', d.chromeVersion ?? '', d.username ?? '',
    d.siteCode ?? '', d.ring ?? '', u?.phase ?? '', u?.version ?? '', u?.percent === undefined ? '' : String(u.percent),
    u?.error ?? '', u?.source ?? '', d.cacheBytes === null ? '' : String(d.cacheBytes), d.lastSyncAt ?? '', d.lastSeenAt,
    d.registeredAt,
  ].map(spreadsheetSafe);
}

export function registerFleetRoutes(register: RegisterRoute, db: Db, heartbeats: HeartbeatBatch): void {
  register('fleet.heartbeat', async ({ body, user }) => {
    // PostgreSQL text and jsonb cannot hold U+0000: refused here as bad input, not a 500.
    const nul = nulCharacterPath(body);
    if (nul) throw new SapaError('INVALID_INPUT', 'Invalid body of POST /devices/heartbeat', { issues: [`${nul}: contains a NUL character`] });
    await heartbeats.record(user, body);
    return { ok: true as const };
    // 2,000 desktops beat 2.9 million times a day: no request lines at info, only failures.
  }, { bodyLimit: HEARTBEAT_BODY_LIMIT, logLevel: 'warn' });

  register('fleet.list', async ({ query }) => {
    const { offset, limit, ...rest } = query;
    const [desktops, total] = await Promise.all([readDesktops(db, rest, { offset, limit }), countDesktops(db, rest)]);
    return { desktops, total, now: new Date().toISOString() };
  });

  register('fleet.versions', async () => countVersions(db));

  register('fleet.export', async ({ query, reply }) => {
    const desktops = await readDesktops(db, query, { offset: 0, limit: FLEET_EXPORT_MAX_ROWS });
    const csv = stringify({ header: true, columns: [...CSV_COLUMNS] });
    for (const d of desktops) csv.write(csvCells(d));
    csv.end();
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="fleet-${new Date().toISOString().slice(0, 10)}.csv"`)
      .send(csv);
  });
}
