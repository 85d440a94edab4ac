// The data-access settings row (migration 011): who may replicate every customer, and the
// hourly limit of customers opened outside the working set. Read on every pull and every
// out-of-scope open; one indexed row, so no cache (a change applies at the next request).
import { type DataAccessSettings, type DataAccessSettingsAnswer } from '../../shared/data-access.js';
import { type Role } from '../../shared/domain.js';
import { type Db } from '../db/db.js';

interface SettingsRow {
  full_replication_roles: Role[];
  full_replication_devices: string[];
  lookup_limit_per_hour: number;
  updated_at: Date;
  updated_by: string | null;
}

const COLUMNS = 'full_replication_roles, full_replication_devices::text[] AS full_replication_devices, lookup_limit_per_hour, updated_at, updated_by';

function toAnswer(r: SettingsRow): DataAccessSettingsAnswer {
  return {
    fullReplicationRoles: r.full_replication_roles,
    fullReplicationDevices: r.full_replication_devices,
    lookupLimitPerHour: r.lookup_limit_per_hour,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by,
  };
}

export async function loadDataAccessSettings(db: Db): Promise<DataAccessSettingsAnswer> {
  const [row] = await db.query<SettingsRow>(`SELECT ${COLUMNS} FROM data_access_settings WHERE id = 1`);
  // The migration inserts the row; a missing one means someone deleted it by hand.
  if (!row) throw new Error('data_access_settings has no row (migration 011 inserts it)');
  return toAnswer(row);
}

export async function saveDataAccessSettings(db: Db, s: DataAccessSettings, by: string): Promise<DataAccessSettingsAnswer> {
  const [row] = await db.query<SettingsRow>(
    `UPDATE data_access_settings SET full_replication_roles = $1::text[], full_replication_devices = $2::uuid[],
       lookup_limit_per_hour = $3, updated_at = now(), updated_by = $4
     WHERE id = 1 RETURNING ${COLUMNS}`,
    [[...new Set(s.fullReplicationRoles)].sort(), [...new Set(s.fullReplicationDevices.map((d) => d.toLowerCase()))].sort(),
      s.lookupLimitPerHour, by]);
  if (!row) throw new Error('data_access_settings has no row (migration 011 inserts it)');
  return toAnswer(row);
}
