-- Customers report (docs/reports.md, "Customers report"; src/server/reports/customers-report.ts):
-- new and lost customers, the base by tier, lifecycle stage movement and lifetime value. The
-- customers table (26 M rows at target) is never scanned per request: triggers write every
-- change that matters to a history (customer_lifecycle_events) and the fold sums it per local
-- day into small rollups, as migration 040 does for evaluations.

-- One row per change of a customer that the report counts, written by the triggers below:
--   opening   the customer existed when this migration ran (the backfill; not "new");
--   new       a customers row was created;
--   changed   its tier or lifecycle stage changed (from_* → to_*);
--   lost      its last active contract ended (no contract with status 'active' remains);
--   regained  a lost customer has an active contract again;
--   removed   the customers row was deleted (it leaves the base like a lost customer).
-- `active` says whether the customer is in the base after the change (not lost). No foreign
-- key: a deleted customer's history stays.
CREATE TABLE customer_lifecycle_events (
  id bigserial PRIMARY KEY,
  customer_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL CHECK (kind IN ('opening', 'new', 'changed', 'lost', 'regained', 'removed')),
  from_tier text,
  to_tier text NOT NULL,
  from_lifecycle text,
  to_lifecycle text NOT NULL,
  active boolean NOT NULL
);
CREATE INDEX customer_lifecycle_events_at ON customer_lifecycle_events (at, id);
-- A payment's tier is the one its customer held on the payment's day (the latest event before).
CREATE INDEX customer_lifecycle_events_customer ON customer_lifecycle_events (customer_id, at);

-- Whether a customer is lost: 'active' once they hold an active contract, 'lost' when the last
-- one ended. No row: never had a contract (a prospect, a prepaid customer) — in the base.
CREATE TABLE customer_contract_state (
  customer_id uuid PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('active', 'lost'))
);

-- The base's flows per local day and tier (the tier at the event). The base of a tier at a
-- moment = Σ (opening + new + regained − lost + moved_in − moved_out) of the days before it.
CREATE TABLE report_customers_daily (
  day date NOT NULL,
  tier text NOT NULL,
  opening int NOT NULL,
  new int NOT NULL,
  regained int NOT NULL,
  -- Lost and removed customers (both leave the base).
  lost int NOT NULL,
  -- Tier changes of customers in the base.
  moved_in int NOT NULL,
  moved_out int NOT NULL,
  PRIMARY KEY (day, tier)
);

-- Lifecycle movement per local day: from_lifecycle '' = a new customer entering at to_lifecycle.
CREATE TABLE report_customers_stage_daily (
  day date NOT NULL,
  from_lifecycle text NOT NULL,
  to_lifecycle text NOT NULL,
  moves int NOT NULL,
  PRIMARY KEY (day, from_lifecycle, to_lifecycle)
);

-- Events not folded yet (exact whatever their timestamps, like report_quality_changes).
CREATE TABLE report_customers_changes (event_id bigint NOT NULL);

-- Payments received (receivables.payments lines, migration 024), one row per line, with the
-- tier of the customer on the payment's day; the fold keeps it and the daily sums current.
CREATE TABLE report_customer_payments (
  receivable_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  paid_on date NOT NULL,
  tier text NOT NULL,
  amount_idr bigint NOT NULL
);
CREATE INDEX report_customer_payments_receivable ON report_customer_payments (receivable_id);
CREATE TABLE report_customers_paid_daily (
  day date NOT NULL,
  tier text NOT NULL,
  paid_idr bigint NOT NULL,
  PRIMARY KEY (day, tier)
);
-- Receivables whose payments changed since the last fold.
CREATE TABLE report_customers_payment_changes (receivable_id uuid NOT NULL);

