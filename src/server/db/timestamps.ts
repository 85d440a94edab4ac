// Timestamps leave the server as ISO-8601 UTC strings (what Date.prototype.toISOString
// writes). Rows read with QueryOptions.isoTimestamps already hold that string; others hold
// a Date. The row mappers take either; isoFromTimestamptzText is the parser that reads them.

/** A timestamptz as read: a Date, or already an ISO string (QueryOptions.isoTimestamps). */
export type Timestamp = Date | string;

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

export function iso(d: Timestamp): string {
  if (d instanceof Date) return d.toISOString();
  return ISO_UTC.test(d) ? d : new Date(d).toISOString();
}

export function isoOrNull(d: Timestamp | null): string | null {
  return d === null ? null : iso(d);
}

/**
 * PostgreSQL's text form of a timestamptz (DateStyle ISO: `2025-03-04 05:06:07.123456+07`)
 * as toISOString() would write it. UTC values, the usual case (the pull sets its session's
 * time zone to UTC), are rewritten without building a Date; other offsets go through one.
 * Like pg's own parser (and Date), sub-millisecond digits are cut, not rounded.
 */
export function isoFromTimestamptzText(text: string): string {
  if (text.length >= 22 && text[10] === ' ' && text.endsWith('+00') && text[4] === '-') {
    const fraction = text.length > 22 ? text.slice(19, -3) : '';
    const millis = fraction ? `${fraction}000`.slice(0, 4) : '.000';
    return `${text.slice(0, 10)}T${text.slice(11, 19)}${millis}Z`;
  }
  const date = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable timestamptz "${text}"`);
  return date.toISOString();
}
