// The do-not-call list (docs/sales.md, "Do not call"): numbers as E.164, so a number written
// in any form is the same entry. Campaign lists leave them out when built, a contact whose
// number was listed later is skipped when claimed, and the softphone asks dnc.check before it
// dials (src/renderer/features/customer/dial.ts) and refuses with a clear message.
import { SapaError } from '../../../shared/errors.js';
import { toE164 } from '../../../shared/phone.js';
import { type Db } from '../../db/db.js';

export function requireE164(phone: string): string {
  const e164 = toE164(phone);
  if (!e164) throw new SapaError('INVALID_INPUT', `phone: ${phone.slice(0, 64)} is not a valid phone number`);
  return e164;
}

export async function isDoNotCall(db: Db, e164: string): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('SELECT 1 AS n FROM do_not_call WHERE e164 = $1', [e164]);
  return Boolean(row);
}

export async function addDoNotCall(db: Db, phone: string, reason: string, actorId: string) {
  const e164 = requireE164(phone);
  const [row] = await db.query<{ e164: string; reason: string; added_at: Date; added_by: string | null }>(
    `INSERT INTO do_not_call (e164, reason, added_by) VALUES ($1, $2, $3)
     ON CONFLICT (e164) DO UPDATE SET reason = CASE WHEN EXCLUDED.reason = '' THEN do_not_call.reason ELSE EXCLUDED.reason END
     RETURNING e164, reason, added_at, (SELECT display_name FROM users WHERE id = do_not_call.added_by) AS added_by`,
    [e164, reason, actorId]);
  if (!row) throw new SapaError('INTERNAL', 'The number was not listed');
  return { e164: row.e164, reason: row.reason, addedAt: row.added_at.toISOString(), addedBy: row.added_by };
}

export async function listDoNotCall(db: Db) {
  const rows = await db.query<{ e164: string; reason: string; added_at: Date; added_by: string | null }>(
    `SELECT d.e164, d.reason, d.added_at, u.display_name AS added_by FROM do_not_call d LEFT JOIN users u ON u.id = d.added_by
     ORDER BY d.added_at DESC LIMIT 5000`);
  return { entries: rows.map((r) => ({ e164: r.e164, reason: r.reason, addedAt: r.added_at.toISOString(), addedBy: r.added_by })) };
}
