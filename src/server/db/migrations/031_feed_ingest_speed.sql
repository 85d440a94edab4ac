-- The invoices feed at ≥ 20 000 records/s and the collectors' worklist at p95 ≤ 50 ms on
-- 1 M invoices (decision 0031, bench/README.md "Feeds").

-- 1. The customer of an invoice is checked once per statement, not once per row.
-- The foreign key's check ran per row and took a KEY SHARE lock on the customer's row:
-- every batch of 5 000 invoices dirtied (and WAL-logged) 5 000 customer rows. That was the
-- largest single cost of the ingest. A statement-level check over the statement's new rows
-- (one anti-join) keeps the rule "an invoice has a customer" without the row locks.
-- It is safe without them because every writer of receivables and every delete of a
-- customer hold the sync write lock (7041964, decision 0002) first: the check's snapshot
-- is taken under it, and the cascade below takes it before it looks.
ALTER TABLE receivables DROP CONSTRAINT receivables_customer_id_fkey;

CREATE FUNCTION sapa_receivables_customer_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing uuid;
BEGIN
  PERFORM pg_advisory_xact_lock(7041964);
  SELECT n.customer_id INTO missing FROM new_rows n
    WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = n.customer_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "receivables" violates the customer rule: customer % does not exist', missing
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER receivables_customer_insert AFTER INSERT ON receivables
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_receivables_customer_check();
CREATE TRIGGER receivables_customer_update AFTER UPDATE ON receivables
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sapa_receivables_customer_check();

-- A deleted customer's invoices go with it (what ON DELETE CASCADE did). The lock first: a
-- feed writing this customer's invoices has committed before the delete looks for them.
CREATE FUNCTION sapa_customer_receivables_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7041964);
  DELETE FROM receivables WHERE customer_id = OLD.id;
  RETURN OLD;
END $$;
CREATE TRIGGER customers_receivables_cascade AFTER DELETE ON customers
  FOR EACH ROW EXECUTE FUNCTION sapa_customer_receivables_cascade();

-- 2. The worklist's index covers what its filters read (customer, amounts): a page is found
-- from the index alone, and only the 50 rows shown are read from the table. With a
-- selective filter (a branch and a tier in one bucket) the old index had the table fetch
-- ≈ 1 400 scattered rows for one page.
DROP INDEX receivables_worklist;
CREATE INDEX receivables_worklist ON receivables (due_date, id) INCLUDE (customer_id, amount_idr, paid_idr)
  WHERE paid_idr < amount_idr;
