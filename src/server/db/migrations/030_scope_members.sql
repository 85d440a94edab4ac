-- Working-set scope maintained on write (docs/decisions/0030-scope-maintained-on-write.md).
-- `scope_members` holds, per user, every customer that is or was in the user's working set:
-- `in_scope` says which, `version` (the global sync sequence, stamped under the write lock)
-- is the version of the last change of that membership. A `scope=working` pull serves the
-- rows of the window whose customer is a member (index probe per row), plus, for every
-- membership that changed in the window, all rows of a customer that entered (even those
-- below the desktop's cursor) or tombstones for all rows of one that left.
--
-- The rules are those of working-scope.ts (WORKING_SET_SQL). Writes to the rule inputs
-- (working_sets, cases, callbacks, interactions, customers.branch) recompute the membership
-- of the customers they touch, for every user, with the rules uncapped; changes of a user's
-- branch or queues, of a queue's categories, and the periodic sweep (the 30-day window
-- moving, the cap on the branch and queue rules) recompute one user's set exactly.

-- Server-wide parameters of the maintained scope. `clock_offset` moves the scope's clock
-- (tests only); `swept_cutoff` is the recent-contact cutoff of the last sweep.
CREATE TABLE scope_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  recent_days int NOT NULL DEFAULT 30 CHECK (recent_days BETWEEN 1 AND 3650),
  rule_bound int NOT NULL DEFAULT 50000 CHECK (rule_bound > 0),
  clock_offset interval NOT NULL DEFAULT '0',
  swept_cutoff timestamptz
);
INSERT INTO scope_settings DEFAULT VALUES;

CREATE FUNCTION sapa_scope_now() RETURNS timestamptz LANGUAGE sql STABLE AS
  $$ SELECT now() + clock_offset FROM scope_settings $$;
CREATE FUNCTION sapa_scope_cutoff() RETURNS timestamptz LANGUAGE sql STABLE AS
  $$ SELECT now() + clock_offset - make_interval(days => recent_days) FROM scope_settings $$;

CREATE TABLE scope_members (
  user_id uuid NOT NULL,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  in_scope boolean NOT NULL,
  version bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, customer_id)
);
CREATE INDEX scope_members_user_version ON scope_members (user_id, version);
CREATE INDEX scope_members_version ON scope_members (version);
CREATE INDEX scope_members_customer ON scope_members (customer_id) WHERE in_scope;
CREATE INDEX users_branch ON users (branch);

-- One user's set exactly as WORKING_SET_SQL gives it (the cap included), at the scope clock.
CREATE FUNCTION sapa_scope_user_desired(u uuid) RETURNS TABLE (customer_id uuid) LANGUAGE plpgsql STABLE AS $$
DECLARE
  cutoff timestamptz := sapa_scope_cutoff();
  ubranch text;
  cats text[];
  bound int;
BEGIN
  SELECT us.branch INTO ubranch FROM users us WHERE us.id = u;
  SELECT coalesce(array_agg(DISTINCT cat), '{}') INTO cats
    FROM users us JOIN queues q ON q.code = ANY (us.queues) AND q.active, unnest(q.case_categories) cat
   WHERE us.id = u;
  SELECT s.rule_bound INTO bound FROM scope_settings s;
  RETURN QUERY
    SELECT w.customer_id FROM working_sets w WHERE w.user_id = u AND EXISTS (SELECT 1 FROM customers c WHERE c.id = w.customer_id)
    UNION SELECT k.customer_id FROM cases k WHERE k.assignee_id = u AND k.status IN ('open', 'in_progress')
    UNION SELECT b.customer_id FROM callbacks b WHERE b.assignee_id = u AND b.status = 'open'
    UNION SELECT i.customer_id FROM interactions i WHERE i.agent_id = u AND i.started_at > cutoff
    UNION (SELECT rules.customer_id FROM (
        SELECT i.customer_id, max(i.started_at) AS last FROM interactions i JOIN customers c ON c.id = i.customer_id
         WHERE c.branch = ubranch AND i.started_at > cutoff GROUP BY i.customer_id
        UNION ALL
        SELECT k.customer_id, max(k.opened_at) AS last FROM cases k
         WHERE k.status IN ('open', 'in_progress') AND k.category = ANY (cats) GROUP BY k.customer_id
      ) rules GROUP BY rules.customer_id ORDER BY max(rules.last) DESC, rules.customer_id LIMIT bound);
END $$;

