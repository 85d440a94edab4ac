-- The steady pull's fast path (docs/decisions/0040-steady-pull-fast-path.md).
-- `scope_heads` holds, per user, the version of the last write that concerned the user's
-- working set: a row of a customer the user holds, or a change of the user's membership.
-- It is written in the writing transaction, under the global write lock (decision 0002),
-- so a reader's snapshot that sees version N sees every user's head up to N. A pull whose
-- cursor is at or above its user's head and the head of the shared tables (users,
-- reply_paragraphs, tombstones) has nothing to receive: it answers the global head as its
-- next cursor from one index lookup, without a transaction.
CREATE TABLE scope_heads (
  user_id uuid PRIMARY KEY,
  version bigint NOT NULL
);

-- Heads are kept from this point on: before it, every user counts as changed at the
-- sequence's value now, so a desktop whose cursor is older takes the full pull once.
ALTER TABLE scope_settings ADD COLUMN heads_since bigint NOT NULL DEFAULT 0;
UPDATE scope_settings SET heads_since = (SELECT last_value FROM sync_version_seq);

-- Records that these users' scopes changed in this transaction. The sequence's last value
-- is at least every version this transaction stamped (the lock orders all stamping), so the
-- head is never below the change it records; higher would only cost one ordinary pull.
CREATE FUNCTION sapa_scope_touch(users uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO scope_heads AS h (user_id, version)
  SELECT DISTINCT u, (SELECT last_value FROM sync_version_seq) FROM unnest(users) u WHERE u IS NOT NULL
  ON CONFLICT (user_id) DO UPDATE SET version = GREATEST(h.version, EXCLUDED.version)
$$;

-- Every user a write pokes is a user whose scope it changed: record the head, then poke.
-- Migration 030's notify becomes sapa_scope_poke, unchanged; its callers (resolved by name
-- when they run) now reach this one.
ALTER FUNCTION sapa_scope_notify(uuid[]) RENAME TO sapa_scope_poke;
CREATE FUNCTION sapa_scope_notify(users uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF users IS NULL OR cardinality(users) = 0 THEN RETURN; END IF;
  PERFORM sapa_scope_touch(users);
  PERFORM sapa_scope_poke(users);
END $$;

-- Pruning left memberships. A membership that left stays so that a desktop whose cursor is
-- older learns of the leave (tombstones for the customer's rows). Kept for a horizon
-- (scope_settings.prune_days, 90 days by default — far beyond a session of 12 hours, so only
-- a desktop nobody signed in to for months is behind it): the sweep records which version
-- the sequence had when (version_marks, one row per sweep), and deletes left memberships
-- whose version is at or below the version of `prune_days` ago. `pruned_through` is the highest
-- version pruned: a maintained pull with a cursor above 0 but below it may have missed a leave, so
-- the server refuses it with WIPE_ORDERED and the desktop starts over from an empty cache.
-- Off by default (NULL: nothing is pruned): a first sync pages upward from cursor 0 through
-- versions below the horizon, and the refusal cannot yet tell such a page from a stale cache,
-- so with pruning on every first sync after the horizon would be refused (decision 0040).
ALTER TABLE scope_settings ADD COLUMN prune_days int CHECK (prune_days BETWEEN 1 AND 3650);
ALTER TABLE scope_settings ADD COLUMN pruned_through bigint NOT NULL DEFAULT 0;
CREATE TABLE version_marks (
  at timestamptz PRIMARY KEY,
  version bigint NOT NULL
);
CREATE INDEX scope_members_left ON scope_members (version) WHERE NOT in_scope;
