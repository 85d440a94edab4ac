// Customers looked up outside the caller's working set: any agent may take any caller, so
// such lookups are allowed, but each is audited (who, which customer, when, from where),
// and a user who opens more than `lookup_limit_per_hour` distinct customers outside their
// working set within an hour is refused (THROTTLED, 429) and flagged to the admins
// (lookup_flags, GET /admin/data-access/flags). Re-opening a customer already counted this
// hour is free, so an agent who keeps one caller's card open is never throttled by it.
// Roles allowed full replication are audited but never throttled.
//
// Opens are: a customer's 360, history and messages (routes marked `opensCustomer` in the
// route map) and a working-set join (which makes the pull serve that customer). Search
// and phone look-up answers are only audited: they list summaries, and the open that
// follows a pick is counted.
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { inWorkingScope } from './in-scope.js';
import { loadDataAccessSettings } from './settings.js';

/** Where a lookup came from, for the audit row. */
export interface LookupOrigin {
  /** The route or mutation name. */
  via: string;
  /** The caller's address (absent for pushed mutations, which name the desktop instead). */
  ip?: string;
  clientId?: string;
}

export type OpenOutcome =
  | { kind: 'in_scope' }
  | { kind: 'recorded' }
  | { kind: 'throttled'; limit: number; retryAfterSeconds: number };

/**
 * Counts and audits an open of `customerId` by `user`; answers whether it may go ahead.
 * Runs on `tx`, which must be a transaction: a per-user advisory lock makes the count and
 * the insert one step, so parallel opens cannot slip past the limit together.
 */
export async function recordOpen(tx: Db, user: SessionUser, customerId: string, origin: LookupOrigin): Promise<OpenOutcome> {
  if ((await inWorkingScope(tx, user.id, [customerId])).has(customerId)) return { kind: 'in_scope' };
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('sapa.lookups:' || $1::text))", [user.id]);
  const settings = await loadDataAccessSettings(tx);
  const limit = settings.lookupLimitPerHour;
  // A role allowed to replicate every customer could read them all from its own cache:
  // its server opens are audited but not throttled.
  const throttled = !settings.fullReplicationRoles.includes(user.role);
  const [window] = await tx.query<{ n: number; seen: boolean | null; oldest: Date | null }>(
    `SELECT count(DISTINCT customer_id)::int AS n, bool_or(customer_id = $2) AS seen, min(at) AS oldest
       FROM customer_lookups WHERE user_id = $1 AND at > now() - interval '1 hour'`, [user.id, customerId]);
  const details = { via: origin.via, ...(origin.clientId ? { clientId: origin.clientId } : {}) };
  if (throttled && !window?.seen && (window?.n ?? 0) >= limit) {
    await flag(tx, user, customerId, limit, details, origin.ip);
    const oldest = window?.oldest?.getTime() ?? Date.now();
    return { kind: 'throttled', limit, retryAfterSeconds: Math.max(1, Math.ceil((oldest + 3_600_000 - Date.now()) / 1000)) };
  }
  await tx.query('INSERT INTO customer_lookups (user_id, customer_id) VALUES ($1, $2)', [user.id, customerId]);
  // Only the last hour is ever counted; audit_log keeps the lasting record.
  await tx.query("DELETE FROM customer_lookups WHERE user_id = $1 AND at < now() - interval '2 hours'", [user.id]);
  await audit(tx, 'customer_opened_outside_scope', user.id, customerId, details, origin.ip);
  return { kind: 'recorded' };
}

/**
 * Raises or refreshes the user's flag. Audited once per episode: on the first refusal, and
 * again when the previous refusal is more than an hour old (not on every refused request,
 * which a scraping loop would turn into a flood of rows).
 */
async function flag(
  tx: Db, user: SessionUser, customerId: string, limit: number, details: Record<string, unknown>, ip: string | undefined,
): Promise<void> {
  const [before] = await tx.query<{ recent: boolean }>(
    "SELECT last_refused_at > now() - interval '1 hour' AS recent FROM lookup_flags WHERE user_id = $1", [user.id]);
  await tx.query(
    `INSERT INTO lookup_flags (user_id, limit_per_hour) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET last_refused_at = now(), refusals = lookup_flags.refusals + 1`, [user.id, limit]);
  if (!before?.recent) await audit(tx, 'lookup_throttled', user.id, customerId, { ...details, limit }, ip);
}

export function throttledError(o: { limit: number; retryAfterSeconds: number }): SapaError {
  return new SapaError('THROTTLED',
    `More than ${o.limit} customers outside your working set opened in the last hour; an administrator has been told. Try again later.`,
    { limit: o.limit, retryAfterSeconds: o.retryAfterSeconds });
}

/** A route's open (its own transaction, committed before any refusal is answered). */
export async function guardCustomerOpen(db: Db, user: SessionUser, customerId: string, origin: LookupOrigin): Promise<void> {
  const outcome = await db.transaction((tx) => recordOpen(tx, user, customerId, origin));
  if (outcome.kind === 'throttled') throw throttledError(outcome);
}

/** Search and phone look-up answers: one audit row naming the out-of-scope customers listed. */
export async function auditListed(db: Db, user: SessionUser, customerIds: readonly string[], origin: LookupOrigin): Promise<void> {
  if (customerIds.length === 0) return;
  const inScope = await inWorkingScope(db, user.id, customerIds);
  const outside = customerIds.filter((id) => !inScope.has(id));
  if (outside.length === 0) return;
  await audit(db, 'customers_listed_outside_scope', user.id, outside.length === 1 ? outside[0]! : null, {
    via: origin.via, customerIds: outside,
  }, origin.ip);
}