-- Recomputes one user's set exactly; memberships that change take a fresh version.
CREATE FUNCTION sapa_scope_refresh_user(u uuid) RETURNS int LANGUAGE plpgsql AS $$
DECLARE n int;
BEGIN
  PERFORM pg_advisory_xact_lock(7041964);
  WITH desired AS (SELECT d.customer_id FROM sapa_scope_user_desired(u) d),
  cur AS (SELECT m.customer_id FROM scope_members m WHERE m.user_id = u AND m.in_scope),
  changes AS (
    SELECT customer_id, true AS in_scope FROM (SELECT customer_id FROM desired EXCEPT SELECT customer_id FROM cur) a
    UNION ALL
    SELECT customer_id, false FROM (SELECT customer_id FROM cur EXCEPT SELECT customer_id FROM desired) b
  ),
  written AS (
    INSERT INTO scope_members AS m (user_id, customer_id, in_scope)
    SELECT u, c.customer_id, c.in_scope FROM changes c
    ON CONFLICT (user_id, customer_id) DO UPDATE SET in_scope = EXCLUDED.in_scope
    RETURNING 1)
  SELECT count(*) INTO n FROM written;
  IF n > 0 THEN PERFORM sapa_scope_notify(ARRAY[u]); END IF;
  RETURN n;
END $$;

-- Recomputes, for every user, the membership of the given customers with the rules
-- uncapped (the cap is applied by the sweep). Returns the users whose membership changed.
CREATE FUNCTION sapa_scope_refresh_customers(xs uuid[]) RETURNS uuid[] LANGUAGE plpgsql AS $$
DECLARE
  cutoff timestamptz := sapa_scope_cutoff();
  changed uuid[];
BEGIN
  IF xs IS NULL OR cardinality(xs) = 0 THEN RETURN '{}'; END IF;
  PERFORM pg_advisory_xact_lock(7041964);
  WITH x AS (SELECT c.id AS customer_id, c.branch FROM customers c WHERE c.id = ANY (xs)),
  desired AS (
    SELECT w.user_id, w.customer_id FROM working_sets w JOIN x USING (customer_id)
    UNION SELECT k.assignee_id, k.customer_id FROM cases k JOIN x USING (customer_id)
      WHERE k.assignee_id IS NOT NULL AND k.status IN ('open', 'in_progress')
    UNION SELECT b.assignee_id, b.customer_id FROM callbacks b JOIN x USING (customer_id)
      WHERE b.assignee_id IS NOT NULL AND b.status = 'open'
    UNION SELECT i.agent_id, i.customer_id FROM interactions i JOIN x USING (customer_id)
      WHERE i.agent_id IS NOT NULL AND i.started_at > cutoff
    UNION SELECT us.id, x.customer_id FROM x JOIN users us ON us.branch = x.branch
      WHERE EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = x.customer_id AND i.started_at > cutoff)
    UNION SELECT us.id, k.customer_id FROM cases k JOIN x USING (customer_id)
      JOIN queues q ON q.active AND k.category = ANY (q.case_categories)
      JOIN users us ON q.code = ANY (us.queues)
      WHERE k.status IN ('open', 'in_progress')
  ),
  cur AS (SELECT m.user_id, m.customer_id FROM scope_members m JOIN x USING (customer_id) WHERE m.in_scope),
  changes AS (
    SELECT user_id, customer_id, true AS in_scope FROM (SELECT * FROM desired EXCEPT SELECT * FROM cur) a
    UNION ALL
    SELECT user_id, customer_id, false FROM (SELECT * FROM cur EXCEPT SELECT * FROM desired) b
  ),
  written AS (
    INSERT INTO scope_members AS m (user_id, customer_id, in_scope)
    SELECT c.user_id, c.customer_id, c.in_scope FROM changes c
    ON CONFLICT (user_id, customer_id) DO UPDATE SET in_scope = EXCLUDED.in_scope
    RETURNING m.user_id)
  SELECT coalesce(array_agg(DISTINCT w.user_id), '{}') INTO changed FROM written w;
  RETURN changed;
END $$;

-- Targeted pokes: NOTIFY sapa_sync with the users whose scope a write touched,
-- 'u:<id>,<id>,…'. Over 150 users (NOTIFY's payload limit is 8000 bytes; a uuid and a comma
-- are 37) the payload is empty, which every instance reads as "poke every desktop".
CREATE FUNCTION sapa_scope_notify(users uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF users IS NULL OR cardinality(users) = 0 THEN RETURN; END IF;
  IF cardinality(users) > 150 THEN
    PERFORM pg_notify('sapa_sync', '');
  ELSE
    PERFORM pg_notify('sapa_sync', 'u:' || array_to_string(ARRAY(SELECT DISTINCT x::text FROM unnest(users) x ORDER BY 1), ','));
  END IF;
END $$;

-- Statement triggers of the customer-scoped tables: keep the scope current (tables that
-- are rule inputs) and poke the users who hold, or just lost, the customers touched.
CREATE FUNCTION sapa_scope_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  xs uuid[];
  changed uuid[] := '{}';
  key text := CASE WHEN TG_TABLE_NAME = 'customers' THEN 'id' ELSE 'customer_id' END;
  holders uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', key) INTO xs;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', key) INTO xs;
  ELSE
    EXECUTE format('SELECT array_agg(DISTINCT k) FROM (SELECT %1$I AS k FROM new_rows UNION SELECT %1$I FROM old_rows) t', key) INTO xs;
  END IF;
  IF xs IS NULL THEN RETURN NULL; END IF;
  -- Deleted customers' memberships are gone with them (cascade): poke every desktop.
  IF TG_TABLE_NAME = 'customers' AND TG_OP = 'DELETE' THEN PERFORM pg_notify('sapa_sync', ''); RETURN NULL; END IF;
  IF TG_ARGV[0] = 'rules' THEN changed := sapa_scope_refresh_customers(xs); END IF;
  SELECT array_agg(DISTINCT m.user_id) INTO holders FROM scope_members m WHERE m.customer_id = ANY (xs) AND m.in_scope;
  PERFORM sapa_scope_notify(coalesce(holders, '{}') || changed);
  RETURN NULL;
