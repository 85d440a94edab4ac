// Report periods (docs/reports.md, "Periods"): a month, a quarter (Triwulan I–IV), a
// semester (Semester I = January–June, II = July–December), a year, or a custom range of
// days, always whole calendar days in the company time zone (Asia/Jakarta, UTC+7, no
// daylight saving). Pure: the server, the scheduler and the screen share it. A period is
// named by a key that fits in a URL: 2026-12, 2026-Q4, 2026-S1, 2026, 2026-10-01_2026-11-15.
import { z } from 'zod';

export const PERIOD_KINDS = ['month', 'quarter', 'semester', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Whole local days, both ends included (YYYY-MM-DD). */
export interface Period { kind: PeriodKind; key: string; from: string; to: string }

/** The company's clock: UTC+7 all year (Asia/Jakarta has no daylight saving). */
export const COMPANY_UTC_OFFSET_MS = 7 * 3_600_000;
/** A custom range may span at most this many days (a year's rollup rows, leap year included). */
export const MAX_CUSTOM_DAYS = 366;

const DAY_MS = 86_400_000;
const ROMAN = ['I', 'II', 'III', 'IV'] as const;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Parses YYYY-MM-DD strictly (a real calendar date), else null. */
export function parseDay(s: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 2000 || y > 2199 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return { y, m, d };
}

/** The local calendar day of an instant in the company time zone. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + COMPANY_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local day begins (00:00 Asia/Jakarta). */
export function dayStartUtc(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - COMPANY_UTC_OFFSET_MS);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** [start, end): the instants the period covers — local midnight of `from` to local midnight after `to`. */
export function periodBounds(p: Period): { start: Date; end: Date } {
  return { start: dayStartUtc(p.from), end: dayStartUtc(addDays(p.to, 1)) };
}

function month(y: number, m: number): Period {
  return { kind: 'month', key: `${pad(y, 4)}-${pad(m)}`, from: ymd(y, m, 1), to: ymd(y, m, daysIn(y, m)) };
}
function quarter(y: number, q: number): Period {
  const m = (q - 1) * 3 + 1;
  return { kind: 'quarter', key: `${pad(y, 4)}-Q${q}`, from: ymd(y, m, 1), to: ymd(y, m + 2, daysIn(y, m + 2)) };
}
function semester(y: number, s: number): Period {
  return { kind: 'semester', key: `${pad(y, 4)}-S${s}`, from: s === 1 ? ymd(y, 1, 1) : ymd(y, 7, 1), to: s === 1 ? ymd(y, 6, 30) : ymd(y, 12, 31) };
}
function year(y: number): Period {
  return { kind: 'year', key: pad(y, 4), from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
}

export class PeriodError extends Error {}

/** A custom range, checked: real dates, from ≤ to, at most MAX_CUSTOM_DAYS days. */
export function customPeriod(from: string, to: string): Period {
  if (!parseDay(from)) throw new PeriodError(`"${from.slice(0, 20)}" is not a date (YYYY-MM-DD)`);
  if (!parseDay(to)) throw new PeriodError(`"${to.slice(0, 20)}" is not a date (YYYY-MM-DD)`);
  if (to < from) throw new PeriodError('The range ends before it starts');
  if (daysBetween(from, to) > MAX_CUSTOM_DAYS) throw new PeriodError(`A custom range spans at most ${MAX_CUSTOM_DAYS} days`);
  return { kind: 'custom', key: `${from}_${to}`, from, to };
}

/** The period a key names; throws PeriodError with a readable message for anything else. */
export function parsePeriodKey(key: string): Period {
  let m: RegExpExecArray | null;
  const yearOk = (y: number) => { if (y < 2000 || y > 2199) throw new PeriodError(`Year ${y} is out of range`); return y; };
  if ((m = /^(\d{4})-(\d{2})$/.exec(key))) {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) throw new PeriodError(`Month ${m[2]} does not exist`);
    return month(yearOk(Number(m[1])), mo);
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return quarter(yearOk(Number(m[1])), Number(m[2]));
  if ((m = /^(\d{4})-S([12])$/.exec(key))) return semester(yearOk(Number(m[1])), Number(m[2]));
  if ((m = /^(\d{4})$/.exec(key))) return year(yearOk(Number(m[1])));
  if ((m = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(key))) return customPeriod(m[1] ?? '', m[2] ?? '');
  throw new PeriodError(`"${key.slice(0, 40)}" is not a period (2026-12, 2026-Q4, 2026-S1, 2026 or 2026-10-01_2026-10-31)`);
}

/** The period of `kind` holding the local day `day` (custom: that one day). */
export function periodContaining(kind: PeriodKind, day: string): Period {
  const d = parseDay(day);
  if (!d) throw new PeriodError(`"${day}" is not a date`);
  switch (kind) {
    case 'month': return month(d.y, d.m);
    case 'quarter': return quarter(d.y, Math.ceil(d.m / 3));
    case 'semester': return semester(d.y, d.m <= 6 ? 1 : 2);
    case 'year': return year(d.y);
    case 'custom': return customPeriod(day, day);
  }
}

/** The period just before: the previous month/quarter/…; for a custom range the same number of days before it. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'custom') {
    const n = daysBetween(p.from, p.to);
    return customPeriod(addDays(p.from, -n), addDays(p.from, -1));
  }
  return periodContaining(p.kind, addDays(p.from, -1));
}

function shiftYear(day: string, years: number): string {
  const d = parseDay(day);
  if (!d) throw new PeriodError(`"${day}" is not a date`);
  const y = d.y + years;
  return ymd(y, d.m, Math.min(d.d, daysIn(y, d.m)));
}

/** The same period one year earlier (29 February falls on the 28th). */
export function samePeriodLastYear(p: Period): Period {
  if (p.kind === 'custom') return customPeriod(shiftYear(p.from, -1), shiftYear(p.to, -1));
  return periodContaining(p.kind, shiftYear(p.from, -1));
}

/** The period after (the scheduler: the one that starts next). Custom ranges have none. */
export function nextPeriod(p: Period): Period {
  if (p.kind === 'custom') throw new PeriodError('A custom range has no next period');
  return periodContaining(p.kind, addDays(p.to, 1));
}

/** Every local day of the period, in order. */
export function periodDays(p: Period): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

const MONTHS = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

function dayLabel(day: string, language: 'id' | 'en'): string {
  const d = parseDay(day);
  if (!d) return day;
  return `${d.d} ${MONTHS[language][d.m - 1] ?? ''} ${d.y}`;
}

/** "Triwulan IV 2026" / "Quarter IV 2026", "Semester I 2026", "Desember 2026", "1 Oktober 2026 – 15 November 2026". */
export function periodLabel(p: Period, language: 'id' | 'en'): string {
  const d = parseDay(p.from);
  if (!d) return p.key;
  switch (p.kind) {
    case 'month': return `${MONTHS[language][d.m - 1] ?? ''} ${d.y}`;
    case 'quarter': return `${language === 'id' ? 'Triwulan' : 'Quarter'} ${ROMAN[Math.floor((d.m - 1) / 3)] ?? ''} ${d.y}`;
    case 'semester': return `Semester ${d.m <= 6 ? 'I' : 'II'} ${d.y}`;
    case 'year': return `${language === 'id' ? 'Tahun' : 'Year'} ${d.y}`;
    case 'custom': return p.from === p.to ? dayLabel(p.from, language) : `${dayLabel(p.from, language)} – ${dayLabel(p.to, language)}`;
  }
}

/** A period key in a query string: checked with parsePeriodKey, the message kept for the 400. */
export const PeriodKey = z.string().max(40).superRefine((key, ctx) => {
  try {
    parsePeriodKey(key);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : 'not a period' });
  }
});
