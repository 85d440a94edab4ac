-- Sales report (docs/reports.md, "Sales report"; src/server/reports/sales-report.ts).
--
-- A sales target is one more kind of sales_budgets: the won value a team or a rep is to
-- reach in a month or a quarter, set on the Budgets screen by the same managers, for the same
-- holders and periods, through the same route (budgets.set) as the prospecting and cost
-- budgets — no second table, route or screen. Costs are never booked against it
-- (sales_costs.budget keeps its own check).
ALTER TABLE sales_budgets DROP CONSTRAINT sales_budgets_kind_check;
ALTER TABLE sales_budgets ADD CONSTRAINT sales_budgets_kind_check CHECK (kind IN ('prospecting', 'cost', 'target'));
-- The report reads the budgets of a range of periods.
CREATE INDEX sales_budgets_period ON sales_budgets (period_start);

-- Per local day (Asia/Jakarta), owner and the owner's team when folded: the opportunities
-- closed won or lost that day (closed_at), the visits planned for it (planned_start) and the
-- costs spent on it (spent_on). A day is rebuilt whole from the record tables.
CREATE TABLE report_sales_daily (
  day date NOT NULL,
  team_id uuid,
  owner_id uuid NOT NULL,
  won int NOT NULL,
  won_value bigint NOT NULL,
  lost int NOT NULL,
  -- Planned: not cancelled; realised: checked in or done.
  visits_planned int NOT NULL,
  visits_realised int NOT NULL,
  prospecting_spent bigint NOT NULL,
  cost_spent bigint NOT NULL
);
CREATE INDEX report_sales_daily_day ON report_sales_daily (day);

-- The open pipeline per local day, as the last fold of that day saw it (each fold rewrites
-- today's rows from the open opportunities): a past period's pipeline is its last day's.
CREATE TABLE report_sales_pipeline (
  day date NOT NULL,
  stage_code text NOT NULL,
  team_id uuid,
  owner_id uuid NOT NULL,
  open int NOT NULL,
  value_idr bigint NOT NULL,
  -- Σ value × the stage's probability / 100 (the board's weighted value).
  weighted_idr double precision NOT NULL
);
CREATE INDEX report_sales_pipeline_day ON report_sales_pipeline (day);

-- The fold's per-day rebuild reads closed opportunities by closing time.
CREATE INDEX opportunities_closed ON opportunities (closed_at) WHERE closed_at IS NOT NULL;

-- The changed rows' timestamps (closed_at, planned_start; old and new) or dates (spent_on):
-- the fold turns them into local days and rebuilds those. The old values matter: a visit
-- moved to another day leaves its first day, a cost re-dated its first date.
CREATE TABLE report_sales_changes (at timestamptz, day date);

CREATE FUNCTION report_sales_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'opportunities' THEN
    IF TG_OP <> 'INSERT' AND OLD.closed_at IS NOT NULL THEN INSERT INTO report_sales_changes (at) VALUES (OLD.closed_at); END IF;
    IF TG_OP <> 'DELETE' AND NEW.closed_at IS NOT NULL THEN INSERT INTO report_sales_changes (at) VALUES (NEW.closed_at); END IF;
  ELSIF TG_TABLE_NAME = 'sales_visits' THEN
    IF TG_OP <> 'INSERT' THEN INSERT INTO report_sales_changes (at) VALUES (OLD.planned_start); END IF;
    IF TG_OP <> 'DELETE' THEN INSERT INTO report_sales_changes (at) VALUES (NEW.planned_start); END IF;
  ELSE
    IF TG_OP <> 'INSERT' THEN INSERT INTO report_sales_changes (day) VALUES (OLD.spent_on); END IF;
    IF TG_OP <> 'DELETE' THEN INSERT INTO report_sales_changes (day) VALUES (NEW.spent_on); END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER opportunities_report AFTER INSERT OR UPDATE OR DELETE ON opportunities
  FOR EACH ROW EXECUTE FUNCTION report_sales_note();
CREATE TRIGGER sales_visits_report AFTER INSERT OR UPDATE OR DELETE ON sales_visits
  FOR EACH ROW EXECUTE FUNCTION report_sales_note();
CREATE TRIGGER sales_costs_report AFTER INSERT OR UPDATE OR DELETE ON sales_costs
  FOR EACH ROW EXECUTE FUNCTION report_sales_note();

-- The records made before this migration: folded by the first fold.
INSERT INTO report_sales_changes (at) SELECT closed_at FROM opportunities WHERE closed_at IS NOT NULL;
INSERT INTO report_sales_changes (at) SELECT planned_start FROM sales_visits;
INSERT INTO report_sales_changes (day) SELECT spent_on FROM sales_costs;
-- The fold's turn-taking lock and when it last ran.
INSERT INTO report_watermarks (source) VALUES ('sales');