END $$;

-- Replace the poke-all statement triggers of migration 002 on the customer-scoped tables.
DROP TRIGGER customers_notify ON customers;
DROP TRIGGER interactions_notify ON interactions;
DROP TRIGGER cases_notify ON cases;
DROP TRIGGER orders_notify ON orders;
DROP TRIGGER receivables_notify ON receivables;
DROP TRIGGER contracts_notify ON contracts;
DROP TRIGGER notes_notify ON notes;
DROP TRIGGER callbacks_notify ON callbacks;

CREATE TRIGGER customers_scope_ins AFTER INSERT ON customers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER customers_scope_upd AFTER UPDATE ON customers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER customers_scope_del AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER interactions_scope_ins AFTER INSERT ON interactions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER interactions_scope_upd AFTER UPDATE ON interactions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER interactions_scope_del AFTER DELETE ON interactions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER cases_scope_ins AFTER INSERT ON cases REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER cases_scope_upd AFTER UPDATE ON cases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER cases_scope_del AFTER DELETE ON cases REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER callbacks_scope_ins AFTER INSERT ON callbacks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER callbacks_scope_upd AFTER UPDATE ON callbacks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER callbacks_scope_del AFTER DELETE ON callbacks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER working_sets_scope_ins AFTER INSERT ON working_sets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER working_sets_scope_upd AFTER UPDATE ON working_sets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER working_sets_scope_del AFTER DELETE ON working_sets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rules');
CREATE TRIGGER orders_scope_ins AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER orders_scope_upd AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER orders_scope_del AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER receivables_scope_ins AFTER INSERT ON receivables REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER receivables_scope_upd AFTER UPDATE ON receivables REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER receivables_scope_del AFTER DELETE ON receivables REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER contracts_scope_ins AFTER INSERT ON contracts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER contracts_scope_upd AFTER UPDATE ON contracts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER contracts_scope_del AFTER DELETE ON contracts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER notes_scope_ins AFTER INSERT ON notes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER notes_scope_upd AFTER UPDATE ON notes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');
CREATE TRIGGER notes_scope_del AFTER DELETE ON notes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_scope_rows('rows');

-- A user's branch or queues, a queue's categories: recompute those users exactly.
CREATE FUNCTION sapa_scope_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.branch IS DISTINCT FROM OLD.branch OR NEW.queues IS DISTINCT FROM OLD.queues THEN
    PERFORM sapa_scope_refresh_user(NEW.id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER users_scope AFTER INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION sapa_scope_user_changed();

CREATE FUNCTION sapa_scope_queue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE u uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.case_categories IS NOT DISTINCT FROM OLD.case_categories AND NEW.active = OLD.active THEN
    RETURN NULL;
  END IF;
  FOR u IN SELECT us.id FROM users us
            WHERE (TG_OP <> 'DELETE' AND NEW.code = ANY (us.queues)) OR (TG_OP <> 'INSERT' AND OLD.code = ANY (us.queues)) LOOP
    PERFORM sapa_scope_refresh_user(u);
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER queues_scope AFTER INSERT OR UPDATE OR DELETE ON queues FOR EACH ROW EXECUTE FUNCTION sapa_scope_queue_changed();

-- The sets as they are now, at version 0: desktops that synced before this migration hold
-- them already (the old pull evaluated the same rules), so nothing is sent again.
INSERT INTO scope_members (user_id, customer_id, in_scope, version)
SELECT us.id, d.customer_id, true, 0 FROM users us, LATERAL sapa_scope_user_desired(us.id) d
ON CONFLICT DO NOTHING;
UPDATE scope_settings SET swept_cutoff = sapa_scope_cutoff();

CREATE TRIGGER scope_members_version BEFORE INSERT OR UPDATE ON scope_members FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
