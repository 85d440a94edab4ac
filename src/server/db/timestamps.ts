// Timestamps leave the server as ISO-8601 UTC strings (what Date.prototype.toISOString
// writes). Rows read with QueryOptions.isoTimestamps already hold that string; others hold
// a Date. The row mappers take either.

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
