// SIP credential revocation, the database half (docs/decisions/0010): per extension the
// latest expiry handed out (issued_until) and the cut-off (revoked_through). Revoking
// moves the cut-off up to everything handed out so far; a credential issued afterwards
// expires after the cut-off, so it is the only kind Kamailio still accepts. All times
// are unix seconds, the unit of the auth_ephemeral username.
import { type Db } from '../db/db.js';

/**
 * The expiry for a new credential of `extension`: `wantedS`, or one second past the cut-off
 * when a revocation in the same second (or a shorter TTL since) would otherwise cover it.
 */
export async function issueExpiry(db: Db, extension: string, wantedS: number): Promise<number> {
  const [row] = await db.query<{ expiry: string }>(
    `INSERT INTO sip_credential_cutoffs (extension, issued_until) VALUES ($1, $2)
     ON CONFLICT (extension) DO UPDATE
       SET issued_until = GREATEST(sip_credential_cutoffs.issued_until, $2::bigint, sip_credential_cutoffs.revoked_through + 1),
           updated_at = now()
     RETURNING GREATEST($2::bigint, revoked_through + 1) AS expiry`,
    [extension, wantedS],
  );
  return Number(row?.expiry ?? wantedS);
}

/** Revokes every credential of `extension` handed out so far; returns the cut-off. */
export async function revokeExtension(db: Db, extension: string): Promise<number> {
  const [row] = await db.query<{ revoked_through: string }>(
    `INSERT INTO sip_credential_cutoffs (extension) VALUES ($1)
     ON CONFLICT (extension) DO UPDATE
       SET revoked_through = GREATEST(sip_credential_cutoffs.revoked_through, sip_credential_cutoffs.issued_until),
           updated_at = now()
     RETURNING revoked_through`,
    [extension],
  );
  return Number(row?.revoked_through ?? 0);
}

/** Cut-offs that still matter at `nowS` (a credential they cover could still be in date). */
export async function liveCutoffs(db: Db, nowS: number): Promise<{ extension: string; cutoff: number }[]> {
  const rows = await db.query<{ extension: string; revoked_through: string }>(
    'SELECT extension, revoked_through FROM sip_credential_cutoffs WHERE revoked_through > $1 ORDER BY extension', [nowS],
  );
  return rows.map((r) => ({ extension: r.extension, cutoff: Number(r.revoked_through) }));
}
