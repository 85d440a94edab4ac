// Response-time SLA clock for inbound e-mail: the answer is due a number of WORKING minutes
// after arrival (target: 90 % within 2 working hours). Working hours and holidays are
// settings, kept as plain data so this policy is a pure, tested function.
import { z } from 'zod';

/** Indonesia's three zones with their fixed offsets (WIB, WITA, WIT). */
export const OFFICE_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export const ZONE_OFFSET_MINUTES: Record<(typeof OFFICE_TIME_ZONES)[number], number> = {
  'Asia/Jakarta': 420, 'Asia/Makassar': 480, 'Asia/Jayapura': 540,
};

/** Problems of settings that parse but cannot run a clock (for a clear 400 on save). */
export function slaProblems(s: SlaSettings): string[] {
  const out: string[] = [];
  if (!s.hours.some((h) => h !== null)) out.push('hours: at least one weekday must be open');
  s.hours.forEach((h, day) => {
    if (!h) return;
    const [open, close] = h.map(toMinutes) as [number, number];
    if (open > 1_440 || close > 1_440 || Number(h[0].slice(3)) > 59 || Number(h[1].slice(3)) > 59) out.push(`hours.${day}: not a time of day`);
    else if (close <= open) out.push(`hours.${day}: closes before it opens`);
  });
  if (new Set(s.holidays).size !== s.holidays.length) out.push('holidays: a date is listed twice');
  if (s.timeZone && ZONE_OFFSET_MINUTES[s.timeZone] !== s.utcOffsetMinutes) out.push('utcOffsetMinutes: does not match timeZone');
  return out;
}

export const SlaSettings = z.object({
  /** Minutes east of UTC of the office's clock (Jakarta, WIB: 420). No daylight saving. */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** Per weekday (0 = Sunday … 6 = Saturday): [start, end) as "HH:MM", or null = closed. */
  hours: z.array(z.tuple([z.string().regex(/^\d{2}:\d{2}$/), z.string().regex(/^\d{2}:\d{2}$/)]).nullable()).length(7),
  /** Office-clock dates that are holidays, YYYY-MM-DD. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(400),
  /**
   * The site's time zone the office clock follows (the Organisation screen sets
   * utcOffsetMinutes from it; Indonesia keeps no daylight saving). Absent: Asia/Jakarta.
   */
  timeZone: z.enum(OFFICE_TIME_ZONES).optional(),
  /** A name per holiday date ("Hari Natal"), shown on the Organisation screen. */
  holidayNames: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.string().trim().min(1).max(100)).optional(),
  targetMinutes: z.number().int().min(1).max(10_080),
  /** Share of messages to answer within the target (0.9 = 90 %). */
  targetRatio: z.number().min(0).max(1),
});
export type SlaSettings = z.infer<typeof SlaSettings>;

export const DEFAULT_SLA: SlaSettings = {
  utcOffsetMinutes: 420,
  hours: [null, ['08:00', '17:00'], ['08:00', '17:00'], ['08:00', '17:00'], ['08:00', '17:00'], ['08:00', '17:00'], ['08:00', '12:00']],
  holidays: ['2026-12-25', '2027-01-01'],
  timeZone: 'Asia/Jakarta',
  holidayNames: { '2026-12-25': 'Hari Natal', '2027-01-01': 'Tahun Baru' },
  targetMinutes: 120,
  targetRatio: 0.9,
};

const MINUTE = 60_000;
const DAY = 1_440;
const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Working window of one office-clock day, in ms since the epoch, or null when closed. */
function windowOf(dayStartLocalMs: number, s: SlaSettings): [number, number] | null {
  const d = new Date(dayStartLocalMs);
  if (s.holidays.includes(d.toISOString().slice(0, 10))) return null;
  const hours = s.hours[d.getUTCDay()];
  if (!hours) return null;
  const offset = s.utcOffsetMinutes * MINUTE;
  return [dayStartLocalMs + toMinutes(hours[0]) * MINUTE - offset, dayStartLocalMs + toMinutes(hours[1]) * MINUTE - offset];
}

/** When `minutes` of working time have passed after `start`. */
export function addWorkingMinutes(start: Date, minutes: number, s: SlaSettings): Date {
  const offset = s.utcOffsetMinutes * MINUTE;
  let left = minutes * MINUTE;
  let t = start.getTime();
  let day = Math.floor((t + offset) / (DAY * MINUTE)) * DAY * MINUTE;
  // Two years of closed days would mean the settings are wrong; stop rather than loop.
  for (let i = 0; i < 800; i += 1, day += DAY * MINUTE) {
    const w = windowOf(day, s);
    if (!w) continue;
    const from = Math.max(t, w[0]);
    if (from >= w[1]) continue;
    if (from + left <= w[1]) return new Date(from + left);
    left -= w[1] - from;
    t = w[1];
  }
  throw new Error('SLA settings have no working hours');
}

/** Working minutes between two instants (for reports: answered within target or not). */
export function workingMinutesBetween(a: Date, b: Date, s: SlaSettings): number {
  const offset = s.utcOffsetMinutes * MINUTE;
  let total = 0;
  let day = Math.floor((a.getTime() + offset) / (DAY * MINUTE)) * DAY * MINUTE;
  for (let i = 0; i < 800 && day - offset < b.getTime(); i += 1, day += DAY * MINUTE) {
    const w = windowOf(day, s);
    if (!w) continue;
    const from = Math.max(a.getTime(), w[0]);
    const to = Math.min(b.getTime(), w[1]);
    if (to > from) total += to - from;
  }
  return Math.round(total / MINUTE);
}
