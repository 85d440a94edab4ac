// The audit log as the admin reads it: one entry per sensitive action (who, what, when,
// from where), filtered and paged newest first (keyset on the entry id).
import { z } from 'zod';

export const AuditEntry = z.object({
  /** Increasing with time; the paging key. */
  id: z.number().int().positive(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  /** The actor's username at the time of reading (null: a system action or a deleted user). */
  actorName: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** The address the request came from (null for entries written before it was recorded). */
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const Day = z.iso.date();

/** Filters; query strings are text, so numbers are coerced. */
export const AuditQuery = z.object({
  action: z.string().trim().min(1).max(64).optional(),
  /** The actor's username, exact. */
  actor: z.string().trim().min(1).max(64).optional(),
  /** Part of the subject (an id, a file name, a username). */
  subject: z.string().trim().min(1).max(200).optional(),
  /** From this day (00:00 UTC) … */
  from: Day.optional(),
  /** … to the end of this day (UTC). */
  to: Day.optional(),
  /** Entries older than this id (the previous page's `nextBefore`). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** Pass as `before` for the next (older) page; null when this was the last. */
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** The export takes the same filters, without paging: up to this many entries. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
export const AuditExportQuery = AuditQuery.omit({ before: true, limit: true });
