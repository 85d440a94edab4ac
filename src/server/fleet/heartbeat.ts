// A desktop's registration (at sign-in) and heartbeat (every 60 s): one upsert into
// `desktops`, keyed by the install id the desktop chose. The signed-in user comes from the
// session and the site from that user's branch, inside the same statement, so a heartbeat
// costs one statement after the session check and nothing is audited. Only beats that say
// something new come here one by one; routine ones are written in batches
// (heartbeat-batch.ts, bench/fleet-heartbeat-bench.ts).
//
// The row records what the desktop says about itself; nothing grants rights by it. A
// signed-in user could send another desktop's install id and overwrite that row (the ids are
// random and shown only to admins); the row then names that user, which is what an admin
// would look at. See docs/security.md "The desktop fleet".
import { type SessionUser } from '../../shared/http.js';
import { type DesktopHeartbeat } from '../../shared/updates.js';
import { type Db } from '../db/db.js';

const UPSERT = `
INSERT INTO desktops (install_id, machine_name, os, os_version, app_version, electron_version, chrome_version,
                      user_id, site_code, update_state, cache_bytes, last_sync_at, last_seen_at)
SELECT $1, $2, $3, $4, $5, $6, $7, u.id, b.site_code, $9::jsonb, $10, $11, now()
  FROM users u LEFT JOIN branches b ON b.code = u.branch
 WHERE u.id = $8
ON CONFLICT (install_id) DO UPDATE SET
  machine_name = EXCLUDED.machine_name, os = EXCLUDED.os, os_version = EXCLUDED.os_version,
  app_version = EXCLUDED.app_version, electron_version = EXCLUDED.electron_version,
  chrome_version = EXCLUDED.chrome_version, user_id = EXCLUDED.user_id, site_code = EXCLUDED.site_code,
  update_state = EXCLUDED.update_state, cache_bytes = EXCLUDED.cache_bytes,
  last_sync_at = EXCLUDED.last_sync_at, last_seen_at = now()`;

export async function recordHeartbeat(db: Db, user: SessionUser, beat: DesktopHeartbeat): Promise<void> {
  await db.query(UPSERT, [
    beat.installId, beat.machineName, beat.os, beat.osVersion, beat.appVersion, beat.electronVersion, beat.chromeVersion,
    user.id, beat.updateState ? JSON.stringify(beat.updateState) : null, beat.cacheBytes, beat.lastSyncAt,
  ]);
}