-- Customers created, changed (tier, lifecycle) or deleted: one statement trigger each, over
-- the statement's rows (the bulk writers insert thousands of customers per statement).
CREATE FUNCTION report_customers_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH ev AS (
      INSERT INTO customer_lifecycle_events (customer_id, kind, to_tier, to_lifecycle, active)
      SELECT n.id, 'new', n.tier, n.lifecycle, true FROM new_rows n RETURNING id)
    INSERT INTO report_customers_changes SELECT id FROM ev;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH ev AS (
      INSERT INTO customer_lifecycle_events (customer_id, kind, from_tier, to_tier, from_lifecycle, to_lifecycle, active)
      SELECT n.id, 'changed', o.tier, n.tier, o.lifecycle, n.lifecycle,
             NOT EXISTS (SELECT 1 FROM customer_contract_state s WHERE s.customer_id = n.id AND s.state = 'lost')
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.tier <> o.tier OR n.lifecycle <> o.lifecycle RETURNING id)
    INSERT INTO report_customers_changes SELECT id FROM ev;
  ELSE
    WITH ev AS (
      INSERT INTO customer_lifecycle_events (customer_id, kind, from_tier, to_tier, from_lifecycle, to_lifecycle, active)
      SELECT o.id, 'removed', o.tier, o.tier, o.lifecycle, o.lifecycle, false FROM old_rows o
       -- A customer already lost left the base then: nothing more leaves now.
       WHERE NOT EXISTS (SELECT 1 FROM customer_contract_state s WHERE s.customer_id = o.id AND s.state = 'lost')
      RETURNING id)
    INSERT INTO report_customers_changes SELECT id FROM ev;
    DELETE FROM customer_contract_state WHERE customer_id IN (SELECT id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER customers_report_ins AFTER INSERT ON customers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_customers_note();
CREATE TRIGGER customers_report_upd AFTER UPDATE ON customers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_customers_note();
CREATE TRIGGER customers_report_del AFTER DELETE ON customers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_customers_note();

-- Contracts written (pipeline, feeds) or deleted: the touched customers' lost state. A
-- customer with no active contract left who had one is lost; one with an active contract
-- again is regained. (A deleted customer is not in the join: the delete trigger above says it.)
CREATE FUNCTION report_customers_contract_state(xs uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH cur AS (
    SELECT c.id, c.tier, c.lifecycle, s.state,
           EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id AND k.status = 'active') AS has_active
      FROM customers c LEFT JOIN customer_contract_state s ON s.customer_id = c.id
     WHERE c.id = ANY (xs)),
  ev AS (
    INSERT INTO customer_lifecycle_events (customer_id, kind, from_tier, to_tier, from_lifecycle, to_lifecycle, active)
    SELECT id, CASE WHEN has_active THEN 'regained' ELSE 'lost' END, tier, tier, lifecycle, lifecycle, has_active
      FROM cur WHERE (has_active AND state = 'lost') OR (NOT has_active AND state = 'active')
    RETURNING id),
  st AS (
    INSERT INTO customer_contract_state (customer_id, state)
    SELECT id, CASE WHEN has_active THEN 'active' ELSE 'lost' END FROM cur WHERE has_active OR state IS NOT NULL
    ON CONFLICT (customer_id) DO UPDATE SET state = EXCLUDED.state)
  INSERT INTO report_customers_changes SELECT id FROM ev;
END $$;

CREATE FUNCTION report_customers_contracts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  xs uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT customer_id) INTO xs FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT customer_id) INTO xs FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT k) INTO xs FROM (
      SELECT n.customer_id AS k FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.status IS DISTINCT FROM o.status OR n.customer_id <> o.customer_id
      UNION SELECT o.customer_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.customer_id <> o.customer_id) t;
  END IF;
  IF xs IS NOT NULL THEN PERFORM report_customers_contract_state(xs); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER contracts_report_ins AFTER INSERT ON contracts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_customers_contracts();
CREATE TRIGGER contracts_report_upd AFTER UPDATE ON contracts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_customers_contracts();
CREATE TRIGGER contracts_report_del AFTER DELETE ON contracts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_customers_contracts();

-- Receivables whose payments (or paid amount, or customer) changed: noted for the fold. The
-- invoices feed's unchanged rows are not updated (upsert compares), so they note nothing.
CREATE FUNCTION report_customers_payments_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_customers_payment_changes SELECT id FROM new_rows WHERE paid_idr <> 0 OR payments <> '[]'::jsonb;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_customers_payment_changes SELECT id FROM old_rows WHERE paid_idr <> 0 OR payments <> '[]'::jsonb;
  ELSE
    INSERT INTO report_customers_payment_changes SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE n.payments IS DISTINCT FROM o.payments OR n.paid_idr <> o.paid_idr OR n.customer_id <> o.customer_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER receivables_customers_ins AFTER INSERT ON receivables REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_customers_payments_note();
CREATE TRIGGER receivables_customers_upd AFTER UPDATE ON receivables REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_customers_payments_note();
CREATE TRIGGER receivables_customers_del AFTER DELETE ON receivables REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_customers_payments_note();

-- Backfill, once. Customers have no creation time, so the ones that exist now enter the
-- history as 'opening' at this migration's time (in the base from that day, never counted as
-- new). Their lost state: 'active' with an active contract, 'lost' when all their contracts
-- have ended (then they are not in the base).
INSERT INTO customer_contract_state (customer_id, state)
SELECT k.customer_id, CASE WHEN bool_or(k.status = 'active') THEN 'active' ELSE 'lost' END
  FROM contracts k GROUP BY k.customer_id;
WITH ev AS (
  INSERT INTO customer_lifecycle_events (customer_id, kind, to_tier, to_lifecycle, active)
  SELECT c.id, 'opening', c.tier, c.lifecycle,
         NOT EXISTS (SELECT 1 FROM customer_contract_state s WHERE s.customer_id = c.id AND s.state = 'lost')
    FROM customers c RETURNING id)
INSERT INTO report_customers_changes SELECT id FROM ev;
-- Payments made before this migration: folded by the first fold.
INSERT INTO report_customers_payment_changes SELECT id FROM receivables WHERE paid_idr <> 0 OR payments <> '[]'::jsonb;
-- The fold's turn-taking lock and when it last ran.
INSERT INTO report_watermarks (source) VALUES ('customers');
