// The server side of a desktop's working set (docs/decisions/0004, item 9): which customers
// a `scope=working` pull serves. Rules, unioned:
//   - customers the desktop joined (working_sets: opened, looked up — also offline),
//   - open cases and open call-backs assigned to the user,
//   - the user's own contacts of the last N days,
//   - customers of the user's branch with a contact in the last N days, and customers with
//     an open case in a category of the user's queues (queue-policy.ts) — these two can be
//     large, so together they are capped at `bound` customers, most recently active first.
// N: SAPA_WORKING_SET_RECENT_DAYS on the server (30). The bound: the desktop sends its
// working-set limit; the server never goes above MAX_RULE_BOUND.
import { type Db, type SqlParam } from '../db/db.js';
import { categoriesForQueues } from './queue-policy.js';
import { withWriteTransaction } from '../db/write-transaction.js';

export const DEFAULT_RECENT_DAYS = 30;
export const MAX_RULE_BOUND = 200_000;

export interface WorkingScope {
  userId: string;
  branch: string | null;
  categories: string[];
  recentDays: number;
  bound: number;
}

export function recentDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.SAPA_WORKING_SET_RECENT_DAYS);
  return env.SAPA_WORKING_SET_RECENT_DAYS && Number.isInteger(days) && days > 0 && days <= 3650 ? days : DEFAULT_RECENT_DAYS;
}

/** Reads the user's branch and queues (inside the pull's snapshot). */
export async function loadWorkingScope(tx: Db, userId: string, o: { recentDays: number; bound?: number | undefined }): Promise<WorkingScope> {
  const [u] = await tx.query<{ branch: string | null; queues: string[] | null }>(
    'SELECT branch, queues FROM users WHERE id = $1', [userId]);
  return {
    userId,
    branch: u?.branch ?? null,
    categories: await categoriesForQueues(tx, u?.queues ?? []),
    recentDays: o.recentDays,
    bound: Math.min(o.bound ?? MAX_RULE_BOUND, MAX_RULE_BOUND),
  };
}

/**
 * The set as a subquery over parameters $3..$7 (see scopeParams); $1 and $2 stay the
 * version window. A hashed subplan: PostgreSQL computes it at most once per statement, and
 * not at all when the window holds no row of that table.
 */
export const WORKING_SET_SQL = `(SELECT customer_id FROM working_sets WHERE user_id = $3
  UNION SELECT customer_id FROM cases WHERE assignee_id = $3 AND status IN ('open', 'in_progress')
  UNION SELECT customer_id FROM callbacks WHERE assignee_id = $3 AND status = 'open'
  UNION SELECT customer_id FROM interactions WHERE agent_id = $3 AND started_at > now() - make_interval(days => $5::int)
  UNION (SELECT customer_id FROM (
      SELECT i.customer_id, max(i.started_at) AS last FROM interactions i JOIN customers c ON c.id = i.customer_id
       WHERE c.branch = $4::text AND i.started_at > now() - make_interval(days => $5::int) GROUP BY i.customer_id
      UNION ALL
      SELECT customer_id, max(opened_at) AS last FROM cases
       WHERE status IN ('open', 'in_progress') AND category = ANY($6::text[]) GROUP BY customer_id
    ) rules GROUP BY customer_id ORDER BY max(last) DESC, customer_id LIMIT $7::int))`;

export function scopeParams(s: WorkingScope): SqlParam[] {
  return [s.userId, s.branch, s.recentDays, s.categories, s.bound];
}

// ── The scope maintained on write (migration 030, docs/decisions/0030) ────────────────

/** The bound of the branch and queue rules in the maintained scope: the desktops' default limit. */
export const MAINTAINED_RULE_BOUND = 50_000;
const SWEEP_EVERY_MS = 5 * 60_000;

interface ScopeSettingsRow { recent_days: number; rule_bound: number }

/**
 * Makes the maintained scope follow the server's settings (SAPA_WORKING_SET_RECENT_DAYS, the
 * bound); a change recomputes every user's set, memberships that change taking versions.
 */
export async function configureScope(db: Db, o: { recentDays: number; ruleBound?: number }): Promise<void> {
  const bound = o.ruleBound ?? MAINTAINED_RULE_BOUND;
  const changed = await withWriteTransaction(db, async (tx) => {
    const [s] = await tx.query<ScopeSettingsRow>('SELECT recent_days, rule_bound FROM scope_settings FOR UPDATE');
    if (s && s.recent_days === o.recentDays && s.rule_bound === bound) return false;
    await tx.query('UPDATE scope_settings SET recent_days = $1, rule_bound = $2', [o.recentDays, bound]);
    return true;
  });
  if (changed) await refreshAllUsers(db);
}

