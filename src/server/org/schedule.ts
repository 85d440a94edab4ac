// The schedule (site_schedule, migration 017; read by the router, contact-center/schedule.ts):
// which site takes inbound calls when. Read and saved as a whole: the windows an admin saves
// replace the ones there, in one transaction, so the router never sees half of a change.
import { randomUUID } from 'node:crypto';
import { SapaError } from '../../shared/errors.js';
import { type Schedule } from '../../shared/org.js';
import { loadSchedule } from '../contact-center/schedule.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';

/** "HH:MM:SS" as PostgreSQL's time::text gives it → "HH:MM". */
const hhmm = (t: string): string => t.slice(0, 5);

async function readSchedule(db: Db): Promise<Schedule> {
  const windows = await loadSchedule(db);
  return { windows: windows.map((w) => ({ siteCode: w.siteCode, startsAt: hhmm(w.startsAt), endsAt: hhmm(w.endsAt), timeZone: w.timeZone })) };
}

export function registerScheduleRoutes(register: RegisterRoute, db: Db): void {
  register('org.schedule.read', async () => readSchedule(db));
  register('org.schedule.save', async ({ body }) => {
    const sites = [...new Set(body.windows.map((w) => w.siteCode))];
    const known = await db.query<{ code: string }>('SELECT code FROM sites WHERE code = ANY($1::text[])', [sites]);
    const missing = sites.filter((c) => !known.some((k) => k.code === c));
    if (missing.length > 0) throw new SapaError('INVALID_INPUT', 'Invalid schedule', missing.map((c) => `siteCode: no site ${c}`));
    await db.transaction(async (tx) => {
      await tx.query('DELETE FROM site_schedule');
      for (const w of body.windows) {
        await tx.query('INSERT INTO site_schedule (id, site_code, starts_at, ends_at, time_zone) VALUES ($1, $2, $3, $4, $5)',
          [randomUUID(), w.siteCode, w.startsAt, w.endsAt, w.timeZone]);
      }
    });
    return readSchedule(db);
  });
}
