-- Post-sales report (docs/reports.md, "Post-sales report"; src/server/reports/postsales-*.ts):
-- receivables ageing and collection, promises to pay kept, order cycle times — from three
-- rollups kept up to date from the record tables (024). Statement triggers note what changed
-- (the due dates of changed invoices, the promised dates of changed promises, the ids of
-- changed orders); the fold rebuilds exactly those keys whole from the records, so folding
-- twice changes nothing and the figures are exact whatever order the feeds write in.

-- Invoices' money flows per (due date, local day). Open amount at the end of day D of the
-- invoices due in a range = Σ (issued_idr − undated_idr − collected_idr) over the range's due
-- dates and day ≤ D; open invoices = Σ (issued − closed). A yearly report reads it once.
CREATE TABLE report_receivables_daily (
  due_date date NOT NULL,
  day date NOT NULL,
  -- Invoices issued on `day` (issued_at) and their amounts.
  issued int NOT NULL,
  issued_idr bigint NOT NULL,
  -- The paid amount the feed sent without dated payments (paidIdr only), taken as settled
  -- on the issue day: it never ages and is not a collection of any period.
  undated_idr bigint NOT NULL,
  -- Dated payments of `day` (paidAt, never before the issue day), up to the invoice's amount.
  collected_idr bigint NOT NULL,
  -- Invoices whose payments reached their amount on `day`.
  closed int NOT NULL,
  PRIMARY KEY (due_date, day)
);
-- The fold rebuilds an invoice's due date from all invoices due that day.
CREATE INDEX receivables_due ON receivables (due_date);

-- Promises to pay per promised day: how many, how much, how many were kept (the rule is
-- in postsales-rollup.ts). Broken and still open depend on today, so they are read as
-- "not kept, promised day before today" and "not kept, today or later".
CREATE TABLE report_promises_daily (
  day date PRIMARY KEY,
  promised int NOT NULL,
  promised_idr bigint NOT NULL,
  kept int NOT NULL,
  kept_idr bigint NOT NULL
);
CREATE INDEX payment_promises_date ON payment_promises (promised_date);

-- Each order that reached a final status: its local day, product, whether it was cancelled,
-- and its cycle in whole local days (placement day to completion day). Kept per order so a
-- changed order's previous day is known; the daily table below is what a report reads.
CREATE TABLE report_order_outcomes (
  order_id uuid PRIMARY KEY,
  day date NOT NULL,
  product text NOT NULL,
  cancelled boolean NOT NULL,
  cycle_days int
);
CREATE INDEX report_order_outcomes_day ON report_order_outcomes (day);
-- A histogram per day × product of cycle days (null for cancelled): sums and p90 exactly.
CREATE TABLE report_orders_daily (
  day date NOT NULL,
  product text NOT NULL,
  cancelled boolean NOT NULL,
  cycle_days int,
  orders int NOT NULL
);
CREATE INDEX report_orders_daily_day ON report_orders_daily (day);

CREATE TABLE report_receivable_changes (due_date date NOT NULL);
CREATE TABLE report_promise_changes (day date NOT NULL);
CREATE TABLE report_order_changes (order_id uuid NOT NULL);

-- Invoices: the due dates of new, changed (before and after) and deleted ones; the promised
-- days of a changed invoice's promises (its payments decide them). Only rows whose money or
-- dates changed are noted: a status-only write costs nothing more.
CREATE FUNCTION report_receivables_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_receivable_changes SELECT DISTINCT due_date FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_receivable_changes SELECT DISTINCT due_date FROM old_rows;
  ELSE
    WITH moved AS (
      SELECT n.id, o.due_date AS old_due, n.due_date AS new_due FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.amount_idr, n.paid_idr, n.issued_at, n.due_date, n.payments)
             IS DISTINCT FROM (o.amount_idr, o.paid_idr, o.issued_at, o.due_date, o.payments)
    ), promised AS (
      INSERT INTO report_promise_changes
        SELECT DISTINCT p.promised_date FROM payment_promises p WHERE p.receivable_id IN (SELECT id FROM moved)
    )
    INSERT INTO report_receivable_changes SELECT old_due FROM moved UNION SELECT new_due FROM moved;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER receivables_postsales_ins AFTER INSERT ON receivables REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_receivables_note();
CREATE TRIGGER receivables_postsales_upd AFTER UPDATE ON receivables REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_receivables_note();
CREATE TRIGGER receivables_postsales_del AFTER DELETE ON receivables REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_receivables_note();

CREATE FUNCTION report_promises_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO report_promise_changes SELECT DISTINCT promised_date FROM new_rows;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO report_promise_changes SELECT DISTINCT promised_date FROM old_rows;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER payment_promises_postsales_ins AFTER INSERT ON payment_promises REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_promises_note();
CREATE TRIGGER payment_promises_postsales_upd AFTER UPDATE ON payment_promises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_promises_note();
CREATE TRIGGER payment_promises_postsales_del AFTER DELETE ON payment_promises REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_promises_note();

-- Orders: the ids of new, deleted and changed ones (placement, product, status or history):
-- the fold knows each one's previous day from report_order_outcomes.
CREATE FUNCTION report_orders_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_order_changes SELECT id FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO report_order_changes SELECT id FROM old_rows;
  ELSE
    INSERT INTO report_order_changes
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.placed_at, n.product, n.status, n.status_history) IS DISTINCT FROM (o.placed_at, o.product, o.status, o.status_history);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER orders_postsales_ins AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_orders_note();
CREATE TRIGGER orders_postsales_upd AFTER UPDATE ON orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_orders_note();
CREATE TRIGGER orders_postsales_del AFTER DELETE ON orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_orders_note();

-- The records written before this migration: folded by the first fold.
INSERT INTO report_receivable_changes SELECT DISTINCT due_date FROM receivables;
INSERT INTO report_promise_changes SELECT DISTINCT promised_date FROM payment_promises;
INSERT INTO report_order_changes SELECT id FROM orders;
-- The fold's turn-taking lock and when it last ran.
INSERT INTO report_watermarks (source) VALUES ('postSales');