async function refreshAllUsers(db: Db): Promise<void> {
  const users = await db.query<{ id: string }>('SELECT id FROM users ORDER BY id');
  for (const u of users) await withWriteTransaction(db, (tx) => tx.query('SELECT sapa_scope_refresh_user($1)', [u.id]));
}

/**
 * The periodic sweep: (1) customers whose recent contacts aged out of the window since the
 * last sweep are recomputed (the branch and own-contact rules), (2) users whose set grew
 * past the bound (writes add uncapped) are recomputed exactly, which applies the cap.
 * Each step is one short write transaction. Answers how many memberships changed.
 */
export async function sweepScope(db: Db): Promise<{ customers: number; users: number }> {
  const aged = await withWriteTransaction(db, async (tx) => {
    const [s] = await tx.query<{ from: string | null; to: string }>(
      'SELECT swept_cutoff::text AS from, sapa_scope_cutoff()::text AS to FROM scope_settings FOR UPDATE');
    if (!s) return 0;
    // The users whose memberships changed get a new scope head (migration 041) but no poke:
    // aging is not urgent, and a sweep poking every desktop at once would be a stampede;
    // their next periodic pull brings the change.
    const [r] = await tx.query<{ n: number }>(
      `WITH changed AS (SELECT sapa_scope_refresh_customers(ARRAY(
         SELECT DISTINCT customer_id FROM interactions
          WHERE started_at <= GREATEST($1::timestamptz, $2::timestamptz)
            AND ($1::timestamptz IS NULL OR started_at > LEAST($1::timestamptz, $2::timestamptz)))) AS users)
       SELECT cardinality(users)::int AS n, sapa_scope_touch(users)::text AS touched FROM changed`,
      [s.from, s.to]);
    await tx.query('UPDATE scope_settings SET swept_cutoff = $1::timestamptz', [s.to]);
    return r?.n ?? 0;
  });
  const over = await db.query<{ user_id: string }>(
    `SELECT user_id FROM scope_members WHERE in_scope GROUP BY user_id
      HAVING count(*) > (SELECT rule_bound FROM scope_settings)`);
  for (const u of over) await withWriteTransaction(db, (tx) => tx.query('SELECT sapa_scope_refresh_user($1)', [u.user_id]));
  return { customers: aged, users: over.length };
}

/** Left memberships pruned per call at most (one short transaction; the rest at the next sweep). */
const PRUNE_BATCH = 20_000;

/**
 * Deletes left memberships older than the horizon (scope_settings.prune_days, at the scope's
 * clock), at most `batch` of them, and raises `pruned_through` to the highest version
 * deleted, in the same transaction: a
 * pull whose snapshot misses the deletion also misses the new horizon. Each call records
 * the sequence's value now (version_marks), which is how a version is given an age; marks
 * older than the horizon's are dropped. No write lock: nothing here takes a version.
 * Answers how many memberships were deleted.
 */
export async function pruneScope(db: Db, batch = PRUNE_BATCH): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(`INSERT INTO version_marks (at, version) VALUES (sapa_scope_now(), (SELECT last_value FROM sync_version_seq))
                    ON CONFLICT (at) DO NOTHING`);
    const [h] = await tx.query<{ v: number | null }>(
      `SELECT max(version) AS v FROM version_marks WHERE at <= sapa_scope_now() - make_interval(days => (SELECT prune_days FROM scope_settings))`);
    const horizon = h?.v ?? null;
    if (horizon === null) return 0;
    await tx.query('DELETE FROM version_marks WHERE version < $1', [horizon]);
    // pruned_through: the highest version deleted (a cursor at or above it missed nothing).
    const [gone] = await tx.query<{ n: number; top: number | null }>(
      `WITH gone AS (DELETE FROM scope_members m USING (
          SELECT user_id, customer_id FROM scope_members WHERE NOT in_scope AND version <= $1 LIMIT $2) x
        WHERE m.user_id = x.user_id AND m.customer_id = x.customer_id AND NOT m.in_scope RETURNING m.version)
       SELECT count(*)::int AS n, max(version) AS top FROM gone`, [horizon, batch]);
    if (gone?.top != null) await tx.query('UPDATE scope_settings SET pruned_through = GREATEST(pruned_through, $1)', [gone.top]);
    return gone?.n ?? 0;
  });
}

/** Configures the scope at start, then sweeps (and prunes) every few minutes (every instance; idempotent). */
export function startScopeSweep(db: Db, onError: (err: unknown) => void, everyMs = SWEEP_EVERY_MS): { start(): Promise<void>; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  return {
    async start() {
      await configureScope(db, { recentDays: recentDaysFromEnv() }).catch(onError);
      timer = setInterval(() => { running = sweepScope(db).then(() => pruneScope(db)).catch(onError); }, everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      void running;
    },
  };
}
