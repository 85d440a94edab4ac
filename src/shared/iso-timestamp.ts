// The one rule for a timestamp that crosses a boundary (IPC, HTTP, sync push): an ISO 8601
// date-time with seconds and an explicit offset (`Z` or `±HH:MM`), that names a real moment
// on the calendar which JavaScript's Date AND PostgreSQL's timestamptz both read the same
// way. Either alone is too lenient: Date reads "2026-02-30T…" as 2 March, and PostgreSQL
// refuses it — a value core accepted but the server's database refuses blocked the outbox
// (see docs/decisions/0011-poison-mutations.md). Years are kept to 1900–9999: four digits
// (Date and PostgreSQL differ on expanded years) and nothing a call center could mean
// before 1900.

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

export const MIN_TIMESTAMP_YEAR = 1900;
export const MAX_TIMESTAMP_YEAR = 9999;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why `value` is not a boundary timestamp, or null when it is one. */
export function isoTimestampProblem(value: string): string | null {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return 'not an ISO 8601 date-time with offset (e.g. 2026-11-25T08:00:00.000Z)';
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < MIN_TIMESTAMP_YEAR || year > MAX_TIMESTAMP_YEAR) return `year ${year} is outside ${MIN_TIMESTAMP_YEAR}–${MAX_TIMESTAMP_YEAR}`;
  if (month < 1 || month > 12) return `month ${m[2]} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) return `day ${m[3]} does not exist in ${m[1]}-${m[2]}`;
  if (hour > 23 || minute > 59 || second > 59) return `time ${m[4]}:${m[5]}:${m[6]} does not exist`;
  if (m[7] && (Number(m[8]) > 14 || Number(m[9]) > 59)) return `offset ${m[7]}${m[8]}:${m[9]} is out of range`;
  return null;
}
