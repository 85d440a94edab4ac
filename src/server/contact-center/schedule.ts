// Which site takes inbound traffic now (site_schedule, migration 017): windows of local time
// in the company's time zone (Asia/Jakarta), a window whose end is before its start running
// past midnight — Jakarta 07:00–23:00, Yogyakarta 23:00–07:00 as seeded. Pure, plus a load.
import { type Db } from '../db/db.js';

export interface ScheduleWindow {
  siteCode: string;
  /** "HH:MM" or "HH:MM:SS" local time. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
}

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** Minutes since local midnight of `now` in `timeZone`. */
export function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? '0');
  return hour * 60 + minute;
}

function covers(w: ScheduleWindow, now: Date): boolean {
  const at = localMinutes(now, w.timeZone);
  const start = minutesOf(w.startsAt);
  const end = minutesOf(w.endsAt);
  return start < end ? at >= start && at < end : at >= start || at < end;
}

/** The site whose window covers `now` (the first listed when windows overlap); null: no schedule covers now. */
export function siteOnDuty(windows: readonly ScheduleWindow[], now: Date): string | null {
  return windows.find((w) => covers(w, now))?.siteCode ?? null;
}

export async function loadSchedule(db: Db): Promise<ScheduleWindow[]> {
  const rows = await db.query<{ site_code: string; starts_at: string; ends_at: string; time_zone: string }>(
    'SELECT site_code, starts_at::text AS starts_at, ends_at::text AS ends_at, time_zone FROM site_schedule ORDER BY starts_at, site_code');
  return rows.map((r) => ({ siteCode: r.site_code, startsAt: r.starts_at, endsAt: r.ends_at, timeZone: r.time_zone }));
}
